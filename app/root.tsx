import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  LiveReload,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useNonce } from "~/components/nonce";
import { OfflineStatus } from "~/components/offline-status";
import { SyncStatus } from "~/components/sync-status";
import { TEXT_SIZES, type DisplayPreferences } from "~/lib/display/display";
import { shellData } from "~/lib/shell.server";
import { DictionaryParts } from "~/lib/i18n/dictionaries";
import { useT } from "~/lib/i18n/use-t";
import stylesheet from "~/styles/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icon-192.png" },
];

export const meta: MetaFunction = () => [{ title: "HọcSố" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shell, headers } = await shellData(request);
  return data({ ...shell, requestId: context?.requestId ?? "" }, { headers });
}

// The root carries the session's user and the language: refetch it only when something can have
// changed them (a form submission such as login/logout, or a language switch), not on every navigation.
const SESSION_CHANGING_ACTIONS = [
  "/login",
  "/logout",
  "/register",
  "/reset-password",
  "/activate",
  "/account",
  "/display",
];

export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  formAction,
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) => {
  if (formMethod && formMethod.toUpperCase() !== "GET") {
    // Only these posts can change who is signed in; saving an answer or a lesson cannot.
    const path = formAction ? new URL(formAction, currentUrl).pathname : currentUrl.pathname;
    return (
      SESSION_CHANGING_ACTIONS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`)) &&
      defaultShouldRevalidate
    );
  }
  if (currentUrl.searchParams.get("lng") !== nextUrl.searchParams.get("lng") && nextUrl.searchParams.has("lng"))
    return true;
  return false;
};

type RootData = ReturnType<typeof useLoaderData<typeof loader>>;

function LanguageSwitch({ locale }: { locale: string }) {
  const { t } = useT();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.set("lng", locale === "vi" ? "en" : "vi");
  return (
    <a
      href={`${location.pathname}?${params.toString()}`}
      className="rounded px-2 py-1 text-sm font-medium text-white/90 underline-offset-2 hover:underline"
      hrefLang={locale === "vi" ? "en" : "vi"}
      lang={locale === "vi" ? "en" : "vi"}
    >
      {t("nav.switchTo")}
    </a>
  );
}

const TEXT_SIZE_GLYPHS = { normal: "A", large: "A+", larger: "A++" } as const;

/**
 * Text size and high contrast for people who see with difficulty: plain form buttons posting to
 * /display, which remembers them in a cookie so the server renders the next page with them.
 */
function DisplayControls({ display }: { display: DisplayPreferences }) {
  const { t } = useT();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const buttonClass = (pressed: boolean) =>
    `rounded border px-2 py-0.5 font-semibold ${pressed ? "border-white bg-white text-brand-900" : "border-white/60 text-white hover:bg-white/10"}`;
  return (
    <Form
      method="post"
      action="/display"
      preventScrollReset
      aria-label={t("display.label")}
      className="mx-auto flex max-w-6xl flex-wrap items-center justify-end gap-2 px-4 py-1 text-sm"
      data-testid="display-controls"
    >
      <input type="hidden" name="redirectTo" value={here} />
      <span id="display-text-size" aria-hidden="true">
        {t("display.textSize")}:
      </span>
      {TEXT_SIZES.map((size) => (
        <button
          key={size}
          type="submit"
          name="textSize"
          value={size}
          aria-pressed={display.textSize === size}
          className={buttonClass(display.textSize === size)}
        >
          <span aria-hidden="true">{TEXT_SIZE_GLYPHS[size]}</span>
          <span className="sr-only">{t(`display.size.${size}`)}</span>
        </button>
      ))}
      <button
        type="submit"
        name="contrast"
        value={display.contrast === "high" ? "normal" : "high"}
        aria-pressed={display.contrast === "high"}
        className={buttonClass(display.contrast === "high")}
      >
        {t("display.contrast")}
      </button>
    </Form>
  );
}

function Header({ root }: { root: RootData | undefined }) {
  const { t } = useT();
  const user = root?.user;
  const navClass = ({ isActive }: { isActive: boolean }) =>
    `rounded px-2 py-1 text-sm font-medium hover:bg-white/10 ${isActive ? "bg-white/15 text-white" : "text-white/90"}`;
  return (
    <header className="bg-brand-700 text-white">
      {root ? (
        <div className="bg-brand-900">
          <DisplayControls display={root.display} />
        </div>
      ) : null}
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link to="/" className="text-xl font-extrabold tracking-tight">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.main")} className="order-3 flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">
          <NavLink to="/courses" className={navClass}>
            {t("nav.courses")}
          </NavLink>
          {user ? (
            <NavLink to="/learning" className={navClass}>
              {t("nav.myLearning")}
            </NavLink>
          ) : null}
          {user ? (
            <NavLink to="/credits" className={navClass}>
              {t("nav.myCredits")}
            </NavLink>
          ) : null}
          {user && (user.role === "trainer" || user.role === "admin") ? (
            <NavLink to="/author" className={navClass}>
              {t("nav.author")}
            </NavLink>
          ) : null}
          {user?.isOrgAdmin && user.role !== "admin" ? (
            <NavLink to="/org" className={navClass}>
              {t("nav.org")}
            </NavLink>
          ) : null}
          {user?.role === "admin" ? (
            <NavLink to="/admin" className={navClass}>
              {t("nav.admin")}
            </NavLink>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-2">
          {root ? <LanguageSwitch locale={root.locale} /> : null}
          {user ? (
            <>
              <NavLink to="/account" className={navClass} title={t("nav.signedInAs", { name: user.fullName })}>
                {t("nav.account")}
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded px-2 py-1 text-sm font-medium text-white/90 hover:bg-white/10">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/login" className={navClass}>
                {t("nav.login")}
              </NavLink>
              <NavLink
                to="/register"
                className="rounded bg-white px-3 py-1 text-sm font-semibold text-brand-700 hover:bg-brand-50"
              >
                {t("nav.register")}
              </NavLink>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const { t } = useT();
  const nonce = useNonce();
  return (
    <html
      lang={root?.locale ?? "vi"}
      data-text-size={root?.display.textSize ?? "normal"}
      data-contrast={root?.display.contrast ?? "normal"}
    >
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b3d91" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-700"
        >
          {t("app.skipToContent")}
        </a>
        <DictionaryParts locale={root?.locale ?? "vi"} />
        <Header root={root} />
        <OfflineStatus />
        <SyncStatus />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-2 px-4 py-4 text-sm text-slate-600">
            <p>{t("app.footer")}</p>
            <Link to="/verify" className="link">
              {t("app.footer.verify")}
            </Link>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

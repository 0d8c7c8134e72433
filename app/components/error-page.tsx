import { isRouteErrorResponse, Link, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { useT } from "~/lib/i18n/use-t";

// Shown when the root loader itself failed and no translations are available.
const FALLBACK = {
  title: "Đã có lỗi xảy ra / Something went wrong",
  text: "Vui lòng thử lại sau. / Please try again later.",
};

/** The one error component every route's ErrorBoundary uses: translated, no stack traces. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t, hasMessages } = useT();
  const root = useRouteLoaderData<{ requestId?: string }>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known: Record<number, { title: string; text: string }> = {
    400: {
      title: "error.400.title",
      text: typeof (error as { data?: unknown })?.data === "string" ? String((error as { data: string }).data) : "",
    },
    403: { title: "error.403.title", text: "error.403.text" },
    404: { title: "error.404.title", text: "error.404.text" },
    413: { title: "error.413.title", text: "errors.bodyTooLarge" },
    429: { title: "error.429.title", text: "error.429.text" },
  };
  const copy = known[status] ?? { title: "error.500.title", text: "error.500.text" };
  const title = hasMessages ? t(copy.title) : FALLBACK.title;
  const text = hasMessages ? (copy.text ? t(copy.text) : "") : FALLBACK.text;
  return (
    <section className="mx-auto max-w-xl py-12 text-center" aria-labelledby="error-title">
      <p className="text-5xl font-bold text-brand-700">{status}</p>
      <h1 id="error-title" className="mt-4 text-2xl font-bold">
        {title}
      </h1>
      {text ? <p className="mt-3 text-slate-700">{text}</p> : null}
      {status >= 500 && root?.requestId ? (
        <p className="mt-3 font-mono text-sm text-slate-600">{t("error.requestId", { id: root.requestId })}</p>
      ) : null}
      <p className="mt-6">
        <Link to="/" className="btn-primary">
          {hasMessages ? t("error.backHome") : "Trang chủ / Home"}
        </Link>
      </p>
    </section>
  );
}

import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { publicBaseUrl, statusListUrl } from "~/lib/certificates/certificates.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.developers");

/** For developers and verifiers: the published keys and status list, and the offline steps (kept off /verify). */
export function loader() {
  const base = publicBaseUrl();
  return {
    jwksUrl: `${base}/.well-known/jwks.json`,
    didUrl: `${base}/.well-known/did.json`,
    statusListUrl: statusListUrl(),
    apiUrl: `${base}/api/verify/HS-XXXX-XXXX`,
  };
}

export default function DevelopersVerify() {
  const { t } = useT();
  const urls = useLoaderData<typeof loader>();
  const link = (url: string) => (
    <a href={url} className="link break-all font-mono text-sm">
      {url}
    </a>
  );
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("developers.title")}</h1>
        <p className="text-slate-700">{t("developers.lead")}</p>
      </header>
      <section className="card space-y-2" aria-labelledby="published-heading">
        <h2 id="published-heading" className="text-lg font-semibold">
          {t("developers.published")}
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            {t("developers.jwks")} {link(urls.jwksUrl)}
          </li>
          <li>
            {t("developers.did")} {link(urls.didUrl)}
          </li>
          <li>
            {t("developers.statusList")} {link(urls.statusListUrl)}
          </li>
          <li>
            {t("developers.api")} <span className="break-all font-mono text-sm">{urls.apiUrl}</span>
          </li>
        </ul>
      </section>
      <section className="card space-y-2" aria-labelledby="offline-heading">
        <h2 id="offline-heading" className="text-lg font-semibold">
          {t("developers.offline")}
        </h2>
        <ol className="list-decimal space-y-2 pl-5">
          <li>
            {t("developers.offline.step1")}
            <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs">
              {`curl -o jwks.json ${urls.jwksUrl}\ncurl -o status.jwt ${urls.statusListUrl}`}
            </pre>
          </li>
          <li>{t("developers.offline.step2")}</li>
          <li>
            {t("developers.offline.step3")}
            <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs">
              npm run verify -- HS-XXXX-XXXX.jwt --keys jwks.json --status status.jwt
            </pre>
          </li>
        </ol>
        <p className="text-sm text-slate-700">{t("developers.library")}</p>
      </section>
      <Link to="/verify" className="link">
        {t("developers.back")}
      </Link>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

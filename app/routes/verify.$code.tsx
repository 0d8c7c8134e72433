import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { CertificateFacts, VerdictPanel } from "~/components/verdict";
import { verifyByCode } from "~/lib/certificates/certificates.server";
import { clientIp } from "~/lib/http.server";
import { limitVerification } from "~/lib/rate-limit.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, "title.verify"),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await limitVerification(clientIp(request));
  return { result: await verifyByCode(params.code ?? "") };
}

export default function VerifyCode() {
  const { t, date, number, locale } = useT();
  const { result } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">{t("verify.title")}</h1>
      {result.found ? (
        <VerdictPanel status={result.status}>
          <CertificateFacts
            facts={[
              { label: t("certificates.code"), value: result.code },
              { label: t("verify.holder"), value: result.holderName },
              {
                label: t("verify.course"),
                value: `${locale === "en" ? result.courseTitleEn : result.courseTitleVi} (${t("certificates.versionOf", { number: result.versionNumber })})`,
              },
              { label: t("verify.credits"), value: number(result.credits) },
              { label: t("verify.issued"), value: date(result.issuedAt) },
              {
                label: t("verify.expires"),
                value: result.validUntil ? date(result.validUntil) : t("certificates.noExpiry"),
              },
            ]}
          />
          {result.status === "revoked" && result.revokedReason ? (
            <p className="mt-3 font-medium">{t("verify.revokedReason", { reason: result.revokedReason })}</p>
          ) : null}
          {result.supersededBy && result.status === "superseded" ? (
            <p className="mt-3">{t("verify.supersededBy", { number: result.supersededBy })}</p>
          ) : null}
        </VerdictPanel>
      ) : (
        <VerdictPanel status={result.reason} code={result.code} />
      )}
      <Link to="/verify" className="link">
        {t("verify.title")}
      </Link>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

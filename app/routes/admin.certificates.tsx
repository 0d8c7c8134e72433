import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { EmptyState } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, useActionResult } from "~/components/forms";
import { SearchForm } from "~/components/search-form";
import { requireRole } from "~/lib/accounts/auth.server";
import { revokeCertificate, searchCertificates } from "~/lib/certificates/certificates.server";
import { revokeSchema } from "~/lib/credits/credits.schema";
import { parseForm } from "~/lib/forms.server";
import { clientIp, formSuccess, invalidForm } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.admin.certificates");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, 120);
  return { query, certificates: await searchCertificates(query) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const parsed = await parseForm(request, revokeSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const result = await revokeCertificate(admin.id, parsed.data.code, parsed.data.reason, clientIp(request));
  if (!result.ok) return invalidForm({ code: result.error }, parsed.values);
  return formSuccess({ code: result.code });
}

const STATUS_TONE = {
  valid: "bg-green-100 text-green-900",
  superseded: "bg-amber-100 text-amber-900",
  expired: "bg-slate-200 text-slate-800",
  revoked: "bg-red-100 text-red-900",
} as const;

export default function AdminCertificates() {
  const { t, date, locale } = useT();
  const { certificates, query } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>() as
    { ok: boolean; code?: string; fieldErrors?: Record<string, string> } | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <section className="space-y-4" aria-labelledby="certificates-heading">
      <h2 id="certificates-heading" className="text-xl font-semibold">
        {t("admin.certificates")}
      </h2>
      {actionData?.ok ? (
        <FormAlert tone="success">{t("admin.certificates.revoked", { code: actionData.code ?? "" })}</FormAlert>
      ) : null}
      {actionData && !actionData.ok ? (
        <FormAlert>
          {Object.values(actionData.fieldErrors ?? {})
            .map((key) => t(key))
            .join(" ")}
        </FormAlert>
      ) : null}
      <SearchForm id="certificate-search" label="admin.certificates.search" query={query} />
      {certificates.length === 0 ? (
        <EmptyState>{t("admin.certificates.empty")}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {certificates.map((certificate) => (
            <li key={certificate.code} className="card space-y-2">
              <p className="flex flex-wrap items-center gap-2 font-semibold">
                <span className="font-mono">{certificate.code}</span> · {certificate.holderName}
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_TONE[certificate.status]}`}
                  data-testid="certificate-status"
                >
                  {t(`certificates.status.${certificate.status}`)}
                </span>
              </p>
              <p className="text-sm text-slate-700">
                {locale === "en" ? certificate.courseTitleEn : certificate.courseTitleVi} (
                {t("certificates.versionOf", { number: certificate.versionNumber })}) ·{" "}
                {t("certificates.issuedOn", { date: date(certificate.issuedAt) })}
              </p>
              {certificate.revokedAt ? (
                <p className="text-sm font-medium text-accent-600">
                  {t("certificates.status.revoked")} — {certificate.revokedReason}
                </p>
              ) : (
                <Form method="post" className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="code" value={certificate.code} />
                  <div className="min-w-[16rem] flex-1">
                    <label htmlFor={`reason-${certificate.code}`} className="block text-sm font-medium">
                      {t("admin.certificates.reason")}
                    </label>
                    <input
                      id={`reason-${certificate.code}`}
                      name="reason"
                      required
                      minLength={3}
                      maxLength={500}
                      className="input mt-1"
                    />
                  </div>
                  <label className="flex basis-full items-center gap-2 text-sm">
                    <input type="checkbox" name="confirm" value="yes" required className="h-4 w-4" />
                    {t("admin.certificates.confirm", { code: certificate.code })}
                  </label>
                  <button type="submit" className="btn-danger" disabled={busy}>
                    {t("admin.certificates.revoke")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

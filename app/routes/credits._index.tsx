import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DownloadLink } from "~/components/download-link";
import { CreditHistoryTable, CreditRequirementProgress } from "~/components/credit-summary";
import { EmptyState, TitledSection } from "~/components/data-table";
import { requireUser } from "~/lib/accounts/auth.server";
import { myCertificates } from "~/lib/certificates/certificates.server";
import { creditSummary } from "~/lib/credits/credits.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.credits");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [summary, certificates] = await Promise.all([creditSummary(user.id), myCertificates(user.id)]);
  return { summary, certificates };
}

export default function MyCredits() {
  const { t, date, number, locale } = useT();
  const { summary, certificates } = useLoaderData<typeof loader>();
  const { year, total, requirement, rows } = summary;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">{t("credits.title")}</h1>
      <section className="card space-y-3" aria-labelledby="year-heading">
        <h2 id="year-heading" className="text-xl font-bold text-green-800">
          {t("credits.yearTotal", { year, total: number(total) })}
        </h2>
        <CreditRequirementProgress
          year={year}
          total={total}
          requirement={requirement}
          noRequirement={t("credits.noRequirement")}
          showGap
        />
        <div className="flex flex-wrap gap-2 pt-2">
          <DownloadLink
            href="/credits/transcript/csv"
            fileName={`hocso-transcript-${year}.csv`}
            label={t("credits.downloadCsv")}
          />
          <DownloadLink
            href="/credits/transcript/pdf"
            fileName={`hocso-transcript-${year}.pdf`}
            label={t("credits.downloadPdf")}
          />
        </div>
      </section>

      <TitledSection id="certificates-heading" title={t("certificates.title")} headingClassName="text-xl font-bold">
        {certificates.length === 0 ? (
          <EmptyState>{t("certificates.empty")}</EmptyState>
        ) : (
          <ul className="space-y-3">
            {certificates.map((certificate) => (
              <li key={certificate.code} className="card space-y-2" data-testid="certificate">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="text-lg font-semibold">
                    {locale === "en" ? certificate.courseTitleEn : certificate.courseTitleVi}{" "}
                    <span className="text-sm font-normal text-slate-500">
                      ({t("certificates.versionOf", { number: certificate.versionNumber })})
                    </span>
                  </h3>
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-semibold ${certificate.status === "valid" ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}
                    data-testid="certificate-status"
                  >
                    {t(`certificates.status.${certificate.status}`)}
                  </span>
                </div>
                <p className="text-sm text-slate-700">
                  {t("certificates.code")}: <span className="font-mono font-semibold">{certificate.code}</span> ·{" "}
                  {t("courses.credits", { credits: number(certificate.credits) })} ·{" "}
                  {t("certificates.issuedOn", { date: date(certificate.issuedAt) })} ·{" "}
                  {certificate.validUntil
                    ? t("certificates.validUntil", { date: date(certificate.validUntil) })
                    : t("certificates.noExpiry")}
                </p>
                <div className="flex flex-wrap gap-2">
                  <DownloadLink
                    href={`/certificates/${certificate.code}/pdf`}
                    fileName={`${certificate.code}.pdf`}
                    label={t("certificates.downloadPdf")}
                    className="btn-primary"
                  />
                  <DownloadLink
                    href={`/certificates/${certificate.code}/jwt`}
                    fileName={`${certificate.code}.jwt`}
                    label={t("certificates.downloadJwt")}
                  />
                  <DownloadLink
                    href={`/certificates/${certificate.code}/json`}
                    fileName={`${certificate.code}.json`}
                    label={t("certificates.downloadJson")}
                  />
                  <Link to={`/verify/${certificate.code}`} className="btn-secondary">
                    {t("certificates.openVerify")}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </TitledSection>

      <TitledSection id="history-heading" title={t("credits.history")} headingClassName="text-xl font-bold">
        {rows.length === 0 ? (
          <EmptyState>{t("credits.empty")}</EmptyState>
        ) : (
          <CreditHistoryTable rows={rows} labelledBy="history-heading" />
        )}
      </TitledSection>
    </div>
  );
}

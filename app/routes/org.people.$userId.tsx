import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { CreditHistoryTable, CreditRequirementProgress } from "~/components/credit-summary";
import { DividedList, EmptyState, TitledSection } from "~/components/data-table";
import { InvitedBadge } from "~/components/org-unit";
import { requireRole } from "~/lib/accounts/auth.server";
import { parseForm } from "~/lib/forms.server";
import { clientIp, formSuccess, invalidForm } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { correctCredits, personView } from "~/lib/organizations/compliance.server";
import { creditCorrectionSchema } from "~/lib/organizations/organizations.schema";
import { requireOrgAdmin } from "~/lib/organizations/scope.server";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.org.person");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOrgAdmin(request);
  return { canCorrect: scope.global, ...(await personView(scope, params.userId ?? "", getLocale(request))) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Only platform admins correct credits: refused before the form is even read.
  await requireRole(request, "admin");
  const { user, scope } = await requireOrgAdmin(request);
  const parsed = await parseForm(request, creditCorrectionSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  await correctCredits(user, scope, params.userId ?? "", parsed.data, clientIp(request));
  return data(formSuccess({ at: Date.now() }));
}

const STATUS_STYLE: Record<string, string> = {
  completed: "bg-green-100 text-green-900",
  overdue: "bg-red-100 text-red-900",
  inProgress: "bg-blue-100 text-blue-900",
  notStarted: "bg-slate-200 text-slate-800",
};

export default function PersonPage() {
  const { t, date, number, locale } = useT();
  const { person, memberships, required, certificates, credits, canCorrect } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const form = useZodForm(creditCorrectionSchema, actionData?.ok ? undefined : actionData);
  const busy = useNavigation().state === "submitting";
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold">{person.fullName}</h2>
        <p className="text-sm text-slate-600">
          {person.email}
          {person.invited ? <InvitedBadge /> : null}
        </p>
        <ul className="flex flex-wrap gap-2 pt-1 text-sm">
          {memberships.map((membership) => (
            <li key={membership.unitId} className="rounded-full bg-slate-100 px-3 py-1">
              <Link to={`/org/units/${membership.unitId}`} className="link">
                {membership.name}
              </Link>{" "}
              · {membership.jobRole}
            </li>
          ))}
        </ul>
      </header>

      <TitledSection id="required-heading" level={3} title={t("org.person.required")}>
        {required.length === 0 ? (
          <EmptyState inline>{t("org.person.noRequired")}</EmptyState>
        ) : (
          <DividedList>
            {required.map((course) => (
              <li
                key={course.slug}
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2"
                data-testid="person-required"
              >
                <span>
                  <Link to={`/courses/${course.slug}`} className="link font-medium">
                    {course.title}
                  </Link>{" "}
                  <span className="text-sm text-slate-600">
                    ·{" "}
                    {course.completedAt
                      ? t("learning.completedOn", { date: date(course.completedAt) })
                      : t("learning.dueOn", { date: date(course.dueAt) })}
                    {!course.completedAt && course.newcomerGrace ? ` · ${t("org.person.newcomerGrace")}` : ""}
                  </span>
                </span>
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[course.status]}`}>
                  {t(`org.status.${course.status}`)}
                </span>
              </li>
            ))}
          </DividedList>
        )}
      </TitledSection>

      <TitledSection
        id="credits-heading"
        level={3}
        className="card space-y-3"
        title={t("credits.yearTotal", { year: credits.year, total: number(credits.total) })}
      >
        <CreditRequirementProgress
          year={credits.year}
          total={credits.total}
          requirement={credits.requirement}
          noRequirement={t("org.person.noRequirement")}
        />
        {credits.rows.length > 0 ? (
          <CreditHistoryTable rows={credits.rows} framed={false} labelledBy="credits-heading" />
        ) : null}
        {canCorrect ? (
          <Form
            key={actionData?.ok ? actionData.at : 0}
            method="post"
            noValidate
            onSubmit={form.onSubmit}
            className="grid gap-3 border-t border-slate-200 pt-3 sm:grid-cols-[8rem_1fr_auto] sm:items-end"
          >
            <TextField label={t("org.person.correctionAmount")} inputMode="decimal" field={form.field("amount")} />
            <TextField label={t("org.person.correctionNote")} field={form.field("note")} />
            <button type="submit" className="btn-secondary" disabled={busy}>
              {t("org.person.correct")}
            </button>
          </Form>
        ) : null}
        {actionData?.ok ? <FormAlert tone="success">{t("org.person.corrected")}</FormAlert> : null}
      </TitledSection>

      <TitledSection id="certs-heading" level={3} title={t("org.person.certificates")}>
        {certificates.length === 0 ? (
          <EmptyState inline>{t("org.person.noCertificates")}</EmptyState>
        ) : (
          <DividedList>
            {certificates.map((certificate) => (
              <li key={certificate.code} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
                <span>
                  {locale === "en" ? certificate.courseTitleEn : certificate.courseTitleVi}{" "}
                  <span className="text-sm text-slate-600">
                    · {t("certificates.issuedOn", { date: date(certificate.issuedAt) })} ·{" "}
                    <Link to={`/verify/${certificate.code}`} className="link font-mono">
                      {certificate.code}
                    </Link>
                  </span>
                </span>
                <span className="text-xs font-semibold">{t(`certificates.status.${certificate.status}`)}</span>
              </li>
            ))}
          </DividedList>
        )}
      </TitledSection>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

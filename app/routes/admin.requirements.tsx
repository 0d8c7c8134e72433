import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { DataTable, EmptyState } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { requireRole } from "~/lib/accounts/auth.server";
import { creditYear } from "~/lib/credits/completion-rule";
import { requirementSchema } from "~/lib/credits/credits.schema";
import { listRequirements, setRequirement } from "~/lib/credits/credits.server";
import { parseForm } from "~/lib/forms.server";
import { clientIp, formSuccess, invalidForm } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.admin.requirements");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return { requirements: await listRequirements(), currentYear: creditYear(new Date()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const parsed = await parseForm(request, requirementSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  await setRequirement(admin.id, parsed.data, clientIp(request));
  return formSuccess();
}

export default function AdminRequirements() {
  const { t, number } = useT();
  const { requirements, currentYear } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const form = useZodForm(requirementSchema, actionData?.ok ? undefined : actionData, { year: currentYear });
  const busy = useNavigation().state === "submitting";
  return (
    <section className="space-y-4" aria-labelledby="requirements-heading">
      <h2 id="requirements-heading" className="text-xl font-semibold">
        {t("credits.requirements.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("credits.requirements.lead")}</p>
      {actionData?.ok ? <FormAlert tone="success">{t("credits.requirements.saved")}</FormAlert> : null}
      <Form
        method="post"
        noValidate
        onSubmit={form.onSubmit}
        className="card grid gap-3 sm:grid-cols-[1fr_8rem_8rem_auto] sm:items-end"
      >
        <TextField label={t("credits.requirements.jobRole")} field={form.field("jobRole")} placeholder="chuyên viên" />
        <TextField label={t("credits.requirements.year")} inputMode="numeric" field={form.field("year")} />
        <TextField label={t("credits.requirements.credits")} inputMode="decimal" field={form.field("credits")} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("credits.requirements.save")}
        </button>
      </Form>
      {requirements.length === 0 ? (
        <EmptyState>{t("credits.requirements.empty")}</EmptyState>
      ) : (
        <DataTable
          labelledBy="requirements-heading"
          columns={[
            { label: t("credits.requirements.jobRole") },
            { label: t("credits.requirements.year") },
            { label: t("credits.requirements.credits"), align: "right" },
          ]}
        >
          {requirements.map((requirement) => (
            <tr key={requirement.id} className="border-t border-slate-200">
              <td className="px-3 py-2">{requirement.jobRole}</td>
              <td className="px-3 py-2">{requirement.year}</td>
              <td className="px-3 py-2 text-right">{number(requirement.credits)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

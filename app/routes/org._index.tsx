import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { EmptyState } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-page";
import { TextField, useZodForm, useActionResult } from "~/components/forms";
import { IntentCardForm, UnitCounts, UnitQuickLinks } from "~/components/org-unit";
import { parseForm } from "~/lib/forms.server";
import { clientIp, invalidForm } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { unitCreateSchema } from "~/lib/organizations/organizations.schema";
import { createUnit, listTopUnits } from "~/lib/organizations/organizations.server";
import { requireOrgAdmin } from "~/lib/organizations/scope.server";
import { invariantResponse } from "~/lib/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrgAdmin(request);
  return { global: scope.global, units: await listTopUnits(scope) };
}

/** Creating a top-level unit (a ministry, say) is for global admins; sub-units are created on a unit's page. */
export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await requireOrgAdmin(request);
  invariantResponse(scope.global, "Forbidden", { status: 403 });
  const parsed = await parseForm(request, unitCreateSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const result = await createUnit(
    user,
    scope,
    { parent: null, code: parsed.data.code, name: parsed.data.name },
    clientIp(request),
  );
  if (!result.ok) return invalidForm({ [result.field ?? "code"]: result.error }, parsed.values);
  return redirect(`/org/units/${result.id}`);
}

export default function OrgUnits() {
  const { t } = useT();
  const { global, units } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const form = useZodForm(unitCreateSchema, actionData, { intent: "create" });
  const busy = useNavigation().state === "submitting";
  return (
    <section className="space-y-4" aria-labelledby="units-heading">
      <h2 id="units-heading" className="text-xl font-semibold">
        {global ? t("org.units.roots") : t("org.units.mine")}
      </h2>
      {units.length === 0 ? (
        <EmptyState>{t("org.units.empty")}</EmptyState>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {units.map((unit) => (
            <li key={unit.id} className="card space-y-1">
              <h3 className="text-lg font-semibold">
                <Link to={`/org/units/${unit.id}`} className="link">
                  {unit.name}
                </Link>
              </h3>
              <p className="text-sm text-slate-600">
                <UnitCounts
                  code={unit.code}
                  subUnits={unit.subUnits}
                  members={unit.members}
                  headcount={unit.headcount}
                  withLabel
                />
              </p>
              <UnitQuickLinks unitId={unit.id} unitCode={unit.code} />
            </li>
          ))}
        </ul>
      )}
      {global ? (
        <IntentCardForm
          intent="create"
          form={form}
          columns="sm:grid-cols-[12rem_1fr_auto]"
          submitLabel={t("org.units.createRoot")}
          busy={busy}
        >
          <TextField
            label={t("org.unit.code")}
            field={form.field("code")}
            placeholder="BNV"
            autoCapitalize="characters"
          />
          <TextField label={t("org.unit.name")} field={form.field("name")} placeholder="Bộ Nội vụ" />
        </IntentCardForm>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

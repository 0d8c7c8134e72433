import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { EmptyState, TitledSection } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { RowActionForm } from "~/components/org-unit";
import { SelectField } from "~/components/select-field";
import { parseIntentForm, readFormData } from "~/lib/forms.server";
import { clientIp, formSuccess, invalidForm } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import {
  cancelAssignment,
  changeAssignmentDue,
  createAssignment,
  listAssignments,
  listCourseChoices,
} from "~/lib/organizations/assignments.server";
import { assignmentActionSchema, assignmentCreateSchema } from "~/lib/organizations/organizations.schema";
import { listJobRoles, listUnitChoices } from "~/lib/organizations/organizations.server";
import { reminderOffsets } from "~/lib/organizations/reminders.server";
import {
  DEFAULT_NEWCOMER_GRACE_DAYS,
  MAX_NEWCOMER_GRACE_DAYS,
  dateInputValue,
  dueAtFromDateInput,
} from "~/lib/organizations/rules";
import { requireOrgAdmin } from "~/lib/organizations/scope.server";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.org.assignments");

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrgAdmin(request);
  const locale = getLocale(request);
  const [assignments, courses, units, roles] = await Promise.all([
    listAssignments(scope, locale),
    listCourseChoices(locale),
    listUnitChoices(scope),
    listJobRoles(scope),
  ]);
  const unit = (new URL(request.url).searchParams.get("unit") ?? "").slice(0, 40);
  return {
    assignments,
    courses,
    units,
    roles,
    unit,
    reminderDays: reminderOffsets(),
    minDate: dateInputValue(new Date(Date.now() + 24 * 3600_000)),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await requireOrgAdmin(request);
  const formData = await readFormData(request);
  const ip = clientIp(request);
  const done = (notice: string) => data(formSuccess({ notice, at: Date.now() }));
  const parsed = parseIntentForm(formData, assignmentActionSchema);
  if (!parsed.ok) {
    // The due-date and cancel forms are buttons on a row: their problem is told above the table.
    const { intent } = parsed.values;
    if (intent === "create") return invalidForm(parsed.fieldErrors, parsed.values);
    return invalidForm({}, {}, intent === "due" ? "org.errors.dueDate" : "org.errors.course");
  }
  const input = parsed.data;
  switch (input.intent) {
    case "create": {
      const dueAt = dueAtFromDateInput(input.dueDate);
      if (!dueAt) return invalidForm({ dueDate: "org.errors.dueDate" }, parsed.values);
      const result = await createAssignment(user, scope, { ...input, dueAt }, ip);
      if (!result.ok) return invalidForm({ [result.field]: result.error }, parsed.values);
      return done("org.assign.created");
    }
    case "due": {
      const dueAt = dueAtFromDateInput(input.dueDate);
      if (!dueAt) return invalidForm({}, {}, "org.errors.dueDate");
      const result = await changeAssignmentDue(user, scope, input.assignmentId, dueAt, ip);
      if (!result.ok) return invalidForm({}, {}, result.error);
      return done("org.assign.dueChanged");
    }
    case "delete":
      await cancelAssignment(user, scope, input.assignmentId, ip);
      return done("org.assign.cancelled");
  }
}

export default function AssignmentsPage() {
  const { t, date, locale } = useT();
  const { assignments, courses, units, roles, unit, reminderDays, minDate } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const busy = useNavigation().state === "submitting";
  const form = useZodForm(assignmentCreateSchema, actionData?.ok ? undefined : actionData, {
    intent: "create",
    unitCode: unit,
    target: "latest",
    courseSlug: courses[0]?.slug ?? "",
    newcomerGraceDays: DEFAULT_NEWCOMER_GRACE_DAYS,
  });
  // After a success the form starts empty again, with JavaScript as without (a fresh page).
  const { reset: resetForm } = form;
  useEffect(() => {
    if (actionData?.ok) resetForm();
  }, [actionData, resetForm]);
  const courseField = form.field("courseSlug");
  const unitField = form.field("unitCode");
  const graceField = form.field("newcomerGraceDays");
  const targetField = form.field("target");
  const reset = actionData?.ok ? actionData.at : 0;
  return (
    <div className="space-y-6">
      <TitledSection id="assign-heading" title={t("org.assign.title")}>
        <p className="text-sm text-slate-700">{t("org.assign.lead")}</p>
        <p className="text-sm text-slate-700">
          {t("org.assign.reminders", { days: reminderDays.join(locale === "en" ? " and " : " và ") })}
        </p>
        {actionData?.ok && actionData.notice ? <FormAlert tone="success">{t(actionData.notice)}</FormAlert> : null}
        {actionData && !actionData.ok && actionData.formError ? <FormAlert>{t(actionData.formError)}</FormAlert> : null}
        <Form
          key={`assign-${reset}`}
          method="post"
          noValidate
          onSubmit={form.onSubmit}
          className="card grid gap-4 md:grid-cols-2"
        >
          <input type="hidden" {...form.register("intent")} value="create" />
          <div className="space-y-1">
            <SelectField
              label={t("org.assign.unit")}
              name="unitCode"
              error={unitField.error}
              registration={unitField.registration}
              defaultValue={unitField.defaultValue}
            >
              <option value="">{t("org.assign.unitChoose")}</option>
              {units.map((choice) => (
                <option key={choice.id} value={choice.code}>
                  {/* Non-breaking spaces indent a sub-unit under its parent: a select shows no other nesting. */}
                  {`${"\u00a0\u00a0".repeat(choice.level)}${choice.level > 0 ? "└ " : ""}${choice.name} (${choice.code})`}
                </option>
              ))}
            </SelectField>
            <p className="text-sm text-slate-600">{t("org.assign.unitHint")}</p>
          </div>
          <TextField
            label={t("org.assign.jobRole")}
            hint={t("org.assign.jobRoleHint")}
            list="job-roles"
            field={form.field("jobRole")}
          />
          <datalist id="job-roles">
            {roles.map((role) => (
              <option key={role} value={role} />
            ))}
          </datalist>
          <SelectField
            label={t("org.assign.course")}
            name="courseSlug"
            error={courseField.error}
            registration={courseField.registration}
            defaultValue={courseField.defaultValue}
          >
            {courses.map((course) => (
              <option key={course.slug} value={course.slug}>
                {course.title}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("org.assign.target")}
            name="target"
            error={targetField.error}
            registration={targetField.registration}
            defaultValue={targetField.defaultValue}
          >
            <option value="latest">{t("org.assign.target.latest")}</option>
            <option value="delta">{t("org.assign.target.delta")}</option>
          </SelectField>
          <TextField label={t("org.assign.dueDate")} type="date" min={minDate} field={form.field("dueDate")} />
          <TextField
            label={t("org.assign.graceDays")}
            hint={t("org.assign.graceDaysHint")}
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_NEWCOMER_GRACE_DAYS}
            // A number default is not rendered without JavaScript: the field shows it as text.
            defaultValue={graceField.defaultValue ?? String(DEFAULT_NEWCOMER_GRACE_DAYS)}
            field={graceField}
          />
          <div className="flex items-end">
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("org.assign.submit")}
            </button>
          </div>
        </Form>
      </TitledSection>

      <TitledSection id="assignments-heading" title={t("org.assign.list")}>
        {assignments.length === 0 ? (
          <EmptyState>{t("org.assign.empty")}</EmptyState>
        ) : (
          <ul className="space-y-3">
            {assignments.map((assignment) => (
              <li key={assignment.id} className="card space-y-2" data-testid="assignment">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold">{assignment.courseTitle}</h3>
                  <span className="text-sm font-medium">{t("learning.dueOn", { date: date(assignment.dueAt) })}</span>
                </div>
                <p className="text-sm text-slate-700">
                  {t("org.assign.scopeLine", { unit: assignment.unit.name, code: assignment.unit.code })} ·{" "}
                  {assignment.jobRole
                    ? t("org.assign.roleOnly", { role: assignment.jobRole })
                    : t("org.assign.allRoles")}{" "}
                  · {t(`org.assign.target.${assignment.target}`)} ·{" "}
                  {t("org.assign.graceLine", { days: assignment.newcomerGraceDays })}
                </p>
                <p className="flex flex-wrap gap-3 text-sm">
                  <Link
                    to={`/org/compliance?unit=${assignment.unit.id}&course=${encodeURIComponent(assignment.courseSlug)}`}
                    className="link"
                  >
                    {t("org.nav.compliance")}
                  </Link>
                </p>
                {assignment.editable ? (
                  <div className="flex flex-wrap items-end gap-3 border-t border-slate-200 pt-2">
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="due" />
                      <input type="hidden" name="assignmentId" value={assignment.id} />
                      <div className="space-y-1">
                        <label htmlFor={`due-${assignment.id}`} className="block text-sm font-medium">
                          {t("org.assign.newDue")}
                        </label>
                        <input
                          id={`due-${assignment.id}`}
                          name="dueDate"
                          type="date"
                          min={minDate}
                          required
                          className="input py-1"
                        />
                      </div>
                      <button type="submit" className="btn-secondary px-3 py-1.5" disabled={busy}>
                        {t("org.assign.changeDue")}
                      </button>
                    </Form>
                    <RowActionForm
                      intent="delete"
                      fields={{ assignmentId: assignment.id }}
                      label={t("org.assign.cancel")}
                      busy={busy}
                      buttonClassName="btn-secondary px-3 py-1.5"
                    />
                  </div>
                ) : (
                  <p className="text-xs text-slate-600">{t("org.assign.inherited")}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </TitledSection>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

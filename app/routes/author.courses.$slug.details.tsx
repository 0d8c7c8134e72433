import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import {
  SaveIndicator,
  SelectField,
  TextAreaField,
  UnsavedChangesGuard,
  useDraftAutosave,
  useFieldErrors,
  VersionBanner,
} from "~/components/authoring";
import { useHydrated } from "~/components/use-hydrated";
import { GeneralErrorBoundary } from "~/components/error-page";
import { TextField, useZodForm, useActionResult } from "~/components/forms";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { courseDetailsSchema } from "~/lib/authoring/authoring.schema";
import { getDetails, saveDetails } from "~/lib/authoring/authoring.server";
import { skillLabel } from "~/lib/courses/digcomp";
import { invalidForm } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { parseFormData, readFormData } from "~/lib/forms.server";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.details", parentTitle(matches, "routes/author.courses.$slug"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return getDetails(ctx);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const parsed = parseFormData(await readFormData(request), courseDetailsSchema, ["skills"]);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  return { ...(await saveDetails(ctx, parsed.data)), values: parsed.values };
}

export default function CourseDetails() {
  const { t, locale } = useT();
  const { version, values, skillCodes } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const form = useZodForm(courseDetailsSchema, actionData, values);
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useDraftAutosave({ formRef, validate: () => form.trigger() });
  const error = useFieldErrors(form.formState.errors, autosave.serverErrors ?? actionData?.fieldErrors);
  const hydrated = useHydrated();
  const reg = (name: Parameters<typeof form.register>[0]) => form.register(name);
  return (
    <div className="space-y-4" data-hydrated={hydrated || undefined}>
      <VersionBanner version={version} />
      <Form
        ref={formRef}
        method="post"
        noValidate
        onChange={autosave.onChange}
        onSubmit={(event) => void form.handleSubmit(() => autosave.save())(event)}
        className="card space-y-4"
      >
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            label={t("authoring.field.titleVi")}
            required
            registration={reg("titleVi")}
            defaultValue={values.titleVi}
            error={error("titleVi")}
          />
          <TextField
            label={t("authoring.field.titleEn")}
            required
            registration={reg("titleEn")}
            defaultValue={values.titleEn}
            error={error("titleEn")}
          />
          <TextAreaField
            label={t("authoring.field.summaryVi")}
            rows={4}
            registration={reg("summaryVi")}
            defaultValue={values.summaryVi}
            error={error("summaryVi")}
          />
          <TextAreaField
            label={t("authoring.field.summaryEn")}
            rows={4}
            registration={reg("summaryEn")}
            defaultValue={values.summaryEn}
            error={error("summaryEn")}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <SelectField
            label={t("authoring.field.audience")}
            registration={reg("audience")}
            defaultValue={values.audience}
            error={error("audience")}
          >
            {(["citizens", "officials", "both"] as const).map((a) => (
              <option key={a} value={a}>
                {t(`courses.audience.${a}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t("authoring.field.durationMinutes")}
            inputMode="numeric"
            registration={reg("durationMinutes")}
            defaultValue={values.durationMinutes}
            error={error("durationMinutes")}
          />
          <TextField
            label={t("authoring.field.validity")}
            hint={t("authoring.field.validityHint")}
            inputMode="numeric"
            registration={reg("certificateValidityMonths")}
            defaultValue={values.certificateValidityMonths}
            error={error("certificateValidityMonths")}
          />
          <TextField
            label={t("authoring.field.credits")}
            inputMode="decimal"
            registration={reg("credits")}
            defaultValue={values.credits}
            error={error("credits")}
          />
          <TextField
            label={t("authoring.field.deltaCredits")}
            hint={t("authoring.field.deltaCreditsHint")}
            inputMode="decimal"
            registration={reg("deltaCredits")}
            defaultValue={values.deltaCredits}
            error={error("deltaCredits")}
          />
        </div>
        <fieldset className="space-y-2" aria-describedby={error("skills") ? "skills-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">{t("authoring.field.skills")}</legend>
          <div className="gap-4 sm:columns-2" data-testid="skills">
            {skillCodes.map((code) => (
              <label key={code} className="mb-1 flex break-inside-avoid items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  value={code}
                  defaultChecked={values.skills.includes(code)}
                  className="mt-1 h-4 w-4 accent-brand-700"
                  {...reg("skills")}
                />
                <span>{skillLabel(code, locale)}</span>
              </label>
            ))}
          </div>
          {error("skills") ? (
            <p id="skills-error" className="text-sm font-medium text-accent-600">
              {t(error("skills")!)}
            </p>
          ) : null}
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" name="intent" value="save" className="btn-primary">
            {t("authoring.save.button")}
          </button>
          <SaveIndicator
            state={autosave.state === "idle" && actionData?.ok ? "saved" : autosave.state}
            savedAt={autosave.savedAt ?? actionData?.savedAt ?? null}
          />
        </div>
      </Form>
      <UnsavedChangesGuard when={autosave.dirty} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

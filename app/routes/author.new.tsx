import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useHydrated } from "~/components/use-hydrated";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { requireTrainer } from "~/lib/authoring/access.server";
import { newCourseSchema } from "~/lib/authoring/authoring.schema";
import { createCourse } from "~/lib/authoring/authoring.server";
import { slugify } from "~/lib/exams/question";
import { parseForm } from "~/lib/forms.server";
import { clientIp, invalidForm } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.authorNew");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireTrainer(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireTrainer(request);
  const parsed = await parseForm(request, newCourseSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const result = await createCourse(user, parsed.data, clientIp(request));
  if (!result.ok) return invalidForm(result.fieldErrors, parsed.values);
  return redirect(`/author/courses/${result.slug}/details`);
}

export default function NewCourse() {
  const { t } = useT();
  const actionData = useActionResult<typeof action>();
  const form = useZodForm(newCourseSchema, actionData);
  const busy = useNavigation().state === "submitting";
  const hydrated = useHydrated();
  const slugEdited = useRef(Boolean(actionData?.values?.slug));
  const titleVi = form.watch("titleVi");
  const { setValue } = form;
  // The address follows the Vietnamese title until the trainer types one of their own.
  useEffect(() => {
    if (!slugEdited.current && typeof titleVi === "string") setValue("slug", slugify(titleVi, 60));
  }, [titleVi, setValue]);
  return (
    <div className="mx-auto max-w-xl space-y-4" data-hydrated={hydrated || undefined}>
      <p className="text-sm">
        <Link to="/author" className="link">
          ← {t("authoring.workspace.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("authoring.new.title")}</h1>
      {actionData?.formError ? <FormAlert>{t(actionData.formError)}</FormAlert> : null}
      <Form method="post" noValidate onSubmit={form.onSubmit} className="card space-y-4">
        <TextField label={t("authoring.field.titleVi")} required field={form.field("titleVi")} />
        <TextField label={t("authoring.field.titleEn")} required field={form.field("titleEn")} />
        <TextField
          label={t("authoring.field.slug")}
          hint={t("authoring.field.slugHint")}
          required
          onInput={() => {
            slugEdited.current = true;
          }}
          field={form.field("slug")}
        />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("authoring.new.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

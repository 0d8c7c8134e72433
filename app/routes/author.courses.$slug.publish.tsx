import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { DiffTables, ProblemList, TextAreaField, useFieldErrors } from "~/components/authoring";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, useZodForm, useActionResult } from "~/components/forms";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { publishSchema } from "~/lib/authoring/authoring.schema";
import { getPublishPage, publishDraft } from "~/lib/authoring/publish.server";
import type {} from "~/lib/authoring/publish-check";
import { parseFormData, readFormData } from "~/lib/forms.server";
import { clientIp, invalidForm } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.publish", parentTitle(matches, "routes/author.courses.$slug"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return getPublishPage(ctx);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const parsed = parseFormData(await readFormData(request), publishSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const result = await publishDraft(ctx, parsed.data, clientIp(request));
  if (result.ok) return redirect(`/author/courses/${ctx.slug}/versions/${result.number}?published=1`);
  if ("problems" in result) return invalidForm({}, parsed.values, "authoring.publish.refused");
  return invalidForm(result.fieldErrors, parsed.values, result.fieldErrors.form);
}

export default function Publish() {
  const { t } = useT();
  const { slug } = useParams();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const form = useZodForm(publishSchema, actionData, {
    change: page.previousNumber ? undefined : "first",
    changeNote: "",
  });
  const error = useFieldErrors(form.formState.errors, actionData?.fieldErrors);
  const busy = useNavigation().state === "submitting";
  if (page.draftNumber === null) {
    return (
      <div className="card space-y-2">
        <p>{t("authoring.publish.noDraft")}</p>
        <Link to={`/author/courses/${slug}/content`} className="link">
          {t("authoring.overview.edit")}
        </Link>
      </div>
    );
  }
  const change = form.watch("change");
  return (
    <div className="space-y-6">
      <h2 className="text-xl font-bold">{t("authoring.publish.title", { number: page.draftNumber })}</h2>
      {actionData?.formError ? <FormAlert>{t(actionData.formError)}</FormAlert> : null}
      {page.problems.length > 0 ? (
        <section aria-labelledby="problems-heading" className="space-y-3">
          <h3 id="problems-heading" className="font-semibold">
            {t("authoring.publish.problems", { count: page.problems.length })}
          </h3>
          <ProblemList slug={slug ?? ""} problems={page.problems} />
        </section>
      ) : null}
      {page.diff && page.previousNumber ? (
        <section aria-labelledby="diff-heading" className="space-y-3">
          <h3 id="diff-heading" className="font-semibold">
            {t("authoring.publish.diff", { number: page.draftNumber, previous: page.previousNumber })}
          </h3>
          <p className="text-sm text-slate-700">{t("authoring.publish.diffLead")}</p>
          <DiffTables diff={page.diff} />
        </section>
      ) : null}
      {page.problems.length === 0 ? (
        <Form method="post" noValidate onSubmit={form.onSubmit} className="card space-y-4">
          {page.previousNumber ? (
            <fieldset className="space-y-2">
              <legend className="font-semibold">{t("authoring.publish.kind")}</legend>
              <label className="flex items-start gap-2 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                <input
                  type="radio"
                  value="material"
                  className="mt-1 h-4 w-4 accent-brand-700"
                  {...form.register("change")}
                />
                <span>
                  <span className="font-medium">{t("authoring.change.material")}</span>
                  <span className="block text-sm text-slate-700">
                    {t("authoring.publish.materialHint", {
                      lessons: page.diff?.newOrChangedLessonKeys.length ?? 0,
                      holders: page.holders,
                    })}
                  </span>
                </span>
              </label>
              <label className="flex items-start gap-2 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                <input
                  type="radio"
                  value="cosmetic"
                  className="mt-1 h-4 w-4 accent-brand-700"
                  {...form.register("change")}
                />
                <span>
                  <span className="font-medium">{t("authoring.change.cosmetic")}</span>
                  <span className="block text-sm text-slate-700">{t("authoring.publish.cosmeticHint")}</span>
                </span>
              </label>
              {error("change") ? <p className="text-sm font-medium text-accent-600">{t(error("change")!)}</p> : null}
            </fieldset>
          ) : (
            <>
              <input type="hidden" value="first" {...form.register("change")} />
              <p className="text-sm text-slate-700">{t("authoring.publish.firstHint")}</p>
            </>
          )}
          <TextAreaField
            label={t("authoring.publish.changeNote")}
            hint={
              page.previousNumber ? t("authoring.publish.changeNoteHint") : t("authoring.publish.changeNoteOptional")
            }
            rows={3}
            registration={form.register("changeNote")}
            error={error("changeNote")}
          />
          {change === "material" && page.holders > 0 ? (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {t("authoring.publish.materialWarning", { holders: page.holders })}
            </p>
          ) : null}
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("authoring.publish.submit", { number: page.draftNumber })}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

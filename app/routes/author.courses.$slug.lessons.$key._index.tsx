import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams } from "@remix-run/react";
import { useDeferredValue, useMemo, useRef } from "react";
import {
  SaveIndicator,
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
import { lessonActionSchema, lessonSchema } from "~/lib/authoring/authoring.schema";
import { getLessonEditor, saveLesson } from "~/lib/authoring/authoring.server";
import { renderMarkdown } from "~/lib/content/markdown";
import { invalidForm } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { parseIntentForm, readFormData } from "~/lib/forms.server";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.lesson", parentTitle(matches, "routes/author.courses.$slug"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return getLessonEditor(ctx, params.key ?? "", getLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const parsed = parseIntentForm(await readFormData(request), lessonActionSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  if (parsed.data.intent === "preview") {
    // Without JavaScript, "Xem trước" renders on the server with the same sanitiser learners get.
    return { ok: true as const, preview: renderMarkdown(parsed.data.markdown), values: parsed.values };
  }
  return { ...(await saveLesson(ctx, params.key ?? "", parsed.data)), values: parsed.values };
}

export default function LessonEditor() {
  const { t } = useT();
  const { slug } = useParams();
  const { version, key, moduleTitle, attachments, values } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const form = useZodForm(lessonSchema, actionData, values);
  const formRef = useRef<HTMLFormElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  const hydrated = useHydrated();
  const autosave = useDraftAutosave({ formRef, validate: () => form.trigger() });
  const error = useFieldErrors(form.formState.errors, autosave.serverErrors ?? actionData?.fieldErrors);
  const markdown = useDeferredValue(form.watch("markdown") as string | undefined);
  const liveHtml = useMemo(() => (hydrated ? renderMarkdown(markdown ?? "") : ""), [hydrated, markdown]);
  const html = hydrated ? liveHtml : actionData?.preview;
  const initial = { ...values, ...(actionData?.values as Partial<typeof values> | undefined) };
  return (
    <div className="space-y-4" data-hydrated={hydrated || undefined}>
      <p className="text-sm">
        <Link to={`/author/courses/${slug}/content`} className="link">
          ← {t("authoring.nav.content")}
        </Link>{" "}
        <span className="text-slate-500">· {moduleTitle}</span>
      </p>
      <VersionBanner version={version} />
      <Form
        ref={formRef}
        method="post"
        noValidate
        onChange={autosave.onChange}
        onSubmit={(event) => {
          const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          if (submitter?.value === "preview") {
            event.preventDefault();
            previewRef.current?.scrollIntoView({ block: "start" });
            previewRef.current?.focus();
            return;
          }
          void form.handleSubmit(() => autosave.save())(event);
        }}
        className="grid gap-4 lg:grid-cols-2"
      >
        <div className="card space-y-4">
          <p className="text-sm text-slate-600">
            {t("authoring.field.lessonKey")}: <code>{key}</code>
          </p>
          <TextField
            label={t("authoring.field.titleVi")}
            registration={form.register("titleVi")}
            defaultValue={initial.titleVi}
            error={error("titleVi")}
          />
          <TextField
            label={t("authoring.field.titleEn")}
            registration={form.register("titleEn")}
            defaultValue={initial.titleEn}
            error={error("titleEn")}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t("authoring.field.durationMinutes")}
              inputMode="numeric"
              registration={form.register("durationMinutes")}
              defaultValue={initial.durationMinutes}
              error={error("durationMinutes")}
            />
            <label className="flex items-center gap-2 self-end pb-2 text-sm font-medium">
              <input
                type="checkbox"
                className="h-4 w-4 accent-brand-700"
                defaultChecked={values.required}
                {...form.register("required")}
              />
              {t("authoring.field.required")}
            </label>
          </div>
          <TextAreaField
            label={t("authoring.field.markdown")}
            hint={t("authoring.field.markdownHint")}
            rows={18}
            spellCheck
            className="[&_textarea]:font-mono [&_textarea]:text-sm"
            registration={form.register("markdown")}
            defaultValue={initial.markdown}
            error={error("markdown")}
          />
          <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-semibold">{t("authoring.field.video")}</legend>
            <TextField
              label={t("authoring.field.videoSrc")}
              hint={t("authoring.field.videoSrcHint")}
              registration={form.register("videoSrc")}
              defaultValue={initial.videoSrc}
              error={error("videoSrc")}
            />
            <TextField
              label={t("authoring.field.videoDuration")}
              inputMode="numeric"
              registration={form.register("videoDurationSeconds")}
              defaultValue={initial.videoDurationSeconds}
              error={error("videoDurationSeconds")}
            />
            <TextAreaField
              label={t("authoring.field.transcript")}
              rows={4}
              registration={form.register("transcript")}
              defaultValue={initial.transcript}
              error={error("transcript")}
            />
            <TextAreaField
              label={t("authoring.field.captionsVi")}
              hint={t("authoring.field.captionsHint")}
              rows={6}
              className="[&_textarea]:font-mono [&_textarea]:text-sm"
              registration={form.register("captionsVi")}
              defaultValue={initial.captionsVi}
              error={error("captionsVi")}
            />
            <TextAreaField
              label={t("authoring.field.captionsEn")}
              hint={t("authoring.field.captionsHint")}
              rows={6}
              className="[&_textarea]:font-mono [&_textarea]:text-sm"
              registration={form.register("captionsEn")}
              defaultValue={initial.captionsEn}
              error={error("captionsEn")}
            />
          </fieldset>
          <p className="text-sm">
            <Link to={`/author/courses/${slug}/lessons/${key}/attachments`} className="link">
              {t("authoring.lesson.attachments", { count: attachments.length })}
            </Link>
            {" · "}
            <Link to={`/author/courses/${slug}/lessons/${key}/scorm/upload`} className="link">
              {t("scorm.author.link")}
            </Link>
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" name="intent" value="save" className="btn-primary">
              {t("authoring.save.button")}
            </button>
            <button type="submit" name="intent" value="preview" formNoValidate className="btn-secondary">
              {t("authoring.lesson.preview")}
            </button>
            <SaveIndicator
              state={autosave.state === "idle" && actionData?.ok && actionData.savedAt ? "saved" : autosave.state}
              savedAt={autosave.savedAt ?? actionData?.savedAt ?? null}
            />
          </div>
        </div>
        <section aria-labelledby="preview-heading" className="space-y-2 lg:sticky lg:top-4 lg:self-start">
          <h2 id="preview-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
            {t("authoring.lesson.previewHeading")}
          </h2>
          <div
            ref={previewRef}
            tabIndex={-1}
            className="prose-lesson card min-h-40 text-base"
            data-testid="lesson-preview"
          >
            {html !== undefined ? (
              <div dangerouslySetInnerHTML={{ __html: html }} />
            ) : (
              <p className="text-sm text-slate-600">{t("authoring.lesson.previewHint")}</p>
            )}
          </div>
        </section>
      </Form>
      <UnsavedChangesGuard when={autosave.dirty} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

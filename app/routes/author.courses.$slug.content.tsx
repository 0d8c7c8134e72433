import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { VersionBanner } from "~/components/authoring";
import { useHydrated } from "~/components/use-hydrated";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, TextField, useZodForm, type ActionResult, useActionResult } from "~/components/forms";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { newOutlineItemSchema, outlineActionSchema } from "~/lib/authoring/authoring.schema";
import {
  addLesson,
  addModule,
  deleteLesson,
  deleteModule,
  getOutline,
  moveLessonInOutline,
  moveModule,
  renameModule,
} from "~/lib/authoring/authoring.server";
import { slugify } from "~/lib/exams/question";
import { parseIntentForm, readFormData } from "~/lib/forms.server";
import { invalidForm } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.content", parentTitle(matches, "routes/author.courses.$slug"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return getOutline(ctx, getLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const parsed = parseIntentForm(await readFormData(request), outlineActionSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const { data: input, values } = parsed;
  const { intent } = input;
  const refusedOrOk = (
    result: { ok: true } | { ok: false; fieldErrors: Record<string, string>; formError?: string },
    echoed: Record<string, unknown> = values,
  ) =>
    result.ok ? { ok: true as const, intent, values: {} } : invalidForm(result.fieldErrors, echoed, result.formError);
  switch (input.intent) {
    case "addModule":
      return refusedOrOk(await addModule(ctx, input));
    case "renameModule":
      return refusedOrOk(await renameModule(ctx, input));
    case "addLesson":
      return refusedOrOk(await addLesson(ctx, input));
    case "deleteModule":
      return refusedOrOk(await deleteModule(ctx, input.moduleKey), { intent });
    case "deleteLesson":
      await deleteLesson(ctx, input.lessonKey);
      return { ok: true as const, intent, values: {} };
    case "moveModule":
      await moveModule(ctx, input.moduleKey, input.dir);
      return { ok: true as const, intent, values: {}, moved: `module-${input.moduleKey}-${input.dir}` };
    case "moveLesson":
      await moveLessonInOutline(ctx, input.lessonKey, input.dir);
      return { ok: true as const, intent, values: {}, moved: `lesson-${input.lessonKey}-${input.dir}` };
  }
}

type OutlineAction = ActionResult & { intent?: string; moved?: string };

function MoveButtons({
  kind,
  itemKey,
  label,
  first,
  last,
}: {
  kind: "module" | "lesson";
  itemKey: string;
  label: string;
  first: boolean;
  last: boolean;
}) {
  const { t } = useT();
  const field = kind === "module" ? "moduleKey" : "lessonKey";
  return (
    <Form method="post" className="flex shrink-0 gap-1" preventScrollReset>
      <input type="hidden" name="intent" value={kind === "module" ? "moveModule" : "moveLesson"} />
      <input type="hidden" name={field} value={itemKey} />
      <button
        type="submit"
        name="dir"
        value="up"
        id={`move-${kind}-${itemKey}-up`}
        className="btn-secondary px-2 py-1"
        disabled={first}
        aria-label={t("authoring.content.moveUp", { title: label })}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="submit"
        name="dir"
        value="down"
        id={`move-${kind}-${itemKey}-down`}
        className="btn-secondary px-2 py-1"
        disabled={last}
        aria-label={t("authoring.content.moveDown", { title: label })}
      >
        <span aria-hidden="true">↓</span>
      </button>
    </Form>
  );
}

/**
 * A new module's or lesson's fields. The key follows the Vietnamese title until the trainer types
 * one; after a successful add the form starts empty again.
 */
function NewItemForm({
  intent,
  moduleKey,
  actionData,
  className,
}: {
  intent: "addModule" | "addLesson";
  moduleKey?: string;
  actionData: OutlineAction | undefined;
  className: string;
}) {
  const { t } = useT();
  const mine = actionData?.intent === intent && actionData.values?.moduleKey === moduleKey ? actionData : undefined;
  const form = useZodForm(newOutlineItemSchema, mine, moduleKey ? { moduleKey } : {});
  const keyEdited = useRef(false);
  const title = form.watch("titleVi");
  const { setValue, reset } = form;
  useEffect(() => {
    if (!keyEdited.current && typeof title === "string") setValue("key", slugify(title, 60));
  }, [title, setValue]);
  useEffect(() => {
    if (actionData?.ok && actionData.intent === intent) {
      keyEdited.current = false;
      reset({ ...(moduleKey ? { moduleKey } : {}), key: "", titleVi: "", titleEn: "" });
    }
  }, [actionData, intent, moduleKey, reset]);
  const lesson = intent === "addLesson";
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className={className}>
      <input type="hidden" name="intent" value={intent} />
      {moduleKey ? <input type="hidden" {...form.register("moduleKey")} value={moduleKey} /> : null}
      <TextField label={t("authoring.field.titleVi")} field={form.field("titleVi")} />
      <TextField label={t("authoring.field.titleEn")} field={form.field("titleEn")} />
      <TextField
        label={t(lesson ? "authoring.field.lessonKey" : "authoring.field.moduleKey")}
        hint={t("authoring.field.keyHint")}
        onInput={() => (keyEdited.current = true)}
        field={form.field("key")}
      />
      <div className="md:col-span-3">
        <button type="submit" className="btn-primary">
          {t(lesson ? "authoring.content.addLessonSubmit" : "authoring.content.addModuleSubmit")}
        </button>
      </div>
    </Form>
  );
}

function AddLessonForm({ moduleKey, actionData }: { moduleKey: string; actionData: OutlineAction | undefined }) {
  const { t } = useT();
  const mine = actionData?.intent === "addLesson" && actionData.values?.moduleKey === moduleKey;
  return (
    <details className="rounded-md border border-dashed border-slate-300 p-3" open={mine} data-testid="add-lesson">
      <summary className="cursor-pointer text-sm font-semibold text-brand-700">
        {t("authoring.content.addLesson")}
      </summary>
      <NewItemForm
        intent="addLesson"
        moduleKey={moduleKey}
        actionData={actionData}
        className="mt-3 grid gap-3 md:grid-cols-3"
      />
    </details>
  );
}

function AddModuleForm({ actionData }: { actionData: OutlineAction | undefined }) {
  const { t } = useT();
  return (
    <section className="card space-y-3" aria-labelledby="add-module">
      <h2 id="add-module" className="font-semibold">
        {t("authoring.content.addModule")}
      </h2>
      <NewItemForm intent="addModule" actionData={actionData} className="grid gap-3 md:grid-cols-3" />
    </section>
  );
}

export default function CourseContent() {
  const { t } = useT();
  const { version, modules } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const { slug } = useParams();
  const renameError =
    actionData?.intent === "renameModule" && !actionData.ok
      ? Object.values(actionData.fieldErrors ?? {})[0]
      : undefined;
  // Keyboard users keep their place: after a move, focus returns to the button they pressed.
  useEffect(() => {
    if (navigation.state === "idle" && actionData?.moved) document.getElementById(`move-${actionData.moved}`)?.focus();
  }, [actionData, navigation.state]);
  return (
    <div className="space-y-4" data-hydrated={hydrated || undefined}>
      <VersionBanner version={version} />
      {actionData?.formError ? <FormAlert>{t(actionData.formError)}</FormAlert> : null}
      {renameError ? <FormAlert>{t(renameError)}</FormAlert> : null}
      {modules.length === 0 ? <p className="card text-slate-700">{t("authoring.content.empty")}</p> : null}
      <ol className="space-y-4">
        {modules.map((module, mi) => (
          <li key={module.key} className="card space-y-3" data-testid={`module-${module.key}`}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <h2 className="font-semibold">
                <span className="text-slate-500">{t("courses.module", { number: mi + 1 })} · </span>
                {module.titleVi}
              </h2>
              <MoveButtons
                kind="module"
                itemKey={module.key}
                label={module.titleVi}
                first={mi === 0}
                last={mi === modules.length - 1}
              />
            </div>
            <ol className="divide-y divide-slate-100">
              {module.lessons.map((lesson, li) => (
                <li
                  key={lesson.key}
                  className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
                  data-testid={`lesson-${lesson.key}`}
                >
                  <span className="min-w-0 flex-1">
                    <Link to={`/author/courses/${slug}/lessons/${lesson.key}`} className="link font-medium">
                      {lesson.title}
                    </Link>{" "}
                    <span className="text-slate-500">
                      · {t("courses.duration", { minutes: lesson.durationMinutes })}
                      {lesson.hasVideo ? ` · ${t("courses.lessonVideo")}` : ""}
                      {lesson.attachments > 0
                        ? ` · ${t("authoring.content.attachments", { count: lesson.attachments })}`
                        : ""}
                    </span>
                    {lesson.empty ? (
                      <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
                        {t("authoring.content.emptyLesson")}
                      </span>
                    ) : null}
                  </span>
                  <span className="flex items-center gap-2">
                    <MoveButtons
                      kind="lesson"
                      itemKey={lesson.key}
                      label={lesson.title}
                      first={mi === 0 && li === 0}
                      last={mi === modules.length - 1 && li === module.lessons.length - 1}
                    />
                    <Form
                      method="post"
                      onSubmit={(event) => {
                        if (!window.confirm(t("authoring.content.deleteLessonConfirm", { title: lesson.title })))
                          event.preventDefault();
                      }}
                    >
                      <input type="hidden" name="intent" value="deleteLesson" />
                      <input type="hidden" name="lessonKey" value={lesson.key} />
                      <button
                        type="submit"
                        className="btn-secondary px-2 py-1 text-accent-600"
                        aria-label={t("authoring.content.deleteLesson", { title: lesson.title })}
                      >
                        {t("authoring.action.delete")}
                      </button>
                    </Form>
                  </span>
                </li>
              ))}
            </ol>
            <AddLessonForm moduleKey={module.key} actionData={actionData} />
            <details className="text-sm">
              <summary className="cursor-pointer text-slate-700">{t("authoring.content.moduleSettings")}</summary>
              <Form method="post" className="mt-2 grid gap-3 md:grid-cols-3">
                <input type="hidden" name="intent" value="renameModule" />
                <input type="hidden" name="moduleKey" value={module.key} />
                <TextField label={t("authoring.field.titleVi")} name="titleVi" defaultValue={module.titleVi} required />
                <TextField label={t("authoring.field.titleEn")} name="titleEn" defaultValue={module.titleEn} required />
                <div className="flex items-end gap-2">
                  <button type="submit" className="btn-secondary">
                    {t("authoring.content.rename")}
                  </button>
                </div>
              </Form>
              {module.lessons.length === 0 ? (
                <Form method="post" className="mt-2">
                  <input type="hidden" name="intent" value="deleteModule" />
                  <input type="hidden" name="moduleKey" value={module.key} />
                  <button type="submit" className="btn-secondary text-accent-600">
                    {t("authoring.content.deleteModule")}
                  </button>
                </Form>
              ) : null}
            </details>
          </li>
        ))}
      </ol>
      <AddModuleForm actionData={actionData} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

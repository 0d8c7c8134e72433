import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { useMemo, useRef, useState } from "react";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import {
  FieldShell,
  ListError,
  SaveIndicator,
  TextAreaField,
  UnsavedChangesGuard,
  useDraftAutosave,
  useFieldErrors,
  VersionBanner,
} from "~/components/authoring";
import { useHydrated } from "~/components/use-hydrated";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ExamQuestion } from "~/components/exam-question";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { questionFormSchema } from "~/lib/authoring/authoring.schema";
import { getQuestionEditor, saveQuestion } from "~/lib/authoring/authoring.server";
import { emptyQuestionForm, questionFromForm, type QuestionFormValues } from "~/lib/authoring/question-form";
import { renderMarkdown } from "~/lib/content/markdown";
import { emptyUiValue, fromUiValue, type UiValue } from "~/lib/exams/answer-ui";
import { gradeQuestion, type QuestionGrade } from "~/lib/exams/grading";
import {
  parseAnswerValue,
  QUESTION_TYPES,
  toLearnerQuestion,
  uniqueKey,
  type LearnerQuestion,
  type Question,
  type QuestionType,
} from "~/lib/exams/question";
import { invalidForm } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { parseFormData, readFormData } from "~/lib/forms.server";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.question", parentTitle(matches, "routes/author.courses.$slug"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const isNew = params.key === "new";
  const editor = await getQuestionEditor(ctx, isNew ? null : (params.key ?? ""), getLocale(request));
  if (editor.form) return { isNew, version: editor.version, lessons: editor.lessons, form: editor.form };
  const requested = new URL(request.url).searchParams.get("type");
  const type: QuestionType = QUESTION_TYPES.includes(requested as QuestionType)
    ? (requested as QuestionType)
    : "single";
  const key = uniqueKey(new Set(editor.existingKeys), `cau-${editor.existingKeys.length + 1}`);
  return { isNew, version: editor.version, lessons: editor.lessons, form: emptyQuestionForm(type, key) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const isNew = params.key === "new";
  const parsed = parseFormData(await readFormData(request), questionFormSchema, ["lessons"]);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const result = await saveQuestion(ctx, isNew ? null : (params.key ?? ""), parsed.data);
  if (!result.ok) return invalidForm(result.fieldErrors, parsed.values, result.formError);
  if (isNew) return redirect(`/author/courses/${ctx.slug}/questions/${result.key}?created=1`);
  return { ...result, values: parsed.values };
}

type Rhf = UseFormReturn<QuestionFormValues>;

function RowButtons({
  onRemove,
  onUp,
  onDown,
  label,
}: {
  onRemove?: () => void;
  onUp?: () => void;
  onDown?: () => void;
  label: string;
}) {
  const { t } = useT();
  return (
    <span className="flex shrink-0 gap-1 self-end">
      {onUp ? (
        <button
          type="button"
          className="btn-secondary px-2 py-1"
          onClick={onUp}
          aria-label={t("authoring.content.moveUp", { title: label })}
        >
          <span aria-hidden="true">↑</span>
        </button>
      ) : null}
      {onDown ? (
        <button
          type="button"
          className="btn-secondary px-2 py-1"
          onClick={onDown}
          aria-label={t("authoring.content.moveDown", { title: label })}
        >
          <span aria-hidden="true">↓</span>
        </button>
      ) : null}
      {onRemove ? (
        <button
          type="button"
          className="btn-secondary px-2 py-1 text-accent-600"
          onClick={onRemove}
          aria-label={t("authoring.q.removeRow", { label })}
        >
          ✕
        </button>
      ) : null}
    </span>
  );
}

function TypeFields({
  form,
  type,
  error,
  hydrated,
}: {
  form: Rhf;
  type: QuestionType;
  error: (name: string) => string | undefined;
  hydrated: boolean;
}) {
  const { t } = useT();
  const { control, register } = form;
  const options = useFieldArray({ control, name: "options" });
  const answers = useFieldArray({ control, name: "answers" });
  const numeric = useFieldArray({ control, name: "numeric" });
  const pairs = useFieldArray({ control, name: "pairs" });
  const distractors = useFieldArray({ control, name: "distractors" });
  const items = useFieldArray({ control, name: "items" });
  const numericKinds = form.watch("numeric");
  const addButton = (label: string, add: () => void) =>
    hydrated ? (
      <button type="button" className="btn-secondary" onClick={add}>
        + {label}
      </button>
    ) : (
      <p className="text-sm text-slate-600">{t("authoring.q.spareRows")}</p>
    );

  switch (type) {
    case "single":
    case "multiple":
      return (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">
            {type === "single" ? t("authoring.q.optionsSingle") : t("authoring.q.optionsMultiple")}
          </legend>
          <ListError error={error(type === "single" ? "correctIndex" : "options")} />
          {options.fields.map((field, i) => (
            <div
              key={field.id}
              className="space-y-2 rounded-md border border-slate-200 p-3"
              data-testid={`option-${i}`}
            >
              <div className="flex flex-wrap items-start gap-2">
                <div className="min-w-0 flex-1">
                  <TextField
                    label={t("authoring.q.option", { number: i + 1 })}
                    registration={register(`options.${i}.text`)}
                    error={error(`options.${i}.text`)}
                  />
                </div>
                {hydrated ? (
                  <RowButtons label={t("authoring.q.option", { number: i + 1 })} onRemove={() => options.remove(i)} />
                ) : null}
              </div>
              <div className="flex flex-wrap items-end gap-4">
                <label className="flex items-center gap-2 text-sm font-medium">
                  {type === "single" ? (
                    <input
                      type="radio"
                      value={String(i)}
                      className="h-4 w-4 accent-brand-700"
                      {...register("correctIndex")}
                    />
                  ) : (
                    <input type="checkbox" className="h-4 w-4 accent-brand-700" {...register(`options.${i}.correct`)} />
                  )}
                  {t("authoring.q.correct")}
                </label>
                <div className="w-28">
                  <TextField
                    label={t("authoring.q.weight")}
                    inputMode="decimal"
                    registration={register(`options.${i}.weight`)}
                    error={error(`options.${i}.weight`)}
                  />
                </div>
                <div className="min-w-0 flex-1">
                  <TextField
                    label={t("authoring.q.feedback")}
                    registration={register(`options.${i}.feedback`)}
                    error={error(`options.${i}.feedback`)}
                  />
                </div>
              </div>
            </div>
          ))}
          {addButton(t("authoring.q.addOption"), () =>
            options.append({ text: "", correct: false, weight: "", feedback: "" }),
          )}
          <p className="text-sm text-slate-600">
            {type === "single" ? t("authoring.q.weightHintSingle") : t("authoring.q.weightHintMultiple")}
          </p>
        </fieldset>
      );
    case "truefalse":
      return (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">{t("authoring.q.correctAnswer")}</legend>
          <div className="flex gap-6">
            {(["true", "false"] as const).map((v) => (
              <label key={v} className="flex items-center gap-2 text-sm font-medium">
                <input type="radio" value={v} className="h-4 w-4 accent-brand-700" {...register("answer")} />
                {t(`exams.answer.${v}`)}
              </label>
            ))}
          </div>
          <ListError error={error("answer")} />
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label={t("authoring.q.feedbackTrue")}
              registration={register("feedbackTrue")}
              error={error("feedbackTrue")}
            />
            <TextField
              label={t("authoring.q.feedbackFalse")}
              registration={register("feedbackFalse")}
              error={error("feedbackFalse")}
            />
          </div>
        </fieldset>
      );
    case "short":
      return (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">{t("authoring.q.accepted")}</legend>
          <ListError error={error("answers")} />
          {answers.fields.map((field, i) => (
            <div key={field.id} className="flex flex-wrap items-start gap-2">
              <div className="min-w-0 flex-1">
                <TextField
                  label={t("authoring.q.answer", { number: i + 1 })}
                  registration={register(`answers.${i}.text`)}
                  error={error(`answers.${i}.text`)}
                />
              </div>
              <div className="w-28">
                <TextField
                  label={t("authoring.q.weight")}
                  inputMode="decimal"
                  registration={register(`answers.${i}.weight`)}
                  error={error(`answers.${i}.weight`)}
                />
              </div>
              {hydrated ? (
                <RowButtons label={t("authoring.q.answer", { number: i + 1 })} onRemove={() => answers.remove(i)} />
              ) : null}
            </div>
          ))}
          {addButton(t("authoring.q.addAnswer"), () => answers.append({ text: "", weight: "" }))}
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" className="h-4 w-4 accent-brand-700" {...register("diacriticsMatter")} />
            {t("authoring.q.diacriticsMatter")}
          </label>
        </fieldset>
      );
    case "numeric":
      return (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">{t("authoring.q.numericAnswers")}</legend>
          <ListError error={error("numeric")} />
          {numeric.fields.map((field, i) => {
            const kind = numericKinds?.[i]?.kind ?? "tolerance";
            return (
              <div key={field.id} className="flex flex-wrap items-start gap-2 rounded-md border border-slate-200 p-3">
                <FieldShell label={t("authoring.q.numericKind")} className="w-44">
                  {({ id }) => (
                    <select id={id} className="input" {...register(`numeric.${i}.kind`)}>
                      <option value="tolerance">{t("authoring.q.kind.tolerance")}</option>
                      <option value="range">{t("authoring.q.kind.range")}</option>
                    </select>
                  )}
                </FieldShell>
                {!hydrated || kind === "tolerance" ? (
                  <>
                    <div className="w-32">
                      <TextField
                        label={t("authoring.q.value")}
                        inputMode="decimal"
                        registration={register(`numeric.${i}.value`)}
                        error={error(`numeric.${i}.value`)}
                      />
                    </div>
                    <div className="w-32">
                      <TextField
                        label={t("authoring.q.tolerance")}
                        inputMode="decimal"
                        registration={register(`numeric.${i}.tolerance`)}
                        error={error(`numeric.${i}.tolerance`)}
                      />
                    </div>
                  </>
                ) : null}
                {!hydrated || kind === "range" ? (
                  <>
                    <div className="w-32">
                      <TextField
                        label={t("authoring.q.min")}
                        inputMode="decimal"
                        registration={register(`numeric.${i}.min`)}
                        error={error(`numeric.${i}.min`)}
                      />
                    </div>
                    <div className="w-32">
                      <TextField
                        label={t("authoring.q.max")}
                        inputMode="decimal"
                        registration={register(`numeric.${i}.max`)}
                        error={error(`numeric.${i}.max`)}
                      />
                    </div>
                  </>
                ) : null}
                <div className="w-28">
                  <TextField
                    label={t("authoring.q.weight")}
                    inputMode="decimal"
                    registration={register(`numeric.${i}.weight`)}
                    error={error(`numeric.${i}.weight`)}
                  />
                </div>
                {hydrated ? (
                  <RowButtons label={t("authoring.q.answer", { number: i + 1 })} onRemove={() => numeric.remove(i)} />
                ) : null}
              </div>
            );
          })}
          {addButton(t("authoring.q.addAnswer"), () =>
            numeric.append({ kind: "tolerance", value: "", tolerance: "", min: "", max: "", weight: "" }),
          )}
        </fieldset>
      );
    case "matching":
      return (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">{t("authoring.q.pairs")}</legend>
          <ListError error={error("pairs")} />
          {pairs.fields.map((field, i) => (
            <div key={field.id} className="flex flex-wrap items-start gap-2">
              <div className="min-w-0 flex-1">
                <TextField
                  label={t("authoring.q.left", { number: i + 1 })}
                  registration={register(`pairs.${i}.left`)}
                  error={error(`pairs.${i}.left`)}
                />
              </div>
              <div className="min-w-0 flex-1">
                <TextField
                  label={t("authoring.q.right", { number: i + 1 })}
                  registration={register(`pairs.${i}.right`)}
                  error={error(`pairs.${i}.right`)}
                />
              </div>
              {hydrated ? (
                <RowButtons label={t("authoring.q.pair", { number: i + 1 })} onRemove={() => pairs.remove(i)} />
              ) : null}
            </div>
          ))}
          {addButton(t("authoring.q.addPair"), () => pairs.append({ left: "", right: "" }))}
          <ListError error={error("distractors")} />
          {distractors.fields.map((field, i) => (
            <div key={field.id} className="flex flex-wrap items-start gap-2">
              <div className="min-w-0 flex-1">
                <TextField
                  label={t("authoring.q.distractor", { number: i + 1 })}
                  registration={register(`distractors.${i}.text`)}
                  error={error(`distractors.${i}`)}
                />
              </div>
              {hydrated ? (
                <RowButtons
                  label={t("authoring.q.distractor", { number: i + 1 })}
                  onRemove={() => distractors.remove(i)}
                />
              ) : null}
            </div>
          ))}
          {addButton(t("authoring.q.addDistractor"), () => distractors.append({ text: "" }))}
        </fieldset>
      );
    case "ordering":
      return (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">{t("authoring.q.items")}</legend>
          <ListError error={error("items")} />
          {items.fields.map((field, i) => (
            <div key={field.id} className="flex flex-wrap items-start gap-2">
              <div className="min-w-0 flex-1">
                <TextField
                  label={t("authoring.q.item", { number: i + 1 })}
                  registration={register(`items.${i}.text`)}
                  error={error(`items.${i}.text`)}
                />
              </div>
              {hydrated ? (
                <RowButtons
                  label={t("authoring.q.item", { number: i + 1 })}
                  onUp={i > 0 ? () => items.move(i, i - 1) : undefined}
                  onDown={i < items.fields.length - 1 ? () => items.move(i, i + 1) : undefined}
                  onRemove={() => items.remove(i)}
                />
              ) : null}
            </div>
          ))}
          {addButton(t("authoring.q.addItem"), () => items.append({ text: "" }))}
        </fieldset>
      );
  }
}

/** The question exactly as a learner gets it, graded by the real grader. Browser-only (pure code, no request). */
function TryAsLearner({ values }: { values: unknown }) {
  const { t } = useT();
  // A fresh object every render; the question is rebuilt only when its content changes.
  const parsed = questionFormSchema.safeParse(values);
  const current = parsed.success ? questionFromForm(parsed.data) : null;
  const signature = current ? JSON.stringify(current) : "";
  const question = useMemo(() => (signature ? (JSON.parse(signature) as Question) : null), [signature]);
  const learner = useMemo(() => (question ? toLearnerQuestion(question, 20260101) : null), [question]);
  if (!question || !learner) return <p className="text-sm text-slate-600">{t("authoring.try.incomplete")}</p>;
  // A changed question starts a fresh try (the key remounts it): no answer, grade or error carried over.
  return <TryQuestion key={signature} question={question} learner={learner} />;
}

function TryQuestion({ question, learner }: { question: Question; learner: LearnerQuestion }) {
  const { t, number } = useT();
  const [ui, setUi] = useState<UiValue>(() => emptyUiValue(learner));
  const [grade, setGrade] = useState<QuestionGrade | null>(null);
  const [error, setError] = useState<string | undefined>();
  const check = () => {
    const value = fromUiValue(learner, ui);
    if (!value.ok) {
      setError(value.error);
      setGrade(null);
      return;
    }
    setError(undefined);
    setGrade(gradeQuestion(question, parseAnswerValue(question, value.value)));
  };
  const { prompt, ...view } = learner;
  return (
    <div className="space-y-3">
      <ExamQuestion
        q={{ ...view, promptHtml: renderMarkdown(prompt) }}
        index={0}
        value={ui}
        onChange={(value) => setUi(value)}
        onBlur={() => undefined}
        error={error}
      />
      <button type="button" className="btn-primary" onClick={check}>
        {t("authoring.try.check")}
      </button>
      {grade ? (
        <div
          role="status"
          className={`rounded-md px-3 py-2 text-sm font-medium ${
            grade.status === "correct"
              ? "bg-green-50 text-green-900"
              : grade.status === "partial"
                ? "bg-amber-50 text-amber-900"
                : "bg-red-50 text-red-900"
          }`}
          data-testid="try-result"
        >
          {t(`authoring.try.${grade.status}`, { earned: number(grade.earned), max: number(grade.max) })}
          {question.explanation ? <p className="mt-1 font-normal">{question.explanation}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

export default function QuestionEditor() {
  const { t } = useT();
  const { slug } = useParams();
  const { isNew, version, lessons, form: initial } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const hydrated = useHydrated();
  const form = useZodForm<typeof questionFormSchema, QuestionFormValues>(questionFormSchema, actionData, initial);
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useDraftAutosave({ formRef, validate: () => form.trigger(), enabled: !isNew });
  const error = useFieldErrors(form.formState.errors, autosave.serverErrors ?? actionData?.fieldErrors);
  const values = form.watch();
  const [search] = useSearchParams();
  const dirty = isNew ? form.formState.isDirty && !form.formState.isSubmitSuccessful : autosave.dirty;
  return (
    <div className="space-y-4" data-hydrated={hydrated || undefined}>
      <p className="text-sm">
        <Link to={`/author/courses/${slug}/questions`} className="link">
          ← {t("authoring.nav.questions")}
        </Link>
      </p>
      <VersionBanner version={version} />
      <h2 className="text-xl font-bold">
        {isNew
          ? t("authoring.q.newTitle", { type: t(`authoring.q.types.${initial.type}`) })
          : t("authoring.q.editTitle", { type: t(`authoring.q.types.${initial.type}`) })}
      </h2>
      {search.get("created") && !autosave.savedAt ? (
        <FormAlert tone="success">{t("authoring.q.created")}</FormAlert>
      ) : null}
      {actionData?.formError ? <FormAlert>{t(actionData.formError)}</FormAlert> : null}
      {isNew ? (
        <nav aria-label={t("authoring.q.type")} className="flex flex-wrap gap-2 text-sm">
          {QUESTION_TYPES.map((type) => (
            <Link
              key={type}
              to={`?type=${type}`}
              className={`rounded-full border px-3 py-1 ${type === initial.type ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white hover:bg-slate-100"}`}
              aria-current={type === initial.type ? "page" : undefined}
            >
              {t(`authoring.q.types.${type}`)}
            </Link>
          ))}
        </nav>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[1fr_24rem]">
        <Form
          ref={formRef}
          method="post"
          noValidate
          onChange={autosave.onChange}
          onSubmit={isNew ? form.onSubmit : (event) => void form.handleSubmit(() => autosave.save())(event)}
          className="card space-y-4"
          key={`${initial.type}-${initial.key}`}
        >
          <input type="hidden" {...form.register("type")} />
          {isNew ? (
            <TextField
              label={t("authoring.field.questionKey")}
              hint={t("authoring.field.keyHint")}
              registration={form.register("key")}
              error={error("key")}
            />
          ) : (
            <>
              <input type="hidden" {...form.register("key")} />
              <p className="text-sm text-slate-600">
                {t("authoring.field.questionKey")}: <code>{initial.key}</code>
              </p>
            </>
          )}
          <TextAreaField
            label={t("authoring.q.prompt")}
            hint={t("authoring.q.promptHint")}
            rows={3}
            registration={form.register("prompt")}
            error={error("prompt")}
          />
          <TypeFields form={form} type={initial.type} error={error} hydrated={hydrated} />
          <TextAreaField
            label={t("authoring.q.explanation")}
            hint={t("authoring.q.explanationHint")}
            rows={2}
            registration={form.register("explanation")}
            error={error("explanation")}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t("authoring.q.points")}
              inputMode="decimal"
              registration={form.register("points")}
              error={error("points")}
            />
            <TextField
              label={t("authoring.q.pool")}
              hint={t("authoring.q.poolHint")}
              registration={form.register("pool")}
              error={error("pool")}
            />
          </div>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">{t("authoring.q.lessons")}</legend>
            <p className="text-sm text-slate-600">{t("authoring.q.lessonsHint")}</p>
            {lessons.length === 0 ? <p className="text-sm text-slate-600">{t("authoring.q.noLessons")}</p> : null}
            {lessons.map((lesson) => (
              <label key={lesson.key} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  value={lesson.key}
                  className="h-4 w-4 accent-brand-700"
                  {...form.register("lessons")}
                />
                {lesson.title}
              </label>
            ))}
            <ListError error={error("lessons")} />
          </fieldset>
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className="btn-primary">
              {isNew ? t("authoring.q.create") : t("authoring.save.button")}
            </button>
            {!isNew ? (
              <SaveIndicator
                state={autosave.state === "idle" && actionData?.ok ? "saved" : autosave.state}
                savedAt={autosave.savedAt ?? actionData?.savedAt ?? null}
              />
            ) : null}
          </div>
        </Form>
        <section aria-labelledby="try-heading" className="card space-y-3 lg:sticky lg:top-4 lg:self-start">
          <h2 id="try-heading" className="font-semibold">
            {t("authoring.try.title")}
          </h2>
          {hydrated ? (
            <TryAsLearner values={values} />
          ) : (
            <p className="text-sm text-slate-600">{t("authoring.try.needsJs")}</p>
          )}
        </section>
      </div>
      <UnsavedChangesGuard when={hydrated && dirty} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * The question editor's form model. Trainers edit plain rows (options, accepted answers,
 * pairs, items) that post the same way with and without JavaScript; this module turns them
 * into the exams module's authoring input, so every per-type rule comes from
 * `questionInputSchema` and is shown on the row it concerns, as an i18n key.
 */
import { z } from "zod";
import { problemKey } from "~/lib/exams/import-errors";
import {
  parseLocaleNumber,
  questionFromInput,
  questionInputSchema,
  toQuestionInput,
  QUESTION_TYPES,
  type Question,
  type QuestionInputDraft,
  type QuestionType,
} from "~/lib/exams/question";

export type ChoiceRow = { text: string; correct: boolean; weight: string; feedback: string };
export type AnswerRow = { text: string; weight: string };
export type NumericRow = {
  kind: "tolerance" | "range";
  value: string;
  tolerance: string;
  min: string;
  max: string;
  weight: string;
};
export type QuestionFormValues = {
  key: string;
  type: QuestionType;
  pool: string;
  lessons: string[];
  points: string;
  prompt: string;
  explanation: string;
  /** single and multiple */
  options: ChoiceRow[];
  /** single: index of the correct option */
  correctIndex: string;
  /** truefalse: "true" | "false" ("" = not chosen yet) */
  answer: string;
  feedbackTrue: string;
  feedbackFalse: string;
  /** short */
  answers: AnswerRow[];
  diacriticsMatter: boolean;
  numeric: NumericRow[];
  pairs: { left: string; right: string }[];
  /** matching: extra right-hand items that match nothing; one blank row lets a no-JS form add one */
  distractors: { text: string }[];
  items: { text: string }[];
};

export const KEY_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** "new" names the create form in the editor's URL. */
export const RESERVED_QUESTION_KEYS = new Set(["new", "import"]);

const emptyChoice = (): ChoiceRow => ({ text: "", correct: false, weight: "", feedback: "" });
const emptyNumeric = (): NumericRow => ({ kind: "tolerance", value: "", tolerance: "", min: "", max: "", weight: "" });

export function emptyQuestionForm(type: QuestionType, key = "", lessons: string[] = []): QuestionFormValues {
  return {
    key,
    type,
    pool: "default",
    lessons,
    points: "1",
    prompt: "",
    explanation: "",
    options:
      type === "single" || type === "multiple" ? [emptyChoice(), emptyChoice(), emptyChoice(), emptyChoice()] : [],
    correctIndex: "",
    answer: "",
    feedbackTrue: "",
    feedbackFalse: "",
    answers:
      type === "short"
        ? [
            { text: "", weight: "" },
            { text: "", weight: "" },
          ]
        : [],
    diacriticsMatter: false,
    numeric: type === "numeric" ? [emptyNumeric()] : [],
    pairs: type === "matching" ? [0, 1, 2].map(() => ({ left: "", right: "" })) : [],
    distractors: type === "matching" ? [{ text: "" }] : [],
    items: type === "ordering" ? [0, 1, 2, 3].map(() => ({ text: "" })) : [],
  };
}

const num = (value: number | undefined) => (value === undefined ? "" : String(value));

/** The editor rows for a stored question (through `toQuestionInput`, so weights read as authored). */
export function questionToForm(q: Question): QuestionFormValues {
  const input = toQuestionInput(q);
  const form = emptyQuestionForm(q.type, q.key, q.lessons);
  form.pool = q.pool;
  form.points = String(q.points);
  form.prompt = q.prompt;
  form.explanation = q.explanation ?? "";
  switch (input.type) {
    case "single":
    case "multiple":
      form.options = input.options.map((o) => ({
        text: String(o.text),
        correct: o.correct === true || (input.type === "multiple" && (o.weight ?? 0) > 0),
        weight: o.correct === true ? "" : num(o.weight),
        feedback: o.feedback ?? "",
      }));
      if (input.type === "single") form.correctIndex = String(input.options.findIndex((o) => o.correct === true));
      break;
    case "truefalse":
      form.answer = String(input.answer);
      form.feedbackTrue = input.feedbackTrue ?? "";
      form.feedbackFalse = input.feedbackFalse ?? "";
      break;
    case "short":
      form.answers = input.answers.map((a) =>
        typeof a === "object" ? { text: String(a.text), weight: num(a.weight) } : { text: String(a), weight: "" },
      );
      form.diacriticsMatter = input.diacriticsMatter === true;
      break;
    case "numeric":
      form.numeric =
        q.type === "numeric"
          ? q.answers.map((a) =>
              a.kind === "tolerance"
                ? {
                    ...emptyNumeric(),
                    value: String(a.value),
                    tolerance: a.tolerance ? String(a.tolerance) : "",
                    weight: a.weight === 1 ? "" : String(Math.round(a.weight * 1e8) / 1e6),
                  }
                : {
                    ...emptyNumeric(),
                    kind: "range",
                    min: String(a.min),
                    max: String(a.max),
                    weight: a.weight === 1 ? "" : String(Math.round(a.weight * 1e8) / 1e6),
                  },
            )
          : [];
      break;
    case "matching":
      form.pairs = input.pairs.map((p) => ({ left: String(p.left), right: String(p.right) }));
      form.distractors = [...(input.distractors ?? []).map((text) => ({ text: String(text) })), { text: "" }];
      break;
    case "ordering":
      form.items = input.items.map((text) => ({ text: String(text) }));
      break;
  }
  return form;
}

function blank(row: Record<string, unknown>, ignore: string[] = []): boolean {
  return Object.entries(row).every(([k, v]) => ignore.includes(k) || v === "" || v === false || v === undefined);
}

/** Rows left empty at the end of a list are spare rows, not content (the form offers some without JavaScript). */
function trimTrailing<T extends Record<string, unknown>>(rows: T[], ignore: string[] = []): T[] {
  let end = rows.length;
  while (end > 0 && blank(rows[end - 1], ignore)) end--;
  return rows.slice(0, end);
}

/** A typed number ("3,5" or "3.5"); blank is undefined, anything else unreadable is NaN (reported as "not a number"). */
function typedNumber(text: string): number | undefined {
  if (text.trim() === "") return undefined;
  return parseLocaleNumber(text) ?? Number.NaN;
}

/** The editor rows as the exams module's authoring input. */
export function formToInput(form: QuestionFormValues): QuestionInputDraft {
  const points = typedNumber(form.points);
  const base = {
    key: form.key.trim(),
    pool: form.pool.trim() || "default",
    lessons: [...form.lessons],
    ...(points !== undefined ? { points } : {}),
    prompt: form.prompt,
    ...(form.explanation.trim() ? { explanation: form.explanation } : {}),
  };
  const weight = (text: string) => {
    const value = typedNumber(text);
    return value === undefined ? {} : { weight: value };
  };
  const feedback = (text: string) => (text.trim() ? { feedback: text } : {});
  switch (form.type) {
    case "single": {
      const correct = form.correctIndex === "" ? -1 : Number(form.correctIndex);
      return {
        ...base,
        type: "single",
        options: trimTrailing(form.options, ["correct"]).map((o, i) => ({
          text: o.text,
          ...(i === correct ? { correct: true } : weight(o.weight)),
          ...feedback(o.feedback),
        })),
      };
    }
    case "multiple":
      return {
        ...base,
        type: "multiple",
        // An unticked option is explicitly wrong, so a positive weight on it is reported, not obeyed.
        options: trimTrailing(form.options).map((o) => ({
          text: o.text,
          correct: o.correct,
          ...weight(o.weight),
          ...feedback(o.feedback),
        })),
      };
    case "truefalse":
      return {
        ...base,
        type: "truefalse",
        answer: (form.answer === "true" ? true : form.answer === "false" ? false : undefined) as boolean,
        ...(form.feedbackTrue.trim() ? { feedbackTrue: form.feedbackTrue } : {}),
        ...(form.feedbackFalse.trim() ? { feedbackFalse: form.feedbackFalse } : {}),
      };
    case "short":
      return {
        ...base,
        type: "short",
        answers: trimTrailing(form.answers).map((a) => ({ text: a.text, ...weight(a.weight) })),
        diacriticsMatter: form.diacriticsMatter,
      };
    case "numeric":
      return {
        ...base,
        type: "numeric",
        answers: trimTrailing(form.numeric, ["kind"]).map((a) =>
          a.kind === "range"
            ? { min: typedNumber(a.min) as number, max: typedNumber(a.max) as number, ...weight(a.weight) }
            : {
                value: typedNumber(a.value) as number,
                ...(typedNumber(a.tolerance) !== undefined ? { tolerance: typedNumber(a.tolerance) } : {}),
                ...weight(a.weight),
              },
        ),
      };
    case "matching": {
      // Blank distractor rows mean "none": a distractor has no partner whose absence they could flag.
      const distractors = form.distractors.map((d) => d.text).filter((text) => text.trim() !== "");
      return {
        ...base,
        type: "matching",
        pairs: trimTrailing(form.pairs).map((p) => ({ left: p.left, right: p.right })),
        ...(distractors.length ? { distractors } : {}),
      };
    }
    case "ordering":
      return { ...base, type: "ordering", items: trimTrailing(form.items).map((i) => i.text) };
  }
}

// ─── Problems as i18n keys ───────────────────────────────────────────────────
// question.ts's rules reach the editor through problemKey, the same keys the importers report.

function issueKey(issue: z.ZodIssue): string {
  if (issue.code === z.ZodIssueCode.invalid_type) {
    if (issue.expected === "number") return "authoring.q.err.number";
    if (issue.expected === "boolean") return "authoring.q.err.chooseAnswer";
    return "authoring.q.err.required";
  }
  return problemKey(issue.message);
}

/** A numeric answer is one of two shapes; report the problems of the shape that came closest. */
function flattenUnions(issues: z.ZodIssue[]): z.ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== z.ZodIssueCode.invalid_union || issue.unionErrors.length === 0) return [issue];
    // Fewest problems first; on a tie the branch that got deeper into the value is the one meant.
    const depth = (e: z.ZodError) => Math.max(...e.issues.map((i) => i.path.length));
    const closest = [...issue.unionErrors].sort((a, b) => a.issues.length - b.issues.length || depth(b) - depth(a))[0];
    return flattenUnions(closest.issues);
  });
}

/** Where an issue of the authoring input belongs in the editor's rows. */
export function formPath(type: QuestionType, path: (string | number)[]): (string | number)[] {
  const [field, index, sub] = path;
  if (
    type === "numeric" &&
    (field === "answers" || field === "value" || field === "min" || field === "max" || field === "tolerance")
  ) {
    if (field === "answers" && typeof index === "number")
      return sub === undefined ? ["numeric", index, "value"] : ["numeric", index, sub];
    if (field !== "answers") return ["numeric", 0, field];
    return ["numeric"];
  }
  if (type === "short" && field === "answers" && typeof index === "number") return ["answers", index, sub ?? "text"];
  if (type === "ordering" && field === "items" && typeof index === "number") return ["items", index, "text"];
  if (type === "truefalse" && field === "answer") return ["answer"];
  return path;
}

// ─── The form schema (browser and action) ────────────────────────────────────

const text = z.preprocess(
  (v) => (v === undefined || v === null ? "" : v),
  z.string().max(5000, "authoring.errors.tooLong"),
);
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
/** A checkbox group: an array, one checked value (a string), or nothing. */
const stringList = z.preprocess(
  (v): unknown[] => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
  z.array(z.string().max(64)).max(200),
);
const rows = <T extends z.ZodTypeAny>(row: T) =>
  z.preprocess(
    (v): unknown[] => (Array.isArray(v) ? v.filter((r: unknown) => r !== undefined) : []),
    z.array(row).max(50, "authoring.q.err.tooMany"),
  );

export const questionFormSchema = z
  .object({
    key: z
      .string({ required_error: "authoring.errors.keyRequired" })
      .trim()
      .min(1, "authoring.errors.keyRequired")
      .max(64, "authoring.errors.tooLong")
      .regex(KEY_RE, "authoring.errors.key")
      .refine((k) => !RESERVED_QUESTION_KEYS.has(k), "authoring.errors.keyReserved"),
    type: z.enum(QUESTION_TYPES, { errorMap: () => ({ message: "authoring.q.err.type" }) }),
    pool: z.preprocess(
      (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : "default"),
      z.string().max(64, "authoring.errors.tooLong").regex(KEY_RE, "authoring.errors.key"),
    ),
    lessons: stringList,
    points: text,
    prompt: z.preprocess(
      (v) => (v === undefined ? "" : v),
      z.string().trim().min(1, "authoring.q.err.promptRequired").max(5000, "authoring.errors.tooLong"),
    ),
    explanation: text,
    options: rows(z.object({ text, correct: checkbox, weight: text, feedback: text })),
    correctIndex: text,
    answer: text,
    feedbackTrue: text,
    feedbackFalse: text,
    answers: rows(z.object({ text, weight: text })),
    diacriticsMatter: checkbox,
    numeric: rows(
      z.object({
        kind: z.preprocess((v) => (v === "range" ? "range" : "tolerance"), z.enum(["tolerance", "range"])),
        value: text,
        tolerance: text,
        min: text,
        max: text,
        weight: text,
      }),
    ),
    pairs: rows(z.object({ left: text, right: text })),
    distractors: rows(z.object({ text })),
    items: rows(z.object({ text })),
  })
  .superRefine((form, ctx) => {
    const parsed = questionInputSchema.safeParse(formToInput(form));
    if (parsed.success) return;
    const issues = flattenUnions(parsed.error.issues)
      // The key and the prompt have their own checks above; the input schema would repeat them.
      .filter((issue) => issue.path[0] !== "key" && issue.path[0] !== "prompt")
      .map((issue) => {
        const message = issueKey(issue);
        // A single-answer question's missing or doubled correct option is the radio group's error.
        const onChoice =
          form.type === "single" &&
          issue.path.length === 1 &&
          issue.path[0] === "options" &&
          (message === "authoring.q.err.noCorrect" ||
            message === "authoring.q.err.noFull" ||
            message === "authoring.q.err.oneCorrect");
        return { path: onChoice ? ["correctIndex"] : formPath(form.type, issue.path), message };
      });
    // A list-wide message is noise while a row of that list has its own error to fix first.
    const rowErrors = new Set(issues.filter((i) => i.path.length > 1).map((i) => i.path[0]));
    for (const issue of issues) {
      if (issue.path.length === 1 && rowErrors.has(issue.path[0])) continue;
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: issue.path, message: issue.message });
    }
  });

export type QuestionFormInput = z.input<typeof questionFormSchema>;

/** The question a valid form describes, or null while it is not valid yet (the learner preview waits). */
export function questionFromForm(form: QuestionFormValues): Question | null {
  const result = questionFromInput(formToInput(form));
  return result.ok ? result.question : null;
}

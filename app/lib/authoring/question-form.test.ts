import { describe, expect, it } from "vitest";
import { normalizeQuestion, questionInputSchema, type Question, type QuestionType } from "~/lib/exams/question";
import {
  emptyQuestionForm,
  formToInput,
  questionFormSchema,
  questionFromForm,
  questionToForm,
  type QuestionFormValues,
} from "./question-form";

type Patch = Partial<QuestionFormValues>;
const form = (type: QuestionType, patch: Patch = {}): QuestionFormValues => ({
  ...emptyQuestionForm(type, "cau-hoi"),
  prompt: "Câu hỏi?",
  ...patch,
});
const choice = (text: string, correct = false, weight = "") => ({ text, correct, weight, feedback: "" });

function errorsOf(values: unknown): Record<string, string> {
  const result = questionFormSchema.safeParse(values);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join(".")] ??= issue.message;
  return out;
}

// Every question type: valid forms, and each per-type rule reported on the row it concerns.
const table: { name: string; values: QuestionFormValues; errors: Record<string, string> }[] = [
  // single
  {
    name: "single: valid",
    values: form("single", { options: [choice("A"), choice("B")], correctIndex: "1" }),
    errors: {},
  },
  {
    name: "single: no correct option",
    values: form("single", { options: [choice("A"), choice("B")], correctIndex: "" }),
    errors: { correctIndex: "authoring.q.err.noFull" },
  },
  {
    name: "single: one option only",
    values: form("single", { options: [choice("A"), choice("")], correctIndex: "0" }),
    errors: { options: "authoring.q.err.optionsMin" },
  },
  {
    name: "single: empty option between others",
    values: form("single", { options: [choice("A"), choice(""), choice("C")], correctIndex: "0" }),
    errors: { "options.1.text": "authoring.q.err.empty" },
  },
  {
    name: "single: duplicate options",
    values: form("single", { options: [choice("Có"), choice("có ")], correctIndex: "0" }),
    errors: { "options.1.text": "authoring.q.err.duplicate" },
  },
  {
    name: "single: partial credit above 100%",
    values: form("single", { options: [choice("A"), choice("B", false, "150")], correctIndex: "0" }),
    errors: { "options.1.weight": "authoring.q.err.weightRange" },
  },
  // multiple
  {
    name: "multiple: valid",
    values: form("multiple", { options: [choice("A", true), choice("B", true), choice("C")] }),
    errors: {},
  },
  {
    name: "multiple: no correct option",
    values: form("multiple", { options: [choice("A"), choice("B")] }),
    errors: { options: "authoring.q.err.noCorrect" },
  },
  {
    name: "multiple: every option correct",
    values: form("multiple", { options: [choice("A", true), choice("B", true)] }),
    errors: { options: "authoring.q.err.noWrong" },
  },
  {
    name: "multiple: weights do not add up",
    values: form("multiple", { options: [choice("A", true, "40"), choice("B", true, "40"), choice("C")] }),
    errors: { options: "authoring.q.err.weightsSum" },
  },
  {
    name: "multiple: positive weight on a wrong option",
    values: form("multiple", { options: [choice("A", true), choice("B", false, "20"), choice("C")] }),
    errors: { "options.1.weight": "authoring.q.err.wrongWeight" },
  },
  // truefalse
  { name: "truefalse: valid", values: form("truefalse", { answer: "false" }), errors: {} },
  {
    name: "truefalse: answer not chosen",
    values: form("truefalse", { answer: "" }),
    errors: { answer: "authoring.q.err.chooseAnswer" },
  },
  // short
  {
    name: "short: valid",
    values: form("short", {
      answers: [
        { text: "Hà Nội", weight: "" },
        { text: "Ha Noi", weight: "50" },
      ],
    }),
    errors: {},
  },
  {
    name: "short: no accepted answer",
    values: form("short", { answers: [{ text: "", weight: "" }] }),
    errors: { answers: "authoring.q.err.shortNone" },
  },
  {
    name: "short: weight is not a number",
    values: form("short", { answers: [{ text: "A", weight: "abc" }] }),
    errors: { "answers.0.weight": "authoring.q.err.number" },
  },
  // numeric
  {
    name: "numeric: valid tolerance with a Vietnamese decimal comma",
    values: form("numeric", {
      numeric: [{ kind: "tolerance", value: "3,5", tolerance: "0,1", min: "", max: "", weight: "" }],
    }),
    errors: {},
  },
  {
    name: "numeric: valid range",
    values: form("numeric", { numeric: [{ kind: "range", value: "", tolerance: "", min: "1", max: "5", weight: "" }] }),
    errors: {},
  },
  {
    name: "numeric: negative tolerance",
    values: form("numeric", {
      numeric: [{ kind: "tolerance", value: "3", tolerance: "-1", min: "", max: "", weight: "" }],
    }),
    errors: { "numeric.0.tolerance": "authoring.q.err.tolerance" },
  },
  {
    name: "numeric: value not a number",
    values: form("numeric", {
      numeric: [{ kind: "tolerance", value: "ba", tolerance: "", min: "", max: "", weight: "" }],
    }),
    errors: { "numeric.0.value": "authoring.q.err.number" },
  },
  {
    name: "numeric: min above max",
    values: form("numeric", { numeric: [{ kind: "range", value: "", tolerance: "", min: "9", max: "1", weight: "" }] }),
    errors: { "numeric.0.min": "authoring.q.err.minMax" },
  },
  {
    name: "numeric: no answer",
    values: form("numeric", { numeric: [] }),
    errors: { numeric: "authoring.q.err.numericNone" },
  },
  // matching
  {
    name: "matching: valid",
    values: form("matching", {
      pairs: [
        { left: "CCCD", right: "Căn cước" },
        { left: "VNeID", right: "Định danh" },
      ],
    }),
    errors: {},
  },
  {
    name: "matching: incomplete pair",
    values: form("matching", {
      pairs: [
        { left: "CCCD", right: "" },
        { left: "VNeID", right: "Định danh" },
      ],
    }),
    errors: { "pairs.0.right": "authoring.q.err.empty" },
  },
  {
    name: "matching: one pair only",
    values: form("matching", { pairs: [{ left: "A", right: "B" }] }),
    errors: { pairs: "authoring.q.err.pairsMin" },
  },
  {
    name: "matching: duplicate left items",
    values: form("matching", {
      pairs: [
        { left: "A", right: "1" },
        { left: "A", right: "2" },
      ],
    }),
    errors: { "pairs.1.left": "authoring.q.err.duplicate" },
  },
  // ordering
  {
    name: "ordering: valid",
    values: form("ordering", { items: [{ text: "Một" }, { text: "Hai" }, { text: "Ba" }] }),
    errors: {},
  },
  {
    name: "ordering: one item only",
    values: form("ordering", { items: [{ text: "Một" }] }),
    errors: { items: "authoring.q.err.itemsMin" },
  },
  {
    name: "ordering: empty item between others",
    values: form("ordering", { items: [{ text: "Một" }, { text: "" }, { text: "Ba" }] }),
    errors: { "items.1.text": "authoring.q.err.empty" },
  },
  // shared fields
  {
    name: "key must be kebab-case",
    values: form("truefalse", { answer: "true", key: "Câu 1" }),
    errors: { key: "authoring.errors.key" },
  },
  {
    name: "key 'new' is reserved",
    values: form("truefalse", { answer: "true", key: "new" }),
    errors: { key: "authoring.errors.keyReserved" },
  },
  {
    name: "prompt is required",
    values: form("truefalse", { answer: "true", prompt: "  " }),
    errors: { prompt: "authoring.q.err.promptRequired" },
  },
  {
    name: "points must be above 0",
    values: form("truefalse", { answer: "true", points: "0" }),
    errors: { points: "authoring.q.err.points" },
  },
  {
    name: "points must be a number",
    values: form("truefalse", { answer: "true", points: "một" }),
    errors: { points: "authoring.q.err.number" },
  },
  {
    name: "pool must be kebab-case",
    values: form("truefalse", { answer: "true", pool: "Khó" }),
    errors: { pool: "authoring.errors.key" },
  },
];

describe("questionFormSchema", () => {
  it.each(table)("$name", ({ values, errors }) => {
    expect(errorsOf(values)).toEqual(errors);
  });

  it("accepts what a form post carries without JavaScript (strings, 'on', a lone checkbox value)", () => {
    const posted = {
      key: "cau-1",
      type: "multiple",
      pool: "",
      lessons: "bai-1",
      points: "2",
      prompt: "Chọn?",
      options: [{ text: "A", correct: "on" }, { text: "B" }, { text: "C", correct: "on" }, { text: "" }],
    };
    const parsed = questionFormSchema.safeParse(posted);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.lessons).toEqual(["bai-1"]);
    expect(parsed.data.pool).toBe("default");
    expect(questionFromForm(parsed.data)).toMatchObject({
      type: "multiple",
      points: 2,
      options: [
        { text: "A", weight: 0.5 },
        { text: "B", weight: -0.5 },
        { text: "C", weight: 0.5 },
      ],
    });
  });

  it("ignores spare empty rows at the end", () => {
    const values = form("single", { options: [choice("A"), choice("B"), choice(""), choice("")], correctIndex: "0" });
    expect(errorsOf(values)).toEqual({});
    expect((formToInput(values) as { options: unknown[] }).options).toHaveLength(2);
  });
});

// A question survives the editor unchanged: stored → rows → input → stored.
const samples: Question[] = [
  {
    key: "s",
    pool: "default",
    lessons: ["a"],
    points: 1,
    prompt: "P",
    type: "single",
    options: [
      { id: "a", text: "A", weight: 1, feedback: "Đúng" },
      { id: "b", text: "B", weight: 0.5 },
      { id: "c", text: "C", weight: 0 },
    ],
  },
  {
    key: "m",
    pool: "kho",
    lessons: [],
    points: 2,
    prompt: "P",
    explanation: "Vì…",
    type: "multiple",
    options: [
      { id: "a", text: "A", weight: 0.5 },
      { id: "b", text: "B", weight: 0.5 },
      { id: "c", text: "C", weight: -0.5 },
    ],
  },
  {
    key: "mw",
    pool: "default",
    lessons: [],
    points: 1,
    prompt: "P",
    type: "multiple",
    options: [
      { id: "a", text: "A", weight: 0.7 },
      { id: "b", text: "B", weight: 0.3 },
      { id: "c", text: "C", weight: -1 },
    ],
  },
  {
    key: "t",
    pool: "default",
    lessons: [],
    points: 1,
    prompt: "P",
    type: "truefalse",
    answer: false,
    feedbackTrue: "Sai rồi",
  },
  {
    key: "sh",
    pool: "default",
    lessons: [],
    points: 1,
    prompt: "P",
    type: "short",
    answers: [
      { text: "Hà Nội", weight: 1 },
      { text: "HN", weight: 0.5 },
    ],
    diacriticsMatter: true,
  },
  {
    key: "n",
    pool: "default",
    lessons: [],
    points: 1,
    prompt: "P",
    type: "numeric",
    answers: [{ kind: "tolerance", value: 3.5, tolerance: 0.1, weight: 1 }],
  },
  {
    key: "n2",
    pool: "default",
    lessons: [],
    points: 1,
    prompt: "P",
    type: "numeric",
    answers: [
      { kind: "range", min: 1, max: 2, weight: 1 },
      { kind: "tolerance", value: 5, tolerance: 0, weight: 0.5 },
    ],
  },
  {
    key: "ma",
    pool: "default",
    lessons: [],
    points: 1,
    prompt: "P",
    type: "matching",
    pairs: [
      { id: "a", left: "L1", right: "R1" },
      { id: "b", left: "L2", right: "R2" },
    ],
  },
  {
    key: "o",
    pool: "default",
    lessons: [],
    points: 1,
    prompt: "P",
    type: "ordering",
    items: [
      { id: "a", text: "1" },
      { id: "b", text: "2" },
      { id: "c", text: "3" },
    ],
  },
];

describe("questionToForm → formToInput", () => {
  it.each(samples.map((q) => ({ name: `${q.type} (${q.key})`, q })))("round-trips $name", ({ q }) => {
    const values = questionToForm(q);
    expect(errorsOf(values)).toEqual({});
    const parsed = questionInputSchema.parse(formToInput(values));
    const back = normalizeQuestion(parsed);
    expect(
      JSON.parse(JSON.stringify(back), (_, v: unknown) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v)),
    ).toEqual(q);
  });
});

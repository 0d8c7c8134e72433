import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { gradeQuestion } from "./grading";
import {
  type LearnerQuestion,
  type Question,
  itemId,
  matchingRightId,
  normalizeQuestion,
  parseAnswerValue,
  parseLocaleNumber,
  questionFromInput,
  questionInputSchema,
  slugify,
  stripDiacritics,
  toLearnerAnswerValue,
  toLearnerQuestion,
  toQuestionInput,
  uniqueKey,
  validateQuestion,
} from "./question";

const head = { key: "q", prompt: "Câu hỏi?" };
const defaults = { key: "q", pool: "default", lessons: [], points: 1, prompt: "Câu hỏi?" };

function normalize(raw: unknown): Question {
  return normalizeQuestion(questionInputSchema.parse(raw));
}

function issuesOf(raw: unknown): { path: (string | number)[]; message: string }[] {
  const result = questionInputSchema.safeParse(raw);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path, message: i.message }));
}

describe("questionInputSchema + normalizeQuestion: valid input", () => {
  it.each<{ name: string; input: unknown; expected: Question }>([
    {
      name: "single with a correct flag and defaults",
      input: { ...head, type: "single", options: [{ text: "VNeID", correct: true }, { text: "Zalo" }] },
      expected: {
        ...defaults,
        type: "single",
        options: [
          { id: "a", text: "VNeID", weight: 1 },
          { id: "b", text: "Zalo", weight: 0 },
        ],
      },
    },
    {
      name: "single with partial credit, a penalty and feedback",
      input: {
        ...head,
        type: "single",
        options: [
          { text: "A", correct: true, feedback: " Đúng " },
          { text: "B", weight: 50 },
          { text: "C", weight: -25, feedback: "" },
        ],
      },
      expected: {
        ...defaults,
        type: "single",
        options: [
          { id: "a", text: "A", weight: 1, feedback: "Đúng" },
          { id: "b", text: "B", weight: 0.5 },
          { id: "c", text: "C", weight: -0.25 },
        ],
      },
    },
    {
      name: "single whose full-credit option is given as weight 100",
      input: { ...head, type: "single", options: [{ text: "A" }, { text: "B", weight: 100 }] },
      expected: {
        ...defaults,
        type: "single",
        options: [
          { id: "a", text: "A", weight: 0 },
          { id: "b", text: "B", weight: 1 },
        ],
      },
    },
    {
      name: "single with numeric option texts, base fields, trimmed prompt and explanation",
      input: {
        key: "so-khan-cap",
        type: "single",
        pool: "an-toan",
        lessons: ["so-dien-thoai", "khan-cap"],
        points: 2.5,
        prompt: "  Gọi cứu hoả?  ",
        explanation: " Số 114. ",
        options: [{ text: 114, correct: true }, { text: 113 }],
      },
      expected: {
        key: "so-khan-cap",
        pool: "an-toan",
        lessons: ["so-dien-thoai", "khan-cap"],
        points: 2.5,
        prompt: "Gọi cứu hoả?",
        explanation: "Số 114.",
        type: "single",
        options: [
          { id: "a", text: "114", weight: 1 },
          { id: "b", text: "113", weight: 0 },
        ],
      },
    },
    {
      name: "multiple: correct options share 1, wrong options cost 1/(number correct)",
      input: {
        ...head,
        type: "multiple",
        options: [
          { text: "A", correct: true },
          { text: "B", correct: true },
          { text: "C" },
          { text: "D", correct: false },
        ],
      },
      expected: {
        ...defaults,
        type: "multiple",
        options: [
          { id: "a", text: "A", weight: 0.5 },
          { id: "b", text: "B", weight: 0.5 },
          { id: "c", text: "C", weight: -0.5 },
          { id: "d", text: "D", weight: -0.5 },
        ],
      },
    },
    {
      name: "multiple: an explicit weight leaves the rest of 100% to the other correct options",
      input: {
        ...head,
        type: "multiple",
        options: [{ text: "A", weight: 60 }, { text: "B", correct: true }, { text: "C" }, { text: "D", weight: -100 }],
      },
      expected: {
        ...defaults,
        type: "multiple",
        options: [
          { id: "a", text: "A", weight: 0.6 },
          { id: "b", text: "B", weight: 0.4 },
          { id: "c", text: "C", weight: -0.5 },
          { id: "d", text: "D", weight: -1 },
        ],
      },
    },
    {
      name: "truefalse with feedback",
      input: { ...head, type: "truefalse", answer: false, feedbackTrue: "Sai rồi", feedbackFalse: "Chính xác" },
      expected: { ...defaults, type: "truefalse", answer: false, feedbackTrue: "Sai rồi", feedbackFalse: "Chính xác" },
    },
    {
      name: "short with strings, numbers and weighted answers",
      input: { ...head, type: "short", answers: ["113", 114, { text: " một một ba ", weight: 50 }] },
      expected: {
        ...defaults,
        type: "short",
        answers: [
          { text: "113", weight: 1 },
          { text: "114", weight: 1 },
          { text: "một một ba", weight: 0.5 },
        ],
        diacriticsMatter: false,
      },
    },
    {
      name: "short where diacritics matter",
      input: { ...head, type: "short", answers: ["Hà Nội"], diacriticsMatter: true },
      expected: { ...defaults, type: "short", answers: [{ text: "Hà Nội", weight: 1 }], diacriticsMatter: true },
    },
    {
      name: "numeric value (tolerance defaults to 0)",
      input: { ...head, type: "numeric", value: 3 },
      expected: { ...defaults, type: "numeric", answers: [{ kind: "tolerance", value: 3, tolerance: 0, weight: 1 }] },
    },
    {
      name: "numeric value with tolerance",
      input: { ...head, type: "numeric", value: 3.5, tolerance: 0.25 },
      expected: {
        ...defaults,
        type: "numeric",
        answers: [{ kind: "tolerance", value: 3.5, tolerance: 0.25, weight: 1 }],
      },
    },
    {
      name: "numeric range",
      input: { ...head, type: "numeric", min: 1, max: 5 },
      expected: { ...defaults, type: "numeric", answers: [{ kind: "range", min: 1, max: 5, weight: 1 }] },
    },
    {
      name: "numeric answer list",
      input: {
        ...head,
        type: "numeric",
        answers: [{ value: 10 }, { value: 10, tolerance: 1, weight: 50 }, { min: 0, max: 100, weight: 10 }],
      },
      expected: {
        ...defaults,
        type: "numeric",
        answers: [
          { kind: "tolerance", value: 10, tolerance: 0, weight: 1 },
          { kind: "tolerance", value: 10, tolerance: 1, weight: 0.5 },
          { kind: "range", min: 0, max: 100, weight: 0.1 },
        ],
      },
    },
    {
      name: "matching",
      input: {
        ...head,
        type: "matching",
        pairs: [
          { left: "113", right: "Công an" },
          { left: 114, right: "Cứu hoả" },
        ],
      },
      expected: {
        ...defaults,
        type: "matching",
        pairs: [
          { id: "a", left: "113", right: "Công an" },
          { id: "b", left: "114", right: "Cứu hoả" },
        ],
      },
    },
    {
      name: "ordering",
      input: { ...head, type: "ordering", items: ["Mở ứng dụng", "Đăng nhập", 3] },
      expected: {
        ...defaults,
        type: "ordering",
        items: [
          { id: "a", text: "Mở ứng dụng" },
          { id: "b", text: "Đăng nhập" },
          { id: "c", text: "3" },
        ],
      },
    },
  ])("$name", ({ input, expected }) => {
    expect(issuesOf(input)).toEqual([]);
    const q = normalize(input);
    expect(q).toEqual(expected);
    expect(validateQuestion(q)).toEqual([]);
  });

  it("thirds add up within tolerance", () => {
    const q = normalize({
      ...head,
      type: "multiple",
      options: [
        { text: "A", correct: true },
        { text: "B", correct: true },
        { text: "C", correct: true },
        { text: "D" },
      ],
    });
    expect(q.type === "multiple" && q.options.map((o) => o.weight)).toEqual([1 / 3, 1 / 3, 1 / 3, -1 / 3]);
    expect(validateQuestion(q)).toEqual([]);
  });

  it("parses the YAML authoring format", () => {
    const yaml = `
- key: dvc-dang-nhap-vneid
  type: single
  pool: dich-vu-cong
  lessons: [cong-dich-vu-cong-quoc-gia]
  prompt: "Đăng nhập **Cổng Dịch vụ công** bằng gì?"
  explanation: "Tài khoản định danh điện tử."
  options:
    - { text: VNeID, correct: true, feedback: Đúng }
    - { text: Zalo }
    - text: Facebook
- key: so-cuu-hoa
  type: short
  prompt: Số gọi cứu hoả?
  answers: ["114"]
- key: nhiet-do
  type: numeric
  prompt: Nhiệt độ sôi của nước?
  value: 100
  tolerance: 0
- key: thu-tu
  type: ordering
  prompt: Sắp xếp
  items: [a, b, c]
- key: dung-sai
  type: truefalse
  prompt: VNeID miễn phí.
  answer: true
`;
    const items = parseYaml(yaml) as unknown[];
    const results = items.map((item) => questionFromInput(item));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    const first = results[0];
    expect(first.ok && first.question).toMatchObject({
      key: "dvc-dang-nhap-vneid",
      pool: "dich-vu-cong",
      lessons: ["cong-dich-vu-cong-quoc-gia"],
      points: 1,
      type: "single",
      options: [
        { id: "a", text: "VNeID", weight: 1, feedback: "Đúng" },
        { id: "b", text: "Zalo", weight: 0 },
        { id: "c", text: "Facebook", weight: 0 },
      ],
    });
  });
});

describe("questionInputSchema: invalid input names the field", () => {
  const single = { ...head, type: "single", options: [{ text: "A", correct: true }, { text: "B" }] };
  const multiple = { ...head, type: "multiple", options: [{ text: "A", correct: true }, { text: "B" }] };
  it.each<{ name: string; input: unknown; path: (string | number)[]; message?: string }>([
    { name: "missing type", input: { ...head, options: [] }, path: ["type"] },
    { name: "unknown type", input: { ...head, type: "essay" }, path: ["type"], message: "discriminator" },
    { name: "not an object", input: "single", path: [] },
    { name: "missing key", input: { ...single, key: undefined }, path: ["key"] },
    { name: "key with upper case", input: { ...single, key: "Bad_Key" }, path: ["key"], message: "lowercase" },
    { name: "key with spaces", input: { ...single, key: "dang nhap" }, path: ["key"] },
    { name: "empty key", input: { ...single, key: "" }, path: ["key"], message: "empty" },
    { name: "pool with diacritics", input: { ...single, pool: "dịch-vụ" }, path: ["pool"] },
    { name: "bad lesson key", input: { ...single, lessons: ["ok", "Not OK"] }, path: ["lessons", 1] },
    { name: "lessons not a list", input: { ...single, lessons: "ok" }, path: ["lessons"] },
    { name: "0 points", input: { ...single, points: 0 }, path: ["points"], message: "greater than 0" },
    { name: "negative points", input: { ...single, points: -1 }, path: ["points"] },
    { name: "infinite points", input: { ...single, points: Infinity }, path: ["points"] },
    { name: "NaN points", input: { ...single, points: Number.NaN }, path: ["points"] },
    { name: "points as a string", input: { ...single, points: "1" }, path: ["points"] },
    { name: "blank prompt", input: { ...single, prompt: "   " }, path: ["prompt"], message: "empty" },
    { name: "missing prompt", input: { ...single, prompt: undefined }, path: ["prompt"] },
    {
      name: "a field of another type",
      input: { ...single, answer: true },
      path: [],
      message: "answer",
    },
    { name: "single: one option", input: { ...single, options: [{ text: "A", correct: true }] }, path: ["options"] },
    { name: "single: no options field", input: { ...single, options: undefined }, path: ["options"] },
    {
      name: "single: no correct option",
      input: { ...single, options: [{ text: "A" }, { text: "B" }] },
      path: ["options"],
      message: "correct option",
    },
    {
      name: "single: two correct options",
      input: {
        ...single,
        options: [
          { text: "A", correct: true },
          { text: "B", correct: true },
        ],
      },
      path: ["options"],
      message: "exactly one",
    },
    {
      name: "single: only partial credit",
      input: {
        ...single,
        options: [
          { text: "A", weight: 50 },
          { text: "B", weight: 50 },
        ],
      },
      path: ["options"],
    },
    {
      name: "single: correct with a partial weight",
      input: {
        ...single,
        options: [
          { text: "A", correct: true, weight: 50 },
          { text: "B", weight: 100 },
        ],
      },
      path: ["options", 0, "weight"],
    },
    {
      name: "single: empty option text",
      input: { ...single, options: [{ text: "A", correct: true }, { text: " " }] },
      path: ["options", 1, "text"],
    },
    {
      name: "single: duplicate option text",
      input: { ...single, options: [{ text: "Có", correct: true }, { text: "có " }] },
      path: ["options", 1, "text"],
      message: "same as option 1",
    },
    {
      name: "single: weight above 100",
      input: {
        ...single,
        options: [
          { text: "A", correct: true },
          { text: "B", weight: 150 },
        ],
      },
      path: ["options", 1, "weight"],
    },
    {
      name: "single: misspelt option field",
      input: { ...single, options: [{ text: "A", corect: true }, { text: "B" }] },
      path: ["options", 0],
      message: "corect",
    },
    {
      name: "single: option without text",
      input: { ...single, options: [{ correct: true }, { text: "B" }] },
      path: ["options", 0, "text"],
    },
    {
      name: "multiple: no correct option",
      input: { ...multiple, options: [{ text: "A" }, { text: "B" }] },
      path: ["options"],
      message: "correct",
    },
    {
      name: "multiple: every option correct",
      input: {
        ...multiple,
        options: [
          { text: "A", correct: true },
          { text: "B", correct: true },
        ],
      },
      path: ["options"],
      message: "wrong option",
    },
    {
      name: "multiple: weights not adding to 100",
      input: { ...multiple, options: [{ text: "A", weight: 50 }, { text: "B", weight: 40 }, { text: "C" }] },
      path: ["options"],
      message: "add up to 90%",
    },
    {
      name: "multiple: explicit 0 for the wrong options lets 'select all' win",
      input: {
        ...multiple,
        options: [
          { text: "A", correct: true },
          { text: "B", weight: 0 },
        ],
      },
      path: ["options"],
      message: "selecting every option",
    },
    {
      name: "multiple: correct with a negative weight",
      input: {
        ...multiple,
        options: [{ text: "A", correct: true, weight: -10 }, { text: "B", correct: true }, { text: "C" }],
      },
      path: ["options", 0, "weight"],
    },
    {
      name: "multiple: correct false with a positive weight",
      input: {
        ...multiple,
        options: [
          { text: "A", correct: true },
          { text: "B", correct: false, weight: 50 },
        ],
      },
      path: ["options", 1, "weight"],
    },
    { name: "truefalse: missing answer", input: { ...head, type: "truefalse" }, path: ["answer"] },
    { name: "truefalse: answer as text", input: { ...head, type: "truefalse", answer: "yes" }, path: ["answer"] },
    { name: "short: no answers", input: { ...head, type: "short", answers: [] }, path: ["answers"] },
    { name: "short: answers missing", input: { ...head, type: "short" }, path: ["answers"] },
    {
      name: "short: blank answer",
      input: { ...head, type: "short", answers: ["113", "  "] },
      path: ["answers", 1],
      message: "empty",
    },
    {
      name: "short: only a 0% answer",
      input: { ...head, type: "short", answers: [{ text: "x", weight: 0 }] },
      path: ["answers"],
      message: "more than 0%",
    },
    {
      name: "short: weight out of range",
      input: { ...head, type: "short", answers: [{ text: "x", weight: 200 }, "y"] },
      path: ["answers", 0, "weight"],
    },
    {
      name: "short: diacriticsMatter not a boolean",
      input: { ...head, type: "short", answers: ["x"], diacriticsMatter: "no" },
      path: ["diacriticsMatter"],
    },
    { name: "numeric: nothing given", input: { ...head, type: "numeric" }, path: ["value"] },
    {
      name: "numeric: value and range together",
      input: { ...head, type: "numeric", value: 3, min: 1, max: 5 },
      path: ["min"],
    },
    { name: "numeric: min without max", input: { ...head, type: "numeric", min: 1 }, path: ["max"] },
    { name: "numeric: max without min", input: { ...head, type: "numeric", max: 1 }, path: ["min"] },
    {
      name: "numeric: min above max",
      input: { ...head, type: "numeric", min: 5, max: 1 },
      path: ["min"],
      message: "greater than max",
    },
    {
      name: "numeric: negative tolerance",
      input: { ...head, type: "numeric", value: 3, tolerance: -1 },
      path: ["tolerance"],
    },
    {
      name: "numeric: tolerance with a range",
      input: { ...head, type: "numeric", min: 1, max: 2, tolerance: 1 },
      path: ["tolerance"],
    },
    {
      name: "numeric: infinite value",
      input: { ...head, type: "numeric", value: Infinity },
      path: ["value"],
    },
    {
      name: "numeric: value as text",
      input: { ...head, type: "numeric", value: "3,5" },
      path: ["value"],
    },
    {
      name: "numeric: answer list with no positive weight",
      input: { ...head, type: "numeric", answers: [{ value: 1, weight: 0 }] },
      path: ["answers"],
    },
    {
      name: "numeric: reversed range in the list",
      input: { ...head, type: "numeric", answers: [{ value: 1 }, { min: 5, max: 1 }] },
      path: ["answers", 1, "min"],
    },
    {
      name: "numeric: mixed answer shape",
      input: { ...head, type: "numeric", answers: [{ value: 1, min: 2 }] },
      path: ["answers", 0],
    },
    {
      name: "matching: a single pair",
      input: { ...head, type: "matching", pairs: [{ left: "a", right: "b" }] },
      path: ["pairs"],
      message: "at least 2",
    },
    {
      name: "matching: pair without right",
      input: { ...head, type: "matching", pairs: [{ left: "a" }, { left: "b", right: "c" }] },
      path: ["pairs", 0, "right"],
    },
    {
      name: "matching: empty left",
      input: {
        ...head,
        type: "matching",
        pairs: [
          { left: "a", right: "1" },
          { left: "", right: "2" },
        ],
      },
      path: ["pairs", 1, "left"],
    },
    {
      name: "matching: duplicate left",
      input: {
        ...head,
        type: "matching",
        pairs: [
          { left: "a", right: "1" },
          { left: "A", right: "2" },
        ],
      },
      path: ["pairs", 1, "left"],
      message: "same as left item 1",
    },
    {
      name: "matching: only one distinct right",
      input: {
        ...head,
        type: "matching",
        pairs: [
          { left: "a", right: "1" },
          { left: "b", right: "1" },
        ],
      },
      path: ["pairs"],
      message: "different right-hand",
    },
    { name: "ordering: one item", input: { ...head, type: "ordering", items: ["a"] }, path: ["items"] },
    {
      name: "ordering: duplicate item",
      input: { ...head, type: "ordering", items: ["a", "b", "a"] },
      path: ["items", 2],
      message: "same as item 1",
    },
    { name: "ordering: empty item", input: { ...head, type: "ordering", items: ["", "b"] }, path: ["items", 0] },
    {
      name: "ordering: item as object",
      input: { ...head, type: "ordering", items: [{ text: "a" }, "b"] },
      path: ["items", 0],
    },
  ])("$name → $path", ({ input, path, message }) => {
    const issues = issuesOf(input);
    expect(issues.length).toBeGreaterThan(0);
    const match = issues.find((i) => JSON.stringify(i.path) === JSON.stringify(path));
    expect(match, JSON.stringify(issues)).toBeDefined();
    if (message) expect(match?.message.toLowerCase()).toContain(message.toLowerCase());
  });

  it("reports one mistake once", () => {
    expect(issuesOf({ ...head, type: "single", options: [{ text: "A" }, { text: "" }] })).toEqual([
      { path: ["options", 1, "text"], message: "must not be empty" },
      { path: ["options"], message: "needs a correct option (one option worth 100%)" },
    ]);
  });

  it("questionFromInput formats paths for people", () => {
    const result = questionFromInput({ ...head, type: "short", answers: [{ text: "x", weight: 500 }] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      "answers[0].weight: must be between -100% and 100%",
      "answers: needs at least one non-empty answer worth more than 0%",
    ]);
  });
});

describe("validateQuestion on stored questions", () => {
  const ok: Question = {
    ...defaults,
    type: "single",
    options: [
      { id: "a", text: "A", weight: 1 },
      { id: "b", text: "B", weight: 0 },
    ],
  };
  it.each<{ name: string; q: Question; problems: string[] }>([
    { name: "a valid question", q: ok, problems: [] },
    { name: "0 points", q: { ...ok, points: 0 }, problems: ["points: must be a number greater than 0"] },
    { name: "NaN points", q: { ...ok, points: Number.NaN }, problems: ["points: must be a number greater than 0"] },
    {
      name: "a NaN weight",
      q: {
        ...ok,
        options: [
          { id: "a", text: "A", weight: 1 },
          { id: "b", text: "B", weight: Number.NaN },
        ],
      },
      problems: ["options[1].weight: must be between -100% and 100%"],
    },
    {
      name: "single with no correct option",
      q: {
        ...ok,
        options: [
          { id: "a", text: "A", weight: 0.5 },
          { id: "b", text: "B", weight: 0 },
        ],
      },
      problems: ["options: needs a correct option (one option worth 100%)"],
    },
    {
      name: "duplicate option ids",
      q: {
        ...ok,
        options: [
          { id: "a", text: "A", weight: 1 },
          { id: "a", text: "B", weight: 0 },
        ],
      },
      problems: ['options[1].id: duplicate id "a"'],
    },
    {
      name: "multiple with weights summing to 0.9",
      q: {
        ...defaults,
        type: "multiple",
        options: [
          { id: "a", text: "A", weight: 0.5 },
          { id: "b", text: "B", weight: 0.4 },
          { id: "c", text: "C", weight: -1 },
        ],
      },
      problems: ["options: the correct options' weights must add up to 100%, they add up to 90%"],
    },
    {
      name: "multiple with all options right",
      q: {
        ...defaults,
        type: "multiple",
        options: [
          { id: "a", text: "A", weight: 0.5 },
          { id: "b", text: "B", weight: 0.5 },
        ],
      },
      problems: ["options: needs at least one wrong option"],
    },
    {
      name: "multiple where selecting everything scores full marks",
      q: {
        ...defaults,
        type: "multiple",
        options: [
          { id: "a", text: "A", weight: 1 },
          { id: "b", text: "B", weight: 0 },
        ],
      },
      problems: ["options: selecting every option would score full marks; give the wrong options negative weights"],
    },
    {
      name: "short with nothing accepted",
      q: { ...defaults, type: "short", answers: [{ text: " ", weight: 1 }], diacriticsMatter: false },
      problems: [
        "answers[0].text: must not be empty",
        "answers: needs at least one non-empty answer worth more than 0%",
      ],
    },
    {
      name: "numeric with a negative tolerance and a reversed range",
      q: {
        ...defaults,
        type: "numeric",
        answers: [
          { kind: "tolerance", value: 1, tolerance: -1, weight: 1 },
          { kind: "range", min: 3, max: 2, weight: 1 },
        ],
      },
      problems: ["answers[0].tolerance: must be a number, 0 or more", "answers[1].min: must not be greater than max"],
    },
    {
      name: "numeric with NaN",
      q: { ...defaults, type: "numeric", answers: [{ kind: "tolerance", value: Number.NaN, tolerance: 0, weight: 1 }] },
      problems: ["answers[0].value: must be a finite number"],
    },
    {
      name: "matching with duplicate left items",
      q: {
        ...defaults,
        type: "matching",
        pairs: [
          { id: "a", left: "x", right: "1" },
          { id: "b", left: "x", right: "2" },
        ],
      },
      problems: ["pairs[1].left: is the same as left item 1"],
    },
    {
      name: "ordering with a duplicate",
      q: {
        ...defaults,
        type: "ordering",
        items: [
          { id: "a", text: "x" },
          { id: "b", text: "x" },
        ],
      },
      problems: ["items[1].text: is the same as item 1"],
    },
    {
      name: "an unknown type from old data",
      q: { ...defaults, type: "essay" } as unknown as Question,
      problems: ["type: must be one of single, multiple, truefalse, short, numeric, matching, ordering"],
    },
  ])("$name", ({ q, problems }) => {
    expect(validateQuestion(q)).toEqual(problems);
  });
});

// ─── Learner view ────────────────────────────────────────────────────────────

const samples: Question[] = [
  normalize({
    key: "chon-mot",
    type: "single",
    prompt: "Một?",
    explanation: "Giải thích",
    options: [
      { text: "Đúng", correct: true, feedback: "fb" },
      { text: "Sai 1", weight: 50 },
      { text: "Sai 2" },
      { text: "Sai 3" },
    ],
  }),
  normalize({
    key: "chon-nhieu",
    type: "multiple",
    prompt: "Nhiều?",
    options: [{ text: "A", correct: true }, { text: "B", correct: true }, { text: "C" }, { text: "D" }],
  }),
  normalize({
    key: "dung-sai",
    type: "truefalse",
    prompt: "Đ/S?",
    answer: true,
    feedbackTrue: "x",
    feedbackFalse: "y",
  }),
  normalize({ key: "ngan", type: "short", prompt: "Ngắn?", answers: ["113"] }),
  normalize({ key: "so", type: "numeric", prompt: "Số?", value: 3.5, tolerance: 0.1 }),
  normalize({
    key: "ghep",
    type: "matching",
    prompt: "Ghép",
    pairs: [
      { left: "113", right: "Công an" },
      { left: "114", right: "Cứu hoả" },
      { left: "115", right: "Cấp cứu" },
    ],
  }),
  normalize({ key: "sap-xep", type: "ordering", prompt: "Sắp xếp", items: ["Một", "Hai", "Ba", "Bốn"] }),
];

const FORBIDDEN_KEYS = [
  "weight",
  "answer",
  "answers",
  "explanation",
  "feedback",
  "feedbackTrue",
  "feedbackFalse",
  "correct",
  "pairs",
  "diacriticsMatter",
];

function allKeys(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => allKeys(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      allKeys(v, out);
    }
  }
  return out;
}

describe("toLearnerQuestion", () => {
  it.each(samples.map((q) => [q.type, q] as const))("%s never contains answer data", (_, q) => {
    for (let seed = 0; seed < 30; seed++) {
      const view = JSON.parse(JSON.stringify(toLearnerQuestion(q, seed))) as LearnerQuestion;
      const keys = allKeys(view);
      for (const key of FORBIDDEN_KEYS) expect(keys.has(key), key).toBe(false);
      const json = JSON.stringify(view);
      expect(json).not.toContain("Giải thích");
      expect(json).not.toContain('"fb"');
      expect(view).toMatchObject({ key: q.key, type: q.type, prompt: q.prompt, points: q.points });
    }
  });

  it.each(samples.map((q) => [q.type, q] as const))("%s uses no canonical ids for hidden parts", (_, q) => {
    const view = toLearnerQuestion(q, 1);
    for (const list of [view.options, view.items, view.right]) {
      for (const item of list ?? []) expect(item.id).not.toMatch(/^[a-z]{1,2}$/);
    }
  });

  it("shows every option exactly once and shuffles them deterministically by seed", () => {
    const q = samples[0];
    const orders = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const view = toLearnerQuestion(q, seed);
      expect(view.options?.map((o) => o.text).sort()).toEqual(["Sai 1", "Sai 2", "Sai 3", "Đúng"]);
      expect(toLearnerQuestion(q, seed)).toEqual(view);
      orders.add(view.options!.map((o) => o.text).join("|"));
    }
    expect(orders.size).toBeGreaterThan(10);
  });

  it("gives the same view whichever option is correct (ids leak nothing)", () => {
    const options = ["A", "B", "C"];
    const views = options.map((_, correct) =>
      toLearnerQuestion(
        normalize({
          ...head,
          type: "single",
          options: options.map((text, i) => (i === correct ? { text, correct: true } : { text })),
        }),
        7,
      ),
    );
    expect(views[1]).toEqual(views[0]);
    expect(views[2]).toEqual(views[0]);
  });

  it.each([2, 3, 4, 6])("never shows %i ordering items in the correct order", (n) => {
    const items = Array.from({ length: n }, (_, i) => `Bước ${i + 1}`);
    const q = normalize({ ...head, type: "ordering", items });
    for (let seed = 0; seed < 300; seed++) {
      const view = toLearnerQuestion(q, seed);
      expect(view.items!.map((i) => i.text)).not.toEqual(items);
      expect([...view.items!.map((i) => i.text)].sort()).toEqual([...items].sort());
    }
  });

  it("ordering ids do not reveal the order (same ids whatever the correct order)", () => {
    const a = toLearnerQuestion(normalize({ ...head, type: "ordering", items: ["x", "y", "z"] }), 3);
    const b = toLearnerQuestion(normalize({ ...head, type: "ordering", items: ["z", "x", "y"] }), 3);
    const idsByText = (v: LearnerQuestion) => Object.fromEntries(v.items!.map((i) => [i.text, i.id]));
    expect(idsByText(a)).toEqual(idsByText(b));
  });

  it("keeps matching left items in order and never lines the right items up with them", () => {
    const q = samples[5];
    for (let seed = 0; seed < 200; seed++) {
      const view = toLearnerQuestion(q, seed);
      expect(view.left).toEqual([
        { id: "a", text: "113" },
        { id: "b", text: "114" },
        { id: "c", text: "115" },
      ]);
      expect(view.right!.map((r) => r.text)).not.toEqual(["Công an", "Cứu hoả", "Cấp cứu"]);
      expect(view.right!.map((r) => r.id).sort()).toEqual(
        ["Công an", "Cứu hoả", "Cấp cứu"].map(matchingRightId).sort(),
      );
    }
  });

  it("shows a right item shared by several left items once", () => {
    const q = normalize({
      ...head,
      type: "matching",
      pairs: [
        { left: "Hà Nội", right: "Bắc" },
        { left: "Hải Phòng", right: "Bắc" },
        { left: "Cần Thơ", right: "Nam" },
      ],
    });
    expect(
      toLearnerQuestion(q, 1)
        .right!.map((r) => r.text)
        .sort(),
    ).toEqual(["Bắc", "Nam"]);
  });

  it("has nothing extra for truefalse, short and numeric", () => {
    for (const q of samples.slice(2, 5)) {
      expect(Object.keys(toLearnerQuestion(q, 1)).sort()).toEqual(["key", "points", "prompt", "type"]);
    }
  });
});

describe("parseAnswerValue", () => {
  const [single, multiple, tf, short, numeric, matching, ordering] = samples;
  const optionId = (q: Question, text: string, seed = 0) =>
    toLearnerQuestion(q, seed).options!.find((o) => o.text === text)!.id;
  const itemPublic = (text: string) => toLearnerQuestion(ordering, 0).items!.find((i) => i.text === text)!.id;

  it.each<{ name: string; q: Question; raw: () => unknown; expected: unknown }>([
    { name: "single: a shown option", q: single, raw: () => optionId(single, "Sai 1"), expected: "b" },
    { name: "single: cleared", q: single, raw: () => "", expected: "" },
    { name: "single: a canonical id is not accepted", q: single, raw: () => "a", expected: null },
    { name: "single: unknown id", q: single, raw: () => "o12345678", expected: null },
    { name: "single: an array", q: single, raw: () => [optionId(single, "Đúng")], expected: null },
    { name: "single: a number", q: single, raw: () => 1, expected: null },
    {
      name: "multiple: several options, returned in authored order without duplicates",
      q: multiple,
      raw: () => [optionId(multiple, "C"), optionId(multiple, "A"), optionId(multiple, "C")],
      expected: ["a", "c"],
    },
    { name: "multiple: one option as a string", q: multiple, raw: () => optionId(multiple, "B"), expected: ["b"] },
    { name: "multiple: nothing", q: multiple, raw: () => [], expected: [] },
    { name: "multiple: an unknown id", q: multiple, raw: () => [optionId(multiple, "A"), "x"], expected: null },
    { name: "multiple: a non-string item", q: multiple, raw: () => [1], expected: null },
    { name: "multiple: an object", q: multiple, raw: () => ({ a: true }), expected: null },
    { name: "truefalse: true", q: tf, raw: () => true, expected: true },
    { name: "truefalse: 'false' from a form", q: tf, raw: () => "false", expected: false },
    { name: "truefalse: 'yes'", q: tf, raw: () => "yes", expected: null },
    { name: "truefalse: 1", q: tf, raw: () => 1, expected: null },
    { name: "short: text is trimmed", q: short, raw: () => "  113 ", expected: "113" },
    { name: "short: a number", q: short, raw: () => 113, expected: "113" },
    { name: "short: too long", q: short, raw: () => "x".repeat(1001), expected: null },
    { name: "short: an array", q: short, raw: () => ["113"], expected: null },
    { name: "numeric: decimal comma kept as typed", q: numeric, raw: () => " 3,5 ", expected: "3,5" },
    { name: "numeric: a number", q: numeric, raw: () => 3.5, expected: "3.5" },
    { name: "numeric: cleared", q: numeric, raw: () => "", expected: "" },
    { name: "numeric: not a number", q: numeric, raw: () => "ba", expected: null },
    { name: "numeric: Infinity", q: numeric, raw: () => Infinity, expected: null },
    { name: "numeric: a boolean", q: numeric, raw: () => true, expected: null },
    {
      name: "matching: a full answer",
      q: matching,
      raw: () => ({ b: matchingRightId("Cứu hoả"), a: matchingRightId("Công an") }),
      expected: { a: matchingRightId("Công an"), b: matchingRightId("Cứu hoả") },
    },
    {
      name: "matching: cleared selections are dropped",
      q: matching,
      raw: () => ({ a: "", c: matchingRightId("Cấp cứu") }),
      expected: { c: matchingRightId("Cấp cứu") },
    },
    { name: "matching: unknown left", q: matching, raw: () => ({ z: matchingRightId("Công an") }), expected: null },
    { name: "matching: unknown right", q: matching, raw: () => ({ a: "r00000000" }), expected: null },
    { name: "matching: non-string right", q: matching, raw: () => ({ a: 1 }), expected: null },
    { name: "matching: an array", q: matching, raw: () => [matchingRightId("Công an")], expected: null },
    { name: "matching: null", q: matching, raw: () => null, expected: null },
    {
      name: "ordering: a full permutation",
      q: ordering,
      raw: () => ["Bốn", "Ba", "Hai", "Một"].map(itemPublic),
      expected: ["d", "c", "b", "a"],
    },
    { name: "ordering: canonical ids cannot be posted", q: ordering, raw: () => ["a", "b", "c", "d"], expected: null },
    { name: "ordering: a partial order", q: ordering, raw: () => ["Một", "Hai"].map(itemPublic), expected: null },
    {
      name: "ordering: a repeated item",
      q: ordering,
      raw: () => ["Một", "Một", "Hai", "Ba"].map(itemPublic),
      expected: null,
    },
    { name: "ordering: a string", q: ordering, raw: () => "Một", expected: null },
  ])("$name", ({ q, raw, expected }) => {
    expect(parseAnswerValue(q, raw())).toEqual(expected);
  });

  it.each(samples.map((q) => [q.type, q] as const))(
    "%s: a right answer posted with learner ids grades as correct and restores to the same ids",
    (_, q) => {
      const view = toLearnerQuestion(q, 5);
      let posted: unknown;
      switch (q.type) {
        case "single":
          posted = view.options!.find((o) => o.text === "Đúng")!.id;
          break;
        case "multiple":
          posted = view.options!.filter((o) => o.text === "A" || o.text === "B").map((o) => o.id);
          break;
        case "truefalse":
          posted = "true";
          break;
        case "short":
          posted = "113";
          break;
        case "numeric":
          posted = "3,6";
          break;
        case "matching":
          posted = Object.fromEntries(q.pairs.map((p) => [p.id, matchingRightId(p.right)]));
          break;
        case "ordering":
          posted = q.items.map((item) => view.items!.find((i) => i.text === item.text)!.id);
          break;
      }
      const value = parseAnswerValue(q, posted);
      expect(value).not.toBeNull();
      expect(gradeQuestion(q, value).status).toBe("correct");
      if (q.type === "multiple") {
        expect([...(toLearnerAnswerValue(q, value!) as string[])].sort()).toEqual([...(posted as string[])].sort());
      } else if (q.type !== "truefalse") {
        expect(toLearnerAnswerValue(q, value!)).toEqual(posted);
      }
    },
  );
});

describe("toQuestionInput", () => {
  const extra: Question[] = [
    normalize({
      ...head,
      type: "multiple",
      options: [
        { text: "A", weight: 70 },
        { text: "B", weight: 30 },
        { text: "C", weight: -100, feedback: "no" },
      ],
    }),
    normalize({ ...head, type: "short", answers: ["x", { text: "y", weight: 50 }], diacriticsMatter: true }),
    normalize({ ...head, type: "numeric", min: 1, max: 2 }),
    normalize({ ...head, type: "numeric", answers: [{ value: 1 }, { min: 0, max: 5, weight: 25 }] }),
    normalize({ ...head, type: "truefalse", answer: false }),
  ];
  it.each([...samples, ...extra].map((q, i) => [i, q.type, q] as const))("#%i %s round-trips", (_, __, q) => {
    const input = toQuestionInput(q);
    expect(issuesOf(input)).toEqual([]);
    expect(normalize(input)).toEqual(q);
  });

  it("writes default multiple weights as correct flags", () => {
    const input = toQuestionInput(samples[1]);
    expect(input).toMatchObject({
      options: [{ text: "A", correct: true }, { text: "B", correct: true }, { text: "C" }, { text: "D" }],
    });
  });
});

describe("helpers", () => {
  it.each([
    [0, "a"],
    [1, "b"],
    [25, "z"],
    [26, "aa"],
    [27, "ab"],
    [51, "az"],
    [52, "ba"],
    [701, "zz"],
    [702, "aaa"],
  ])("itemId(%i) = %s", (index, id) => {
    expect(itemId(index)).toBe(id);
  });

  it.each([
    ["Đăng nhập VNeID", "dang-nhap-vneid"],
    ["  Câu hỏi số 1: Dịch vụ công!  ", "cau-hoi-so-1-dich-vu-cong"],
    ["ĐƯỜNG DÂY NÓNG", "duong-day-nong"],
    ["***", ""],
    ["a".repeat(70), "a".repeat(64)],
    [`${"word-".repeat(20)}end`, "word-word-word-word-word-word-word-word-word-word-word-word-word"],
  ])("slugify(%j) = %j", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it("stripDiacritics handles every Vietnamese vowel and đ", () => {
    expect(stripDiacritics("àáảãạ ăằắẳẵặ âầấẩẫậ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ đĐ")).toBe(
      "aaaaa aaaaaa aaaaaa eeeee eeeeee iiiii ooooo oooooo oooooo uuuuu uuuuuu yyyyy dD",
    );
  });

  it.each<[string | number, number | null]>([
    ["3,5", 3.5],
    ["3.5", 3.5],
    [" -0,25 ", -0.25],
    ["+7", 7],
    [",5", 0.5],
    ["5,", 5],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["1.234.567", 1234567],
    ["1,234,567", 1234567],
    ["1 234", 1234],
    ["１２", 12],
    ["1.23.4", null],
    ["1,2,3", null],
    ["1.234,5,6", null],
    ["", null],
    ["-", null],
    [".", null],
    ["1e3", 1000],
    ["-2.5E-2", -0.025],
    ["1,5e3", null],
    ["abc", null],
    ["3,5 kg", null],
    [Number.NaN, null],
    [Infinity, null],
    [42, 42],
  ])("parseLocaleNumber(%j) = %j", (raw, expected) => {
    expect(parseLocaleNumber(raw)).toBe(expected);
  });

  it("uniqueKey appends a counter", () => {
    const used = new Set(["a", "a-2"]);
    expect(uniqueKey(used, "a")).toBe("a-3");
    expect(uniqueKey(used, "b")).toBe("b");
  });
});

describe("matching distractors", () => {
  const q = normalize({
    ...head,
    type: "matching",
    pairs: [
      { left: "Chó", right: "Gâu" },
      { left: "Mèo", right: "Meo" },
    ],
    distractors: ["Quác"],
  });

  it("are shown among the right-hand choices", () => {
    expect(
      toLearnerQuestion(q, 7)
        .right!.map((r) => r.text)
        .sort(),
    ).toEqual(["Gâu", "Meo", "Quác"]);
  });

  it("are a valid pick and survive toQuestionInput", () => {
    expect(parseAnswerValue(q, { a: matchingRightId("Quác") })).toEqual({ a: matchingRightId("Quác") });
    expect(normalize(toQuestionInput(q))).toEqual(q);
  });

  it.each<{ name: string; distractors: unknown[]; problem: string }>([
    { name: "an empty distractor", distractors: [""], problem: "distractors[0]: must not be empty" },
    {
      name: "a distractor equal to a right-hand item",
      distractors: ["Meo"],
      problem: "distractors[0]: is the same as a right-hand item",
    },
  ])("rejects $name", ({ distractors, problem }) => {
    expect(validateQuestion({ ...q, distractors } as Question)).toEqual([problem]);
  });

  it("leave a question without them unchanged", () => {
    const plain = normalize({
      ...head,
      type: "matching",
      pairs: [
        { left: "Chó", right: "Gâu" },
        { left: "Mèo", right: "Meo" },
      ],
    });
    expect("distractors" in plain).toBe(false);
  });
});

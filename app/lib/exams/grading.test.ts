import { describe, expect, it } from "vitest";
import { gradeAttempt, gradeQuestion, isUnanswered, normalizeAnswerText } from "./grading";
import { type AnswerValue, type Question, matchingRightId, normalizeQuestion, questionInputSchema } from "./question";

type Status = "correct" | "partial" | "incorrect" | "unanswered";
type Row = { name: string; value: AnswerValue | number | null | undefined; earned: number; status: Status };

/** Authoring input without key/prompt; the schema checks the rest at run time. */
function make(draft: Record<string, unknown>): Question {
  return normalizeQuestion(questionInputSchema.parse({ key: "q", prompt: "?", ...draft }));
}

const base = { key: "q", pool: "default", lessons: [], prompt: "?" };

function expectGrade(q: Question, row: Row) {
  const grade = gradeQuestion(q, row.value);
  expect(grade).toEqual({ earned: row.earned, max: q.points, status: row.status });
  expect(Number.isNaN(grade.earned)).toBe(false);
}

describe("single", () => {
  const q: Question = {
    ...base,
    points: 2,
    type: "single",
    options: [
      { id: "a", text: "right", weight: 1 },
      { id: "b", text: "half", weight: 0.5 },
      { id: "c", text: "wrong", weight: 0 },
      { id: "d", text: "penalty", weight: -1 },
    ],
  };
  it.each<Row>([
    { name: "the full-credit option", value: "a", earned: 2, status: "correct" },
    { name: "a partial-credit option", value: "b", earned: 1, status: "partial" },
    { name: "a wrong option", value: "c", earned: 0, status: "incorrect" },
    { name: "a negative option is floored at 0", value: "d", earned: 0, status: "incorrect" },
    { name: "an unknown option id", value: "zz", earned: 0, status: "incorrect" },
    { name: "an empty string", value: "", earned: 0, status: "unanswered" },
    { name: "undefined", value: undefined, earned: 0, status: "unanswered" },
    { name: "null", value: null, earned: 0, status: "unanswered" },
    { name: "an array (wrong shape)", value: ["a"], earned: 0, status: "incorrect" },
    { name: "a boolean (wrong shape)", value: true, earned: 0, status: "incorrect" },
  ])("$name", (row) => expectGrade(q, row));
});

describe("multiple", () => {
  const two = make({
    type: "multiple",
    options: [{ text: "A", correct: true }, { text: "B", correct: true }, { text: "C" }, { text: "D" }],
  });
  it.each<Row>([
    { name: "exactly the correct options", value: ["a", "b"], earned: 1, status: "correct" },
    { name: "the same in another order", value: ["b", "a"], earned: 1, status: "correct" },
    { name: "one of two correct", value: ["a"], earned: 0.5, status: "partial" },
    { name: "both correct plus one wrong", value: ["a", "b", "c"], earned: 0.5, status: "partial" },
    { name: "every option never scores full marks", value: ["a", "b", "c", "d"], earned: 0, status: "incorrect" },
    { name: "only wrong options are floored at 0", value: ["c", "d"], earned: 0, status: "incorrect" },
    { name: "a correct and a wrong cancel out", value: ["a", "c"], earned: 0, status: "incorrect" },
    { name: "duplicates count once", value: ["a", "a"], earned: 0.5, status: "partial" },
    { name: "unknown ids are ignored", value: ["a", "zz"], earned: 0.5, status: "partial" },
    { name: "only unknown ids", value: ["zz"], earned: 0, status: "incorrect" },
    { name: "an empty selection", value: [], earned: 0, status: "unanswered" },
    { name: "a string (wrong shape)", value: "a", earned: 0, status: "incorrect" },
  ])("two correct of four: $name", (row) => expectGrade(two, row));

  const three = make({
    type: "multiple",
    options: [{ text: "A", correct: true }, { text: "B", correct: true }, { text: "C", correct: true }, { text: "D" }],
  });
  it.each<Row>([
    { name: "all three correct (thirds add up to exactly 1)", value: ["a", "b", "c"], earned: 1, status: "correct" },
    { name: "one third is rounded to 4 decimals", value: ["a"], earned: 0.3333, status: "partial" },
    { name: "two thirds", value: ["a", "b"], earned: 0.6667, status: "partial" },
    { name: "every option", value: ["a", "b", "c", "d"], earned: 0.6667, status: "partial" },
  ])("three correct of four: $name", (row) => expectGrade(three, row));

  const weighted = make({
    type: "multiple",
    points: 3,
    options: [
      { text: "A", weight: 70 },
      { text: "B", weight: 30 },
      { text: "C", weight: -100 },
    ],
  });
  it.each<Row>([
    { name: "both weighted options", value: ["a", "b"], earned: 3, status: "correct" },
    { name: "the 70% option", value: ["a"], earned: 2.1, status: "partial" },
    { name: "the 30% option", value: ["b"], earned: 0.9, status: "partial" },
    { name: "everything", value: ["a", "b", "c"], earned: 0, status: "incorrect" },
  ])("explicit weights: $name", (row) => expectGrade(weighted, row));
});

describe("truefalse", () => {
  const yes: Question = { ...base, points: 1, type: "truefalse", answer: true };
  const no: Question = { ...base, points: 1, type: "truefalse", answer: false };
  it.each<Row & { q: Question }>([
    { name: "true for a true statement", q: yes, value: true, earned: 1, status: "correct" },
    { name: "false for a true statement", q: yes, value: false, earned: 0, status: "incorrect" },
    { name: "false for a false statement", q: no, value: false, earned: 1, status: "correct" },
    { name: "true for a false statement", q: no, value: true, earned: 0, status: "incorrect" },
    { name: "the string 'true' (wrong shape)", q: yes, value: "true", earned: 0, status: "incorrect" },
    { name: "no answer", q: yes, value: undefined, earned: 0, status: "unanswered" },
  ])("$name", ({ q, ...row }) => expectGrade(q, row));
});

describe("short", () => {
  const loose = make({
    type: "short",
    answers: ["Hà Nội", { text: "Thành phố Hà Nội", weight: 50 }],
  });
  const dn = make({ type: "short", answers: ["Đà Nẵng"] });
  const strict = make({ type: "short", answers: ["Hà Nội", "Đà Nẵng"], diacriticsMatter: true });
  const best = make({ type: "short", answers: [{ text: "abc", weight: 50 }, "ABC", { text: "abc ", weight: -50 }] });
  const numberAnswer = make({ type: "short", answers: [113] });

  it.each<Row & { q: Question }>([
    { name: "exact answer", q: loose, value: "Hà Nội", earned: 1, status: "correct" },
    { name: "no diacritics when they do not matter", q: loose, value: "ha noi", earned: 1, status: "correct" },
    { name: "upper case, padding and inner spaces", q: loose, value: "  HA   NỘI \t", earned: 1, status: "correct" },
    { name: "wrong tone mark still matches when ignored", q: loose, value: "Hả Nổi", earned: 1, status: "correct" },
    { name: "a 50% alternative", q: loose, value: "thanh pho ha noi", earned: 0.5, status: "partial" },
    { name: "a wrong answer", q: loose, value: "Hồ Chí Minh", earned: 0, status: "incorrect" },
    { name: "an empty answer", q: loose, value: "", earned: 0, status: "unanswered" },
    { name: "a blank answer", q: loose, value: "   ", earned: 0, status: "unanswered" },
    { name: "đ counts as d", q: dn, value: "da nang", earned: 1, status: "correct" },
    { name: "Đ counts as D", q: dn, value: "DA NANG", earned: 1, status: "correct" },
    { name: "mixed marks", q: dn, value: "Đa Nang", earned: 1, status: "correct" },
    { name: "diacritics matter: exact", q: strict, value: "Hà Nội", earned: 1, status: "correct" },
    { name: "diacritics matter: case still ignored", q: strict, value: "HÀ NỘI", earned: 1, status: "correct" },
    {
      name: "diacritics matter: decomposed (NFD) input is normalised",
      q: strict,
      value: "Ha\u0300 No\u0302\u0323i",
      earned: 1,
      status: "correct",
    },
    { name: "diacritics matter: missing marks fail", q: strict, value: "Ha Noi", earned: 0, status: "incorrect" },
    { name: "diacritics matter: d is not đ", q: strict, value: "Da Nẵng", earned: 0, status: "incorrect" },
    { name: "diacritics matter: wrong tone fails", q: strict, value: "Hà Nồi", earned: 0, status: "incorrect" },
    { name: "the best matching weight wins", q: best, value: "abc", earned: 1, status: "correct" },
    { name: "a number typed as a string", q: numberAnswer, value: "113", earned: 1, status: "correct" },
    { name: "a number value", q: numberAnswer, value: 113, earned: 1, status: "correct" },
    { name: "an array (wrong shape)", q: loose, value: ["Hà Nội"], earned: 0, status: "incorrect" },
  ])("$name", ({ q, ...row }) => expectGrade(q, row));

  it.each([
    ["  Hà   Nội ", false, "ha noi"],
    ["ĐƯỜNG", false, "duong"],
    ["Thủ đô", true, "thủ đô"],
    ["Ha\u0300", true, "hà"],
  ] as const)("normalizeAnswerText(%j, diacriticsMatter=%s) = %j", (input, matter, expected) => {
    expect(normalizeAnswerText(input, matter)).toBe(expected);
  });
});

describe("numeric", () => {
  const exact = make({ type: "numeric", value: 3.5 });
  const tol = make({ type: "numeric", value: 3, tolerance: 0.1 });
  const range = make({ type: "numeric", min: 1, max: 5 });
  const weighted = make({
    type: "numeric",
    answers: [
      { value: 10, weight: 100 },
      { value: 10, tolerance: 1, weight: 50 },
      { min: 100, max: 200, weight: 25 },
    ],
  });
  const negative = make({ type: "numeric", value: -2.5 });
  const big = make({ type: "numeric", value: 1000000 });

  it.each<Row & { q: Question }>([
    { name: '"3,5" with a decimal comma', q: exact, value: "3,5", earned: 1, status: "correct" },
    { name: '"3.5" with a decimal dot', q: exact, value: "3.5", earned: 1, status: "correct" },
    { name: "the number 3.5", q: exact, value: 3.5, earned: 1, status: "correct" },
    { name: "padding and a trailing zero", q: exact, value: " 3,50 ", earned: 1, status: "correct" },
    { name: "a near miss with tolerance 0", q: exact, value: "3,51", earned: 0, status: "incorrect" },
    { name: "not a number", q: exact, value: "ba phẩy năm", earned: 0, status: "incorrect" },
    { name: "two decimal commas", q: exact, value: "3,5,1", earned: 0, status: "incorrect" },
    { name: "empty", q: exact, value: "", earned: 0, status: "unanswered" },
    { name: "upper tolerance boundary is inclusive", q: tol, value: "3.1", earned: 1, status: "correct" },
    { name: "lower tolerance boundary is inclusive", q: tol, value: "2,9", earned: 1, status: "correct" },
    { name: "just above the tolerance", q: tol, value: "3.1001", earned: 0, status: "incorrect" },
    { name: "just below the tolerance", q: tol, value: "2.8999", earned: 0, status: "incorrect" },
    { name: "range minimum is inclusive", q: range, value: "1", earned: 1, status: "correct" },
    { name: "range maximum is inclusive", q: range, value: "5", earned: 1, status: "correct" },
    { name: "inside the range", q: range, value: "2,75", earned: 1, status: "correct" },
    { name: "below the range", q: range, value: "0.999", earned: 0, status: "incorrect" },
    { name: "above the range", q: range, value: "5,0001", earned: 0, status: "incorrect" },
    { name: "exact value beats the looser answer", q: weighted, value: "10", earned: 1, status: "correct" },
    { name: "within the looser answer", q: weighted, value: "10.5", earned: 0.5, status: "partial" },
    { name: "on the looser boundary", q: weighted, value: "9", earned: 0.5, status: "partial" },
    { name: "a 25% range", q: weighted, value: "150", earned: 0.25, status: "partial" },
    { name: "outside every answer", q: weighted, value: "12", earned: 0, status: "incorrect" },
    { name: "negative with comma", q: negative, value: "-2,5", earned: 1, status: "correct" },
    { name: "negative with a Unicode minus", q: negative, value: "\u22122,5", earned: 1, status: "correct" },
    { name: "thousands with dots", q: big, value: "1.000.000", earned: 1, status: "correct" },
    { name: "thousands with spaces", q: big, value: "1 000 000", earned: 1, status: "correct" },
    { name: "thousands with dots and a decimal comma", q: big, value: "1.000.000,0", earned: 1, status: "correct" },
    { name: "thousands with commas and a decimal dot", q: big, value: "1,000,000.00", earned: 1, status: "correct" },
    { name: "a single dot is a decimal point, not thousands", q: big, value: "1.000", earned: 0, status: "incorrect" },
    { name: "a boolean (wrong shape)", q: exact, value: true, earned: 0, status: "incorrect" },
  ])("$name", ({ q, ...row }) => expectGrade(q, row));
});

describe("matching", () => {
  const q = make({
    type: "matching",
    points: 2,
    pairs: [
      { left: "113", right: "Công an" },
      { left: "114", right: "Cứu hoả" },
      { left: "115", right: "Cấp cứu" },
      { left: "111", right: "Bảo vệ trẻ em" },
    ],
  });
  const r = (text: string) => matchingRightId(text);
  const all = { a: r("Công an"), b: r("Cứu hoả"), c: r("Cấp cứu"), d: r("Bảo vệ trẻ em") };
  const shared = make({
    type: "matching",
    pairs: [
      { left: "Hà Nội", right: "Miền Bắc" },
      { left: "Hải Phòng", right: "Miền Bắc" },
      { left: "Cần Thơ", right: "Miền Nam" },
    ],
  });

  it.each<Row & { q: Question }>([
    { name: "all pairs", q, value: all, earned: 2, status: "correct" },
    { name: "three of four", q, value: { ...all, d: r("Công an") }, earned: 1.5, status: "partial" },
    { name: "two of four", q, value: { a: all.a, b: all.b }, earned: 1, status: "partial" },
    { name: "all swapped", q, value: { a: all.b, b: all.a, c: all.d, d: all.c }, earned: 0, status: "incorrect" },
    { name: "unknown right ids", q, value: { a: "rnope" }, earned: 0, status: "incorrect" },
    { name: "unknown left keys are ignored", q, value: { ...all, zz: all.a }, earned: 2, status: "correct" },
    { name: "nothing matched", q, value: {}, earned: 0, status: "unanswered" },
    { name: "only cleared selections", q, value: { a: "" }, earned: 0, status: "unanswered" },
    { name: "an array (wrong shape)", q, value: ["a"], earned: 0, status: "incorrect" },
    {
      name: "a right item shared by two left items",
      q: shared,
      value: { a: r("Miền Bắc"), b: r("Miền Bắc"), c: r("Miền Nam") },
      earned: 1,
      status: "correct",
    },
    {
      name: "the shared right item on the wrong left",
      q: shared,
      value: { a: r("Miền Bắc"), b: r("Miền Nam"), c: r("Miền Bắc") },
      earned: 0.3333,
      status: "partial",
    },
  ])("$name", ({ q: question, ...row }) => expectGrade(question, row));
});

describe("ordering", () => {
  const q = make({ type: "ordering", items: ["Một", "Hai", "Ba", "Bốn"] });
  it.each<Row>([
    { name: "the correct order", value: ["a", "b", "c", "d"], earned: 1, status: "correct" },
    { name: "last two swapped", value: ["a", "b", "d", "c"], earned: 0.5, status: "partial" },
    { name: "one item in place", value: ["a", "c", "d", "b"], earned: 0.25, status: "partial" },
    { name: "reversed", value: ["d", "c", "b", "a"], earned: 0, status: "incorrect" },
    { name: "rotated by one", value: ["b", "c", "d", "a"], earned: 0, status: "incorrect" },
    { name: "too short", value: ["a", "b"], earned: 0.5, status: "partial" },
    { name: "unknown ids", value: ["x", "y", "z", "w"], earned: 0, status: "incorrect" },
    { name: "empty", value: [], earned: 0, status: "unanswered" },
    { name: "a string (wrong shape)", value: "abcd", earned: 0, status: "incorrect" },
  ])("$name", (row) => expectGrade(q, row));
});

describe("gradeQuestion never produces NaN", () => {
  it.each<{ name: string; q: Question }>([
    { name: "0 points", q: { ...base, points: 0, type: "truefalse", answer: true } },
    { name: "NaN points", q: { ...base, points: Number.NaN, type: "truefalse", answer: true } },
    { name: "no options", q: { ...base, points: 1, type: "single", options: [] } },
    { name: "no pairs", q: { ...base, points: 1, type: "matching", pairs: [] } },
    { name: "no items", q: { ...base, points: 1, type: "ordering", items: [] } },
    {
      name: "a NaN weight",
      q: { ...base, points: 1, type: "multiple", options: [{ id: "a", text: "x", weight: Number.NaN }] },
    },
  ])("$name", ({ q }) => {
    const values: AnswerValue[] = [true, "a", ["a"], { a: "b" }];
    for (const value of values) {
      const grade = gradeQuestion(q, value);
      expect(Number.isFinite(grade.earned)).toBe(true);
      expect(Number.isFinite(grade.max)).toBe(true);
      expect(grade.status).not.toBe("correct");
    }
  });
});

describe("isUnanswered", () => {
  it.each([
    [undefined, true],
    [null, true],
    ["", true],
    ["  ", true],
    [[], true],
    [{}, true],
    [{ a: "" }, true],
    [false, false],
    ["0", false],
    [0, false],
    [["a"], false],
    [{ a: "r1" }, false],
  ] as const)("%j → %s", (value, expected) => {
    expect(isUnanswered(value as AnswerValue | undefined)).toBe(expected);
  });
});

describe("gradeAttempt", () => {
  const single: Question = {
    ...base,
    key: "single",
    points: 2,
    type: "single",
    options: [
      { id: "a", text: "yes", weight: 1 },
      { id: "b", text: "no", weight: 0 },
    ],
  };
  const tf: Question = { ...base, key: "tf", points: 1, type: "truefalse", answer: false };
  const short: Question = {
    ...base,
    key: "short",
    points: 1,
    type: "short",
    answers: [{ text: "113", weight: 1 }],
    diacriticsMatter: false,
  };
  const third: Question = { ...base, key: "third", points: 1, type: "truefalse", answer: true };
  const questions = [single, tf, short];

  it.each<{
    name: string;
    questions: Question[];
    answers: Record<string, AnswerValue>;
    pass: number;
    earned: number;
    max: number;
    percent: number;
    passed: boolean;
  }>([
    {
      name: "everything right",
      questions,
      answers: { single: "a", tf: false, short: "113" },
      pass: 80,
      earned: 4,
      max: 4,
      percent: 100,
      passed: true,
    },
    {
      name: "exactly on the pass mark passes",
      questions,
      answers: { single: "a", tf: false },
      pass: 75,
      earned: 3,
      max: 4,
      percent: 75,
      passed: true,
    },
    {
      name: "just under the pass mark fails",
      questions,
      answers: { single: "a", tf: false },
      pass: 75.01,
      earned: 3,
      max: 4,
      percent: 75,
      passed: false,
    },
    {
      name: "two thirds rounds to 66.67 and meets a 66.67 mark",
      questions: [tf, short, third],
      answers: { tf: false, short: "113" },
      pass: 66.67,
      earned: 2,
      max: 3,
      percent: 66.67,
      passed: true,
    },
    {
      name: "two thirds misses a 66.68 mark",
      questions: [tf, short, third],
      answers: { tf: false, short: "113" },
      pass: 66.68,
      earned: 2,
      max: 3,
      percent: 66.67,
      passed: false,
    },
    {
      name: "nothing answered",
      questions,
      answers: {},
      pass: 50,
      earned: 0,
      max: 4,
      percent: 0,
      passed: false,
    },
    {
      name: "a pass mark of 0 passes with 0 points",
      questions,
      answers: {},
      pass: 0,
      earned: 0,
      max: 4,
      percent: 0,
      passed: true,
    },
    {
      name: "answers to questions not in the attempt are ignored",
      questions: [tf],
      answers: { tf: false, single: "a", other: "x" },
      pass: 100,
      earned: 1,
      max: 1,
      percent: 100,
      passed: true,
    },
    {
      name: "no questions never passes",
      questions: [],
      answers: {},
      pass: 0,
      earned: 0,
      max: 0,
      percent: 0,
      passed: false,
    },
  ])("$name", (row) => {
    const grade = gradeAttempt(row.questions, row.answers, row.pass);
    expect(grade).toMatchObject({ earned: row.earned, max: row.max, percent: row.percent, passed: row.passed });
    expect(Object.keys(grade.results).sort()).toEqual(row.questions.map((q) => q.key).sort());
  });

  it("reports each question's result by key", () => {
    const grade = gradeAttempt(questions, { single: "b", tf: false }, 50);
    expect(grade.results).toEqual({
      single: { earned: 0, max: 2, status: "incorrect" },
      tf: { earned: 1, max: 1, status: "correct" },
      short: { earned: 0, max: 1, status: "unanswered" },
    });
  });

  it("does not read answers from the object prototype", () => {
    const q: Question = { ...tf, key: "constructor" };
    expect(gradeAttempt([q], {}, 50).results.constructor).toEqual({ earned: 0, max: 1, status: "unanswered" });
  });

  it("sums partial credit without float noise", () => {
    const tenths = Array.from({ length: 3 }, (_, i): Question => ({
      ...base,
      key: `p${i}`,
      points: 0.1,
      type: "truefalse",
      answer: true,
    }));
    const grade = gradeAttempt(tenths, { p0: true, p1: true, p2: true }, 100);
    expect(grade).toMatchObject({ earned: 0.3, max: 0.3, percent: 100, passed: true });
  });
});

// Rows found by mutation testing (`npm run test:mutation`). Mutants of grading.ts left alive
// on purpose, because they change nothing observable:
// - round(): `Object.is(rounded, -0)` → `+0`: earned/percent are never negative (fractions are
//   clamped to [0, 1] and max is never negative), so -0 cannot reach it.
// - fraction(): dropping the shape guards of single and truefalse: a wrong-shaped value then
//   matches no option id and no boolean, so it still scores 0.
// - fraction(): removing `default:` makes an unknown type return undefined, which `?? 0` scores 0.
// - the numeric `<=`/`>=` → `<`/`>` and `earned >= max - EPS` → `>`: the slack is always > 0,
//   so they differ only for a value exactly at the end of the slack.
// - gradeQuestion(): `q.points > 0` → `>= 0`: 0 points gives max 0 either way.
describe("numeric answers far from 1 (mutation rows)", () => {
  const zero = make({ type: "numeric", value: 0 });
  const huge = make({ type: "numeric", value: 1000000000, tolerance: 0.1 });
  const tol = make({ type: "numeric", value: 12345, tolerance: 0.1 });
  const amount = make({ type: "numeric", value: 1500000000 });
  const bigRange = make({ type: "numeric", min: 1, max: 1000000000 });
  it.each<Row & { q: Question }>([
    { name: "text that is not a number against an answer of 0", q: zero, value: "abc", earned: 0, status: "incorrect" },
    { name: "0 against an answer of 0", q: zero, value: "0", earned: 1, status: "correct" },
    { name: "12345.1 is within 12345 ± 0.1", q: tol, value: "12345.1", earned: 1, status: "correct" },
    { name: "12345.2 is not within 12345 ± 0.1", q: tol, value: "12345,2", earned: 0, status: "incorrect" },
    { name: "the tolerance boundary at 10^9", q: huge, value: "1000000000.1", earned: 1, status: "correct" },
    { name: "just outside the tolerance at 10^9", q: huge, value: "1000000000.11", earned: 0, status: "incorrect" },
    { name: "an exact amount of đồng", q: amount, value: "1.500.000.000", earned: 1, status: "correct" },
    { name: "one đồng off is wrong", q: amount, value: "1.500.000.001", earned: 0, status: "incorrect" },
    {
      name: "floating-point noise above a large range",
      q: bigRange,
      value: 1000000000.0001,
      earned: 1,
      status: "correct",
    },
    { name: "below a range starting at 1", q: bigRange, value: "0,99", earned: 0, status: "incorrect" },
    { name: "a whole unit above a large range", q: bigRange, value: "1000000001", earned: 0, status: "incorrect" },
  ])("$name", ({ q, ...row }) => expectGrade(q, row));
});

describe("points that cannot be earned (mutation rows)", () => {
  const tf = (key: string, points: number): Question => ({ ...base, key, points, type: "truefalse", answer: true });
  it.each<{ name: string; points: number }>([
    { name: "negative points", points: -5 },
    { name: "infinite points", points: Number.POSITIVE_INFINITY },
    { name: "NaN points", points: Number.NaN },
  ])("$name are worth nothing, even when answered right", ({ points }) => {
    expect(gradeQuestion(tf("q", points), true)).toEqual({ earned: 0, max: 0, status: "incorrect" });
    const grade = gradeAttempt([tf("good", 5), tf("bad", points)], { good: true, bad: true }, 100);
    expect(grade).toMatchObject({ earned: 5, max: 5, percent: 100, passed: true });
  });

  it("a list of right ids is the wrong shape for matching, even when the pair ids are indexes", () => {
    const pairs = [
      { id: "0", left: "113", right: "Công an" },
      { id: "1", left: "115", right: "Cấp cứu" },
    ];
    const q: Question = { ...base, points: 1, type: "matching", pairs };
    const asList = pairs.map((p) => matchingRightId(p.right));
    expect(gradeQuestion(q, asList)).toEqual({ earned: 0, max: 1, status: "incorrect" });
    expect(gradeQuestion(q, "r")).toEqual({ earned: 0, max: 1, status: "incorrect" });
  });

  it("a list holding only a blank entry is an answer, not a blank", () => {
    expect(isUnanswered([""])).toBe(false);
  });
});

describe("short: Moodle's * wildcard", () => {
  const q = (text: string, diacriticsMatter = false) =>
    make({ type: "short", answers: [text], diacriticsMatter, points: 1 });
  it.each<{ pattern: string; given: string; earned: number; strict?: boolean }>([
    { pattern: "colo*r", given: "colour", earned: 1 },
    { pattern: "colo*r", given: "color", earned: 1 },
    { pattern: "colo*r", given: "colours", earned: 0 },
    { pattern: "*Nội", given: "thành phố Hà Nội", earned: 1 },
    { pattern: "Hà *", given: "ha noi", earned: 1 },
    { pattern: "Hà *", given: "ha noi", earned: 0, strict: true },
    { pattern: "a.b*", given: "axb", earned: 0 },
    { pattern: "5\\*3", given: "5*3", earned: 1 },
    { pattern: "5\\*3", given: "553", earned: 0 },
    { pattern: "x(y*", given: "x(yz", earned: 1 },
  ])("$pattern ← $given (strict accents: $strict)", ({ pattern, given, earned, strict }) => {
    expect(gradeQuestion(q(pattern, strict), given).earned).toBe(earned);
  });
});

describe("matching with distractors", () => {
  const q = make({
    type: "matching",
    points: 2,
    pairs: [
      { left: "Chó", right: "Gâu" },
      { left: "Mèo", right: "Meo" },
    ],
    distractors: ["Quác"],
  });
  it.each<Row>([
    {
      name: "all pairs right",
      value: { a: matchingRightId("Gâu"), b: matchingRightId("Meo") },
      earned: 2,
      status: "correct",
    },
    {
      name: "a distractor picked",
      value: { a: matchingRightId("Quác"), b: matchingRightId("Meo") },
      earned: 1,
      status: "partial",
    },
  ])("$name", (row) => expectGrade(q, row));
});

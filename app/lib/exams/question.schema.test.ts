import { describe, expect, it } from "vitest";
import type { Question } from "./question";
import { parsePools, parseQuestion, parseSnapshot, StoredQuestionError } from "./question.schema";

const base = { key: "q1", pool: "default", lessons: ["l1"], points: 1, prompt: "Câu hỏi?" };
const stored: Question[] = [
  {
    ...base,
    type: "single",
    options: [
      { id: "a", text: "A", weight: 1 },
      { id: "b", text: "B", weight: 0, feedback: "Không" },
    ],
  },
  { ...base, type: "multiple", options: [{ id: "a", text: "A", weight: 0.5 }] },
  { ...base, type: "truefalse", answer: true, feedbackFalse: "Sai" },
  { ...base, type: "short", answers: [{ text: "VNeID", weight: 1 }], diacriticsMatter: false },
  {
    ...base,
    type: "numeric",
    answers: [
      { kind: "tolerance", value: 3.5, tolerance: 0.1, weight: 1 },
      { kind: "range", min: 1, max: 2, weight: 0.5 },
    ],
  },
  { ...base, type: "matching", pairs: [{ id: "p1", left: "L", right: "R" }] },
  { ...base, type: "ordering", items: [{ id: "i1", text: "một" }], explanation: "Vì…" },
];

describe("parseQuestion", () => {
  it.each(stored.map((q) => [q.type, q] as const))("reads a stored %s question unchanged", (_type, q) => {
    expect(parseQuestion(JSON.parse(JSON.stringify(q)), "question q1")).toEqual(q);
  });

  it.each([
    ["no spec at all", null, "(root)"],
    ["an unknown type", { ...base, type: "essay" }, "type"],
    [
      "an option weight stored as text",
      { ...base, type: "single", options: [{ id: "a", text: "A", weight: "1" }] },
      "options.0.weight",
    ],
    ["a true/false question without its answer", { ...base, type: "truefalse" }, "answer"],
    ["a missing key", { ...base, key: undefined, type: "truefalse", answer: true }, "key"],
    [
      "a numeric answer of an unknown kind",
      { ...base, type: "numeric", answers: [{ kind: "exact", weight: 1 }] },
      "answers.0.kind",
    ],
  ])("refuses %s with the row and the field named", (_label, spec, field) => {
    expect(() => parseQuestion(spec, "question q1 of version v1")).toThrow(StoredQuestionError);
    expect(() => parseQuestion(spec, "question q1 of version v1")).toThrow(
      new RegExp(
        `^question q1 of version v1: stored JSON is not a valid question \\(${field.replace(/\./g, "\\.").replace(/[()]/g, "\\$&")}: `,
      ),
    );
  });
});

describe("parseSnapshot", () => {
  it("reads every frozen question in order", () => {
    expect(parseSnapshot(JSON.parse(JSON.stringify(stored)), "a1")).toEqual(stored);
  });

  it("names the attempt and the question's place when one entry is corrupt", () => {
    const corrupt = [stored[0], { ...stored[2], answer: "yes" }];
    expect(() => parseSnapshot(corrupt, "a1")).toThrow(
      /^attempt a1 snapshot: stored JSON is not a valid question \(1\.answer: Expected boolean, received string\)$/,
    );
  });

  it("refuses a snapshot that is not a list", () => {
    expect(() => parseSnapshot({ questions: [] }, "a1")).toThrow(/^attempt a1 snapshot: .*\(\(root\): Expected array/);
  });
});

describe("parsePools", () => {
  const pools = [
    { pool: "dvc", draw: 3 },
    { pool: "an-toan", draw: 0 },
  ];

  it.each([
    ["a stored list", pools],
    ["the JSON text SQLite's driver returns", JSON.stringify(pools)],
  ])("reads %s", (_what, value) => {
    expect(parsePools(value, "e1")).toEqual(pools);
  });

  it.each([
    ["a draw that is not a whole number", [{ pool: "dvc", draw: 1.5 }], /0\.draw: Expected integer/],
    ["a negative draw", [{ pool: "dvc", draw: -1 }], /0\.draw: Number must be greater than or equal to 0/],
    ["a pool without a name", [{ pool: "", draw: 1 }], /0\.pool: String must contain at least 1/],
    ["a draw stored as text", [{ pool: "dvc", draw: "3" }], /0\.draw: Expected number, received string/],
    ["an object instead of a list", { dvc: 3 }, /\(root\): Expected array/],
    ["text that is not JSON", "[{pool", /\(root\): not JSON/],
  ])("names the exam and the field for %s", (_what, value, problem) => {
    expect(() => parsePools(value, "e1")).toThrow(StoredQuestionError);
    expect(() => parsePools(value, "e1")).toThrow(/^exam e1 pools: stored JSON is not a valid list of pools /);
    expect(() => parsePools(value, "e1")).toThrow(problem);
  });
});

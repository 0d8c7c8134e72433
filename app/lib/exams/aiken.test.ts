import { describe, expect, it } from "vitest";
import { type AikenErrorCode, parseAiken } from "./aiken";
import { validateQuestion } from "./question";
import { fnv1aHex } from "./rng";

const src = (...lines: string[]) => lines.join("\n");

describe("parseAiken: valid files", () => {
  it("reads the canonical example", () => {
    const result = parseAiken(
      src("Ứng dụng nào dùng để định danh điện tử?", "A. Zalo", "B. VNeID", "C. Facebook", "D. Messenger", "ANSWER: B"),
    );
    expect(result.errors).toEqual([]);
    expect(result.unsupported).toEqual([]);
    expect(result.questions).toEqual([
      {
        key: `q-${fnv1aHex("Ứng dụng nào dùng để định danh điện tử?")}`,
        pool: "default",
        lessons: [],
        points: 1,
        prompt: "Ứng dụng nào dùng để định danh điện tử?",
        type: "single",
        options: [
          { id: "a", text: "Zalo", weight: 0 },
          { id: "b", text: "VNeID", weight: 1 },
          { id: "c", text: "Facebook", weight: 0 },
          { id: "d", text: "Messenger", weight: 0 },
        ],
      },
    ]);
    expect(validateQuestion(result.questions[0])).toEqual([]);
  });

  it.each<{ name: string; text: string; prompts: string[]; correct: string[] }>([
    {
      name: "options with a parenthesis",
      text: src("Q?", "A) một", "B) hai", "ANSWER: A"),
      prompts: ["Q?"],
      correct: ["một"],
    },
    {
      name: "mixed option styles",
      text: src("Q?", "A. một", "B) hai", "C. ba", "ANSWER: C"),
      prompts: ["Q?"],
      correct: ["ba"],
    },
    {
      name: "several questions separated by blank lines",
      text: src("Q1", "A. x", "B. y", "ANSWER: A", "", "", "Q2", "A. x", "B. y", "ANSWER: B", ""),
      prompts: ["Q1", "Q2"],
      correct: ["x", "y"],
    },
    {
      name: "several questions without blank lines",
      text: src("Q1", "A. x", "B. y", "ANSWER: A", "Q2", "A. x", "B. y", "ANSWER: B"),
      prompts: ["Q1", "Q2"],
      correct: ["x", "y"],
    },
    {
      name: "a question over several lines",
      text: src("Dòng một", "dòng hai", "A. x", "B. y", "ANSWER: B"),
      prompts: ["Dòng một\ndòng hai"],
      correct: ["y"],
    },
    {
      name: "a paragraph break in the question",
      text: src("Đoạn một", "", "Đoạn hai", "A. x", "B. y", "ANSWER: A"),
      prompts: ["Đoạn một\n\nĐoạn hai"],
      correct: ["x"],
    },
    {
      name: "lower-case answer and extra spaces",
      text: src("  Q?  ", "  A.   x  ", "B.\ty", "answer:   b  "),
      prompts: ["Q?"],
      correct: ["y"],
    },
    {
      name: "ANSWER without a space after the colon",
      text: src("Q?", "A. x", "B. y", "ANSWER:A"),
      prompts: ["Q?"],
      correct: ["x"],
    },
    {
      name: "Windows line endings and a BOM",
      text: "\uFEFFQ?\r\nA. x\r\nB. y\r\nANSWER: B\r\n",
      prompts: ["Q?"],
      correct: ["y"],
    },
    {
      name: "a question line that looks like an abbreviation",
      text: src("U.S. or V.N.?", "A. U.S.", "B. V.N.", "ANSWER: B"),
      prompts: ["U.S. or V.N.?"],
      correct: ["V.N."],
    },
    {
      name: "letters beyond D",
      text: src("Q?", "A. 1", "B. 2", "C. 3", "D. 4", "E. 5", "F. 6", "ANSWER: F"),
      prompts: ["Q?"],
      correct: ["6"],
    },
  ])("$name", ({ text, prompts, correct }) => {
    const result = parseAiken(text);
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.prompt)).toEqual(prompts);
    expect(
      result.questions.map((q) => (q.type === "single" ? q.options.find((o) => o.weight === 1)?.text : undefined)),
    ).toEqual(correct);
  });

  it("uses the default pool option", () => {
    const result = parseAiken(src("Q?", "A. x", "B. y", "ANSWER: A"), { defaultPool: "an-toan" });
    expect(result.questions[0].pool).toBe("an-toan");
  });

  it("gives identical prompts distinct keys", () => {
    const result = parseAiken(src("Q?", "A. x", "B. y", "ANSWER: A", "", "Q?", "A. x", "B. y", "ANSWER: B"));
    const key = `q-${fnv1aHex("Q?")}`;
    expect(result.questions.map((q) => q.key)).toEqual([key, `${key}-2`]);
  });

  it("returns empty results for an empty file", () => {
    expect(parseAiken("")).toEqual({ questions: [], errors: [], unsupported: [], notices: [] });
    expect(parseAiken("\n\n  \n")).toEqual({ questions: [], errors: [], unsupported: [], notices: [] });
  });
});

type Expected = [line: number, code: AikenErrorCode, params?: Record<string, string | number>];

describe("parseAiken: errors with line numbers", () => {
  it.each<{ name: string; text: string; errors: Expected[]; good?: number }>([
    {
      name: "missing ANSWER at the end of the file",
      text: src("Q?", "A. x", "B. y"),
      errors: [[1, "exams.import.aiken.noAnswer"]],
    },
    {
      name: "missing ANSWER before a blank line",
      text: src("Q1", "A. x", "B. y", "", "Q2", "A. x", "B. y", "ANSWER: A"),
      errors: [[1, "exams.import.aiken.noAnswer"]],
      good: 1,
    },
    {
      name: "missing ANSWER before the next question",
      text: src("Q1", "A. x", "B. y", "Q2", "A. x", "B. y", "ANSWER: A"),
      errors: [[1, "exams.import.aiken.noAnswer"]],
      good: 1,
    },
    {
      name: "missing ANSWER on a later question",
      text: src("Q1", "A. x", "B. y", "ANSWER: A", "", "Q2", "A. x", "B. y"),
      errors: [[6, "exams.import.aiken.noAnswer"]],
      good: 1,
    },
    {
      name: "text without options",
      text: src("", "Chỉ là một dòng chữ"),
      errors: [[2, "exams.import.aiken.noOptions"]],
    },
    {
      name: "answer letter not among the options",
      text: src("Q?", "A. x", "B. y", "ANSWER: C"),
      errors: [[4, "exams.import.aiken.answerNotOption", { letter: "C", letters: "A, B" }]],
    },
    {
      name: "answer that is not a letter",
      text: src("Q?", "A. x", "B. y", "ANSWER: 2"),
      errors: [[4, "exams.import.aiken.answerNotLetter", { answer: "2" }]],
    },
    {
      name: "several answer letters",
      text: src("Q?", "A. x", "B. y", "ANSWER: A, B"),
      errors: [[4, "exams.import.aiken.answerNotLetter", { answer: "A, B" }]],
    },
    {
      name: "empty answer",
      text: src("Q?", "A. x", "B. y", "ANSWER:"),
      errors: [[4, "exams.import.aiken.answerEmpty"]],
    },
    {
      name: "a single option",
      text: src("", "Q?", "A. x", "ANSWER: A"),
      errors: [[2, "exams.import.aiken.tooFewOptions", { count: 1 }]],
    },
    {
      name: "no options at all",
      text: src("Q?", "ANSWER: A"),
      errors: [[1, "exams.import.aiken.tooFewOptions", { count: 0 }]],
    },
    {
      name: "a repeated option letter",
      text: src("Q?", "A. x", "B. y", "A. z", "ANSWER: B"),
      errors: [[4, "exams.import.aiken.letterTwice", { letter: "A" }]],
    },
    {
      name: "an option without text",
      text: src("Q?", "A. x", "B.", "ANSWER: A"),
      errors: [[3, "exams.import.answer", { answer: 2, detail: "authoring.q.err.empty" }]],
    },
    {
      name: "duplicate option texts",
      text: src("Q?", "A. Có", "B. có", "ANSWER: A"),
      errors: [[3, "exams.import.answer", { answer: 2, detail: "authoring.q.err.duplicate" }]],
    },
    {
      name: "errors in two questions",
      text: src(
        "Q1",
        "A. x",
        "B. y",
        "ANSWER: Z",
        "",
        "Q2",
        "A. x",
        "B. y",
        "ANSWER: A",
        "",
        "Q3",
        "A. x",
        "ANSWER: A",
      ),
      errors: [
        [4, "exams.import.aiken.answerNotOption", { letter: "Z", letters: "A, B" }],
        [11, "exams.import.aiken.tooFewOptions", { count: 1 }],
      ],
      good: 1,
    },
  ])("$name", ({ text, errors, good = 0 }) => {
    const result = parseAiken(text);
    expect(result.errors).toEqual(
      errors.map(([line, code, params]) => ({ line, code, ...(params ? { params } : {}) })),
    );
    expect(result.questions).toHaveLength(good);
    expect(result.unsupported).toEqual([]);
  });
});

// Moodle reads options with /^[A-Z][).][ \t]?/ (question/format/aiken/format.php): the space is optional.
describe("parseAiken: as Moodle reads it", () => {
  it.each<{ name: string; lines: string[]; prompt: string; options: string[]; correct: number }>([
    {
      name: "4. A)text without a space",
      lines: ["Câu hỏi thứ hai?", "A)Sai (không có dấu cách)", "B)Đúng (không có dấu cách)", "ANSWER: B"],
      prompt: "Câu hỏi thứ hai?",
      options: ["Sai (không có dấu cách)", "Đúng (không có dấu cách)"],
      correct: 1,
    },
    {
      name: "4. A.text without a space",
      lines: ["Q?", "A.một", "B.hai", "ANSWER: A"],
      prompt: "Q?",
      options: ["một", "hai"],
      correct: 0,
    },
    {
      name: "5. HTML characters stay text",
      lines: ["Ký tự như > < & hiển thị thế nào?", "A) Đúng (< > &)", "B) Sai (< > &)", "ANSWER: A"],
      prompt: "Ký tự như \\> \\< & hiển thị thế nào?",
      options: ["Đúng (< > &)", "Sai (< > &)"],
      correct: 0,
    },
  ])("$name", ({ lines, prompt, options, correct }) => {
    const result = parseAiken(src(...lines));
    expect(result.errors).toEqual([]);
    const q = result.questions[0];
    expect(q).toMatchObject({ type: "single", prompt });
    if (q.type !== "single") throw new Error("single expected");
    expect(q.options.map((o) => o.text)).toEqual(options);
    expect(q.options.map((o) => o.weight)).toEqual(options.map((_, i) => (i === correct ? 1 : 0)));
  });
});

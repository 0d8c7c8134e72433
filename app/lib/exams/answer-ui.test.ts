import { describe, expect, it } from "vitest";
import { choosePosition, emptyUiValue, fromUiValue, isAnsweredUi, toUiValue, type UiQuestion } from "./answer-ui";
import { answerFromForm, fieldName, orderFromPositions } from "./exams.schema";
import { toLearnerQuestion, type Question } from "./question";
import { buildReview } from "./review";

const ordering: UiQuestion = { key: "order", type: "ordering", items: [{ id: "i1" }, { id: "i2" }, { id: "i3" }] };

describe("ordering as 'position of each item'", () => {
  it.each([
    [{}, { ok: true, value: [] }],
    [
      { i1: "2", i2: "3", i3: "1" },
      { ok: true, value: ["i3", "i1", "i2"] },
    ],
    [
      { i1: "1", i2: "", i3: "2" },
      { ok: false, error: "exams.error.orderIncomplete" },
    ],
    [
      { i1: "1", i2: "1", i3: "2" },
      { ok: false, error: "exams.error.orderDuplicate" },
    ],
    [
      { i1: "1", i2: "2", i3: "4" },
      { ok: false, error: "exams.error.orderDuplicate" },
    ],
    [
      { i1: "1", i2: "2", i3: "x" },
      { ok: false, error: "exams.error.orderDuplicate" },
    ],
  ])("%j → %j", (positions, expected) => {
    expect(orderFromPositions(["i1", "i2", "i3"], positions)).toEqual(expected);
  });

  it("choosing a taken position swaps, so the positions stay a permutation", () => {
    expect(choosePosition({ i1: "1", i2: "2", i3: "3" }, "i3", "1")).toEqual({ i1: "3", i2: "2", i3: "1" });
    expect(choosePosition({ i1: "1" }, "i2", "1")).toEqual({ i1: "", i2: "1" });
    expect(choosePosition({ i1: "1", i2: "2" }, "i1", "")).toEqual({ i1: "", i2: "2" });
  });

  it("round-trips a saved order through the inputs", () => {
    const ui = toUiValue(ordering, ["i2", "i3", "i1"]);
    expect(ui).toEqual({ i2: "1", i3: "2", i1: "3" });
    expect(fromUiValue(ordering, ui)).toEqual({ ok: true, value: ["i2", "i3", "i1"] });
    expect(isAnsweredUi(ordering, ui)).toBe(true);
    expect(isAnsweredUi(ordering, { i1: "1" })).toBe(false);
  });
});

describe("other question types", () => {
  it("true/false posts a boolean, and an empty choice as a cleared answer", () => {
    const q: UiQuestion = { key: "tf", type: "truefalse" };
    expect(toUiValue(q, false)).toBe("false");
    expect(fromUiValue(q, "true")).toEqual({ ok: true, value: true });
    expect(fromUiValue(q, "")).toEqual({ ok: true, value: "" });
  });

  it("empty values are unanswered", () => {
    for (const type of ["single", "multiple", "short", "numeric", "matching"] as const) {
      const q: UiQuestion = { key: type, type };
      expect(isAnsweredUi(q, emptyUiValue(q))).toBe(false);
    }
    expect(isAnsweredUi({ key: "m", type: "matching" }, { a: "", b: "r1" })).toBe(true);
    expect(isAnsweredUi({ key: "s", type: "short" }, "   ")).toBe(false);
  });

  it("reads every type from a posted whole-page form", () => {
    const form = new FormData();
    form.append(fieldName("multi"), "o1");
    form.append(fieldName("multi"), "o2");
    form.set(fieldName("match", "a"), "r1");
    form.set(fieldName("text"), " 113 ");
    expect(answerFromForm({ key: "multi", type: "multiple", prompt: "", points: 1 }, form)).toEqual({
      ok: true,
      value: ["o1", "o2"],
    });
    expect(
      answerFromForm(
        {
          key: "match",
          type: "matching",
          prompt: "",
          points: 1,
          left: [
            { id: "a", text: "" },
            { id: "b", text: "" },
          ],
        },
        form,
      ),
    ).toEqual({ ok: true, value: { a: "r1", b: "" } });
    expect(answerFromForm({ key: "text", type: "short", prompt: "", points: 1 }, form)).toEqual({
      ok: true,
      value: " 113 ",
    });
    expect(answerFromForm({ key: "none", type: "single", prompt: "", points: 1 }, form)).toEqual({
      ok: true,
      value: "",
    });
  });
});

describe("review by policy", () => {
  const questions: Question[] = [
    {
      key: "q1",
      pool: "p",
      lessons: [],
      points: 1,
      prompt: "Chọn một",
      explanation: "Vì A đúng.",
      type: "single",
      options: [
        { id: "a", text: "A", weight: 1 },
        { id: "b", text: "B", weight: 0, feedback: "B sai." },
      ],
    },
    {
      key: "q2",
      pool: "p",
      lessons: [],
      points: 1,
      prompt: "Số?",
      type: "numeric",
      answers: [{ kind: "tolerance", value: 3, tolerance: 0.5, weight: 1 }],
    },
  ];
  const results = {
    q1: { earned: 0, max: 1, status: "incorrect" as const },
    q2: { earned: 0, max: 1, status: "unanswered" as const },
  };

  it("score: nothing per question; answers: own answers only; full: keys, explanations and feedback", () => {
    expect(buildReview("score", questions, { q1: "b" }, results, 7)).toBeNull();
    const own = buildReview("answers", questions, { q1: "b" }, results, 7)!;
    expect(own[0]).toEqual({
      key: "q1",
      type: "single",
      prompt: "Chọn một",
      points: 1,
      earned: 0,
      status: "incorrect",
      yourAnswer: { kind: "texts", texts: ["B"] },
    });
    expect(own[1].yourAnswer).toEqual({ kind: "none" });
    const full = buildReview("full", questions, { q1: "b" }, results, 7)!;
    expect(full[0]).toMatchObject({
      correctAnswer: { kind: "texts", texts: ["A"] },
      explanation: "Vì A đúng.",
      feedback: ["B sai."],
    });
    expect(full[1].correctAnswer).toEqual({ kind: "numbers", answers: [{ value: 3, tolerance: 0.5 }] });
  });

  it("the learner view of a question carries no key", () => {
    const view = JSON.stringify(toLearnerQuestion(questions[0], 7));
    for (const leak of ["weight", "explanation", "feedback", "Vì A đúng", "B sai"]) expect(view).not.toContain(leak);
  });
});

// Rows found by mutation testing (`npm run test:mutation`).
describe("saved answers as the inputs show them (mutation rows)", () => {
  const q = (type: UiQuestion["type"]): UiQuestion => ({ key: type, type });
  it.each<[UiQuestion["type"], unknown, unknown]>([
    ["multiple", ["o1", 2, "o3"], ["o1", "o3"]],
    ["multiple", "o1", []],
    ["multiple", null, []],
    ["truefalse", true, "true"],
    ["truefalse", false, "false"],
    ["truefalse", "true", ""],
    ["truefalse", undefined, ""],
    ["matching", { a: "r1" }, { a: "r1" }],
    ["matching", ["r1"], {}],
    ["matching", "r1", {}],
    ["matching", undefined, {}],
    ["ordering", ["i2", "i1"], { i2: "1", i1: "2" }],
    ["ordering", "i1", {}],
    ["ordering", null, {}],
    ["single", "o2", "o2"],
    ["single", 3, ""],
    ["short", " 113 ", " 113 "],
    ["numeric", undefined, ""],
  ])("%s: %j → %j", (type, saved, expected) => {
    expect(toUiValue(q(type), saved)).toEqual(expected);
  });

  it("a saved matching answer is copied, not shared with the inputs", () => {
    const saved = { a: "r1" };
    const ui = toUiValue(q("matching"), saved) as Record<string, string>;
    ui.a = "r2";
    expect(saved.a).toBe("r1");
  });

  it.each<[string, boolean | string]>([
    ["false", false],
    ["maybe", ""],
  ])("true/false %j sends %j", (ui, value) => {
    expect(fromUiValue(q("truefalse"), ui)).toEqual({ ok: true, value });
  });

  it.each<[UiQuestion, Parameters<typeof isAnsweredUi>[1], boolean]>([
    [q("multiple"), ["o1"], true],
    [q("single"), "o1", true],
    [q("matching"), { a: "" }, false],
    [{ key: "o", type: "ordering" }, { i1: "1" }, false],
    [{ key: "o", type: "ordering", items: [] }, {}, true],
    [ordering, { i1: "1", i2: "2", i3: "3" }, true],
    [ordering, { i1: "1", i2: "2", i3: "" }, false],
  ])("isAnsweredUi(%j, %j) = %s", (question, ui, expected) => {
    expect(isAnsweredUi(question, ui)).toBe(expected);
  });

  it.each([
    [{ i1: "1", i2: "2" }, "i2", "2", { i1: "1", i2: "2" }],
    [{ i1: "", i2: "" }, "i1", "", { i1: "", i2: "" }],
    [{ i1: "1", i2: "2", i3: "3" }, "i1", "3", { i1: "3", i2: "2", i3: "1" }],
    [{}, "i1", "2", { i1: "2" }],
  ])("choosePosition(%j, %s, %j) = %j", (positions, item, position, expected) => {
    const before = { ...positions };
    expect(choosePosition(positions, item, position)).toEqual(expected);
    expect(positions).toEqual(before);
  });

  it("ordering without items sends an empty order", () => {
    expect(fromUiValue({ key: "o", type: "ordering" }, {})).toEqual({ ok: true, value: [] });
  });
});

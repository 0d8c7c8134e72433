import { describe, expect, it } from "vitest";
import {
  durationSeconds,
  formatDuration,
  meetsRule,
  resumeCmi,
  summarizeCmi,
  withLearner,
  type CmiSummary,
} from "./runtime";

describe("summarizeCmi", () => {
  it.each([
    [
      "1.2 passed",
      "scorm12",
      { core: { lesson_status: "passed", score: { raw: "90" } } },
      null,
      { completion: "completed", success: "passed", scorePercent: 90 },
    ],
    [
      "1.2 failed counts as finished",
      "scorm12",
      { core: { lesson_status: "failed", score: { raw: "3", min: "0", max: "10" } } },
      null,
      { completion: "completed", success: "failed", scorePercent: 30 },
    ],
    [
      "1.2 completed, judged by mastery",
      "scorm12",
      { core: { lesson_status: "completed", score: { raw: "85" } } },
      80,
      { completion: "completed", success: "passed", scorePercent: 85 },
    ],
    [
      "1.2 completed, under mastery",
      "scorm12",
      { core: { lesson_status: "completed", score: { raw: "70" } } },
      80,
      { completion: "completed", success: "failed", scorePercent: 70 },
    ],
    [
      "1.2 incomplete",
      "scorm12",
      { core: { lesson_status: "incomplete" } },
      null,
      { completion: "incomplete", success: "unknown", scorePercent: null },
    ],
    [
      "1.2 browsed",
      "scorm12",
      { core: { lesson_status: "browsed" } },
      null,
      { completion: "incomplete", success: "unknown", scorePercent: null },
    ],
    [
      "1.2 not attempted",
      "scorm12",
      { core: { lesson_status: "not attempted" } },
      null,
      { completion: "unknown", success: "unknown", scorePercent: null },
    ],
    ["1.2 nonsense", "scorm12", { core: "x" }, null, { completion: "unknown", success: "unknown", scorePercent: null }],
    [
      "2004 scaled wins over raw",
      "scorm2004",
      { completion_status: "completed", success_status: "passed", score: { scaled: "0.75", raw: "10" } },
      null,
      { completion: "completed", success: "passed", scorePercent: 75 },
    ],
    [
      "2004 raw only",
      "scorm2004",
      { completion_status: "incomplete", success_status: "unknown", score: { raw: "40", max: "50" } },
      null,
      { completion: "incomplete", success: "unknown", scorePercent: 80 },
    ],
    [
      "2004 numbers as numbers",
      "scorm2004",
      { completion_status: "completed", success_status: "failed", score: { scaled: 0.2 } },
      null,
      { completion: "completed", success: "failed", scorePercent: 20 },
    ],
    [
      "2004 out of range scaled is clamped",
      "scorm2004",
      { score: { scaled: "2" } },
      null,
      { completion: "unknown", success: "unknown", scorePercent: 100 },
    ],
    ["2004 empty", "scorm2004", {}, null, { completion: "unknown", success: "unknown", scorePercent: null }],
  ] as const)("%s", (_name, standard, cmi, mastery, expected) => {
    expect(summarizeCmi(standard, cmi, mastery)).toEqual(expected);
  });
});

describe("meetsRule", () => {
  const s = (
    completion: CmiSummary["completion"],
    success: CmiSummary["success"],
    scorePercent: number | null,
  ): CmiSummary => ({ completion, success, scorePercent });
  it.each([
    ["completed", null, s("completed", "unknown", null), true],
    ["completed", null, s("incomplete", "passed", null), true],
    ["completed", null, s("incomplete", "unknown", 100), false],
    ["passed", null, s("completed", "failed", 90), false],
    ["passed", null, s("completed", "passed", 10), true],
    ["score", 80, s("completed", "passed", 79.99), false],
    ["score", 80, s("incomplete", "unknown", 80), true],
    ["score", 80, s("completed", "passed", null), false],
    ["score", null, s("completed", "passed", 99), false],
  ] as const)("%s (%s) on %j → %s", (rule, pass, summary, expected) => {
    expect(meetsRule(rule, pass, summary)).toBe(expected);
  });
});

describe("durations", () => {
  it.each([
    ["scorm12", "0001:02:03.50", 3723.5],
    ["scorm12", "00:00:10", 10],
    ["scorm12", "bad", 0],
    ["scorm2004", "PT1H2M3.5S", 3723.5],
    ["scorm2004", "P1DT1S", 86401],
    ["scorm2004", "PT", 0],
    ["scorm2004", "P", 0],
    ["scorm2004", "1:00", 0],
  ] as const)("%s %s = %s s", (standard, value, seconds) => {
    expect(durationSeconds(standard, value)).toBe(seconds);
  });
  it.each([
    ["scorm12", 3723.5, "0001:02:03.50"],
    ["scorm2004", 3723.5, "PT1H2M3.5S"],
    ["scorm2004", 0, "PT0H0M0S"],
  ] as const)("%s %s s = %s", (standard, seconds, text) => {
    expect(formatDuration(standard, seconds)).toBe(text);
  });
});

describe("resumeCmi", () => {
  it("SCORM 1.2: adds the session to the total, resumes after a suspend, keeps suspend data", () => {
    const next = resumeCmi("scorm12", {
      core: {
        lesson_status: "incomplete",
        exit: "suspend",
        session_time: "00:01:00",
        total_time: "0000:02:00.00",
        lesson_location: "p2",
      },
      suspend_data: "abc",
    });
    expect(next).toEqual({
      core: { lesson_status: "incomplete", entry: "resume", total_time: "0000:03:00.00", lesson_location: "p2" },
      suspend_data: "abc",
    });
  });
  it("SCORM 2004: a normal exit starts afresh (entry empty)", () => {
    expect(resumeCmi("scorm2004", { exit: "normal", session_time: "PT30S", completion_status: "completed" })).toEqual({
      completion_status: "completed",
      entry: "",
      total_time: "PT0H0M30S",
    });
  });
  it("nothing stored → an empty tree", () => expect(resumeCmi("scorm2004", null)).toEqual({}));
});

describe("withLearner", () => {
  const learner = { id: "clx0account", name: "  Nguyễn Thị Hoa " };
  it.each([
    [
      "SCORM 1.2 into an empty tree",
      "scorm12",
      {},
      { core: { student_id: "clx0account", student_name: "Nguyễn Thị Hoa" } },
    ],
    [
      "SCORM 1.2 keeps the rest of core and overwrites a committed identity",
      "scorm12",
      { core: { lesson_location: "p2", student_id: "someone@else.vn" }, suspend_data: "x" },
      { core: { lesson_location: "p2", student_id: "clx0account", student_name: "Nguyễn Thị Hoa" }, suspend_data: "x" },
    ],
    [
      "SCORM 2004",
      "scorm2004",
      { location: "p2", learner_name: "old" },
      { location: "p2", learner_id: "clx0account", learner_name: "Nguyễn Thị Hoa" },
    ],
  ] as const)("%s", (_name, standard, cmi, expected) => {
    expect(withLearner(standard, structuredClone(cmi) as Record<string, unknown>, learner)).toEqual(expected);
  });
  it("cuts a name to the 255 characters both standards allow", () => {
    const tree = withLearner("scorm2004", {}, { id: "a", name: "Ư".repeat(300) });
    expect(tree.learner_name).toHaveLength(255);
  });
});

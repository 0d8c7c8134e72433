import { describe, expect, it } from "vitest";
import { certificateGaps, creditYear, isCourseComplete } from "./completion-rule";

describe("isCourseComplete", () => {
  it.each([
    ["all lessons, exam passed", 4, 4, true, true, true],
    ["all lessons, exam not passed", 4, 4, true, false, false],
    ["one lesson missing, exam passed", 4, 3, true, true, false],
    ["no exam, all lessons", 3, 3, false, false, true],
    ["no exam, lessons missing", 3, 2, false, false, false],
    ["no required lessons, exam passed", 0, 0, true, true, true],
    ["no required lessons, exam failed", 0, 0, true, false, false],
    ["empty course (nothing to do) never completes", 0, 0, false, false, false],
    ["more completions than required (optional lessons counted elsewhere)", 2, 3, true, true, true],
  ])("%s", (_name, requiredLessons, completedRequiredLessons, hasExam, examPassed, expected) => {
    expect(isCourseComplete({ requiredLessons, completedRequiredLessons, hasExam, examPassed })).toBe(expected);
  });
});

describe("creditYear", () => {
  it.each([
    ["2026-06-01T00:00:00Z", 2026],
    ["2026-12-31T16:59:59Z", 2026],
    ["2026-12-31T17:00:00Z", 2027],
    ["2027-01-01T00:00:00+07:00", 2027],
  ])("%s counts towards %d (Asia/Ho_Chi_Minh)", (iso, year) => {
    expect(creditYear(new Date(iso))).toBe(year);
  });
});

describe("certificateGaps", () => {
  const lesson = (key: string, required: boolean, done: boolean) => ({ key, required, done });
  it.each([
    ["nothing missing", [lesson("a", true, true), lesson("b", true, true)], true, true, [], false],
    ["exam still to pass", [lesson("a", true, true)], true, false, [], true],
    [
      "two lessons left, in course order",
      [lesson("a", true, false), lesson("b", true, true), lesson("c", true, false)],
      true,
      true,
      ["a", "c"],
      false,
    ],
    [
      "optional lessons are never missing",
      [lesson("a", false, false), lesson("b", true, true)],
      false,
      false,
      [],
      false,
    ],
    ["no exam: only lessons count", [lesson("a", true, false)], false, false, ["a"], false],
    ["lessons and exam both missing", [lesson("a", true, false)], true, false, ["a"], true],
  ])("%s", (_name, lessons, hasExam, examPassed, missingKeys, examMissing) => {
    const gaps = certificateGaps(lessons, hasExam, examPassed);
    expect(gaps.lessons.map((item) => item.key)).toEqual(missingKeys);
    expect(gaps.exam).toBe(examMissing);
  });
});

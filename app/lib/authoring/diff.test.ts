import { describe, expect, it } from "vitest";
import { diffVersions, type VersionDigest } from "./diff";

const lesson = (key: string, hash: string, moduleKey = "m1") => ({ key, moduleKey, title: { vi: key, en: key }, hash });
const question = (key: string, hash: string, lessons: string[] = []) => ({
  key,
  hash,
  type: "single",
  prompt: `? ${key}`,
  lessons,
});
const digest = (
  lessons: ReturnType<typeof lesson>[],
  questions: ReturnType<typeof question>[] = [],
): VersionDigest => ({ lessons, questions });

describe("diffVersions", () => {
  const cases: {
    name: string;
    old: VersionDigest | null;
    next: VersionDigest;
    lessons: string[];
    questions: string[];
    changedKeys: string[];
    has: boolean;
  }[] = [
    {
      name: "first version: everything added",
      old: null,
      next: digest([lesson("a", "1"), lesson("b", "2")], [question("q", "x")]),
      lessons: ["added:a", "added:b"],
      questions: ["added:q"],
      changedKeys: ["a", "b"],
      has: true,
    },
    {
      name: "identical versions",
      old: digest([lesson("a", "1")], [question("q", "x")]),
      next: digest([lesson("a", "1")], [question("q", "x")]),
      lessons: [],
      questions: [],
      changedKeys: [],
      has: false,
    },
    {
      name: "same key, other hash = changed",
      old: digest([lesson("a", "1"), lesson("b", "2")]),
      next: digest([lesson("a", "1"), lesson("b", "3")]),
      lessons: ["changed:b"],
      questions: [],
      changedKeys: ["b"],
      has: true,
    },
    {
      name: "new key = added, missing key = removed",
      old: digest([lesson("a", "1"), lesson("b", "2")]),
      next: digest([lesson("a", "1"), lesson("c", "9")]),
      lessons: ["added:c", "removed:b"],
      questions: [],
      changedKeys: ["c"],
      has: true,
    },
    {
      name: "a moved lesson with the same content is unchanged",
      old: digest([lesson("a", "1", "m1"), lesson("b", "2", "m1")]),
      next: digest([lesson("b", "2", "m2"), lesson("a", "1", "m1")]),
      lessons: [],
      questions: [],
      changedKeys: [],
      has: false,
    },
    {
      name: "questions only",
      old: digest([lesson("a", "1")], [question("q1", "x"), question("q2", "y")]),
      next: digest([lesson("a", "1")], [question("q1", "z"), question("q3", "w")]),
      lessons: [],
      questions: ["changed:q1", "added:q3", "removed:q2"],
      changedKeys: [],
      has: true,
    },
    {
      name: "a renamed key reads as removed + added (keys are the identity)",
      old: digest([lesson("old-key", "1")]),
      next: digest([lesson("new-key", "1")]),
      lessons: ["added:new-key", "removed:old-key"],
      questions: [],
      changedKeys: ["new-key"],
      has: true,
    },
  ];
  it.each(cases)("$name", ({ old, next, lessons, questions, changedKeys, has }) => {
    const diff = diffVersions(old, next);
    expect(diff.lessons.map((c) => `${c.change}:${c.key}`)).toEqual(lessons);
    expect(diff.questions.map((c) => `${c.change}:${c.key}`)).toEqual(questions);
    expect(diff.newOrChangedLessonKeys).toEqual(changedKeys);
    expect(diff.hasChanges).toBe(has);
  });

  it("counts what did not change", () => {
    const diff = diffVersions(
      digest([lesson("a", "1"), lesson("b", "2")], [question("q", "x")]),
      digest([lesson("a", "1"), lesson("b", "3")], [question("q", "x")]),
    );
    expect(diff.unchangedLessons).toBe(1);
    expect(diff.unchangedQuestions).toBe(1);
  });

  it("reports removed entries with their old title and module", () => {
    const diff = diffVersions(
      digest([{ ...lesson("gone", "1", "m9"), title: { vi: "Bài cũ", en: "Old" } }]),
      digest([]),
    );
    expect(diff.lessons).toEqual([
      { key: "gone", change: "removed", title: { vi: "Bài cũ", en: "Old" }, moduleKey: "m9" },
    ]);
  });
});

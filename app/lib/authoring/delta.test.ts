import { describe, expect, it } from "vitest";
import type { CourseBundle } from "~/lib/content/format";
import type { Question } from "~/lib/exams/question";
import { deltaBundle, deltaExam } from "./delta";

const q = (key: string, lessons: string[], pool = "default"): Question => ({
  key,
  pool,
  lessons,
  points: 1,
  prompt: key,
  type: "truefalse",
  answer: true,
});
const lesson = (key: string, minutes = 5) => ({
  key,
  number: 0,
  title: { vi: key, en: key },
  durationMinutes: minutes,
  required: true,
  markdown: `# ${key}`,
});

const course: CourseBundle = {
  slug: "c",
  title: { vi: "C", en: "C" },
  summary: { vi: "S", en: "S" },
  audience: "both",
  credits: 2,
  durationMinutes: 60,
  skills: ["1.1"],
  deltaCredits: 0.5,
  modules: [
    { key: "m1", title: { vi: "M1", en: "M1" }, lessons: [lesson("a"), lesson("b", 7)] },
    { key: "m2", title: { vi: "M2", en: "M2" }, lessons: [lesson("c", 11)] },
  ],
  exam: {
    title: { vi: "E", en: "E" },
    timeLimitMinutes: 10,
    passPercent: 70,
    maxAttempts: 3,
    cooldownMinutes: 0,
    review: "full",
    pools: [
      { pool: "default", draw: 3 },
      { pool: "hard", draw: 1 },
    ],
    questions: [
      q("qa1", ["a"]),
      q("qa2", ["a", "c"]),
      q("qb", ["b"]),
      q("qc", ["c"], "hard"),
      q("qx", []),
      q("qz", ["b"], "unused"),
    ],
  },
};

describe("deltaBundle", () => {
  const cases: {
    name: string;
    keys: string[];
    modules: string[];
    lessons: string[];
    questions: string[] | null;
    pools: { pool: string; draw: number }[] | null;
    minutes: number;
  }[] = [
    {
      name: "one changed lesson: its module, that lesson, the questions tagged to it",
      keys: ["b"],
      modules: ["m1"],
      lessons: ["b"],
      questions: ["qb"],
      pools: [{ pool: "default", draw: 1 }],
      minutes: 7,
    },
    {
      name: "two lessons in two modules",
      keys: ["a", "c"],
      modules: ["m1", "m2"],
      lessons: ["a", "c"],
      questions: ["qa1", "qa2", "qc"],
      pools: [
        { pool: "default", draw: 2 },
        { pool: "hard", draw: 1 },
      ],
      minutes: 16,
    },
    {
      name: "a lesson no question is tagged to: no exam",
      keys: ["zzz", "c"],
      modules: ["m2"],
      lessons: ["c"],
      questions: ["qa2", "qc"],
      pools: [
        { pool: "default", draw: 1 },
        { pool: "hard", draw: 1 },
      ],
      minutes: 11,
    },
  ];
  it.each(cases)("$name", ({ keys, modules, lessons, questions, pools, minutes }) => {
    const delta = deltaBundle(course, new Set(keys))!;
    expect(delta.modules.map((m) => m.key)).toEqual(modules);
    expect(delta.modules.flatMap((m) => m.lessons.map((l) => l.key))).toEqual(lessons);
    expect(delta.modules.flatMap((m) => m.lessons.map((l) => l.number))).toEqual(lessons.map((_, i) => i + 1));
    expect(delta.exam?.questions.map((x) => x.key) ?? null).toEqual(questions);
    expect(delta.exam?.pools ?? null).toEqual(pools);
    expect(delta.durationMinutes).toBe(minutes);
    expect(delta.credits).toBe(0);
    expect(delta.deltaCredits).toBe(0.5);
  });

  it("gives the update's exam its own title in both languages", () => {
    expect(deltaBundle(course, new Set(["a"]))?.exam?.title).toEqual({
      vi: "Kiểm tra phần cập nhật: E",
      en: "Update exam: E",
    });
  });

  it("has no exam when no question is tagged to the changed lessons", () => {
    const untagged = { ...course, exam: { ...course.exam!, questions: [q("qx", [])] } };
    expect(deltaBundle(untagged, new Set(["a"]))?.exam).toBeUndefined();
  });

  it("is null when no lesson changed (nothing to retrain)", () => {
    expect(deltaBundle(course, new Set())).toBeNull();
    expect(deltaBundle(course, new Set(["not-a-lesson"]))).toBeNull();
  });

  it("leaves the full bundle untouched", () => {
    const before = JSON.stringify(course);
    deltaBundle(course, new Set(["a"]));
    expect(JSON.stringify(course)).toBe(before);
  });
});

describe("deltaExam", () => {
  it("ignores questions in pools the exam does not draw from", () => {
    expect(deltaExam(course.exam, new Set(["b"]))?.questions.map((x) => x.key)).toEqual(["qb"]);
  });
  it("is null without an exam", () => {
    expect(deltaExam(undefined, new Set(["a"]))).toBeNull();
  });
});

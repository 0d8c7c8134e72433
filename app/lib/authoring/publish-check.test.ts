import { describe, expect, it } from "vitest";
import type { CourseBundle, LessonBundle } from "~/lib/content/format";
import type { Question } from "~/lib/exams/question";
import { publishProblems } from "./publish-check";

const lesson = (key: string, patch: Partial<LessonBundle> = {}): LessonBundle => ({
  key,
  number: 1,
  title: { vi: `Bài ${key}`, en: `Lesson ${key}` },
  durationMinutes: 5,
  required: true,
  markdown: "Nội dung",
  ...patch,
});
const tf = (key: string, patch: Partial<Question> = {}): Question =>
  ({
    key,
    pool: "default",
    lessons: ["a"],
    points: 1,
    prompt: "Đúng?",
    type: "truefalse",
    answer: true,
    ...patch,
  }) as Question;
const exam = (questions: Question[], pools = [{ pool: "default", draw: 1 }]) => ({
  title: { vi: "E", en: "E" },
  timeLimitMinutes: 10,
  passPercent: 70,
  maxAttempts: 3,
  cooldownMinutes: 0,
  review: "full" as const,
  pools,
  questions,
});
const base = (patch: Partial<CourseBundle> = {}): CourseBundle => ({
  slug: "khoa",
  title: { vi: "Khoá", en: "Course" },
  summary: { vi: "Tóm tắt", en: "Summary" },
  audience: "both",
  credits: 1,
  durationMinutes: 30,
  skills: ["1.1"],
  deltaCredits: 0,
  modules: [{ key: "m", title: { vi: "Phần", en: "Part" }, lessons: [lesson("a")] }],
  ...patch,
});

describe("publishProblems", () => {
  it.each([
    { name: "a complete course", bundle: base({ exam: exam([tf("q1")]) }), questions: [tf("q1")], problems: [] },
    {
      name: "no lessons at all",
      bundle: base({ modules: [] }),
      questions: [],
      problems: ["authoring.problem.noLessons"],
    },
    {
      name: "an empty module",
      bundle: base({
        modules: [
          { key: "m", title: { vi: "P", en: "P" }, lessons: [lesson("a")] },
          { key: "n", title: { vi: "Q", en: "Q" }, lessons: [] },
        ],
      }),
      questions: [],
      problems: ["authoring.problem.moduleEmpty"],
    },
    {
      name: "an empty lesson",
      bundle: base({
        modules: [{ key: "m", title: { vi: "P", en: "P" }, lessons: [lesson("a", { markdown: "  \n" })] }],
      }),
      questions: [],
      problems: ["authoring.problem.lessonEmpty"],
    },
    {
      name: "a bad video source",
      bundle: base({
        modules: [
          {
            key: "m",
            title: { vi: "P", en: "P" },
            lessons: [lesson("a", { video: { src: "ftp://x/v.mp4", durationSeconds: 3 } })],
          },
        ],
      }),
      questions: [],
      problems: ["authoring.problem.lessonVideo"],
    },
    {
      name: "missing details",
      bundle: base({ skills: [], summary: { vi: "", en: "x" } }),
      questions: [],
      problems: ["authoring.problem.summary", "authoring.problem.skills"],
    },
    {
      name: "an exam drawing more than its pool holds",
      bundle: base({ exam: exam([tf("q1")], [{ pool: "default", draw: 2 }]) }),
      questions: [tf("q1")],
      problems: ["authoring.problem.poolTooSmall"],
    },
    {
      name: "an exam drawing from an empty pool",
      bundle: base({ exam: exam([tf("q1")], [{ pool: "kho", draw: 1 }]) }),
      questions: [tf("q1")],
      problems: ["authoring.problem.poolEmpty"],
    },
    {
      name: "an exam with no questions",
      bundle: base({ exam: exam([]) }),
      questions: [],
      problems: ["authoring.problem.examNoQuestions"],
    },
    {
      name: "questions but no exam",
      bundle: base(),
      questions: [tf("q1")],
      problems: ["authoring.problem.questionsWithoutExam"],
    },
    {
      name: "a question without a correct answer",
      bundle: base({ exam: exam([]) }),
      questions: [
        {
          key: "q2",
          pool: "default",
          lessons: [],
          points: 1,
          prompt: "?",
          type: "single",
          options: [
            { id: "a", text: "A", weight: 0 },
            { id: "b", text: "B", weight: 0 },
          ],
        } satisfies Question,
      ],
      problems: ["authoring.problem.questionNoCorrect"],
    },
    {
      name: "a question tagged to a lesson that is gone",
      bundle: base({ exam: exam([]) }),
      questions: [tf("q1", { lessons: ["gone"] })],
      problems: ["authoring.problem.questionLesson"],
    },
  ])("$name", ({ bundle, questions, problems }) => {
    const withBank = bundle.exam ? { ...bundle, exam: { ...bundle.exam, questions } } : bundle;
    expect(publishProblems({ bundle: withBank, questions }).map((p) => p.key)).toEqual(problems);
  });

  it("says where to fix each problem", () => {
    const problems = publishProblems({
      bundle: base({ modules: [{ key: "m", title: { vi: "P", en: "P" }, lessons: [lesson("a", { markdown: "" })] }] }),
      questions: [],
    });
    expect(problems).toEqual([{ key: "authoring.problem.lessonEmpty", params: { lesson: "Bài a" }, fix: "lesson:a" }]);
  });
});

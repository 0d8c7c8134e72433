/**
 * What stops a draft from being published, as a list the trainer can work through: each
 * problem is an i18n key with its parameters and the editor page that fixes it. Pure.
 */
import { isValidVideoSrc, parseCourse, serializeCourse, type CourseBundle } from "~/lib/content/format";
import { checkPools } from "~/lib/exams/draw";
import { questionProblems, type Question } from "~/lib/exams/question";
import { problemKey } from "~/lib/exams/import-errors";

export type PublishProblem = {
  key: string;
  params?: Record<string, string | number>;
  /** Which editor fixes it: "details", "content", "lesson:<key>", "question:<key>", "exam". */
  fix: string;
};

export type DraftContent = {
  bundle: CourseBundle;
  /** The draft's question bank, which may exist before an exam is configured. */
  questions: Question[];
};

function poolProblems(questions: Question[], pools: { pool: string; draw: number }[]): PublishProblem[] {
  const sizes = new Map<string, number>();
  for (const q of questions) sizes.set(q.pool, (sizes.get(q.pool) ?? 0) + 1);
  const problems: PublishProblem[] = [];
  if (pools.length === 0) problems.push({ key: "authoring.problem.examNoPools", fix: "exam" });
  for (const { pool, draw } of pools) {
    const size = sizes.get(pool) ?? 0;
    if (size === 0) problems.push({ key: "authoring.problem.poolEmpty", params: { pool }, fix: "exam" });
    else if (draw > size)
      problems.push({ key: "authoring.problem.poolTooSmall", params: { pool, draw, size }, fix: "exam" });
  }
  // checkPools is what the exam relies on when drawing; anything it still finds is refused too.
  if (problems.length === 0 && checkPools(questions, pools).length > 0)
    problems.push({ key: "authoring.problem.examCannotDraw", fix: "exam" });
  return problems;
}

export function publishProblems({ bundle, questions }: DraftContent): PublishProblem[] {
  const problems: PublishProblem[] = [];
  const details = (key: string) => problems.push({ key, fix: "details" });
  if (!bundle.title.vi.trim() || !bundle.title.en.trim()) details("authoring.problem.title");
  if (!bundle.summary.vi.trim() || !bundle.summary.en.trim()) details("authoring.problem.summary");
  if (bundle.skills.length === 0) details("authoring.problem.skills");

  const lessons = bundle.modules.flatMap((m) => m.lessons);
  if (lessons.length === 0) problems.push({ key: "authoring.problem.noLessons", fix: "content" });
  for (const m of bundle.modules) {
    if (m.lessons.length === 0)
      problems.push({ key: "authoring.problem.moduleEmpty", params: { module: m.title.vi || m.key }, fix: "content" });
    if (!m.title.vi.trim() || !m.title.en.trim())
      problems.push({ key: "authoring.problem.moduleTitle", params: { module: m.key }, fix: "content" });
  }
  for (const l of lessons) {
    const fix = `lesson:${l.key}`;
    const params = { lesson: l.title.vi || l.key };
    if (!l.title.vi.trim() || !l.title.en.trim()) problems.push({ key: "authoring.problem.lessonTitle", params, fix });
    if (!l.markdown.trim()) problems.push({ key: "authoring.problem.lessonEmpty", params, fix });
    if (l.video && !isValidVideoSrc(l.video.src)) problems.push({ key: "authoring.problem.lessonVideo", params, fix });
    if (l.video && !(l.video.durationSeconds > 0))
      problems.push({ key: "authoring.problem.lessonVideoDuration", params, fix });
  }

  const lessonKeys = new Set(lessons.map((l) => l.key));
  for (const q of questions) {
    const fix = `question:${q.key}`;
    const found = questionProblems(q);
    const keys = [...new Set(found.map((p) => problemKey(p.message)))];
    for (const key of keys) {
      problems.push({
        key:
          key === "authoring.q.err.noCorrect" || key === "authoring.q.err.noFull"
            ? "authoring.problem.questionNoCorrect"
            : "authoring.problem.question",
        params: { question: q.key, detail: key },
        fix,
      });
    }
    for (const lesson of q.lessons) {
      if (!lessonKeys.has(lesson))
        problems.push({ key: "authoring.problem.questionLesson", params: { question: q.key, lesson }, fix });
    }
  }
  if (bundle.exam) {
    if (questions.length === 0) problems.push({ key: "authoring.problem.examNoQuestions", fix: "questions" });
    else problems.push(...poolProblems(questions, bundle.exam.pools));
  } else if (questions.length > 0) {
    problems.push({ key: "authoring.problem.questionsWithoutExam", params: { count: questions.length }, fix: "exam" });
  }

  // Everything published must also be exportable and re-importable by the CLI: run the very
  // same validation on the files it would export. Only reached when nothing above was found.
  if (problems.length === 0) {
    const parsed = parseCourse(bundle.slug, serializeCourse(bundle));
    if (!parsed.ok) {
      for (const e of parsed.errors) {
        problems.push({
          key: "authoring.problem.format",
          params: { ...e.params, where: `${e.file}:${e.line}${e.path ? ` ${e.path}` : ""}`, detail: e.code },
          fix: "details",
        });
      }
    }
  }
  return problems;
}

/**
 * "Preview as a learner": the course's draft (or, without one, its newest version) as a learner
 * will see it — outline, lessons, and its exam questions to answer and check. Read-only: the
 * check grades in memory with the exam's own grader, and nothing (attempt, progress, enrolment,
 * credits) is written.
 */
import { renderMarkdown } from "~/lib/content/markdown";
import { prisma } from "~/lib/db.server";
import { canonicalAnswer, markdownHtml, type LearnerAttemptQuestion } from "~/lib/exams/attempts.server";
import { answerFromForm, type FormFields } from "~/lib/exams/exams.schema";
import { gradeAttempt, type GradeStatus } from "~/lib/exams/grading";
import { toLearnerQuestion, type AnswerValue, type Question } from "~/lib/exams/question";
import { parseQuestion } from "~/lib/exams/question.schema";
import { lessonInVersion, lessonPageOf, type LessonPage } from "~/lib/courses/courses.server";
import { draftText, type Locale } from "~/lib/i18n/i18n";
import type { AuthorContext } from "./access.server";
import { editableVersion } from "./authoring.server";

/** What every preview page shows in its banner. */
export async function getPreviewHeader(ctx: AuthorContext, locale: Locale) {
  const version = await editableVersion(ctx.courseId);
  const row = await prisma.courseVersion.findUniqueOrThrow({
    where: { id: version.id },
    select: { titleVi: true, titleEn: true },
  });
  return {
    slug: ctx.slug,
    title: draftText(locale, row.titleVi, row.titleEn),
    number: version.number,
    isDraft: version.isDraft,
  };
}

/** The course page of the preview: summary, outline (every lesson linked) and the exam's rules. */
export async function getPreviewCourse(ctx: AuthorContext, locale: Locale) {
  const version = await editableVersion(ctx.courseId);
  const row = await prisma.courseVersion.findUniqueOrThrow({
    where: { id: version.id },
    select: {
      titleVi: true,
      titleEn: true,
      summaryVi: true,
      summaryEn: true,
      durationMinutes: true,
      credits: true,
      modules: {
        orderBy: { position: "asc" },
        select: {
          key: true,
          titleVi: true,
          titleEn: true,
          lessons: {
            orderBy: { position: "asc" },
            select: { key: true, titleVi: true, titleEn: true, durationMinutes: true, videoSrc: true },
          },
        },
      },
      exam: { select: { titleVi: true, titleEn: true, passPercent: true, timeLimitMinutes: true } },
      _count: { select: { questions: true } },
    },
  });
  return {
    slug: ctx.slug,
    title: draftText(locale, row.titleVi, row.titleEn),
    summary: draftText(locale, row.summaryVi, row.summaryEn),
    durationMinutes: row.durationMinutes,
    credits: row.credits,
    modules: row.modules.map((module) => ({
      key: module.key,
      title: draftText(locale, module.titleVi, module.titleEn),
      lessons: module.lessons.map((lesson) => ({
        key: lesson.key,
        title: draftText(locale, lesson.titleVi, lesson.titleEn),
        durationMinutes: lesson.durationMinutes,
        hasVideo: Boolean(lesson.videoSrc),
        completed: false,
      })),
    })),
    exam: row.exam
      ? {
          title: draftText(locale, row.exam.titleVi, row.exam.titleEn),
          passPercent: row.exam.passPercent,
          timeLimitMinutes: row.exam.timeLimitMinutes,
          questionCount: row._count.questions,
        }
      : null,
  };
}

/**
 * One lesson of the previewed version in the shape the learner's lesson page renders. No
 * progress is read or written; a SCORM package is not launched (its runtime would record a
 * learner's session).
 */
export async function getPreviewLesson(
  ctx: AuthorContext,
  lessonKey: string,
  locale: Locale,
): Promise<LessonPage & { slug: string }> {
  const version = await editableVersion(ctx.courseId);
  const found = await lessonInVersion(version.id, lessonKey);
  return {
    slug: ctx.slug,
    ...lessonPageOf(found, locale, {
      // Draft lessons change with every edit: rendered fresh, never from the published-lesson cache.
      html: renderMarkdown(found.lesson.markdown),
      watchPass: "",
      // The SCORM runtime would save a learner session: the preview shows the lesson's text only.
      scorm: null,
      completed: new Set(),
      positionSeconds: 0,
      watchedSeconds: 0,
    }),
  };
}

/** Options are shuffled as for a learner, the same way on every request (so a posted answer's ids match). */
const PREVIEW_SEED = 20260101;

async function previewBank(ctx: AuthorContext, locale: Locale) {
  const version = await editableVersion(ctx.courseId);
  const row = await prisma.courseVersion.findUniqueOrThrow({
    where: { id: version.id },
    select: {
      titleVi: true,
      titleEn: true,
      exam: { select: { titleVi: true, titleEn: true, passPercent: true } },
      questions: { orderBy: { position: "asc" }, select: { key: true, spec: true } },
    },
  });
  const questions: Question[] = row.questions.map((q) => parseQuestion(q.spec, `draft question '${q.key}'`));
  return {
    courseTitle: draftText(locale, row.titleVi, row.titleEn),
    examTitle: row.exam ? draftText(locale, row.exam.titleVi, row.exam.titleEn) : null,
    passPercent: row.exam?.passPercent ?? 100,
    questions,
  };
}

export type PreviewQuestionResult = {
  status: GradeStatus;
  earned: number;
  max: number;
  explanationHtml: string | null;
};
export type PreviewCheck = {
  earned: number;
  max: number;
  percent: number;
  passed: boolean;
  results: Record<string, PreviewQuestionResult>;
  /** What was posted, in the learner's (public) ids, to show the answers again. */
  answers: Record<string, unknown>;
  /** Per question: why its answer could not be graded (an incomplete order, a malformed value). */
  errors: Record<string, string>;
};

/** Every question of the draft's bank as a learner gets it (no answer key), with the exam's pass mark. */
export async function getPreviewPractice(ctx: AuthorContext, locale: Locale) {
  const bank = await previewBank(ctx, locale);
  const questions: LearnerAttemptQuestion[] = bank.questions.map((q) => {
    const { prompt, ...view } = toLearnerQuestion(q, PREVIEW_SEED);
    return { ...view, promptHtml: markdownHtml(prompt) };
  });
  return {
    slug: ctx.slug,
    courseTitle: bank.courseTitle,
    examTitle: bank.examTitle,
    passPercent: bank.passPercent,
    questions,
  };
}

/**
 * Grades a posted practice form against the draft's questions, in memory, with the exam's
 * grader. Writes nothing.
 */
export async function checkPreviewPractice(
  ctx: AuthorContext,
  form: FormFields,
  locale: Locale,
): Promise<PreviewCheck> {
  const bank = await previewBank(ctx, locale);
  const answers: Record<string, AnswerValue> = {};
  const posted: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const q of bank.questions) {
    const raw = answerFromForm(toLearnerQuestion(q, PREVIEW_SEED), form);
    if (!raw.ok) {
      errors[q.key] = raw.error;
      continue;
    }
    posted[q.key] = raw.value;
    const value = canonicalAnswer(q, raw.value);
    if (value === null) errors[q.key] = "exams.error.invalidAnswer";
    else answers[q.key] = value;
  }
  const grade = gradeAttempt(bank.questions, answers, bank.passPercent);
  const results: Record<string, PreviewQuestionResult> = {};
  for (const q of bank.questions) {
    const result = grade.results[q.key];
    results[q.key] = {
      status: result.status,
      earned: result.earned,
      max: result.max,
      explanationHtml: q.explanation ? markdownHtml(q.explanation) : null,
    };
  }
  return {
    earned: grade.earned,
    max: grade.max,
    percent: grade.percent,
    passed: grade.passed,
    results,
    answers: posted,
    errors,
  };
}

/**
 * The "what changed" retraining generated from a material change: only the new or changed
 * lessons (in their modules, in order) and an exam drawing only from the questions tagged to
 * those lessons. Pure: the publisher writes whatever this returns.
 */
import type { CourseBundle, ExamBundle } from "~/lib/content/format";
import { translate } from "~/lib/i18n/i18n";
import { en } from "~/lib/i18n/messages.en";
import { vi } from "~/lib/i18n/messages.vi";

/**
 * The delta exam: questions tagged to one of `lessonKeys` (and in a pool the full exam draws
 * from), each pool drawing at most what it now holds. Null when no question is tagged.
 */
export function deltaExam(exam: ExamBundle | undefined, lessonKeys: ReadonlySet<string>): ExamBundle | null {
  if (!exam) return null;
  const drawn = new Set(exam.pools.map((p) => p.pool));
  const questions = exam.questions.filter((q) => drawn.has(q.pool) && q.lessons.some((key) => lessonKeys.has(key)));
  if (questions.length === 0) return null;
  const sizes = new Map<string, number>();
  for (const q of questions) sizes.set(q.pool, (sizes.get(q.pool) ?? 0) + 1);
  const pools = exam.pools
    .filter((p) => (sizes.get(p.pool) ?? 0) > 0)
    .map((p) => ({ pool: p.pool, draw: Math.min(p.draw, sizes.get(p.pool) ?? 0) }));
  // Its own title in both languages, so the learner can tell it from the full course's exam.
  const title = {
    vi: translate(vi, "courses.update.examTitle", { title: exam.title.vi }),
    en: translate(en, "courses.update.examTitle", { title: exam.title.en }),
  };
  return { ...exam, title, pools, questions };
}

/** The delta bundle for `full`, or null when no lesson is new or changed (nothing to retrain). */
export function deltaBundle(
  full: CourseBundle,
  lessonKeys: ReadonlySet<string>,
  deltaCredits = full.deltaCredits,
): CourseBundle | null {
  const modules = full.modules
    .map((m) => ({ ...m, lessons: m.lessons.filter((l) => lessonKeys.has(l.key)) }))
    .filter((m) => m.lessons.length > 0);
  if (modules.length === 0) return null;
  let number = 0;
  const renumbered = modules.map((m) => ({ ...m, lessons: m.lessons.map((l) => ({ ...l, number: ++number })) }));
  const minutes = renumbered.flatMap((m) => m.lessons).reduce((sum, l) => sum + l.durationMinutes, 0);
  const exam = deltaExam(full.exam, lessonKeys);
  const bundle: CourseBundle = {
    ...full,
    credits: 0,
    deltaCredits,
    durationMinutes: Math.max(1, minutes),
    modules: renumbered,
  };
  delete bundle.exam;
  if (exam) bundle.exam = exam;
  return bundle;
}

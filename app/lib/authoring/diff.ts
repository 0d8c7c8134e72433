/**
 * "What changed" between two versions of a course, computed from stable keys and content
 * hashes (never typed by hand): same key + different hash = changed, new key = added,
 * missing key = removed. Pure, so the publish page, the diff page and the delta generator agree.
 */
import type { Localized } from "~/lib/content/format";

export type LessonDigest = { key: string; moduleKey: string; title: Localized; hash: string };
export type QuestionDigest = { key: string; hash: string; type: string; prompt: string; lessons: string[] };
export type VersionDigest = { lessons: LessonDigest[]; questions: QuestionDigest[] };

export type Change = "added" | "changed" | "removed";
export type LessonChange = { key: string; change: Change; title: Localized; moduleKey: string };
export type QuestionChange = { key: string; change: Change; type: string; prompt: string; lessons: string[] };

export type VersionDiff = {
  lessons: LessonChange[];
  questions: QuestionChange[];
  unchangedLessons: number;
  unchangedQuestions: number;
  /** Keys of lessons a learner has to (re)read: added or changed, in the new version's order. */
  newOrChangedLessonKeys: string[];
  hasChanges: boolean;
};

function diffByKey<T extends { key: string; hash: string }, C>(
  before: T[],
  after: T[],
  entry: (item: T, change: Change) => C,
): { changes: C[]; unchanged: number } {
  const old = new Map(before.map((item) => [item.key, item]));
  const seen = new Set<string>();
  const changes: C[] = [];
  let unchanged = 0;
  for (const item of after) {
    seen.add(item.key);
    const previous = old.get(item.key);
    if (!previous) changes.push(entry(item, "added"));
    else if (previous.hash !== item.hash) changes.push(entry(item, "changed"));
    else unchanged += 1;
  }
  for (const item of before) if (!seen.has(item.key)) changes.push(entry(item, "removed"));
  return { changes, unchanged };
}

/** Compares `next` with `old` (null for a first version: everything is added). */
export function diffVersions(old: VersionDigest | null, next: VersionDigest): VersionDiff {
  const lessons = diffByKey(old?.lessons ?? [], next.lessons, (l, change) => ({
    key: l.key,
    change,
    title: l.title,
    moduleKey: l.moduleKey,
  }));
  const questions = diffByKey(old?.questions ?? [], next.questions, (q, change) => ({
    key: q.key,
    change,
    type: q.type,
    prompt: q.prompt,
    lessons: [...q.lessons],
  }));
  return {
    lessons: lessons.changes,
    questions: questions.changes,
    unchangedLessons: lessons.unchanged,
    unchangedQuestions: questions.unchanged,
    newOrChangedLessonKeys: lessons.changes.filter((c) => c.change !== "removed").map((c) => c.key),
    hasChanges: lessons.changes.length > 0 || questions.changes.length > 0,
  };
}

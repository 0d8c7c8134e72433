// The course completion rule, in one pure function (table tests in completion-rule.test.ts).

export type CompletionFacts = {
  requiredLessons: number;
  completedRequiredLessons: number;
  hasExam: boolean;
  examPassed: boolean;
};

/** Complete when every required lesson is done and, if the course has an exam, it was passed. */
export function isCourseComplete(facts: CompletionFacts): boolean {
  const lessonsDone = facts.completedRequiredLessons >= facts.requiredLessons;
  const examDone = !facts.hasExam || facts.examPassed;
  return lessonsDone && examDone && (facts.requiredLessons > 0 || facts.hasExam);
}

export type CertificateGaps<Lesson> = { lessons: Lesson[]; exam: boolean };

/**
 * What still stands between a learner and the certificate, in course order: the required
 * lessons not yet done, and whether the exam still has to be passed. Empty = complete (for a
 * course that has something to do; see isCourseComplete).
 */
export function certificateGaps<Lesson extends { required: boolean; done: boolean }>(
  lessons: Lesson[],
  hasExam: boolean,
  examPassed: boolean,
): CertificateGaps<Lesson> {
  return { lessons: lessons.filter((lesson) => lesson.required && !lesson.done), exam: hasExam && !examPassed };
}

/** The calendar year (in Vietnam's time zone) a credit counts towards. */
export function creditYear(at: Date): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(at));
}

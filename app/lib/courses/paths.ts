/** Where a course's pages live: /courses/<slug>, and a "what changed" update below /courses/<slug>/update/<number>. */
export function coursePath(slug: string, updateNumber: number | null = null): string {
  return updateNumber === null ? `/courses/${slug}` : `/courses/${slug}/update/${updateNumber}`;
}

const LESSON_KEY = /^[a-z0-9-]+$/;

/** After "mark as complete": the next lesson when the form named a well-formed one, else the course page. */
export function pathAfterCompletion(basePath: string, next: FormDataEntryValue | null): string {
  return typeof next === "string" && LESSON_KEY.test(next) ? `${basePath}/lessons/${next}` : basePath;
}

/** The base path of the "preview as a learner" pages of a course (its outline; lessons and exam below). */
export function previewPath(slug: string): string {
  return `/author/courses/${slug}/preview`;
}

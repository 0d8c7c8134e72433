import { z } from "zod";
import { COURSE_CACHE_PREFIX, COURSE_META_PATH, courseCacheName } from "./cache-names";

// What a saved course's cache says about itself. Read back from Cache Storage, so parsed, not cast.
export const savedCourseSchema = z.object({
  slug: z.string(),
  title: z.string(),
  versionNumber: z.number().int(),
  savedAt: z.string(),
  bytes: z.number().int().nonnegative(),
  lessons: z.array(z.object({ key: z.string(), title: z.string(), url: z.string() })),
});
export type SavedCourse = z.infer<typeof savedCourseSchema>;

export async function readSavedCourse(cache: Cache): Promise<SavedCourse | null> {
  const response = await cache.match(COURSE_META_PATH);
  if (!response) return null;
  const parsed = savedCourseSchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}

/** Every course saved on this device, newest first. */
export async function listSavedCourses(): Promise<SavedCourse[]> {
  if (typeof caches === "undefined") return [];
  const names = (await caches.keys()).filter((name) => name.startsWith(COURSE_CACHE_PREFIX));
  const courses = await Promise.all(names.map(async (name) => readSavedCourse(await caches.open(name))));
  return courses
    .filter((course): course is SavedCourse => course !== null)
    .sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
}

export async function removeSavedCourse(slug: string) {
  await caches.delete(courseCacheName(slug));
}

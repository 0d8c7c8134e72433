// Names shared by the service worker, the offline shell and the pages. Only the precache and the
// asset cache belong to a release; saved courses and attempt copies belong to the signed-in
// learner and are removed on logout.

/** One Cache Storage cache per saved course: `hocso-course-<slug>`. */
export const COURSE_CACHE_PREFIX = "hocso-course-";
/** The last network copy of each in-progress attempt page the learner opened. */
export const ATTEMPT_CACHE = "hocso-attempts";
/** Fingerprinted build files fetched at run time (immutable: their name changes with their content). */
export const ASSET_CACHE = "hocso-build";
/** Inside each course cache: what was saved (CourseSaveMeta as JSON). */
export const COURSE_META_PATH = "/__offline/course.json";
/** The static page shown for a navigation that has no network and no saved copy. */
export const OFFLINE_SHELL_PATH = "/offline.html";
/**
 * An HTML comment the service worker puts at the start of <head> when it answers a navigation
 * from a saved copy; React's hydration skips comments, so the page can read it and say so.
 */
export const OFFLINE_COPY_MARKER = "hocso-offline-copy";

export function courseCacheName(slug: string) {
  return `${COURSE_CACHE_PREFIX}${slug}`;
}

/** Only the attempt page itself is kept: never its result page (which may show correct answers). */
export function isAttemptPagePath(pathname: string) {
  return /^\/attempts\/[A-Za-z0-9_-]+\/?$/.test(pathname);
}

/** Caches that hold one learner's pages: cleared on logout so the next person cannot read them. */
export function isPerUserCache(name: string) {
  return name === ATTEMPT_CACHE || name.startsWith(COURSE_CACHE_PREFIX);
}

/** The marker comment for a copy saved at `savedAt` (ISO time). */
export function offlineCopyComment(savedAt: string) {
  return `<!--${OFFLINE_COPY_MARKER}:${savedAt}-->`;
}

/** The saved time in a marker comment's text, or null when the comment is not one. */
export function readOfflineCopyComment(text: string): string | null {
  const prefix = `${OFFLINE_COPY_MARKER}:`;
  return text.startsWith(prefix) ? text.slice(prefix.length) : null;
}

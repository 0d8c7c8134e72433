/**
 * Whether something a test needs from outside the repository (a Debian tool, the production
 * build) is there. In CI (`CI=true`) a missing prerequisite throws, so the test file fails to load
 * and counts as a failure instead of skipping; locally the tests that need it are skipped and
 * the reason is printed.
 */
export function prerequisite(what: string, present: boolean, howToGetIt: string): boolean {
  if (present) return true;
  const reason = `${what} is missing (${howToGetIt})`;
  if (process.env.CI === "true" || process.env.CI === "1") {
    throw new Error(`${reason}: in CI the tests that need it must run, not skip`);
  }
  console.warn(`Skipping the tests that need ${what}: ${reason}.`);
  return false;
}

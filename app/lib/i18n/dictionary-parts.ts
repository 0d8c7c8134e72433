// The browser's dictionary comes in two parts: what every page can show, and the strings of the
// staff areas (authoring, organisations, administration), which are half of the whole and which
// a learner's phone never needs.
export type DictionaryPart = "learner" | "staff";

export const ALL_PARTS: readonly DictionaryPart[] = ["learner", "staff"];

const STAFF_PATH = /^\/(author|org|admin)(\/|$)/;

export function isStaffPath(pathname: string): boolean {
  return STAFF_PATH.test(pathname);
}

/** The parts a page at `pathname` renders with. */
export function partsFor(pathname: string): readonly DictionaryPart[] {
  return isStaffPath(pathname) ? ALL_PARTS : ["learner"];
}

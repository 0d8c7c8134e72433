/**
 * Accent-insensitive search for Vietnamese text.
 *
 * Learners often type without diacritics ("chu ky so") or on keyboards that emit
 * decomposed (NFD) sequences, while content is stored composed (NFC). Both sides
 * are folded to the same plain-ASCII-ish form before comparing.
 */

// Combining diacritical marks (U+0300–U+036F) left behind by NFD decomposition.
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Fold a string for comparison: decompose, drop combining marks, map đ/Đ to d
 * (đ is a distinct letter, not a base letter plus a mark, so NFD leaves it alone),
 * lower-case, collapse runs of whitespace to one space and trim.
 */
export function normalizeForSearch(s: string): string {
  return s
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * True when every whitespace-separated token of `query` occurs somewhere in
 * `haystack` (after folding both). Tokens may match in any order, so
 * "so chu ky" still finds "Chữ ký số". An empty or blank query matches everything.
 */
export function matchesQuery(haystack: string, query: string): boolean {
  const q = normalizeForSearch(query);
  if (q === "") return true;
  const h = normalizeForSearch(haystack);
  return q.split(" ").every((token) => h.includes(token));
}

import { normalizeForSearch } from "~/lib/content/search";

/** Letters and digits of a code or a query, upper-cased: "hs-72cj" and "HS72CJ" compare equal. */
function codeCharacters(value: string): string {
  return value.replace(/[^0-9a-z]/gi, "").toUpperCase();
}

/** Shorter fragments would match a large share of all codes by chance. */
const MIN_CODE_FRAGMENT = 3;

export type SearchableCertificate = {
  code: string;
  holderName: string;
  courseTitleVi: string;
  courseTitleEn: string;
};

/**
 * Whether an admin's query finds this certificate: a fragment of its code, typed with or without
 * the dashes and the "HS" prefix, or words of the holder's name or the course title typed with or
 * without diacritics, in any order ("nguyen an" finds "Nguyễn Văn An").
 */
export function certificateMatches(row: SearchableCertificate, query: string): boolean {
  const fragment = codeCharacters(query);
  if (fragment.length >= MIN_CODE_FRAGMENT && /^[0-9A-Z]+$/.test(query.replace(/[\s-]/g, "").toUpperCase())) {
    if (codeCharacters(row.code).includes(fragment)) return true;
  }
  const tokens = normalizeForSearch(query).split(" ").filter(Boolean);
  if (tokens.length === 0) return true;
  const haystack = normalizeForSearch(`${row.holderName} ${row.courseTitleVi} ${row.courseTitleEn}`);
  return tokens.every((token) => haystack.includes(token));
}

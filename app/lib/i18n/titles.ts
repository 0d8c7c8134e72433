import { isLocale, type Locale } from "~/lib/i18n/i18n";
import { titlesEn } from "~/lib/i18n/titles.en";
import { titlesVi, type TitleKey } from "~/lib/i18n/titles.vi";

export type { TitleKey };

const SITE = "HọcSố";

type Match = { id: string; data?: unknown };

/** The page's language as the root loader decided it (meta functions get no hooks). */
function metaLocale(matches: readonly Match[]): Locale {
  const root = matches.find((m) => m.id === "root")?.data;
  const locale = root && typeof root === "object" && "locale" in root ? root.locale : undefined;
  return isLocale(locale) ? locale : "vi";
}

/**
 * A page's `<title>` in the reader's language: the named content first (a course, a lesson),
 * then the page's kind, then the site, e.g. "An toàn thông tin · Xuất bản · HọcSố".
 */
export function pageTitle(matches: readonly Match[], key: TitleKey | null, ...lead: (string | undefined)[]) {
  const titles = metaLocale(matches) === "en" ? titlesEn : titlesVi;
  const parts = [...lead.filter((p): p is string => Boolean(p)), key ? titles[key] : undefined, SITE];
  return [{ title: parts.filter(Boolean).join(" · ") }];
}

/** The `title` a parent route's loader returned (a course's name for the editor's pages). */
export function parentTitle(matches: readonly Match[], routeId: string): string | undefined {
  const data = matches.find((m) => m.id === routeId)?.data;
  return data && typeof data === "object" && "title" in data && typeof data.title === "string" ? data.title : undefined;
}

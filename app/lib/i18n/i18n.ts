import type { MessageKey, Messages } from "~/lib/i18n/messages.vi";

export type { MessageKey, Messages };
export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "vi";
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

export function isLocale(value: unknown): value is Locale {
  return value === "vi" || value === "en";
}

export type TranslateParams = Record<string, string | number>;

/**
 * What a translator accepts as its key: a literal or template-built key must be a MessageKey, so a
 * mistyped key is a compile error; a plain `string` is data (a zod issue's message, a server's field
 * error) and is looked up at run time.
 */
export type KeyArg<K extends string> = string extends K ? K : K extends MessageKey ? K : MessageKey;

/** Looks a key up and fills `{name}` placeholders; an unknown key is returned as is (visible, never a crash). */
export function translate<K extends string>(
  messages: Partial<Messages>,
  key: KeyArg<K>,
  params?: TranslateParams,
): string {
  const template = (messages as Record<string, string>)[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

const intlLocale: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };

// Building an Intl formatter costs far more than using one (a page of dates built one per date:
// ~3 % of the exam room's CPU): one per locale and shape, built on first use.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: Locale, shape: "date" | "dateTime" | "time"): Intl.DateTimeFormat {
  const key = `${locale}:${shape}`;
  let format = dateFormats.get(key);
  if (!format) {
    const time = { hour: "2-digit", minute: "2-digit", hour12: false } as const;
    const day = { day: "2-digit", month: "2-digit", year: "numeric" } as const;
    format = new Intl.DateTimeFormat(intlLocale[locale], {
      timeZone: TIME_ZONE,
      ...(shape === "time" ? time : shape === "dateTime" ? { ...day, ...time } : day),
    });
    dateFormats.set(key, format);
  }
  return format;
}

export function formatDate(locale: Locale, value: Date | string, withTime = false): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return dateFormat(locale, withTime ? "dateTime" : "date").format(date);
}

const isoDates = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/**
 * YYYY-MM-DD of the day in Vietnam, for files read by machines (CSV): the same calendar day the
 * pages and the PDF print, in a form every spreadsheet parses whatever its language.
 */
export function isoDate(value: Date): string {
  return isoDates.format(value);
}

export function formatTime(locale: Locale, value: Date | string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return dateFormat(locale, "time").format(date);
}

// The same for numbers: one per locale and precision.
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 2): string {
  const key = `${locale}:${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** A draft's text in `locale`, or in the other language while this one is still empty. */
export function draftText(locale: Locale, vi: string, en: string): string {
  return locale === "en" ? en || vi : vi || en;
}

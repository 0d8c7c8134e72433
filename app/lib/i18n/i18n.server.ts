import { en } from "~/lib/i18n/messages.en";
import { vi } from "~/lib/i18n/messages.vi";
import {
  DEFAULT_LOCALE,
  isLocale,
  translate,
  type KeyArg,
  type Locale,
  type Messages,
  type TranslateParams,
} from "~/lib/i18n/i18n";

const LOCALE_COOKIE = "lng";
const dictionaries: Record<Locale, Messages> = { vi, en };

function cookieLocale(cookieHeader: string): Locale | undefined {
  const match = cookieHeader.match(/(?:^|;\s*)lng=(vi|en)(?:;|$)/);
  return match && isLocale(match[1]) ? match[1] : undefined;
}

/**
 * `?lng=` wins and is remembered in a cookie; otherwise the cookie; otherwise Vietnamese
 * (the portal is Vietnamese first, whatever the browser's language).
 */
export function resolveLocaleFrom(
  searchParams: URLSearchParams,
  cookieHeader: string | null | undefined,
): { locale: Locale; setCookie?: string } {
  const fromQuery = searchParams.get("lng");
  if (isLocale(fromQuery)) {
    return {
      locale: fromQuery,
      setCookie: `${LOCALE_COOKIE}=${fromQuery}; Path=/; Max-Age=31536000; SameSite=Lax`,
    };
  }
  return { locale: cookieLocale(cookieHeader ?? "") ?? DEFAULT_LOCALE };
}

export function resolveLocale(request: Request): { locale: Locale; setCookie?: string } {
  return resolveLocaleFrom(new URL(request.url).searchParams, request.headers.get("Cookie"));
}

export function getLocale(request: Request): Locale {
  return resolveLocale(request).locale;
}

export function messagesFor(locale: Locale): Messages {
  return dictionaries[locale];
}

/** A translator for server code (emails, error texts) bound to the request's locale. */
export function serverTranslator(localeOrRequest: Locale | Request) {
  const locale = typeof localeOrRequest === "string" ? localeOrRequest : getLocale(localeOrRequest);
  const messages = dictionaries[locale];
  return {
    locale,
    t: <K extends string>(key: KeyArg<K>, params?: TranslateParams) => translate(messages, key, params),
  };
}

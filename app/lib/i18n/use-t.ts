import { useRouteLoaderData } from "@remix-run/react";
import { useCallback, useMemo } from "react";
import {
  DEFAULT_LOCALE,
  formatDate,
  formatNumber,
  formatTime,
  translate,
  type KeyArg,
  type Locale,
  type TranslateParams,
} from "~/lib/i18n/i18n";
import { useDictionary } from "~/lib/i18n/dictionaries";

type RootI18nData = { locale: Locale };

/** The current locale's translator: the locale from the root loader, the dictionary from its provider (works in error boundaries too). */
export function useT() {
  const root = useRouteLoaderData<RootI18nData>("root");
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const { messages, missing } = useDictionary(locale);
  const t = useCallback(
    <K extends string>(key: KeyArg<K>, params?: TranslateParams) => {
      if (!messages) return key;
      if (!(key in messages)) missing();
      return translate(messages, key, params);
    },
    [messages, missing],
  );
  return useMemo(
    () => ({
      t,
      locale,
      hasMessages: Boolean(messages),
      date: (value: Date | string, withTime = false) => formatDate(locale, value, withTime),
      time: (value: Date | string) => formatTime(locale, value),
      number: (value: number, digits?: number) => formatNumber(locale, value, digits),
    }),
    [t, locale, messages],
  );
}

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Locale, Messages } from "./i18n";

// The dictionaries reach the browser as their own fingerprinted script chunks (cached for a
// year), not inside every page's loader data: the Vietnamese one alone is ~75 KB and was ~90% of
// each HTML document. The server renders with the dictionary it has in memory; the browser
// loads the page's one before hydrating (entry.client.tsx) and any other on demand.

type Dictionaries = Partial<Record<Locale, Messages>>;
type DictionaryStore = { dictionaries: Dictionaries; request: (locale: Locale) => void };

const DictionaryContext = createContext<DictionaryStore>({ dictionaries: {}, request: () => undefined });

/** A dictionary as a separate chunk of the browser build (one per language). */
export function loadDictionary(locale: Locale): Promise<Messages> {
  return locale === "en"
    ? import("./messages.en").then((module) => module.en)
    : import("./messages.vi").then((module) => module.vi);
}

export function DictionaryProvider({
  initial,
  load,
  children,
}: {
  initial: Dictionaries;
  load?: (locale: Locale) => Promise<Messages>;
  children: ReactNode;
}) {
  const [dictionaries, setDictionaries] = useState(initial);
  const request = useCallback(
    (locale: Locale) => {
      if (!load) return;
      void load(locale).then((messages) =>
        setDictionaries((current) => (current[locale] ? current : { ...current, [locale]: messages })),
      );
    },
    [load],
  );
  const store = useMemo(() => ({ dictionaries, request }), [dictionaries, request]);
  return <DictionaryContext.Provider value={store}>{children}</DictionaryContext.Provider>;
}

/**
 * The dictionary of `locale`. When the language changed without a page load and its chunk is
 * not here yet, it is fetched, and the language the page had meanwhile stands in for it.
 */
export function useDictionary(locale: Locale): Messages | undefined {
  const { dictionaries, request } = useContext(DictionaryContext);
  const messages = dictionaries[locale];
  useEffect(() => {
    if (!messages) request(locale);
  }, [messages, locale, request]);
  return messages ?? Object.values(dictionaries)[0];
}

import { useLocation, useNavigation } from "@remix-run/react";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ALL_PARTS, partsFor, type DictionaryPart } from "./dictionary-parts";
import type { Locale, Messages } from "./i18n";

// The dictionaries reach the browser as their own fingerprinted script chunks (cached for a
// year), not inside every page's loader data: the Vietnamese one alone is ~75 KB and was ~90% of
// each HTML document. Each comes in two parts (dictionary-parts.ts), so a learner's page loads
// the learner part only. The server renders with every dictionary it has in memory; the browser
// loads the page's parts before hydrating (entry.client.tsx), and the others on demand: the
// staff part as soon as a navigation to a staff page starts, so it arrives with the page's data.

export type LoadedDictionary = { parts: readonly DictionaryPart[]; messages: Partial<Messages> };
type Dictionaries = Partial<Record<Locale, LoadedDictionary>>;
type LoadPart = (locale: Locale, part: DictionaryPart) => Promise<Partial<Messages>>;
type DictionaryStore = { dictionaries: Dictionaries; want: (locale: Locale, parts: readonly DictionaryPart[]) => void };

const DictionaryContext = createContext<DictionaryStore>({ dictionaries: {}, want: () => undefined });

/** One part of one language's dictionary, as a separate chunk of the browser build. */
export function loadDictionaryPart(locale: Locale, part: DictionaryPart): Promise<Partial<Messages>> {
  if (part === "staff")
    return locale === "en"
      ? import("./staff.en").then((module) => module.staffEn)
      : import("./staff.vi").then((module) => module.staffVi);
  return locale === "en"
    ? import("./learner.en").then((module) => module.learnerEn)
    : import("./learner.vi").then((module) => module.learnerVi);
}

/** The dictionary a page at `pathname` needs, loaded in one go (before hydration). */
export async function loadDictionaryFor(locale: Locale, pathname: string): Promise<LoadedDictionary> {
  const parts = partsFor(pathname);
  const loaded = await Promise.all(parts.map((part) => loadDictionaryPart(locale, part)));
  return { parts, messages: loaded.reduce<Partial<Messages>>((all, part) => ({ ...all, ...part }), {}) };
}

export function DictionaryProvider({
  initial,
  load,
  children,
}: {
  initial: Dictionaries;
  load?: LoadPart;
  children: ReactNode;
}) {
  const [dictionaries, setDictionaries] = useState(initial);
  // The parts asked for (or here from the start): each is fetched once.
  const [requested] = useState(
    () =>
      new Set(Object.entries(initial).flatMap(([locale, loaded]) => loaded.parts.map((part) => `${locale}:${part}`))),
  );
  const want = useCallback(
    (locale: Locale, parts: readonly DictionaryPart[]) => {
      if (!load) return;
      for (const part of parts) {
        const id = `${locale}:${part}`;
        if (requested.has(id)) continue;
        requested.add(id);
        load(locale, part)
          .then((messages) =>
            setDictionaries((current) => {
              const have = current[locale] ?? { parts: [], messages: {} };
              if (have.parts.includes(part)) return current;
              return {
                ...current,
                [locale]: { parts: [...have.parts, part], messages: { ...have.messages, ...messages } },
              };
            }),
          )
          // Offline or a failed fetch: the next navigation asks again.
          .catch(() => requested.delete(id));
      }
    },
    [load, requested],
  );
  const store = useMemo(() => ({ dictionaries, want }), [dictionaries, want]);
  return <DictionaryContext.Provider value={store}>{children}</DictionaryContext.Provider>;
}

/**
 * The dictionary of `locale`. When the language changed without a page load and its chunk is
 * not here yet, the language the page had meanwhile stands in for it. `missing` is for a key
 * the loaded parts lack (a staff string on a learner's page that dictionary-parts.test.ts could
 * not see): it fetches the other parts, and the page re-renders with the word once they are in.
 */
export function useDictionary(locale: Locale): { messages: Partial<Messages> | undefined; missing: () => void } {
  const { dictionaries, want } = useContext(DictionaryContext);
  const missing = useCallback(() => want(locale, ALL_PARTS), [want, locale]);
  return { messages: (dictionaries[locale] ?? Object.values(dictionaries)[0])?.messages, missing };
}

/**
 * Rendered once by the root layout: asks for the parts of the page being shown or being
 * navigated to, in the page's language.
 */
export function DictionaryParts({ locale }: { locale: Locale }) {
  const { want } = useContext(DictionaryContext);
  const navigation = useNavigation();
  const location = useLocation();
  const pathname = navigation.location?.pathname ?? location.pathname;
  useEffect(() => {
    want(locale, partsFor(pathname));
  }, [want, locale, pathname]);
  return null;
}

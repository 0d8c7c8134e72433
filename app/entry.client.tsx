import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DictionaryProvider, loadDictionaryFor, loadDictionaryPart } from "~/lib/i18n/dictionaries";
import type { Locale } from "~/lib/i18n/i18n";

// The page's dictionary first (cached chunks after the first visit), then hydration: the
// client must render the same words the server did.
const locale: Locale = document.documentElement.lang === "en" ? "en" : "vi";

void loadDictionaryFor(locale, window.location.pathname).then((dictionary) => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <DictionaryProvider initial={{ [locale]: dictionary }} load={loadDictionaryPart}>
          <RemixBrowser />
        </DictionaryProvider>
      </StrictMode>,
    );
  });
});

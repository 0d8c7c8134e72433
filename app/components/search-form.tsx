import { Form } from "@remix-run/react";
import type { MessageKey } from "~/lib/i18n/i18n";
import { useT } from "~/lib/i18n/use-t";

/**
 * An admin list's search box: a GET form (`?q=`), so a search is a link that can be shared and
 * works without JavaScript. The label is for screen readers; the placeholder says the same.
 */
export function SearchForm({ id, label, query }: { id: string; label: MessageKey; query: string }) {
  const { t } = useT();
  return (
    <Form method="get" role="search" className="flex flex-wrap gap-2">
      <label htmlFor={id} className="sr-only">
        {t(label)}
      </label>
      <input id={id} type="search" name="q" defaultValue={query} placeholder={t(label)} className="input max-w-sm" />
      <button type="submit" className="btn-secondary">
        {t("admin.users.searchButton")}
      </button>
    </Form>
  );
}

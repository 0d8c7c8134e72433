import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { DataTable, EmptyState } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-page";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { KNOWN_ACTIONS, listAuditEvents } from "~/lib/organizations/audit-log.server";
import { auditFilterSchema } from "~/lib/organizations/organizations.schema";
import { requireOrgAdmin } from "~/lib/organizations/scope.server";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.org.audit");

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrgAdmin(request);
  const locale = getLocale(request);
  const { page, ...filters } = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    global: scope.global,
    filters,
    page,
    actions: KNOWN_ACTIONS,
    ...(await listAuditEvents(scope, filters, page, locale)),
  };
}

export default function AuditPage() {
  const { t, date } = useT();
  const { global, filters, page, actions, events, hasNext } = useLoaderData<typeof loader>();
  const location = useLocation();
  const pageHref = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `?${params.toString()}`;
  };
  return (
    <section className="space-y-4" aria-labelledby="audit-heading">
      <h2 id="audit-heading" className="text-xl font-semibold">
        {t("org.audit.title")}
      </h2>
      <p className="text-sm text-slate-700">{global ? t("org.audit.leadGlobal") : t("org.audit.leadSubtree")}</p>
      <Form
        method="get"
        className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_10rem_10rem_auto] lg:items-end"
        key={location.search}
      >
        <div className="space-y-1">
          <label htmlFor="audit-action" className="block text-sm font-medium">
            {t("org.audit.action")}
          </label>
          <input
            id="audit-action"
            name="action"
            list="audit-actions"
            defaultValue={filters.action ?? ""}
            className="input"
            placeholder="org."
          />
          <datalist id="audit-actions">
            {actions.map((action) => (
              <option key={action} value={action}>
                {t(`audit.action.${action}`)}
              </option>
            ))}
          </datalist>
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-actor" className="block text-sm font-medium">
            {t("org.audit.actor")}
          </label>
          <input id="audit-actor" name="actor" type="email" defaultValue={filters.actor ?? ""} className="input" />
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-from" className="block text-sm font-medium">
            {t("org.audit.from")}
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} className="input" />
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-to" className="block text-sm font-medium">
            {t("org.audit.to")}
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} className="input" />
        </div>
        <button type="submit" className="btn-secondary">
          {t("org.compliance.apply")}
        </button>
      </Form>
      {events.length === 0 ? (
        <EmptyState>{t("org.audit.empty")}</EmptyState>
      ) : (
        <DataTable
          labelledBy="audit-heading"
          tableClassName="w-full min-w-[44rem]"
          testId="audit-table"
          columns={[
            { label: t("org.audit.at") },
            { label: t("org.audit.actorColumn") },
            { label: t("org.audit.action") },
            { label: t("org.audit.target") },
            { label: t("org.audit.ip") },
          ]}
        >
          {events.map((event) => (
            <tr key={event.id} className="border-t border-slate-200 align-top">
              <td className="whitespace-nowrap px-3 py-2">{date(event.at, true)}</td>
              <td className="px-3 py-2">
                {event.actor
                  ? `${event.actor.fullName} ${event.actor.email ? `(${event.actor.email})` : ""}`
                  : t("org.audit.system")}
              </td>
              <td className="px-3 py-2">
                {event.known ? (
                  <>
                    <p>{t(`audit.action.${event.known}`)}</p>
                    <p className="font-mono text-xs text-slate-600" title={t("org.audit.code")}>
                      {event.action}
                    </p>
                  </>
                ) : (
                  <p className="font-mono text-xs">{event.action}</p>
                )}
              </td>
              <td className="px-3 py-2">
                {event.targetLabel ? (
                  <p data-testid="audit-target">{event.targetLabel}</p>
                ) : (
                  <p className="font-mono text-xs">{event.target}</p>
                )}
                {event.org ? (
                  <p className="text-xs text-slate-600">
                    {event.org.name} ({event.org.code})
                  </p>
                ) : null}
                {event.before || event.after ? (
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-brand-700">{t("org.audit.details")}</summary>
                    {event.before ? (
                      <p className="break-all font-mono text-xs">
                        {t("org.audit.before")}: {event.before}
                      </p>
                    ) : null}
                    {event.after ? (
                      <p className="break-all font-mono text-xs">
                        {t("org.audit.after")}: {event.after}
                      </p>
                    ) : null}
                  </details>
                ) : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs">{event.ip ?? ""}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <nav aria-label={t("pagination.label")} className="flex items-center justify-between gap-2 text-sm">
        {page > 1 ? (
          <Link to={pageHref(page - 1)} className="btn-secondary" rel="prev">
            {t("pagination.previous")}
          </Link>
        ) : (
          <span />
        )}
        <span>{t("org.audit.page", { page })}</span>
        {hasNext ? (
          <Link to={pageHref(page + 1)} className="btn-secondary" rel="next">
            {t("pagination.next")}
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

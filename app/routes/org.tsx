import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { useAdminTabs } from "~/components/admin-tabs";
import { GeneralErrorBoundary } from "~/components/error-page";
import { TabNav } from "~/components/tab-nav";
import { requireOrgAdmin } from "~/lib/organizations/scope.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.org");

// Global admins and organisation admins (users with OrgAdmin rows) use these pages; each page
// also checks that the unit it touches lies in the signed-in user's subtree.
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrgAdmin(request);
  return { global: scope.global };
}

export default function OrgLayout() {
  const { t } = useT();
  const { global } = useLoaderData<typeof loader>();
  const tabs = [
    { to: "/org", label: t("org.nav.units"), end: true },
    { to: "/org/import", label: t("org.nav.import") },
    { to: "/org/assignments", label: t("org.nav.assignments") },
    { to: "/org/compliance", label: t("org.nav.compliance") },
    { to: "/org/audit", label: t("org.nav.audit") },
  ];
  const adminTabs = useAdminTabs();
  if (global)
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
        <TabNav label={t("admin.title")} tabs={adminTabs} />
        <Outlet />
      </div>
    );
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{t("org.title")}</h1>
        <p className="text-sm text-slate-600">{global ? t("org.scope.global") : t("org.scope.subtree")}</p>
      </div>
      <TabNav label={t("org.title")} tabs={tabs} />
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { requireOrgAdmin } from "~/lib/organizations/scope.server";
import { useT } from "~/lib/i18n/use-t";

export const meta: MetaFunction = () => [{ title: "Đơn vị · HọcSố" }];

// Global admins and organisation admins (users with OrgAdmin rows) use these pages; each page
// also checks that the unit it touches lies in the signed-in user's subtree.
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrgAdmin(request);
  return { global: scope.global };
}

export default function OrgLayout() {
  const { t } = useT();
  const { global } = useLoaderData<typeof loader>();
  const tab = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-200"}`;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold">{t("org.title")}</h1>
        <p className="text-sm text-slate-600">{global ? t("org.scope.global") : t("org.scope.subtree")}</p>
      </div>
      <nav aria-label={t("org.title")} className="flex flex-wrap gap-2">
        <NavLink to="/org" end className={tab}>
          {t("org.nav.units")}
        </NavLink>
        <NavLink to="/org/import" className={tab}>
          {t("org.nav.import")}
        </NavLink>
        <NavLink to="/org/assignments" className={tab}>
          {t("org.nav.assignments")}
        </NavLink>
        <NavLink to="/org/compliance" className={tab}>
          {t("org.nav.compliance")}
        </NavLink>
        <NavLink to="/org/audit" className={tab}>
          {t("org.nav.audit")}
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { requireRole } from "~/lib/accounts/auth.server";
import { useT } from "~/lib/i18n/use-t";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export default function AdminLayout() {
  const { t } = useT();
  const tab = ({ isActive }: { isActive: boolean }) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-200"}`;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
      <nav aria-label={t("admin.title")} className="flex flex-wrap gap-2">
        <NavLink to="/admin/users" className={tab}>
          {t("admin.users")}
        </NavLink>
        <NavLink to="/admin/certificates" className={tab}>
          {t("admin.certificates")}
        </NavLink>
        <NavLink to="/admin/requirements" className={tab}>
          {t("admin.requirements")}
        </NavLink>
        <NavLink to="/admin/outbox" className={tab}>
          {t("admin.outbox")}
        </NavLink>
        <NavLink to="/org" className={tab}>
          {t("org.nav.units")}
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

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { useAdminTabs } from "~/components/admin-tabs";
import { GeneralErrorBoundary } from "~/components/error-page";
import { TabNav } from "~/components/tab-nav";
import { requireRole } from "~/lib/accounts/auth.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.admin");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export default function AdminLayout() {
  const { t } = useT();
  const tabs = useAdminTabs();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
      <TabNav label={t("admin.title")} tabs={tabs} />
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

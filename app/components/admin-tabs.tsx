import type { Tab } from "~/components/tab-nav";
import { useT } from "~/lib/i18n/use-t";

/**
 * The administration's tabs. The units, compliance and audit pages live under /org (organisation
 * admins use them for their subtree), so the /org layout shows these same tabs to a global admin:
 * following a tab never drops them out of the administration.
 */
export function useAdminTabs(): Tab[] {
  const { t } = useT();
  return [
    { to: "/admin/users", label: t("admin.users") },
    { to: "/admin/certificates", label: t("admin.certificates") },
    { to: "/admin/requirements", label: t("admin.requirements") },
    { to: "/admin/outbox", label: t("admin.outbox") },
    { to: "/admin/xapi", label: t("admin.xapi") },
    { to: "/org", label: t("org.nav.units"), end: true },
    { to: "/org/import", label: t("org.nav.import") },
    { to: "/org/assignments", label: t("org.nav.assignments") },
    { to: "/org/compliance", label: t("org.nav.compliance") },
    { to: "/org/audit", label: t("org.nav.audit") },
  ];
}

import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DataTable, EmptyState } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert } from "~/components/forms";
import { SearchForm } from "~/components/search-form";
import { pageFrom, Pagination } from "~/components/pagination";
import { ROLES, roleChangeSchema } from "~/lib/accounts/accounts.schema";
import { requireRole, setUserRole } from "~/lib/accounts/auth.server";
import { listUsers } from "~/lib/accounts/users.server";
import { parseForm } from "~/lib/forms.server";
import { clientIp } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.admin.users");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").slice(0, 200);
  const page = pageFrom(url);
  return { query, page, ...(await listUsers({ query, page })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const parsed = await parseForm(request, roleChangeSchema);
  if (!parsed.ok)
    return data({ ok: false as const, error: "errors.role.invalid", name: "", role: "" }, { status: 400 });
  const result = await setUserRole(admin, parsed.data.userId, parsed.data.role, clientIp(request));
  if (!result.ok) return data({ ok: false as const, error: result.error, name: "", role: "" }, { status: 400 });
  return { ok: true as const, error: "", name: result.fullName, role: parsed.data.role };
}

export default function AdminUsers() {
  const { t, date } = useT();
  const { users, total, page, pages, query } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <section aria-labelledby="users-heading" className="space-y-4">
      <h2 id="users-heading" className="text-xl font-semibold">
        {t("admin.users")}{" "}
        <span className="text-base font-normal text-slate-600">({t("admin.users.count", { count: total })})</span>
      </h2>
      {actionData?.ok ? (
        <FormAlert tone="success">
          {t("admin.users.roleChanged", { name: actionData.name, role: t(`roles.${actionData.role}`) })}
        </FormAlert>
      ) : null}
      {actionData && !actionData.ok ? <FormAlert>{t(actionData.error)}</FormAlert> : null}
      <SearchForm id="user-search" label="admin.users.search" query={query} />
      {users.length === 0 ? (
        <EmptyState>{t("admin.users.empty")}</EmptyState>
      ) : (
        <DataTable
          labelledBy="users-heading"
          columns={[
            { label: t("admin.users.name") },
            { label: t("admin.users.email") },
            { label: t("admin.users.created") },
            { label: t("admin.users.role") },
          ]}
        >
          {users.map((user) => (
            <tr key={user.id} className="border-t border-slate-200">
              <td className="px-3 py-2 font-medium">{user.fullName}</td>
              <td className="px-3 py-2">{user.email}</td>
              <td className="px-3 py-2">{date(user.createdAt)}</td>
              <td className="px-3 py-2">
                <Form method="post" className="flex items-center gap-2">
                  <input type="hidden" name="userId" value={user.id} />
                  <label htmlFor={`role-${user.id}`} className="sr-only">
                    {t("admin.users.roleFor", { name: user.fullName })}
                  </label>
                  <select
                    id={`role-${user.id}`}
                    name="role"
                    defaultValue={user.role}
                    className="input w-auto py-1 text-sm"
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`roles.${role}`)}
                      </option>
                    ))}
                  </select>
                  <button type="submit" className="btn-secondary px-2 py-1" disabled={busy}>
                    {t("admin.users.changeRole")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page} pages={pages} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

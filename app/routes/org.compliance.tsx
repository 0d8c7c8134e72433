import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { ComplianceChart } from "~/components/compliance-chart";
import { DownloadLink } from "~/components/download-link";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { loadComplianceView } from "~/lib/organizations/compliance.server";
import { complianceFilterSchema } from "~/lib/organizations/organizations.schema";
import { requireOrgAdmin } from "~/lib/organizations/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrgAdmin(request);
  const filters = complianceFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return loadComplianceView(scope, filters, getLocale(request));
}

export default function CompliancePage() {
  const { t, number } = useT();
  const view = useLoaderData<typeof loader>();
  const location = useLocation();
  if (!view.unit) return <p className="card text-slate-700">{t("org.units.empty")}</p>;
  const { unit, breadcrumb, rows, total, year, people, choices, filters, topUnits } = view;
  const query = (unitId: string) => {
    const params = new URLSearchParams();
    params.set("unit", unitId);
    if (filters.course) params.set("course", filters.course);
    if (filters.role) params.set("role", filters.role);
    return `?${params.toString()}`;
  };
  const csvHref = `/org/compliance.csv${query(unit.id)}`;
  const chartRows = rows.map((row) => ({ ...row, label: row.kind === "direct" ? t("org.compliance.directRow", { name: row.name }) : row.name }));
  const cards = [
    ["assigned", total.assigned],
    ["completed", total.completed],
    ["inProgress", total.inProgress],
    ["notStarted", total.notStarted],
    ["overdue", total.overdue],
  ] as const;
  return (
    <div className="space-y-6">
      {topUnits.length > 1 ? (
        <nav aria-label={t("org.compliance.roots")} className="flex flex-wrap gap-2 text-sm">
          {topUnits.map((top) => (
            <Link key={top.id} to={query(top.id)} className={top.id === unit.id ? "btn-primary px-3 py-1" : "btn-secondary px-3 py-1"}>
              {top.name}
            </Link>
          ))}
        </nav>
      ) : null}
      <nav aria-label={t("org.breadcrumb")} className="text-sm">
        <ol className="flex flex-wrap items-center gap-1 text-slate-600">
          {breadcrumb.map((ancestor) => (
            <li key={ancestor.id} className="flex items-center gap-1">
              <Link to={query(ancestor.id)} className="link">
                {ancestor.name}
              </Link>
              <span aria-hidden="true">›</span>
            </li>
          ))}
          <li aria-current="page" className="font-semibold text-slate-900">
            {unit.name}
          </li>
        </ol>
      </nav>

      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-xl font-semibold" id="compliance-heading">
          {t("org.compliance.title", { unit: unit.name })}
        </h2>
        <DownloadLink href={csvHref} fileName={`tuan-thu-${unit.code}.csv`} label={t("org.compliance.exportCsv")} />
      </div>

      <Form method="get" className="card grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" key={location.search}>
        <input type="hidden" name="unit" value={unit.id} />
        <div className="space-y-1">
          <label htmlFor="filter-course" className="block text-sm font-medium">
            {t("org.compliance.course")}
          </label>
          <select id="filter-course" name="course" defaultValue={filters.course ?? ""} className="input">
            <option value="">{t("org.compliance.allCourses")}</option>
            {choices.courses.map((course) => (
              <option key={course.slug} value={course.slug}>
                {course.title}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="filter-role" className="block text-sm font-medium">
            {t("org.compliance.role")}
          </label>
          <select id="filter-role" name="role" defaultValue={filters.role ?? ""} className="input">
            <option value="">{t("org.compliance.allRoles")}</option>
            {choices.roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("org.compliance.apply")}
        </button>
      </Form>

      <section aria-label={t("org.compliance.totals")} className="space-y-3">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="compliance-totals">
          {cards.map(([key, value]) => (
            <div key={key} className="card p-3" data-testid={`total-${key}`}>
              <dt className="text-sm text-slate-600">{t(`org.status.${key}`)}</dt>
              <dd className="text-2xl font-bold">{value}</dd>
            </div>
          ))}
          <div className="card p-3" data-testid="total-rate">
            <dt className="text-sm text-slate-600">{t("org.compliance.rate")}</dt>
            <dd className="text-2xl font-bold">{number(total.rate, 1)}%</dd>
          </div>
        </dl>
        <p className="text-sm text-slate-700" data-testid="credits-line">
          {total.withRequirement > 0
            ? t("org.compliance.creditsLine", { year, met: total.metRequirement, required: total.withRequirement, credits: number(total.credits), members: total.members })
            : t("org.compliance.creditsNoRequirement", { year, credits: number(total.credits), members: total.members })}
        </p>
      </section>

      <section aria-labelledby="chart-heading" className="card space-y-3">
        <h3 id="chart-heading" className="text-lg font-semibold">
          {t("org.compliance.byUnit")}
        </h3>
        {chartRows.length === 0 ? <p className="text-sm text-slate-700">{t("org.compliance.noRows")}</p> : <ComplianceChart rows={chartRows} titleId="chart-heading" />}
      </section>

      <section aria-labelledby="table-heading" className="space-y-2">
        <h3 id="table-heading" className="text-lg font-semibold">
          {t("org.compliance.table")}
        </h3>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[48rem] text-left text-sm" data-testid="compliance-table">
            <thead className="bg-slate-100">
              <tr>
                <th scope="col" className="px-3 py-2">{t("org.compliance.unit")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("org.status.assigned")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("org.status.completed")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("org.status.inProgress")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("org.status.notStarted")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("org.status.overdue")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("org.compliance.rate")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("org.compliance.members")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("org.compliance.credits", { year })}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("org.compliance.metRequirement")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.kind}-${row.id}`} className="border-t border-slate-200">
                  <th scope="row" className="px-3 py-2 font-medium">
                    {row.kind === "unit" ? (
                      <Link to={query(row.id)} className="link">
                        {row.name}
                      </Link>
                    ) : (
                      t("org.compliance.directRow", { name: row.name })
                    )}
                  </th>
                  <td className="px-3 py-2 text-right">{row.assigned}</td>
                  <td className="px-3 py-2 text-right">{row.completed}</td>
                  <td className="px-3 py-2 text-right">{row.inProgress}</td>
                  <td className="px-3 py-2 text-right">{row.notStarted}</td>
                  <td className="px-3 py-2 text-right">{row.overdue}</td>
                  <td className="px-3 py-2 text-right">{number(row.rate, 1)}%</td>
                  <td className="px-3 py-2 text-right">{row.members}</td>
                  <td className="px-3 py-2 text-right">{number(row.credits)}</td>
                  <td className="px-3 py-2 text-right">{row.withRequirement > 0 ? `${row.metRequirement}/${row.withRequirement}` : "—"}</td>
                </tr>
              ))}
              <tr className="border-t-2 border-slate-300 bg-slate-50 font-semibold">
                <th scope="row" className="px-3 py-2">{t("org.compliance.total")}</th>
                <td className="px-3 py-2 text-right">{total.assigned}</td>
                <td className="px-3 py-2 text-right">{total.completed}</td>
                <td className="px-3 py-2 text-right">{total.inProgress}</td>
                <td className="px-3 py-2 text-right">{total.notStarted}</td>
                <td className="px-3 py-2 text-right">{total.overdue}</td>
                <td className="px-3 py-2 text-right">{number(total.rate, 1)}%</td>
                <td className="px-3 py-2 text-right">{total.members}</td>
                <td className="px-3 py-2 text-right">{number(total.credits)}</td>
                <td className="px-3 py-2 text-right">{total.withRequirement > 0 ? `${total.metRequirement}/${total.withRequirement}` : "—"}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p className="text-xs text-slate-600">{t("org.compliance.note")}</p>
      </section>

      <section aria-labelledby="people-heading" className="space-y-2">
        <h3 id="people-heading" className="text-lg font-semibold">
          {t("org.compliance.people", { unit: unit.name })}
        </h3>
        {people.people.length === 0 ? (
          <p className="text-sm text-slate-700">{t("org.compliance.noPeople")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("org.person.name")}</th>
                  <th scope="col" className="px-3 py-2">{t("org.person.jobRole")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("org.status.assigned")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("org.status.completed")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("org.status.overdue")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("org.compliance.credits", { year })}</th>
                </tr>
              </thead>
              <tbody>
                {people.people.map((person) => (
                  <tr key={person.id} className="border-t border-slate-200">
                    <td className="px-3 py-2">
                      <Link to={`/org/people/${person.id}`} className="link font-medium">
                        {person.fullName}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{person.jobRole}</td>
                    <td className="px-3 py-2 text-right">{person.assigned}</td>
                    <td className="px-3 py-2 text-right">{person.completed}</td>
                    <td className={`px-3 py-2 text-right ${person.overdue > 0 ? "font-semibold text-accent-600" : ""}`}>{person.overdue}</td>
                    <td className="px-3 py-2 text-right">{number(person.credits)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={people.page} pages={people.pages} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

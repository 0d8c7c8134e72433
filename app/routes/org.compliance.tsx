import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { ComplianceChart } from "~/components/compliance-chart";
import { DownloadLink } from "~/components/download-link";
import { DataTable, EmptyState } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { SelectField } from "~/components/select-field";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { loadComplianceView } from "~/lib/organizations/compliance.server";
import { complianceFilterSchema } from "~/lib/organizations/organizations.schema";
import { requireOrgAdmin } from "~/lib/organizations/scope.server";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.org.compliance");

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrgAdmin(request);
  const filters = complianceFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return loadComplianceView(scope, filters, getLocale(request));
}

type ComplianceStats = {
  assigned: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
  rate: number;
  members: number;
  credits: number;
  metRequirement: number;
  withRequirement: number;
};

/** The figures of one row of the compliance table; a unit's row and the total row show the same columns. */
function ComplianceCells({ stats }: { stats: ComplianceStats }) {
  const { number } = useT();
  const figures = [
    stats.assigned,
    stats.completed,
    stats.inProgress,
    stats.notStarted,
    stats.overdue,
    `${number(stats.rate, 1)}%`,
    stats.members,
    number(stats.credits),
    stats.withRequirement > 0 ? `${stats.metRequirement}/${stats.withRequirement}` : "—",
  ];
  return (
    <>
      {figures.map((figure, index) => (
        <td key={index} className="px-3 py-2 text-right">
          {figure}
        </td>
      ))}
    </>
  );
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
  const chartRows = rows.map((row) => ({
    ...row,
    label: row.kind === "direct" ? t("org.compliance.directRow", { name: row.name }) : row.name,
  }));
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
            <Link
              key={top.id}
              to={query(top.id)}
              className={top.id === unit.id ? "btn-primary px-3 py-1" : "btn-secondary px-3 py-1"}
            >
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
        <SelectField
          id="filter-course"
          name="course"
          label={t("org.compliance.course")}
          defaultValue={filters.course ?? ""}
        >
          <option value="">{t("org.compliance.allCourses")}</option>
          {choices.courses.map((course) => (
            <option key={course.slug} value={course.slug}>
              {course.title}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-role" name="role" label={t("org.compliance.role")} defaultValue={filters.role ?? ""}>
          <option value="">{t("org.compliance.allRoles")}</option>
          {choices.roles.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </SelectField>
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
            ? t("org.compliance.creditsLine", {
                year,
                met: total.metRequirement,
                required: total.withRequirement,
                credits: number(total.credits),
                members: total.members,
              })
            : t("org.compliance.creditsNoRequirement", {
                year,
                credits: number(total.credits),
                members: total.members,
              })}
        </p>
      </section>

      <section aria-labelledby="chart-heading" className="card space-y-3">
        <h3 id="chart-heading" className="text-lg font-semibold">
          {t("org.compliance.byUnit")}
        </h3>
        {chartRows.length === 0 ? (
          <p className="text-sm text-slate-700">{t("org.compliance.noRows")}</p>
        ) : (
          <ComplianceChart rows={chartRows} titleId="chart-heading" />
        )}
      </section>

      <section aria-labelledby="table-heading" className="space-y-2">
        <h3 id="table-heading" className="text-lg font-semibold">
          {t("org.compliance.table")}
        </h3>
        <DataTable
          labelledBy="table-heading"
          tableClassName="w-full min-w-[48rem]"
          testId="compliance-table"
          columns={[
            { label: t("org.compliance.unit") },
            ...(["assigned", "completed", "inProgress", "notStarted", "overdue"] as const).map((status) => ({
              label: t(`org.status.${status}`),
              align: "right" as const,
            })),
            { label: t("org.compliance.rate"), align: "right" },
            { label: t("org.compliance.members"), align: "right" },
            { label: t("org.compliance.credits", { year }), align: "right" },
            { label: t("org.compliance.metRequirement"), align: "right" },
          ]}
        >
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
              <ComplianceCells stats={row} />
            </tr>
          ))}
          <tr className="border-t-2 border-slate-300 bg-slate-50 font-semibold">
            <th scope="row" className="px-3 py-2">
              {t("org.compliance.total")}
            </th>
            <ComplianceCells stats={total} />
          </tr>
        </DataTable>
        <p className="text-xs text-slate-600">{t("org.compliance.note")}</p>
      </section>

      <section aria-labelledby="people-heading" className="space-y-2">
        <h3 id="people-heading" className="text-lg font-semibold">
          {t("org.compliance.people", { unit: unit.name })}
        </h3>
        {people.people.length === 0 ? (
          <EmptyState inline>{t("org.compliance.noPeople")}</EmptyState>
        ) : (
          <DataTable
            labelledBy="people-heading"
            columns={[
              { label: t("org.person.name") },
              { label: t("org.person.jobRole") },
              { label: t("org.status.assigned"), align: "right" },
              { label: t("org.status.completed"), align: "right" },
              { label: t("org.status.overdue"), align: "right" },
              { label: t("org.compliance.credits", { year }), align: "right" },
            ]}
          >
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
                <td className={`px-3 py-2 text-right ${person.overdue > 0 ? "font-semibold text-accent-600" : ""}`}>
                  {person.overdue}
                </td>
                <td className="px-3 py-2 text-right">{number(person.credits)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pagination page={people.page} pages={people.pages} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { DataTable } from "~/components/data-table";
import { ProgressBar } from "~/components/progress-bar";
import type { CreditRow } from "~/lib/credits/credits.server";
import { useT } from "~/lib/i18n/use-t";

export type CreditHistoryRow = {
  date: Date | string;
  courseTitleVi: string;
  courseTitleEn: string;
  note: string | null;
  source: CreditRow["source"];
  amount: number;
};

/** One line per credit entry (course, correction, import): a learner's own history and the one an org admin sees for a person. */
export function CreditHistoryTable({
  rows,
  framed = true,
  labelledBy,
}: {
  rows: CreditHistoryRow[];
  framed?: boolean;
  labelledBy?: string;
}) {
  const { t, date, number, locale } = useT();
  return (
    <DataTable
      framed={framed}
      labelledBy={labelledBy}
      columns={[
        { label: t("credits.col.date") },
        { label: t("credits.col.course") },
        { label: t("credits.col.source") },
        { label: t("credits.col.credits"), align: "right" },
      ]}
    >
      {rows.map((row, index) => (
        <tr key={index} className="border-t border-slate-200">
          <td className="px-3 py-2">{date(row.date)}</td>
          <td className="px-3 py-2">{(locale === "en" ? row.courseTitleEn : row.courseTitleVi) || row.note}</td>
          <td className="px-3 py-2">{t(`credits.source.${row.source}`)}</td>
          <td className="px-3 py-2 text-right font-semibold">{number(row.amount)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * This year's credits against the requirement for the person's job role. `showGap` adds the line
 * that says whether the requirement is met (the learner's own page); `noRequirement` is the text
 * shown when no requirement applies.
 */
export function CreditRequirementProgress({
  year,
  total,
  requirement,
  noRequirement,
  showGap = false,
}: {
  year: number;
  total: number;
  requirement: number | null;
  noRequirement: string;
  showGap?: boolean;
}) {
  const { t, number } = useT();
  if (requirement === null) return <p className="text-sm text-slate-700">{noRequirement}</p>;
  return (
    <>
      <p className="text-sm">{t("credits.requirement", { year, required: number(requirement) })}</p>
      <ProgressBar percent={requirement > 0 ? (total / requirement) * 100 : 100} label={t("credits.progressLabel")} />
      {showGap ? (
        <p className="text-sm font-medium">
          {total >= requirement
            ? t("credits.requirementMet")
            : t("credits.requirementMissing", { missing: number(requirement - total) })}
        </p>
      ) : null}
    </>
  );
}

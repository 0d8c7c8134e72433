import { useT } from "~/lib/i18n/use-t";

export type ChartRow = {
  id: string;
  label: string;
  completed: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
  assigned: number;
  rate: number;
};

// Colours meet 4.5:1 against their label colour; every segment also carries its number as text,
// and the legend names each status, so nothing depends on telling colours apart.
export const SEGMENTS = [
  { key: "completed", fill: "#15803d", text: "#ffffff" },
  { key: "inProgress", fill: "#1d4ed8", text: "#ffffff" },
  { key: "notStarted", fill: "#cbd5e1", text: "#0f172a" },
  { key: "overdue", fill: "#b91c1c", text: "#ffffff" },
] as const;

/**
 * One horizontal stacked bar per unit (completed, in progress, not started, overdue), drawn in
 * SVG with percentage geometry so it fits any width. Each bar has a spoken summary; the table
 * below the chart on the page holds the same numbers.
 */
export function ComplianceChart({ rows, titleId }: { rows: ChartRow[]; titleId: string }) {
  const { t, number } = useT();
  return (
    <figure className="space-y-3" aria-labelledby={titleId}>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={t("org.chart.legend")}>
        {SEGMENTS.map((segment) => (
          <li key={segment.key} className="flex items-center gap-1.5">
            <svg width="14" height="14" aria-hidden="true" focusable="false">
              <rect width="14" height="14" rx="2" fill={segment.fill} />
            </svg>
            {t(`org.status.${segment.key}`)}
          </li>
        ))}
      </ul>
      <ul className="space-y-3">
        {rows.map((row) => {
          let offset = 0;
          const summary = t("org.chart.summary", {
            unit: row.label,
            assigned: row.assigned,
            completed: row.completed,
            inProgress: row.inProgress,
            notStarted: row.notStarted,
            overdue: row.overdue,
            rate: number(row.rate, 1),
          });
          return (
            <li key={row.id} className="space-y-1">
              <div className="flex items-baseline justify-between gap-2 text-sm">
                <span className="font-medium">{row.label}</span>
                <span className="shrink-0 font-semibold">
                  {t("org.chart.rate", { rate: number(row.rate, 1), completed: row.completed, assigned: row.assigned })}
                </span>
              </div>
              <svg width="100%" height="26" role="img" aria-label={summary} className="block overflow-hidden rounded">
                <rect width="100%" height="26" fill="#f1f5f9" />
                {row.assigned > 0 ? (
                  SEGMENTS.map((segment) => {
                    const value = row[segment.key];
                    if (value === 0) return null;
                    const width = (value / row.assigned) * 100;
                    const x = offset;
                    offset += width;
                    return (
                      <g key={segment.key}>
                        <rect x={`${x}%`} width={`${width}%`} height="26" fill={segment.fill} />
                        {width >= 6 ? (
                          <text
                            x={`${x + width / 2}%`}
                            y="17.5"
                            textAnchor="middle"
                            fontSize="13"
                            fontWeight="600"
                            fill={segment.text}
                          >
                            {value}
                          </text>
                        ) : null}
                      </g>
                    );
                  })
                ) : (
                  <text x="8" y="17.5" fontSize="13" fill="#475569">
                    {t("org.chart.nothingAssigned")}
                  </text>
                )}
              </svg>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

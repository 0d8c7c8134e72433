import type { ReactNode } from "react";

export type Column = {
  /** Stable key for React; defaults to the label when that is a string. */
  key?: string;
  label: ReactNode;
  align?: "left" | "right";
  /** The header is read by screen readers but not shown (an actions column, say). */
  hidden?: boolean;
};

const cellPadding = "px-3 py-2";

/**
 * An accessible data table: column headers carry scope="col", the table is named by a visually
 * hidden caption or by the heading of its section (labelledBy), and wide tables scroll sideways
 * instead of breaking the page. Rows are the caller's <tr>s (use <th scope="row"> for row headers).
 */
export function DataTable({
  columns,
  children,
  caption,
  labelledBy,
  framed = true,
  tableClassName = "w-full",
  testId,
}: {
  columns: Column[];
  children: ReactNode;
  caption?: string;
  labelledBy?: string;
  /** A bordered white box around the table; off when the table already sits in a card. */
  framed?: boolean;
  tableClassName?: string;
  testId?: string;
}) {
  return (
    <div className={framed ? "overflow-x-auto rounded-lg border border-slate-200 bg-white" : "overflow-x-auto"}>
      <table
        className={`${tableClassName} text-left text-sm`}
        aria-labelledby={caption ? undefined : labelledBy}
        data-testid={testId}
      >
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-100">
          <tr>
            {columns.map((column, index) => (
              <th
                key={column.key ?? (typeof column.label === "string" ? column.label : index)}
                scope="col"
                className={column.align === "right" ? `${cellPadding} text-right` : cellPadding}
              >
                {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The text shown instead of a list or table that has nothing in it: a card on its own, or a plain line inside a section. */
export function EmptyState({ children, inline = false }: { children: ReactNode; inline?: boolean }) {
  return <p className={inline ? "text-sm text-slate-700" : "card text-slate-700"}>{children}</p>;
}

/** A white bordered list with a divider between items (sub-units, admins, required courses, certificates). */
export function DividedList({ children }: { children: ReactNode }) {
  return <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">{children}</ul>;
}

/**
 * A section named by its own heading. Level 2 headings are the page's main blocks, level 3 the
 * blocks inside a unit or person page; `headingClassName` overrides the default look.
 */
export function TitledSection({
  id,
  title,
  level = 2,
  className = "space-y-3",
  headingClassName,
  children,
}: {
  id: string;
  title: ReactNode;
  level?: 2 | 3;
  className?: string;
  headingClassName?: string;
  children: ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={id} className={className}>
      <Heading
        id={id}
        className={headingClassName ?? (level === 2 ? "text-xl font-semibold" : "text-lg font-semibold")}
      >
        {title}
      </Heading>
      {children}
    </section>
  );
}

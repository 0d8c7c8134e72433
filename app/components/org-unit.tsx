import { Form, Link } from "@remix-run/react";
import type { FormEvent, ReactNode } from "react";
import { useT } from "~/lib/i18n/use-t";

/** Links from a unit to its compliance dashboard and to assigning a course to it. */
export function UnitQuickLinks({ unitId, unitCode }: { unitId: string; unitCode: string }) {
  const { t } = useT();
  return (
    <p className="flex flex-wrap gap-3 pt-1 text-sm">
      <Link to={`/org/compliance?unit=${unitId}`} className="link">
        {t("org.nav.compliance")}
      </Link>
      <Link to={`/org/assignments?unit=${encodeURIComponent(unitCode)}`} className="link">
        {t("org.assign.forUnit")}
      </Link>
    </p>
  );
}

/** "code · n sub-units · n members", as listed for a unit. */
export function UnitCounts({
  code,
  subUnits,
  members,
  headcount,
  withLabel = false,
}: {
  code: string;
  subUnits: number;
  members: number;
  /** Members of the unit and of every unit below it. */
  headcount: number;
  withLabel?: boolean;
}) {
  const { t } = useT();
  return (
    <>
      {withLabel ? `${t("org.unit.code")}: ` : null}
      <span className="font-mono">{code}</span> · {t("org.unit.subUnitsCount", { count: subUnits })} ·{" "}
      <span data-testid="headcount">
        {subUnits > 0
          ? t("org.unit.headcountTotal", { total: headcount, direct: members })
          : t("org.unit.membersCount", { count: members })}
      </span>
    </>
  );
}

/** Marks a person who was invited and has not yet set a password. */
export function InvitedBadge() {
  const { t } = useT();
  return (
    <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t("org.person.invited")}</span>
  );
}

/**
 * A one-button POST form for an action on one row (remove a member, cancel an assignment): the
 * intent and the row's ids travel as hidden fields; `accessibleName` names the row for screen readers.
 */
export function RowActionForm({
  intent,
  fields,
  label,
  accessibleName,
  busy,
  buttonClassName = "btn-secondary px-2 py-1",
}: {
  intent: string;
  fields: Record<string, string>;
  label: string;
  accessibleName?: string;
  busy: boolean;
  buttonClassName?: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={buttonClassName} disabled={busy} aria-label={accessibleName}>
        {label}
      </button>
    </Form>
  );
}

/**
 * A card form posting one intent of a page with several forms. Client validation sees the intent
 * through the form's default values, so the hidden field needs no registration.
 */
export function IntentCardForm({
  intent,
  form,
  columns,
  submitLabel,
  busy,
  primary = true,
  children,
}: {
  intent: string;
  form: { onSubmit: (event: FormEvent<HTMLFormElement>) => void };
  /** The Tailwind grid template for sm screens and up, e.g. "sm:grid-cols-[1fr_auto]". */
  columns: string;
  submitLabel: string;
  busy: boolean;
  primary?: boolean;
  children: ReactNode;
}) {
  return (
    <Form method="post" noValidate onSubmit={form.onSubmit} className={`card grid gap-3 ${columns} sm:items-end`}>
      <input type="hidden" name="intent" value={intent} />
      {children}
      <button type="submit" className={primary ? "btn-primary" : "btn-secondary"} disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}

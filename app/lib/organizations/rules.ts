// Pure rules of mandatory retraining: which course version an assignment asks for, what a
// learner's status is, which reminder is due. Table tests in rules.test.ts.

export const ASSIGNMENT_TARGETS = ["latest", "delta"] as const;
export type AssignmentTarget = (typeof ASSIGNMENT_TARGETS)[number];

export type VersionFacts = {
  id: string;
  number: number;
  kind: string;
  deltaOfId: string | null;
  status: string;
  publishedAt: Date | null;
};

export type ResolvedTarget = {
  /** A completion satisfies the assignment when the full version it certifies has at least this number. */
  requiredNumber: number;
  /** The version a learner who has not satisfied it yet should take. */
  takeVersionId: string;
  takeKind: "full" | "delta";
};

const byNumber = (a: VersionFacts, b: VersionFacts) => a.number - b.number;

/**
 * The version an assignment asks for is fixed when it is created: "latest" is the newest full
 * version published at that moment (a later version does not silently make everyone
 * non-compliant again), "delta" is the newest "what changed" version published then. Either
 * is satisfied by completing that version, a delta of it, or any newer full version.
 */
export function resolveTarget(
  target: AssignmentTarget,
  createdAt: Date,
  versions: VersionFacts[],
): ResolvedTarget | null {
  const published = versions.filter((version) => version.status === "published" && version.publishedAt);
  const full = published.filter((version) => version.kind === "full").sort(byNumber);
  if (target === "latest") {
    const newest = full[full.length - 1];
    if (!newest) return null;
    const atCreation = full.filter((version) => version.publishedAt! <= createdAt).pop() ?? full[0];
    return { requiredNumber: atCreation.number, takeVersionId: newest.id, takeKind: "full" };
  }
  const deltas = published
    .filter((version) => version.kind === "delta")
    .sort((a, b) => a.publishedAt!.getTime() - b.publishedAt!.getTime() || byNumber(a, b));
  const delta = deltas.filter((version) => version.publishedAt! <= createdAt).pop() ?? deltas[deltas.length - 1];
  const base = delta && versions.find((version) => version.id === delta.deltaOfId);
  if (!delta || !base) return null;
  return { requiredNumber: base.number, takeVersionId: delta.id, takeKind: "delta" };
}

/** The full version number a completion of `version` certifies (a delta certifies the version it updates to). */
export function certifiedNumber(version: VersionFacts, versions: VersionFacts[]): number | null {
  if (version.kind !== "delta") return version.number;
  return versions.find((candidate) => candidate.id === version.deltaOfId)?.number ?? null;
}

export type LearnerStatus = "completed" | "overdue" | "inProgress" | "notStarted";

export function learnerStatus(facts: { completed: boolean; started: boolean; dueAt: Date }, now: Date): LearnerStatus {
  if (facts.completed) return "completed";
  if (now >= facts.dueAt) return "overdue";
  return facts.started ? "inProgress" : "notStarted";
}

const DAY_MS = 24 * 60 * 60 * 1000;

// A newcomer gets this many days from joining before an assignment counts as overdue for them,
// unless the assignment says otherwise (0 turns the grace off).
export const DEFAULT_NEWCOMER_GRACE_DAYS = 30;
export const MAX_NEWCOMER_GRACE_DAYS = 365;

export type GraceFacts = { dueAt: Date; createdAt: Date; graceDays: number };

/**
 * A person's own due date for an assignment. Someone who joined the unit after the assignment was
 * made inherits it with at least `graceDays` from joining, so nobody is overdue on their first
 * day; people who were already members keep the assignment's due date. `extended` says whether
 * the grace moved the date.
 */
export function personalDueAt(assignment: GraceFacts, joinedAt: Date): { dueAt: Date; extended: boolean } {
  if (joinedAt <= assignment.createdAt || assignment.graceDays <= 0)
    return { dueAt: assignment.dueAt, extended: false };
  const graceEnd = new Date(joinedAt.getTime() + assignment.graceDays * DAY_MS);
  return graceEnd > assignment.dueAt
    ? { dueAt: graceEnd, extended: true }
    : { dueAt: assignment.dueAt, extended: false };
}

export const DEFAULT_REMINDER_OFFSETS = [7, 1];
// A reminder about an assignment long past its due date is noise: overdue reminders stop after this.
export const OVERDUE_REMINDER_WINDOW_DAYS = 30;

/** REMINDER_OFFSETS_DAYS="7,1" → [7, 1]; anything unusable falls back to the default. */
export function parseReminderOffsets(raw: string | undefined): number[] {
  if (!raw?.trim()) return DEFAULT_REMINDER_OFFSETS;
  const values = raw.split(",").map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1 || value > 365)) return DEFAULT_REMINDER_OFFSETS;
  return [...new Set(values)].sort((a, b) => b - a);
}

/**
 * The one reminder due now, if any: the most urgent window that has opened. A job that did not
 * run for a while sends "1 day left" rather than a stale "7 days left" as well.
 */
export function reminderKindAt(now: Date, dueAt: Date, offsets: number[]): string | null {
  const remaining = dueAt.getTime() - now.getTime();
  if (remaining <= 0) return -remaining <= OVERDUE_REMINDER_WINDOW_DAYS * DAY_MS ? "overdue" : null;
  const open = offsets.filter((days) => remaining <= days * DAY_MS);
  return open.length ? `before-${Math.min(...open)}d` : null;
}

/** The earliest moment any reminder of an assignment can be due (to skip assignments early). */
export function remindersStartAt(dueAt: Date, offsets: number[]): Date {
  return new Date(dueAt.getTime() - Math.max(0, ...offsets) * DAY_MS);
}

const VN_OFFSET_MS = 7 * 60 * 60 * 1000; // Asia/Ho_Chi_Minh has no daylight saving time

/** A due date typed as YYYY-MM-DD means the end of that day in Vietnam. */
export function dueAtFromDateInput(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, day, 23, 59, 59, 999);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return new Date(utc - VN_OFFSET_MS);
}

/** The YYYY-MM-DD (in Vietnam) of a moment, for date inputs. */
export function dateInputValue(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export function completionRate(completed: number, assigned: number): number {
  return assigned > 0 ? Math.round((completed / assigned) * 1000) / 10 : 0;
}

import { recordAudit } from "~/lib/audit/audit.server";
import { prisma } from "~/lib/db.server";
import { queueInvitations, startSendingInvitations } from "~/lib/organizations/invitations.server";
import { inviteToUnit } from "~/lib/organizations/join-invitations.server";
import {
  decodeCsv,
  parseOfficialsCsv,
  type Encoding,
  type ImportIssue,
  type OfficialRow,
} from "~/lib/organizations/officials-csv.server";
import { decodeXlsx, detectUploadFormat } from "~/lib/organizations/officials-xlsx.server";
import type { OrgScope } from "~/lib/organizations/scope.server";
import { commonAncestorId, inScope } from "~/lib/organizations/tree";

// Rows per INSERT: well under SQLite's bound-parameter limit (User has 8 columns).
const BATCH = 1000;

export type ImportPhase = "checking" | "users" | "memberships" | "done";
export type ImportProgress = { phase: ImportPhase; done: number; total: number };

export type ImportSummary = {
  rows: number;
  newUsers: number;
  existingUsers: number;
  newMemberships: number;
  changedMemberships: number;
  unchangedMemberships: number;
};

export type ImportReport = ImportSummary & {
  ok: boolean;
  imported: boolean;
  /** How the dry run read the file; null for the import, which reads the dry run's CSV text. */
  format: "csv" | "xlsx" | null;
  encoding: Encoding | null;
  issues: ImportIssue[];
  /** Invitations queued by this import; the background job sends them after the request. */
  invitationsQueued: number;
  /** Set when the import lost a race with another import of the same people: nothing was written. */
  conflict?: boolean;
};

type ResolvedRow = OfficialRow & {
  orgId: string;
  orgPath: string;
  orgName: string;
  userId: string | null;
  membership: "new" | "changed" | "unchanged";
  /** An account that is no member of the admin's tree: it is invited, never attached. */
  invite: boolean;
};
type Plan = { rows: ResolvedRow[]; issues: ImportIssue[]; summary: ImportSummary; orgPaths: string[] };

function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Checks the rows against the database: units exist and lie in the admin's subtree; who exists already. */
async function plan(scope: OrgScope, text: string): Promise<Plan> {
  const parsed = parseOfficialsCsv(text);
  const issues = [...parsed.issues];
  const codes = [...new Set(parsed.rows.map((row) => row.unitCode))];
  const units = new Map<string, { id: string; path: string; name: string }>();
  for (const part of chunks(codes)) {
    for (const unit of await prisma.organization.findMany({
      where: { code: { in: part } },
      select: { id: true, code: true, path: true, name: true },
    }))
      units.set(unit.code, unit);
  }
  const placed: (OfficialRow & { orgId: string; orgPath: string; orgName: string })[] = [];
  for (const row of parsed.rows) {
    const unit = units.get(row.unitCode);
    // A unit outside the subtree is reported like an unknown one would be to a stranger, but
    // named distinctly: the admin knows the code exists, and needs to know why it is refused.
    if (!unit) issues.push({ row: row.row, column: "unit_code", code: "unitUnknown", value: row.unitCode });
    else if (!inScope(scope, unit.path))
      issues.push({ row: row.row, column: "unit_code", code: "unitOutOfScope", value: row.unitCode });
    else placed.push({ ...row, orgId: unit.id, orgPath: unit.path, orgName: unit.name });
  }
  issues.sort((a, b) => a.row - b.row);

  const emails = [...new Set(placed.map((row) => row.email))];
  const users = new Map<string, string>();
  for (const part of chunks(emails)) {
    for (const user of await prisma.user.findMany({
      where: { email: { in: part } },
      select: { id: true, email: true },
    }))
      users.set(user.email, user.id);
  }
  const userIds = [...users.values()];
  const memberships = new Map<string, string>();
  const inTree = new Set<string>();
  for (const part of chunks(userIds)) {
    const rows = await prisma.membership.findMany({
      where: { userId: { in: part } },
      select: { userId: true, orgId: true, jobRole: true, org: { select: { path: true } } },
    });
    for (const membership of rows) {
      memberships.set(`${membership.userId}/${membership.orgId}`, membership.jobRole);
      if (inScope(scope, membership.org.path)) inTree.add(membership.userId);
    }
  }
  // An organisation admin attaches only accounts already in their tree (or new ones the import
  // creates); any other account is sent an invitation. The counts put invited accounts with the
  // new ones, so the report does not tell which addresses have an account elsewhere.
  const invited = (userId: string | undefined) => Boolean(userId) && !scope.global && !inTree.has(userId!);
  const rows: ResolvedRow[] = placed.map((row) => {
    const userId = users.get(row.email) ?? null;
    const current = userId ? memberships.get(`${userId}/${row.orgId}`) : undefined;
    return {
      ...row,
      userId,
      invite: invited(userId ?? undefined),
      membership: current === undefined ? "new" : current === row.jobRole ? "unchanged" : "changed",
    };
  });
  const attached = (email: string) => users.has(email) && !invited(users.get(email));
  const summary: ImportSummary = {
    rows: parsed.rows.length,
    newUsers: emails.filter((email) => !attached(email)).length,
    existingUsers: emails.filter(attached).length,
    newMemberships: rows.filter((row) => row.membership === "new").length,
    changedMemberships: rows.filter((row) => row.membership === "changed").length,
    unchangedMemberships: rows.filter((row) => row.membership === "unchanged").length,
  };
  return { rows, issues, summary, orgPaths: [...new Set(rows.map((row) => row.orgPath))] };
}

const emptyReport = { invitationsQueued: 0 };

const noRows: ImportSummary = {
  rows: 0,
  newUsers: 0,
  existingUsers: 0,
  newMemberships: 0,
  changedMemberships: 0,
  unchangedMemberships: 0,
};

/**
 * The dry run of a CSV file or an Excel workbook (its first sheet), told apart by content and
 * name: every problem by row and column, and what an import would change. Writes nothing. The
 * text it returns is the file as CSV, for the import to read without a second upload.
 */
export async function dryRunImport(
  scope: OrgScope,
  bytes: Uint8Array,
  fileName = "",
): Promise<ImportReport & { text: string }> {
  const format = detectUploadFormat(bytes, fileName);
  if (format === "xls")
    return {
      ok: false,
      imported: false,
      format: null,
      encoding: null,
      issues: [{ row: 1, column: null, code: "xlsLegacy" }],
      ...noRows,
      ...emptyReport,
      text: "",
    };
  let text: string;
  let encoding: Encoding | null = null;
  if (format === "xlsx") {
    const decoded = await decodeXlsx(bytes);
    if ("issue" in decoded)
      return {
        ok: false,
        imported: false,
        format,
        encoding,
        issues: [decoded.issue],
        ...noRows,
        ...emptyReport,
        text: "",
      };
    text = decoded.text;
  } else {
    ({ text, encoding } = decodeCsv(bytes));
  }
  const result = await plan(scope, text);
  return {
    ok: result.issues.length === 0,
    imported: false,
    format,
    encoding,
    issues: result.issues,
    ...result.summary,
    ...emptyReport,
    text,
  };
}

type ImportOptions = { ip: string; onProgress?: (progress: ImportProgress) => void };

/**
 * Imports officials in one transaction: new accounts (no password: they set one from the
 * invitation), memberships added or their job role updated. Importing the same file again
 * changes nothing. Nothing is written if any row has a problem. Invitations are queued in the
 * same transaction, for new accounts and for accounts that never set a password and hold no live
 * invitation, and sent in the background (invitations.server.ts): a 10,000-row import returns
 * once the people are written, not once 10,000 mails are out.
 */
export async function importOfficials(
  actor: { id: string },
  scope: OrgScope,
  text: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const progress = options.onProgress ?? (() => undefined);
  progress({ phase: "checking", done: 0, total: 1 });
  const result = await plan(scope, text.normalize("NFC"));
  if (result.issues.length > 0)
    return {
      ok: false,
      imported: false,
      format: null,
      encoding: null,
      issues: result.issues,
      ...result.summary,
      ...emptyReport,
    };
  const { summary } = result;
  const rows = result.rows.filter((row) => !row.invite);
  const invites = result.rows.filter((row) => row.invite);

  let invitationsQueued: number;
  try {
    invitationsQueued = await prisma.$transaction(
      async (tx) => {
        const userIds = new Map(rows.filter((row) => row.userId).map((row) => [row.email, row.userId!]));
        const newPeople = [...new Map(rows.filter((row) => !row.userId).map((row) => [row.email, row])).values()];
        const created: string[] = [];
        for (const part of chunks(newPeople, BATCH)) {
          const inserted = await tx.user.createManyAndReturn({
            data: part.map((row) => ({
              email: row.email,
              fullName: row.fullName,
              passwordHash: null,
              role: "learner",
              locale: "vi",
            })),
            select: { id: true, email: true },
          });
          for (const user of inserted) {
            userIds.set(user.email, user.id);
            created.push(user.id);
          }
          progress({ phase: "users", done: created.length, total: newPeople.length });
        }
        const fresh = rows.filter((row) => row.membership === "new");
        let done = 0;
        for (const part of chunks(fresh, BATCH)) {
          await tx.membership.createMany({
            data: part.map((row) => ({ userId: userIds.get(row.email)!, orgId: row.orgId, jobRole: row.jobRole })),
          });
          done += part.length;
          progress({ phase: "memberships", done, total: fresh.length });
        }
        for (const row of rows.filter((candidate) => candidate.membership === "changed")) {
          await tx.membership.update({
            where: { userId_orgId: { userId: row.userId!, orgId: row.orgId } },
            data: { jobRole: row.jobRole },
            select: { id: true },
          });
        }
        for (const row of invites)
          await inviteToUnit(
            actor,
            { id: row.orgId, name: row.orgName },
            { email: row.email, jobRole: row.jobRole },
            options.ip,
            tx,
          );
        await recordAudit(
          {
            actorId: actor.id,
            action: "org.import",
            targetType: "organization",
            targetId: commonAncestorId(result.orgPaths),
            orgId: commonAncestorId(result.orgPaths),
            after: summary,
            ip: options.ip,
          },
          tx,
        );
        return queueInvitations(tx, [...created, ...(await awaitingInvitation(tx, rows))]);
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    // Another import created one of these people first: nothing of this one was written.
    if ((error as { code?: string }).code === "P2002")
      return {
        ok: false,
        imported: false,
        format: null,
        encoding: null,
        issues: [],
        ...summary,
        ...emptyReport,
        conflict: true,
      };
    throw error;
  }

  if (invitationsQueued > 0) startSendingInvitations();
  progress({ phase: "done", done: 1, total: 1 });
  return { ok: true, imported: true, format: null, encoding: null, issues: [], ...summary, invitationsQueued };
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** Existing accounts of the file that never set a password and hold no live invitation. */
async function awaitingInvitation(tx: Tx, rows: ResolvedRow[]): Promise<string[]> {
  const existingIds = [...new Set(rows.map((row) => row.userId).filter((id): id is string => Boolean(id)))];
  const waiting: string[] = [];
  const now = new Date();
  for (const part of chunks(existingIds)) {
    const passwordless = await tx.user.findMany({
      where: { id: { in: part }, passwordHash: null },
      select: { id: true },
    });
    const pending = await tx.passwordResetToken.findMany({
      where: { userId: { in: part }, purpose: "invite", usedAt: null, expiresAt: { gt: now } },
      select: { userId: true },
    });
    const hasPending = new Set(pending.map((token) => token.userId));
    waiting.push(...passwordless.map((user) => user.id).filter((id) => !hasPending.has(id)));
  }
  return waiting;
}

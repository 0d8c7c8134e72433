import { prisma, type Prisma } from "~/lib/db.server";
import { dueAtFromDateInput } from "~/lib/organizations/rules";
import { unitsInScope, type OrgScope } from "~/lib/organizations/scope.server";

// Reading the append-only audit log. This module only reads: events are written by recordAudit
// (app/lib/audit/audit.server.ts) and nothing in the application updates or deletes them.

export const AUDIT_PAGE_SIZE = 50;

/** Actions written by the application, offered as suggestions in the filter. */
export const KNOWN_ACTIONS = [
  "user.role.change",
  "credits.requirement.set",
  "credits.correction",
  "certificate.revoke",
  "org.unit.create",
  "org.unit.rename",
  "org.unit.move",
  "org.member.add",
  "org.member.remove",
  "org.admin.add",
  "org.admin.remove",
  "org.import",
  "assignment.create",
  "assignment.due.change",
  "assignment.cancel",
] as const;

export type AuditFilters = { action?: string; actor?: string; from?: string; to?: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Events, newest first, a page at a time. Global admins see everything; an organisation admin
 * sees the events recorded against units of their subtree. `action` matches a prefix
 * ("org." finds every organisation event); `actor` is an email; dates are days in Vietnam.
 */
export async function listAuditEvents(scope: OrgScope, filters: AuditFilters, page: number) {
  const where: Prisma.AuditEventWhereInput = {};
  if (!scope.global) {
    const units = await prisma.organization.findMany({ where: unitsInScope(scope), select: { id: true } });
    where.orgId = { in: units.map((unit) => unit.id) };
  }
  if (filters.action) where.action = { startsWith: filters.action };
  if (filters.actor) {
    const actor = await prisma.user.findUnique({ where: { email: filters.actor.toLowerCase() }, select: { id: true } });
    where.actorId = actor?.id ?? "-";
  }
  const from = filters.from ? dueAtFromDateInput(filters.from) : null;
  const to = filters.to ? dueAtFromDateInput(filters.to) : null;
  if (from || to) {
    // dueAtFromDateInput gives the last millisecond of the day: "from" starts the day after the previous one ends.
    where.at = { ...(from ? { gt: new Date(from.getTime() - DAY_MS) } : {}), ...(to ? { lte: to } : {}) };
  }
  // One row more than a page tells whether there is a next page, without counting the log.
  const rows = await prisma.auditEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE + 1,
    select: {
      id: true,
      actorId: true,
      action: true,
      targetType: true,
      targetId: true,
      orgId: true,
      before: true,
      after: true,
      ip: true,
      at: true,
    },
  });
  const events = rows.slice(0, AUDIT_PAGE_SIZE);
  const actorIds = [...new Set(events.map((event) => event.actorId).filter((id): id is string => Boolean(id)))];
  const orgIds = [...new Set(events.map((event) => event.orgId).filter((id): id is string => Boolean(id)))];
  const [actors, orgs] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, fullName: true, email: true } }),
    prisma.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, code: true, name: true } }),
  ]);
  const actorById = new Map(actors.map((actor) => [actor.id, actor]));
  const orgById = new Map(orgs.map((org) => [org.id, org]));
  return {
    events: events.map((event) => ({
      id: event.id,
      at: event.at,
      action: event.action,
      actor: event.actorId ? (actorById.get(event.actorId) ?? { id: event.actorId, fullName: "", email: "" }) : null,
      target: `${event.targetType}${event.targetId ? `:${event.targetId}` : ""}`,
      org: event.orgId ? (orgById.get(event.orgId) ?? null) : null,
      before: event.before === null ? null : JSON.stringify(event.before),
      after: event.after === null ? null : JSON.stringify(event.after),
      ip: event.ip,
    })),
    hasNext: rows.length > AUDIT_PAGE_SIZE,
  };
}

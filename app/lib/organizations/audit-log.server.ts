import { prisma, type Prisma } from "~/lib/db.server";
import { dueAtFromDateInput } from "~/lib/organizations/rules";
import type { Locale } from "~/lib/i18n/i18n";
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
  "course.create",
  "course.import",
  "course.publish",
  "course.coauthor.add",
  "course.coauthor.remove",
  "org.unit.create",
  "org.unit.rename",
  "org.unit.move",
  "org.member.add",
  "org.member.remove",
  "org.member.invite",
  "org.member.inviteCancel",
  "org.member.join",
  "org.member.decline",
  "org.admin.add",
  "org.admin.remove",
  "org.import",
  "assignment.create",
  "assignment.due.change",
  "assignment.cancel",
  "mail.resend",
] as const;

export type KnownAction = (typeof KNOWN_ACTIONS)[number];

function isKnownAction(action: string): action is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}

export type AuditFilters = { action?: string; actor?: string; from?: string; to?: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Events, newest first, a page at a time. Global admins see everything; an organisation admin
 * sees the events recorded against units of their subtree. `action` matches a prefix
 * ("org." finds every organisation event); `actor` is an email; dates are days in Vietnam.
 */
export async function listAuditEvents(scope: OrgScope, filters: AuditFilters, page: number, locale: Locale = "vi") {
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
  const targets = await describeTargets(events, locale);
  return {
    events: events.map((event) => ({
      id: event.id,
      at: event.at,
      action: event.action,
      known: isKnownAction(event.action) ? event.action : null,
      actor: event.actorId ? (actorById.get(event.actorId) ?? { id: event.actorId, fullName: "", email: "" }) : null,
      target: `${event.targetType}${event.targetId ? `:${event.targetId}` : ""}`,
      targetLabel: event.targetId ? (targets.get(`${event.targetType}:${event.targetId}`) ?? null) : null,
      org: event.orgId ? (orgById.get(event.orgId) ?? null) : null,
      before: event.before === null ? null : JSON.stringify(event.before),
      after: event.after === null ? null : JSON.stringify(event.after),
      ip: event.ip,
    })),
    hasNext: rows.length > AUDIT_PAGE_SIZE,
  };
}

type TargetRef = { targetType: string; targetId: string | null };

/**
 * What an admin recognises each event's target by: a certificate's code, a course's title (and
 * version), a person's name and email, a unit's name and code. An id that no longer resolves
 * (a deleted row) is left to the raw reference.
 */
async function describeTargets(events: TargetRef[], locale: Locale): Promise<Map<string, string>> {
  const ids = (type: string) => [
    ...new Set(events.filter((e) => e.targetType === type && e.targetId).map((e) => e.targetId as string)),
  ];
  const title = (row: { titleVi: string; titleEn: string }) => (locale === "en" ? row.titleEn : row.titleVi);
  const courseRefs = ids("course");
  const [certificates, versions, courses, users, units, assignments] = await Promise.all([
    prisma.certificate.findMany({ where: { id: { in: ids("certificate") } }, select: { id: true, code: true } }),
    prisma.courseVersion.findMany({
      where: { id: { in: ids("courseVersion") } },
      select: { id: true, number: true, titleVi: true, titleEn: true },
    }),
    // Course events name the course by id, except imports, which name it by slug.
    prisma.course.findMany({
      where: { OR: [{ id: { in: courseRefs } }, { slug: { in: courseRefs } }] },
      select: {
        id: true,
        slug: true,
        versions: { orderBy: { number: "desc" }, take: 1, select: { titleVi: true, titleEn: true } },
      },
    }),
    prisma.user.findMany({ where: { id: { in: ids("user") } }, select: { id: true, fullName: true, email: true } }),
    prisma.organization.findMany({
      where: { id: { in: ids("organization") } },
      select: { id: true, name: true, code: true },
    }),
    prisma.assignment.findMany({
      where: { id: { in: ids("assignment") } },
      select: {
        id: true,
        org: { select: { code: true } },
        course: {
          select: {
            slug: true,
            versions: { orderBy: { number: "desc" }, take: 1, select: { titleVi: true, titleEn: true } },
          },
        },
      },
    }),
  ]);
  const labels = new Map<string, string>();
  for (const c of certificates) labels.set(`certificate:${c.id}`, c.code);
  for (const v of versions) labels.set(`courseVersion:${v.id}`, `${title(v)} · v${v.number}`);
  for (const c of courses) {
    const label = c.versions[0] ? title(c.versions[0]) : c.slug;
    labels.set(`course:${c.id}`, label);
    labels.set(`course:${c.slug}`, label);
  }
  for (const u of users) labels.set(`user:${u.id}`, u.email ? `${u.fullName} (${u.email})` : u.fullName);
  for (const o of units) labels.set(`organization:${o.id}`, `${o.name} (${o.code})`);
  for (const a of assignments) {
    const course = a.course.versions[0] ? title(a.course.versions[0]) : a.course.slug;
    labels.set(`assignment:${a.id}`, `${course} → ${a.org.code}`);
  }
  return labels;
}

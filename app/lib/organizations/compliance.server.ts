import { toCsv } from "~/lib/csv";
import { empty, join, raw, sqltag as sql } from "@prisma/client/runtime/client";
import { myCertificates } from "~/lib/certificates/certificates.server";
import { creditYear } from "~/lib/credits/completion-rule";
import { addCreditCorrection, creditSummary } from "~/lib/credits/credits.server";
import { isPostgres, prisma } from "~/lib/db.server";
import type { Locale } from "~/lib/i18n/i18n";
import { serverTranslator } from "~/lib/i18n/i18n.server";
import { courseTitle, requiredCoursesFor, versionsOf } from "~/lib/organizations/assignments.server";
import { listTopUnits } from "~/lib/organizations/organizations.server";
import {
  addStatus,
  emptyNumbers,
  finish,
  mergeRules,
  newcomersSince,
  ruleFor,
  statusFor,
  tallyGroup,
  type ComplianceNumbers,
  type GroupFacts,
  type ReachingAssignment,
} from "~/lib/organizations/compliance-math";
import { certifiedNumber, resolveTarget, type AssignmentTarget } from "~/lib/organizations/rules";
import { assertUnitInScope, loadUnit, unitsInScope, type OrgScope, type Unit } from "~/lib/organizations/scope.server";
import { childKey, inScope, pathIds } from "~/lib/organizations/tree";
import { invariantResponse } from "~/lib/http.server";

export type ComplianceFilters = { courseSlug?: string | null; jobRole?: string | null };
export type { ComplianceNumbers };
export type ComplianceRow = ComplianceNumbers & {
  id: string;
  code: string;
  name: string;
  kind: "unit" | "direct";
  hasChildren: boolean;
};

/** Assignments that can reach members of the subtree: on the unit, its ancestors, or its descendants. */
async function assignmentsReaching(
  unit: Pick<Unit, "path">,
  courseId: string | null,
  now: Date,
): Promise<ReachingAssignment[]> {
  const rows = await prisma.assignment.findMany({
    where: {
      OR: [{ orgId: { in: pathIds(unit.path) } }, { org: { path: { startsWith: unit.path } } }],
      ...(courseId ? { courseId } : {}),
    },
    select: {
      courseId: true,
      jobRole: true,
      target: true,
      createdAt: true,
      dueAt: true,
      newcomerGraceDays: true,
      org: { select: { path: true } },
    },
  });
  const versions = await versionsOf([...new Set(rows.map((row) => row.courseId))]);
  return rows.flatMap((row) => {
    const resolved = resolveTarget(row.target as AssignmentTarget, row.createdAt, versions.get(row.courseId) ?? []);
    return resolved
      ? [
          {
            courseId: row.courseId,
            path: row.org.path,
            jobRole: row.jobRole,
            required: resolved.requiredNumber,
            past: row.dueAt <= now,
            dueAt: row.dueAt,
            createdAt: row.createdAt,
            graceDays: row.newcomerGraceDays,
          },
        ]
      : [];
  });
}

type StatsContext = {
  assignments: ReachingAssignment[];
  courseIds: string[];
  /** Every version of the assigned courses with the full version number it certifies. */
  versions: { id: string; courseId: string; certified: number }[];
  jobRole: string | null;
  year: number;
  requirements: Map<string, number>;
  now: Date;
};

async function statsContext(unit: Pick<Unit, "path">, filters: ComplianceFilters, now: Date): Promise<StatsContext> {
  const courseId = await courseIdFor(filters.courseSlug);
  const year = creditYear(now);
  const [assignments, requirements] = await Promise.all([
    assignmentsReaching(unit, courseId, now),
    prisma.creditRequirement.findMany({ where: { year }, select: { jobRole: true, credits: true } }),
  ]);
  const courseIds = [...new Set(assignments.map((assignment) => assignment.courseId))];
  const byCourse = await versionsOf(courseIds);
  const versions = [...byCourse.values()].flatMap((list) =>
    list.flatMap((version) => {
      const certified = certifiedNumber(version, list);
      return certified === null ? [] : [{ id: version.id, courseId: version.courseId, certified }];
    }),
  );
  return {
    assignments,
    courseIds,
    versions,
    jobRole: filters.jobRole ?? null,
    year,
    requirements: new Map(requirements.map((row) => [row.jobRole, row.credits])),
    now,
  };
}

function escapeLike(prefix: string): string {
  if (/[%_\\]/.test(prefix)) throw new Error("unexpected wildcard in an organisation path");
  return `${prefix}%`;
}

/**
 * Aggregates for the people of a subtree who have exactly one membership (nearly everyone), per
 * (unit, job role): how many members, the facts they have about each assigned course, their
 * credits this year. People with several memberships are returned by id and counted one by one
 * (see personTallies), so nobody is counted twice and their requirement covers all their roles.
 *
 * Each query is set-based and cheap for both planners: members are counted on the
 * (orgId, jobRole) index; facts and credits start from the course's completions, progress and
 * enrolments and this year's credit entries (small next to the membership table) and reach the
 * member through the (userId, orgId) index. CROSS JOIN … WHERE is an inner join to PostgreSQL,
 * which reorders it freely, and tells SQLite to keep that order instead of scanning every
 * membership of the subtree and building a temporary index on the facts.
 */
async function subtreeAggregates(prefix: string, context: StatsContext) {
  const units = sql`SELECT o."id" FROM "Organization" o WHERE o."path" LIKE ${escapeLike(prefix)}`;
  const roleFilter = context.jobRole ? sql`AND m."jobRole" = ${context.jobRole}` : empty;
  // People with another membership anywhere: counted one by one (their requirement covers all
  // their roles), and left out of the aggregates. Listing them first keeps the aggregate plans
  // simple for both planners (PostgreSQL misjudges an anti-join on "another membership").
  // Newcomers who may still be within an assignment's grace period have due dates of their own:
  // they are counted one by one too. Only people who joined after an assignment reaching the
  // subtree was made can be newcomers, so a unit imported before its assignments has none.
  const firstAssignment = Math.min(...context.assignments.map((assignment) => assignment.createdAt.getTime()));
  const since = new Date(Math.max(newcomersSince(context.assignments, context.now).getTime(), firstAssignment));
  const [multiRows, newcomerRows] = await Promise.all([
    prisma.$queryRaw<{ userId: string }[]>`
    SELECT DISTINCT a."userId" AS "userId"
    FROM "Membership" a JOIN "Membership" b ON b."userId" = a."userId" AND b."orgId" <> a."orgId"
    WHERE a."orgId" IN (${units})`,
    context.assignments.length
      ? prisma.membership.findMany({
          where: { org: { path: { startsWith: prefix } }, createdAt: { gt: since } },
          select: { userId: true },
        })
      : Promise.resolve([]),
  ]);
  const multiOnly = multiRows.map((row) => row.userId);
  const newcomers = newcomerRows.map((row) => row.userId);
  const multi = [...new Set([...multiOnly, ...newcomers])];
  const notNewcomer = newcomers.length ? sql`AND m."userId" NOT IN (${join(newcomers)})` : empty;
  const notMulti =
    multi.length === 0
      ? empty
      : multi.length <= 2000
        ? sql`AND m."userId" NOT IN (${join(multi)})`
        : sql`AND m."userId" NOT IN (SELECT a."userId" FROM "Membership" a JOIN "Membership" b ON b."userId" = a."userId" AND b."orgId" <> a."orgId" WHERE a."orgId" IN (${units})) ${notNewcomer}`;
  const year = raw(String(context.year));
  // SQLite would otherwise expand the unit list into one index probe per unit for every fact;
  // the unary + keeps that condition a filter. PostgreSQL has no unary + on text and needs none.
  const memberOrg = isPostgres ? sql`m."orgId"` : sql`+m."orgId"`;
  // Not filtered by role here: the unfiltered groups also list the job roles for the filter.
  const membersQuery = prisma.$queryRaw<{ orgId: string; jobRole: string; n: unknown }[]>`
    SELECT m."orgId" AS "orgId", m."jobRole" AS "jobRole", COUNT(*) AS "n"
    FROM "Membership" m
    WHERE m."orgId" IN (${units})
    GROUP BY m."orgId", m."jobRole"`;
  const creditsQuery = prisma.$queryRaw<
    { orgId: string; jobRole: string; earners: unknown; credits: unknown; met: unknown }[]
  >`
    WITH earned AS (
      SELECT ce."userId" AS "userId", SUM(ce."amount") AS "credits" FROM "CreditEntry" ce WHERE ce."year" = ${year} GROUP BY ce."userId"
    )
    SELECT m."orgId" AS "orgId", m."jobRole" AS "jobRole", COUNT(*) AS "earners", SUM(e."credits") AS "credits",
      SUM(CASE WHEN r."credits" IS NOT NULL AND e."credits" >= r."credits" - 0.000001 THEN 1 ELSE 0 END) AS "met"
    FROM earned e
    CROSS JOIN "Membership" m
    LEFT JOIN "CreditRequirement" r ON r."jobRole" = m."jobRole" AND r."year" = ${year}
    WHERE m."userId" = e."userId" AND ${memberOrg} IN (${units}) ${roleFilter} ${notMulti}
    GROUP BY m."orgId", m."jobRole"`;
  // Built only when there are versions: join() refuses an empty list (a unit with no course yet).
  const versionRows = () =>
    join(
      context.versions.map(
        (version) =>
          sql`(CAST(${version.id} AS TEXT), CAST(${version.courseId} AS TEXT), CAST(${raw(String(version.certified))} AS INTEGER))`,
      ),
    );
  const factsQuery = context.versions.length
    ? prisma.$queryRaw<
        { orgId: string; jobRole: string; courseId: string; certified: unknown; started: unknown; n: unknown }[]
      >`
      WITH vers ("versionId", "courseId", "certified") AS (VALUES ${versionRows()}),
      facts AS (
        SELECT x."userId" AS "userId", x."courseId" AS "courseId", MAX(x."certified") AS "certified", MAX(x."started") AS "started"
        FROM (
          SELECT c."userId" AS "userId", vv."courseId" AS "courseId", vv."certified" AS "certified", 0 AS "started"
          FROM "Completion" c JOIN vers vv ON vv."versionId" = c."versionId"
          UNION ALL
          SELECT lp."userId", vv."courseId", NULL, 1
          FROM "LessonProgress" lp JOIN "Lesson" l ON l."id" = lp."lessonId" JOIN vers vv ON vv."versionId" = l."versionId"
          UNION ALL
          SELECT e."userId", vv."courseId", NULL, 1
          FROM "Enrollment" e JOIN vers vv ON vv."versionId" = e."versionId"
          WHERE e."lastLessonId" IS NOT NULL
        ) x
        GROUP BY x."userId", x."courseId"
      )
      SELECT m."orgId" AS "orgId", m."jobRole" AS "jobRole", f."courseId" AS "courseId", f."certified" AS "certified", f."started" AS "started", COUNT(*) AS "n"
      FROM facts f CROSS JOIN "Membership" m
      WHERE m."userId" = f."userId" AND ${memberOrg} IN (${units}) ${roleFilter} ${notMulti}
      GROUP BY m."orgId", m."jobRole", f."courseId", f."certified", f."started"`
    : Promise.resolve([]);
  const [members, credits, facts] = await Promise.all([membersQuery, creditsQuery, factsQuery]);
  // SQLite returns counts as BigInt, PostgreSQL as bigint or numeric: everything becomes a number.
  return {
    roles: [...new Set(members.map((row) => row.jobRole))].sort((a, b) => a.localeCompare(b, "vi")),
    members: members
      .filter((row) => !context.jobRole || row.jobRole === context.jobRole)
      .map((row) => ({ orgId: row.orgId, jobRole: row.jobRole, members: Number(row.n) })),
    credits: credits.map((row) => ({
      orgId: row.orgId,
      jobRole: row.jobRole,
      earners: Number(row.earners),
      credits: Number(row.credits ?? 0),
      met: Number(row.met ?? 0),
    })),
    facts: facts.map((row) => ({
      orgId: row.orgId,
      jobRole: row.jobRole,
      courseId: row.courseId,
      certified: row.certified === null ? null : Number(row.certified),
      started: Number(row.started) === 1,
      count: Number(row.n),
    })),
    multi,
  };
}

type PersonFacts = {
  memberships: { orgId: string; jobRole: string; path: string; joinedAt: Date }[];
  certified: Map<string, number>;
  started: Set<string>;
  credits: number;
};

/** Everything the dashboard needs about a few people, read person by person (with IN lists). */
async function factsOfPeople(userIds: string[], context: StatsContext): Promise<Map<string, PersonFacts>> {
  const people = new Map<string, PersonFacts>(
    userIds.map((id) => [id, { memberships: [], certified: new Map(), started: new Set(), credits: 0 }]),
  );
  const versionIds = context.versions.map((version) => version.id);
  const courseOf = new Map(context.versions.map((version) => [version.id, version]));
  for (let i = 0; i < userIds.length; i += 500) {
    const ids = userIds.slice(i, i + 500);
    const [memberships, completions, progress, enrollments, credits] = await Promise.all([
      prisma.membership.findMany({
        where: { userId: { in: ids } },
        select: { userId: true, orgId: true, jobRole: true, createdAt: true, org: { select: { path: true } } },
      }),
      prisma.completion.findMany({
        where: { userId: { in: ids }, versionId: { in: versionIds } },
        select: { userId: true, versionId: true },
      }),
      prisma.lessonProgress.findMany({
        where: { userId: { in: ids }, lesson: { versionId: { in: versionIds } } },
        select: { userId: true, lesson: { select: { versionId: true } } },
      }),
      prisma.enrollment.findMany({
        where: { userId: { in: ids }, versionId: { in: versionIds }, lastLessonId: { not: null } },
        select: { userId: true, versionId: true },
      }),
      prisma.creditEntry.groupBy({
        by: ["userId"],
        where: { userId: { in: ids }, year: context.year },
        _sum: { amount: true },
      }),
    ]);
    for (const row of memberships)
      people
        .get(row.userId)!
        .memberships.push({ orgId: row.orgId, jobRole: row.jobRole, path: row.org.path, joinedAt: row.createdAt });
    for (const row of completions) {
      const version = courseOf.get(row.versionId)!;
      const person = people.get(row.userId)!;
      person.certified.set(version.courseId, Math.max(person.certified.get(version.courseId) ?? -1, version.certified));
    }
    for (const row of [
      ...progress.map((item) => ({ userId: item.userId, versionId: item.lesson.versionId })),
      ...enrollments,
    ]) {
      people.get(row.userId)!.started.add(courseOf.get(row.versionId)!.courseId);
    }
    for (const row of credits) people.get(row.userId)!.credits = row._sum.amount ?? 0;
  }
  return people;
}

/**
 * Counts people one by one into `at(key)`: each person once per key (their memberships accepted
 * by `keyOf`, grouped), and once in `total`. Several memberships under one key, or several
 * assignments of a course, make one obligation (newest required version, earliest due date).
 */
function personTallies(
  people: Map<string, PersonFacts>,
  context: StatsContext,
  keyOf: (orgId: string) => string | null,
  at: (key: string) => ComplianceNumbers,
  total: ComplianceNumbers | null,
) {
  for (const person of people.values()) {
    const counted = person.memberships.filter(
      (membership) => (!context.jobRole || membership.jobRole === context.jobRole) && keyOf(membership.orgId) !== null,
    );
    if (counted.length === 0) continue;
    const requirement = Math.max(
      -1,
      ...person.memberships.map((membership) => context.requirements.get(membership.jobRole) ?? -1),
    );
    const keys = [...new Set(counted.map((membership) => keyOf(membership.orgId)!))];
    const groups = [
      ...keys.map((key) => ({
        target: at(key),
        memberships: counted.filter((membership) => keyOf(membership.orgId) === key),
      })),
      ...(total ? [{ target: total, memberships: counted }] : []),
    ];
    for (const { target, memberships } of groups) {
      target.members += 1;
      target.credits += person.credits;
      if (requirement >= 0) {
        target.withRequirement += 1;
        if (person.credits >= requirement - 0.000001) target.metRequirement += 1;
      }
      for (const courseId of context.courseIds) {
        const rule = mergeRules(
          memberships.map((membership) =>
            ruleFor(context.assignments, membership.path, courseId, membership.jobRole, {
              joinedAt: membership.joinedAt,
              now: context.now,
            }),
          ),
        );
        if (rule)
          addStatus(
            target,
            statusFor(rule, {
              certified: person.certified.get(courseId) ?? null,
              started: person.started.has(courseId),
            }),
          );
      }
    }
  }
}

async function courseIdFor(slug: string | null | undefined) {
  if (!slug) return null;
  return (await prisma.course.findUnique({ where: { slug }, select: { id: true } }))?.id ?? "none";
}

/**
 * The dashboard for one unit: a row per child unit (each counting its whole subtree), a row for
 * members attached to the unit itself, and the total, in which each (person, course) counts once.
 * A few aggregate queries over the path prefix, whatever the size of the tree.
 */
export async function complianceOverview(scope: OrgScope, unit: Unit, filters: ComplianceFilters, now = new Date()) {
  assertUnitInScope(scope, unit);
  const [context, children, ancestors, units] = await Promise.all([
    statsContext(unit, filters, now),
    prisma.organization.findMany({
      where: { parentId: unit.id },
      orderBy: { name: "asc" },
      select: { id: true, code: true, name: true, _count: { select: { children: true } } },
    }),
    prisma.organization.findMany({
      where: { id: { in: pathIds(unit.path).slice(0, -1) } },
      select: { id: true, name: true, path: true },
    }),
    prisma.organization.findMany({ where: { path: { startsWith: unit.path } }, select: { id: true, path: true } }),
  ]);
  const pathOf = new Map(units.map((row) => [row.id, row.path]));
  const keyOf = (orgId: string) => {
    const path = pathOf.get(orgId);
    return path === undefined ? null : childKey(path, unit.path);
  };
  const numbers = new Map<string, ComplianceNumbers>();
  const at = (key: string) => numbers.get(key) ?? (numbers.set(key, emptyNumbers()), numbers.get(key)!);
  const total = emptyNumbers();

  const aggregates = await subtreeAggregates(unit.path, context);
  const multiPeople = await factsOfPeople(aggregates.multi, context);
  const group = (orgId: string, jobRole: string) => `${orgId}\u0000${jobRole}`;
  // The member counts include people with several memberships; they are counted one by one below.
  const members = new Map(aggregates.members.map((row) => [group(row.orgId, row.jobRole), row.members]));
  for (const person of multiPeople.values()) {
    for (const membership of person.memberships) {
      const key = group(membership.orgId, membership.jobRole);
      if (members.has(key)) members.set(key, members.get(key)! - 1);
    }
  }
  const factsByGroup = new Map<string, GroupFacts[]>();
  for (const fact of aggregates.facts)
    factsByGroup.set(group(fact.orgId, fact.jobRole), [
      ...(factsByGroup.get(group(fact.orgId, fact.jobRole)) ?? []),
      fact,
    ]);
  const creditsByGroup = new Map(aggregates.credits.map((row) => [group(row.orgId, row.jobRole), row]));
  for (const row of aggregates.members) {
    const key = group(row.orgId, row.jobRole);
    const count = members.get(key)!;
    if (count <= 0) continue;
    const path = pathOf.get(row.orgId)!;
    const rules = new Map(
      context.courseIds.map(
        (courseId) => [courseId, ruleFor(context.assignments, path, courseId, row.jobRole)] as const,
      ),
    );
    const credits = creditsByGroup.get(key);
    const requirement = context.requirements.get(row.jobRole);
    for (const target of [at(keyOf(row.orgId)!), total]) {
      tallyGroup(target, rules, count, factsByGroup.get(key) ?? []);
      target.members += count;
      target.credits += credits?.credits ?? 0;
      if (requirement !== undefined) {
        target.withRequirement += count;
        // Members without credit entries this year have 0 credits.
        target.metRequirement += (credits?.met ?? 0) + (requirement <= 0.000001 ? count - (credits?.earners ?? 0) : 0);
      }
    }
  }
  personTallies(multiPeople, context, keyOf, at, total);

  const stats = (key: string) => finish(numbers.get(key) ?? emptyNumbers());
  const rows: ComplianceRow[] = children.map((child) => ({
    id: child.id,
    code: child.code,
    name: child.name,
    kind: "unit",
    hasChildren: child._count.children > 0,
    ...stats(child.id),
  }));
  const direct = stats("");
  if (direct.members > 0 || direct.assigned > 0)
    rows.push({ id: unit.id, code: unit.code, name: unit.name, kind: "direct", hasChildren: false, ...direct });
  const byId = new Map(ancestors.map((ancestor) => [ancestor.id, ancestor]));
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    breadcrumb: pathIds(unit.path)
      .slice(0, -1)
      .map((id) => byId.get(id))
      .filter(
        (ancestor): ancestor is NonNullable<typeof ancestor> => Boolean(ancestor) && inScope(scope, ancestor!.path),
      )
      .map((ancestor) => ({ id: ancestor.id, name: ancestor.name })),
    rows,
    total: finish(total),
    year: context.year,
    roles: aggregates.roles,
  };
}

export const PEOPLE_PAGE_SIZE = 50;

/** The people attached directly to a unit, a page at a time, with their own numbers as members of it. */
export async function compliancePeople(
  scope: OrgScope,
  unit: Unit,
  filters: ComplianceFilters,
  page: number,
  now = new Date(),
) {
  assertUnitInScope(scope, unit);
  const where = { orgId: unit.id, ...(filters.jobRole ? { jobRole: filters.jobRole } : {}) };
  const [total, memberships] = await Promise.all([
    prisma.membership.count({ where }),
    prisma.membership.findMany({
      where,
      orderBy: [{ user: { fullName: "asc" } }, { id: "asc" }],
      skip: (page - 1) * PEOPLE_PAGE_SIZE,
      take: PEOPLE_PAGE_SIZE,
      select: { jobRole: true, user: { select: { id: true, fullName: true, email: true } } },
    }),
  ]);
  const pages = Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE));
  if (memberships.length === 0) return { people: [], total, pages };
  const context = await statsContext(unit, filters, now);
  const numbers = new Map<string, ComplianceNumbers>();
  const facts = await factsOfPeople(
    memberships.map((membership) => membership.user.id),
    context,
  );
  // Keyed by person, counting only their membership of this unit.
  for (const [userId, person] of facts) {
    personTallies(
      new Map([[userId, person]]),
      context,
      (orgId) => (orgId === unit.id ? userId : null),
      (key) => numbers.get(key) ?? (numbers.set(key, emptyNumbers()), numbers.get(key)!),
      null,
    );
  }
  return {
    people: memberships.map((membership) => ({
      ...membership.user,
      jobRole: membership.jobRole,
      ...finish(numbers.get(membership.user.id) ?? emptyNumbers()),
    })),
    total,
    pages,
  };
}

/** The courses assigned in or above the unit, for the dashboard's course filter. */
export async function complianceCourseChoices(unit: Unit, locale: Locale) {
  const assignments = await prisma.assignment.findMany({
    where: { OR: [{ orgId: { in: pathIds(unit.path) } }, { org: { path: { startsWith: unit.path } } }] },
    select: { courseId: true, course: { select: { slug: true } } },
  });
  const versions = await versionsOf([...new Set(assignments.map((assignment) => assignment.courseId))]);
  return [...new Map(assignments.map((assignment) => [assignment.course.slug, assignment.courseId])).entries()]
    .map(([slug, id]) => ({ slug, title: courseTitle(versions.get(id) ?? [], locale) || slug }))
    .sort((a, b) => a.title.localeCompare(b.title, locale));
}

export type CsvLabels = Record<
  | "unitCode"
  | "unit"
  | "assigned"
  | "completed"
  | "inProgress"
  | "notStarted"
  | "overdue"
  | "rate"
  | "members"
  | "credits"
  | "withRequirement"
  | "metRequirement"
  | "direct"
  | "total",
  string
>;

/** The dashboard's numbers as CSV (UTF-8 with BOM so spreadsheet programs read Vietnamese). */
export function complianceCsv(rows: ComplianceRow[], total: ComplianceNumbers, labels: CsvLabels): string {
  const header = [
    labels.unitCode,
    labels.unit,
    labels.assigned,
    labels.completed,
    labels.inProgress,
    labels.notStarted,
    labels.overdue,
    labels.rate,
    labels.members,
    labels.credits,
    labels.withRequirement,
    labels.metRequirement,
  ];
  const line = (code: string, name: string, n: ComplianceNumbers) => [
    code,
    name,
    n.assigned,
    n.completed,
    n.inProgress,
    n.notStarted,
    n.overdue,
    n.rate,
    n.members,
    n.credits,
    n.withRequirement,
    n.metRequirement,
  ];
  const lines = rows.map((row) =>
    line(row.code, row.kind === "direct" ? `${row.name} (${labels.direct})` : row.name, row),
  );
  return toCsv(header, [...lines, line("", labels.total, total)]);
}

/** One person, for an admin who administers one of their units: memberships, required courses, certificates, credits. */
export async function personView(scope: OrgScope, userId: string, locale: Locale, now = new Date()) {
  // Both queries are bounded by the scope in their where: a person with no membership in the
  // admin's tree is not even read. A stranger's id is a 403 for an organisation admin, not a 404.
  const inTree = { org: unitsInScope(scope) };
  const user = await prisma.user.findFirst({
    where: { id: userId, ...(scope.global ? {} : { memberships: { some: inTree } }) },
    select: { id: true, fullName: true, email: true, passwordHash: true },
  });
  const visible = user
    ? await prisma.membership.findMany({
        where: { userId, ...inTree },
        select: { orgId: true, jobRole: true, org: { select: { id: true, code: true, name: true, path: true } } },
      })
    : [];
  invariantResponse(user, scope.global ? "Not found" : "Forbidden", { status: scope.global ? 404 : 403 });
  const [required, certificates, credits] = await Promise.all([
    requiredCoursesFor(userId, locale, { now, memberships: (membership) => inScope(scope, membership.org.path) }),
    myCertificates(userId),
    creditSummary(userId, creditYear(now)),
  ]);
  return {
    person: { id: user.id, fullName: user.fullName, email: user.email, invited: user.passwordHash === null },
    memberships: visible.map((membership) => ({
      unitId: membership.org.id,
      code: membership.org.code,
      name: membership.org.name,
      jobRole: membership.jobRole,
    })),
    required: required.map((course) => ({
      slug: course.slug,
      title: course.title,
      dueAt: course.dueAt,
      newcomerGrace: course.newcomerGrace,
      status: course.status,
      completedAt: course.completedAt,
      target: course.target,
    })),
    certificates,
    credits: { year: credits.year, total: credits.total, requirement: credits.requirement, rows: credits.rows },
  };
}

type ViewFilters = { unit?: string; course?: string; role?: string; page: number };

/** The unit a dashboard request is about (the first top unit when none is named), checked against the scope. */
async function dashboardUnit(scope: OrgScope, unitId: string | undefined) {
  const topUnits = await listTopUnits(scope);
  const id = unitId || topUnits[0]?.id;
  const unit = id ? await loadUnit(id) : null;
  invariantResponse(!id || unit, scope.global ? "Not found" : "Forbidden", { status: scope.global ? 404 : 403 });
  if (unit) assertUnitInScope(scope, unit);
  return { unit, topUnits: topUnits.map((top) => ({ id: top.id, name: top.name })) };
}

/** Everything the dashboard page shows, for one unit and filters. */
export async function loadComplianceView(scope: OrgScope, filters: ViewFilters, locale: Locale, now = new Date()) {
  const { unit, topUnits } = await dashboardUnit(scope, filters.unit);
  if (!unit) return { unit: null } as const;
  const chosen = { courseSlug: filters.course || null, jobRole: filters.role || null };
  const [overview, people, courses] = await Promise.all([
    complianceOverview(scope, unit, chosen, now),
    compliancePeople(scope, unit, chosen, filters.page, now),
    complianceCourseChoices(unit, locale),
  ]);
  return {
    ...overview,
    people: { ...people, page: filters.page },
    choices: { courses, roles: overview.roles },
    filters: { course: chosen.courseSlug, role: chosen.jobRole },
    topUnits,
  };
}

/** The dashboard's numbers as a CSV file, labelled in the viewer's language. */
export async function complianceExport(scope: OrgScope, filters: ViewFilters, locale: Locale, now = new Date()) {
  const { unit } = await dashboardUnit(scope, filters.unit);
  invariantResponse(unit, "Not found", { status: 404 });
  const overview = await complianceOverview(
    scope,
    unit,
    { courseSlug: filters.course || null, jobRole: filters.role || null },
    now,
  );
  const { t } = serverTranslator(locale);
  const labels: CsvLabels = {
    unitCode: t("org.csv.unitCode"),
    unit: t("org.compliance.unit"),
    assigned: t("org.status.assigned"),
    completed: t("org.status.completed"),
    inProgress: t("org.status.inProgress"),
    notStarted: t("org.status.notStarted"),
    overdue: t("org.status.overdue"),
    rate: t("org.csv.rate"),
    members: t("org.compliance.members"),
    credits: t("org.compliance.credits", { year: overview.year }),
    withRequirement: t("org.csv.withRequirement"),
    metRequirement: t("org.csv.metRequirement"),
    direct: t("org.csv.direct"),
    total: t("org.compliance.total"),
  };
  return { fileName: `tuan-thu-${unit.code}.csv`, csv: complianceCsv(overview.rows, overview.total, labels) };
}

/**
 * A credit correction (a new ledger entry) by a global admin for someone they can see. Organisation
 * admins may look but not correct: credits are certified centrally.
 */
export async function correctCredits(
  actor: { id: string },
  scope: OrgScope,
  userId: string,
  input: { amount: number; note: string },
  ip: string,
) {
  invariantResponse(scope.global, "Forbidden", { status: 403 });
  const exists = await prisma.user.findUnique({ where: { id: userId }, select: { id: true } });
  invariantResponse(exists, "Not found", { status: 404 });
  await addCreditCorrection(actor.id, { userId, amount: input.amount, note: input.note }, ip);
}

import { raw } from "@prisma/client/runtime/client";
import { recordAudit } from "~/lib/audit/audit.server";
import { prisma } from "~/lib/db.server";
import { inviteToUnit, isMemberInScope } from "~/lib/organizations/join-invitations.server";
import { assertUnitInScope, unitsInScope, type OrgScope, type Unit } from "~/lib/organizations/scope.server";
import {
  childPath,
  inScope,
  normalizeUnitCode,
  parentPathOf,
  pathIds,
  planMove,
  subtreeTotals,
  treeOrder,
} from "~/lib/organizations/tree";
import { invariantResponse } from "~/lib/http.server";

type Actor = { id: string };
type Failure<E extends string> = { ok: false; field?: string; error: E };

export const MEMBERS_PAGE_SIZE = 50;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

/** Creates a unit under `parent` (or a root, for global admins). */
export async function createUnit(
  actor: Actor,
  scope: OrgScope,
  input: { parent: Unit | null; code: string; name: string },
  ip: string,
): Promise<{ ok: true; id: string } | Failure<"org.errors.codeTaken">> {
  if (input.parent) assertUnitInScope(scope, input.parent);
  else invariantResponse(scope.global, "Forbidden", { status: 403 });
  const code = normalizeUnitCode(input.code);
  try {
    const id = await prisma.$transaction(async (tx) => {
      // The path contains the unit's own id, which the database assigns: insert, then set it.
      const created = await tx.organization.create({
        data: {
          code,
          name: input.name,
          parentId: input.parent?.id ?? null,
          path: "",
          depth: (input.parent?.depth ?? -1) + 1,
        },
        select: { id: true },
      });
      await tx.organization.update({
        where: { id: created.id },
        data: { path: childPath(input.parent?.path ?? null, created.id) },
        select: { id: true },
      });
      await recordAudit(
        {
          actorId: actor.id,
          action: "org.unit.create",
          targetType: "organization",
          targetId: created.id,
          orgId: created.id,
          after: { code, name: input.name, parentId: input.parent?.id ?? null },
          ip,
        },
        tx,
      );
      return created.id;
    });
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "code", error: "org.errors.codeTaken" };
    throw error;
  }
}

export async function renameUnit(actor: Actor, unit: Unit, name: string, ip: string) {
  await prisma.$transaction(async (tx) => {
    await tx.organization.update({ where: { id: unit.id }, data: { name }, select: { id: true } });
    await recordAudit(
      {
        actorId: actor.id,
        action: "org.unit.rename",
        targetType: "organization",
        targetId: unit.id,
        orgId: unit.id,
        before: { name: unit.name },
        after: { name },
        ip,
      },
      tx,
    );
  });
  return { ok: true as const };
}

type MoveError = "org.errors.unknownUnit" | "org.errors.moveIntoSelf" | "org.errors.moveSameParent";

/**
 * Moves a unit with its whole subtree under another unit: every descendant's path and depth
 * change in the same transaction (one UPDATE over the path prefix). Both the unit and its new
 * parent must be in the actor's scope; only global admins may make a unit a root.
 */
export async function moveUnit(
  actor: Actor,
  scope: OrgScope,
  unit: Unit,
  parentCode: string,
  ip: string,
): Promise<{ ok: true } | Failure<MoveError>> {
  assertUnitInScope(scope, unit);
  let parent: { id: string; path: string } | null = null;
  if (parentCode) {
    parent = await prisma.organization.findUnique({
      where: { code: normalizeUnitCode(parentCode) },
      select: { id: true, path: true },
    });
    if (!parent) return { ok: false, field: "parentCode", error: "org.errors.unknownUnit" };
    assertUnitInScope(scope, parent);
  } else {
    invariantResponse(scope.global, "Forbidden", { status: 403 });
  }
  const plan = planMove(unit, parent);
  if (!plan.ok) return { ok: false, field: "parentCode", error: plan.error };
  const keep = raw(String(unit.path.length + 1));
  const delta = raw(String(plan.depthDelta));
  await prisma.$transaction(async (tx) => {
    // The new prefix replaces the old one on the unit and on every descendant, all at once.
    await tx.$executeRaw`UPDATE "Organization" SET "path" = ${plan.newPath} || substr("path", ${keep}), "depth" = "depth" + ${delta} WHERE "path" LIKE ${`${unit.path}%`}`;
    await tx.organization.update({
      where: { id: unit.id },
      data: { parentId: parent?.id ?? null },
      select: { id: true },
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "org.unit.move",
        targetType: "organization",
        targetId: unit.id,
        orgId: unit.id,
        before: { parentId: unit.parentId, path: unit.path },
        after: { parentId: parent?.id ?? null, path: plan.newPath },
        ip,
      },
      tx,
    );
  });
  return { ok: true };
}

/** A unit's page: where it sits, its sub-units, its direct members (paginated) and its admins. */
export async function getUnitPage(scope: OrgScope, unit: Unit, page: number) {
  const ancestorIds = pathIds(unit.path).slice(0, -1);
  const [ancestors, children, memberTotal, members, admins] = await Promise.all([
    prisma.organization.findMany({
      where: { id: { in: ancestorIds } },
      select: { id: true, code: true, name: true, path: true },
    }),
    prisma.organization.findMany({
      where: { parentId: unit.id },
      orderBy: { name: "asc" },
      select: {
        id: true,
        code: true,
        name: true,
        path: true,
        _count: { select: { memberships: true, children: true } },
      },
    }),
    prisma.membership.count({ where: { orgId: unit.id } }),
    prisma.membership.findMany({
      where: { orgId: unit.id },
      orderBy: [{ user: { fullName: "asc" } }, { id: "asc" }],
      skip: (page - 1) * MEMBERS_PAGE_SIZE,
      take: MEMBERS_PAGE_SIZE,
      select: { jobRole: true, user: { select: { id: true, fullName: true, email: true, passwordHash: true } } },
    }),
    prisma.orgAdmin.findMany({
      where: { orgId: unit.id },
      select: { user: { select: { id: true, fullName: true, email: true } } },
    }),
  ]);
  const byId = new Map(ancestors.map((ancestor) => [ancestor.id, ancestor]));
  const totals = await headcounts([unit, ...children]);
  return {
    unit: {
      id: unit.id,
      code: unit.code,
      name: unit.name,
      depth: unit.depth,
      headcount: totals.get(unit.id) ?? 0,
      isScopeRoot: !inScope(scope, parentPathOf(unit.path)),
    },
    breadcrumb: ancestorIds
      .map((id) => byId.get(id))
      .filter((ancestor): ancestor is NonNullable<typeof ancestor> => Boolean(ancestor))
      .map((ancestor) => ({
        id: ancestor.id,
        name: ancestor.name,
        code: ancestor.code,
        reachable: inScope(scope, ancestor.path),
      })),
    children: children.map((child) => ({
      id: child.id,
      code: child.code,
      name: child.name,
      members: child._count.memberships,
      headcount: totals.get(child.id) ?? 0,
      subUnits: child._count.children,
    })),
    members: members.map((member) => ({
      id: member.user.id,
      fullName: member.user.fullName,
      email: member.user.email,
      jobRole: member.jobRole,
      invited: member.user.passwordHash === null,
    })),
    memberTotal,
    pages: Math.max(1, Math.ceil(memberTotal / MEMBERS_PAGE_SIZE)),
    admins: admins.map((admin) => admin.user),
  };
}

async function userByEmail(email: string) {
  return prisma.user.findUnique({ where: { email }, select: { id: true, fullName: true } });
}

type AddMemberResult =
  | { ok: true; added: true; name: string }
  | { ok: true; added: false; email: string }
  | Failure<"org.errors.userUnknown">;

/**
 * Adds a person to the unit with a job role (or changes their role there). A platform admin
 * attaches any account. An organisation admin attaches directly only someone already a member in
 * their tree; any other address (unknown, another tree's, an admin's) gets an invitation and
 * joins when its owner accepts, with the same answer for all of them: the form never tells
 * whether an address has an account, and nobody outside the tree becomes readable by asking.
 */
export async function addMember(
  actor: Actor,
  scope: OrgScope,
  unit: Unit,
  input: { email: string; jobRole: string },
  ip: string,
): Promise<AddMemberResult> {
  assertUnitInScope(scope, unit);
  const user = await userByEmail(input.email);
  if (!user || !(await isMemberInScope(scope, user.id))) {
    if (scope.global) return { ok: false, field: "email", error: "org.errors.userUnknown" };
    await inviteToUnit(actor, unit, input, ip);
    return { ok: true, added: false, email: input.email };
  }
  await prisma.$transaction(async (tx) => {
    const before = await tx.membership.findUnique({
      where: { userId_orgId: { userId: user.id, orgId: unit.id } },
      select: { jobRole: true },
    });
    await tx.membership.upsert({
      where: { userId_orgId: { userId: user.id, orgId: unit.id } },
      create: { userId: user.id, orgId: unit.id, jobRole: input.jobRole },
      update: { jobRole: input.jobRole },
      select: { id: true },
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "org.member.add",
        targetType: "user",
        targetId: user.id,
        orgId: unit.id,
        before: before ?? undefined,
        after: { jobRole: input.jobRole },
        ip,
      },
      tx,
    );
  });
  return { ok: true, added: true, name: user.fullName };
}

export async function removeMember(actor: Actor, unit: Unit, userId: string, ip: string) {
  await prisma.$transaction(async (tx) => {
    const removed = await tx.membership.deleteMany({ where: { userId, orgId: unit.id } });
    if (removed.count > 0)
      await recordAudit(
        { actorId: actor.id, action: "org.member.remove", targetType: "user", targetId: userId, orgId: unit.id, ip },
        tx,
      );
  });
  return { ok: true as const };
}

/**
 * Makes a user an administrator of the unit's subtree (delegation stays inside the actor's own
 * scope). An organisation admin delegates only to members of their tree: an address outside it
 * gets the same answer as an unknown one.
 */
export async function addOrgAdmin(
  actor: Actor,
  scope: OrgScope,
  unit: Unit,
  email: string,
  ip: string,
): Promise<{ ok: true; name: string } | Failure<"org.errors.userUnknown" | "org.errors.notInTree">> {
  assertUnitInScope(scope, unit);
  const user = await userByEmail(email);
  if (scope.global && !user) return { ok: false, field: "email", error: "org.errors.userUnknown" };
  if (!user || !(await isMemberInScope(scope, user.id)))
    return { ok: false, field: "email", error: "org.errors.notInTree" };
  await prisma.$transaction(async (tx) => {
    const existing = await tx.orgAdmin.findUnique({
      where: { userId_orgId: { userId: user.id, orgId: unit.id } },
      select: { userId: true },
    });
    if (existing) return;
    await tx.orgAdmin.create({ data: { userId: user.id, orgId: unit.id }, select: { userId: true } });
    await recordAudit(
      { actorId: actor.id, action: "org.admin.add", targetType: "user", targetId: user.id, orgId: unit.id, ip },
      tx,
    );
  });
  return { ok: true, name: user.fullName };
}

export async function removeOrgAdmin(
  actor: Actor,
  unit: Unit,
  userId: string,
  ip: string,
): Promise<{ ok: true } | Failure<"org.errors.removeSelf">> {
  if (userId === actor.id) return { ok: false, error: "org.errors.removeSelf" };
  await prisma.$transaction(async (tx) => {
    const removed = await tx.orgAdmin.deleteMany({ where: { userId, orgId: unit.id } });
    if (removed.count > 0)
      await recordAudit(
        { actorId: actor.id, action: "org.admin.remove", targetType: "user", targetId: userId, orgId: unit.id, ip },
        tx,
      );
  });
  return { ok: true };
}

export async function findUnitByCode(code: string) {
  return prisma.organization.findUnique({
    where: { code: normalizeUnitCode(code) },
    select: { id: true, code: true, name: true, path: true, depth: true, parentId: true },
  });
}

/** Codes and names of the units in scope, for pickers (bounded: very large trees type the code). */
export async function listUnitChoices(scope: OrgScope, limit = 1000) {
  const units = await prisma.organization.findMany({
    where: unitsInScope(scope),
    orderBy: [{ depth: "asc" }, { name: "asc" }],
    take: limit,
    select: { id: true, code: true, name: true, depth: true, path: true },
  });
  return treeOrder(units).map(({ path: _path, ...unit }) => unit);
}

/** The job roles used in the scope's units. */
export async function listJobRoles(scope: OrgScope) {
  const rows = await prisma.membership.groupBy({
    by: ["jobRole"],
    where: { org: unitsInScope(scope) },
    orderBy: { jobRole: "asc" },
  });
  return rows.map((row) => row.jobRole);
}

/** The units a user starts from: the roots of the tree (global admins) or the roots of their scope. */
export async function listTopUnits(scope: OrgScope) {
  const units = await prisma.organization.findMany({
    where: scope.global ? { parentId: null } : { id: { in: scope.roots.map((root) => root.id) } },
    orderBy: { name: "asc" },
    select: { id: true, code: true, name: true, path: true, _count: { select: { memberships: true, children: true } } },
  });
  const totals = await headcounts(units);
  return units.map((unit) => ({
    id: unit.id,
    code: unit.code,
    name: unit.name,
    members: unit._count.memberships,
    headcount: totals.get(unit.id) ?? 0,
    subUnits: unit._count.children,
  }));
}

/**
 * Each unit's headcount with its sub-units: one grouped count over every unit of the subtrees,
 * summed per subtree. A person who belongs to two units of a subtree is counted in each.
 */
async function headcounts(units: { id: string; path: string }[]): Promise<Map<string, number>> {
  if (units.length === 0) return new Map();
  const subtrees = { OR: units.map((unit) => ({ path: { startsWith: unit.path } })) };
  const [orgs, counts] = await Promise.all([
    prisma.organization.findMany({ where: subtrees, select: { id: true, path: true } }),
    prisma.membership.groupBy({ by: ["orgId"], where: { org: subtrees }, _count: { _all: true } }),
  ]);
  const countById = new Map(counts.map((row) => [row.orgId, row._count._all]));
  return subtreeTotals(
    units,
    orgs.map((org) => ({ path: org.path, members: countById.get(org.id) ?? 0 })),
  );
}

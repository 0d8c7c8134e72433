import { requireUser, type SessionUser } from "~/lib/accounts/auth.server";
import { prisma, type Prisma } from "~/lib/db.server";
import { inScope, minimalRoots, type OrgScope } from "~/lib/organizations/tree";

export type { OrgScope };
export type ScopedUser = Pick<SessionUser, "id" | "role">;
export type OrgContext = { user: SessionUser; scope: OrgScope };

function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

/** Global admins administer every unit; anyone else the subtrees of their OrgAdmin rows (possibly none). */
export async function orgScopeFor(user: ScopedUser): Promise<OrgScope> {
  if (user.role === "admin") return { global: true, roots: [] };
  const rows = await prisma.orgAdmin.findMany({
    where: { userId: user.id },
    select: { org: { select: { id: true, path: true } } },
  });
  return { global: false, roots: minimalRoots(rows.map((row) => row.org)) };
}

/** For the header link: does this user administer anything? (One indexed lookup.) */
export async function administersOrganizations(user: ScopedUser): Promise<boolean> {
  if (user.role === "admin") return true;
  return (await prisma.orgAdmin.count({ where: { userId: user.id } })) > 0;
}

/** The /org pages: global admins and organisation admins; 403 for everyone else. */
export async function requireOrgAdmin(request: Request): Promise<OrgContext> {
  const user = await requireUser(request);
  const scope = await orgScopeFor(user);
  if (!scope.global && scope.roots.length === 0) throw forbidden();
  return { user, scope };
}

export async function loadUnit(orgId: string) {
  return prisma.organization.findUnique({
    where: { id: orgId },
    select: { id: true, code: true, name: true, path: true, depth: true, parentId: true },
  });
}
export type Unit = NonNullable<Awaited<ReturnType<typeof loadUnit>>>;

/**
 * The unit, if the signed-in user administers it; 403 outside their subtree. A unit that does
 * not exist is a 404 for global admins only, so an organisation admin cannot probe other trees.
 */
export async function requireOrgScope(request: Request, orgId: string): Promise<OrgContext & { unit: Unit }> {
  const context = await requireOrgAdmin(request);
  const unit = await loadUnit(orgId);
  if (!unit) throw context.scope.global ? new Response("Not found", { status: 404 }) : forbidden();
  assertUnitInScope(context.scope, unit);
  return { ...context, unit };
}

/** Throws 403 unless the unit lies in the scope (for domain functions called with a unit from input). */
export function assertUnitInScope(scope: OrgScope, unit: { path: string }): void {
  if (!inScope(scope, unit.path)) throw forbidden();
}

/** The units a scope covers, as a Prisma filter (every unit for a global admin). */
export function unitsInScope(scope: OrgScope): Prisma.OrganizationWhereInput {
  if (scope.global) return {};
  if (scope.roots.length === 0) return { id: { in: [] } };
  return { OR: scope.roots.map((root) => ({ path: { startsWith: root.path } })) };
}

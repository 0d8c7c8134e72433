import crypto from "node:crypto";
import { logIn } from "~/lib/accounts/auth.server";
import { prisma } from "~/lib/db.server";
import { createUser, deleteUsers } from "~/lib/fixtures/factories.server";
import { createUnit } from "~/lib/organizations/organizations.server";
import { loadUnit, orgScopeFor, type Unit } from "~/lib/organizations/scope.server";

// Helpers for the organisation tests: trees with unique codes, users, signed-in requests, cleanup.

export const ONE_STOP = "mot-cua-dien-tu-cho-can-bo";
const GLOBAL = { global: true, roots: [] };
const system = { id: "test-system" };

export function tracker() {
  const users: string[] = [];
  const units: string[] = [];
  return {
    users,
    units,
    async user(input: Parameters<typeof createUser>[0] = {}) {
      const user = await createUser(input);
      users.push(user.id);
      return user;
    },
    /** A unit under `parent` (or a root), with a code unique to this run. */
    async unit(
      name: string,
      parent: Unit | null = null,
      code = `T${crypto.randomBytes(4).toString("hex").toUpperCase()}`,
    ): Promise<Unit> {
      const result = await createUnit(system, GLOBAL, { parent, code, name }, "127.0.0.1");
      if (!result.ok) throw new Error(result.error);
      units.push(result.id);
      return (await loadUnit(result.id))!;
    },
    async member(userId: string, unit: Unit, jobRole: string) {
      await prisma.membership.upsert({
        where: { userId_orgId: { userId, orgId: unit.id } },
        create: { userId, orgId: unit.id, jobRole },
        update: { jobRole },
        select: { id: true },
      });
    },
    async admin(userId: string, unit: Unit) {
      await prisma.orgAdmin.create({ data: { userId, orgId: unit.id }, select: { userId: true } });
      return orgScopeFor({ id: userId, role: "learner" });
    },
    /** Removes what the test created: users (cascading to memberships, progress…), then units deepest first. */
    async cleanup() {
      await deleteUsers(users);
      const rows = await prisma.organization.findMany({
        where: { id: { in: units } },
        select: { id: true, depth: true },
      });
      for (const row of rows.sort((a, b) => b.depth - a.depth))
        await prisma.organization.delete({ where: { id: row.id }, select: { id: true } });
    },
  };
}

/** A request carrying a fresh session of this user, as a browser would send it. */
export async function signedIn(user: { email: string; password: string }, url = "http://localhost/org") {
  const result = await logIn(new Request("http://localhost/login"), user.email, user.password, "10.0.0.9");
  if (!result.ok) throw new Error("login failed");
  return new Request(url, { headers: { Cookie: result.setCookie.split(";")[0] } });
}

/** The status a thrown Response carries (for asserting 403s). */
export async function thrownStatus(promise: Promise<unknown>): Promise<number | "no throw"> {
  try {
    await promise;
    return "no throw";
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

export const globalScope = GLOBAL;

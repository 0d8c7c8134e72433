import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import type { Unit } from "~/lib/organizations/scope.server";
import { action as requirementsAction } from "~/routes/admin.requirements";
import { action as unitAction } from "~/routes/org.units.$orgId";
import { signedIn, tracker } from "./organizations.fixtures";

// The org unit page posts seven intents to one action, and the requirements page stores job
// roles for matching against imported ones: both are driven here as a browser would post them.

const t = tracker();
const RUN = crypto.randomBytes(3).toString("hex");
let province: Unit;
let orgAdmin: Awaited<ReturnType<typeof t.user>>;
let globalAdmin: Awaited<ReturnType<typeof t.user>>;

beforeAll(async () => {
  province = await t.unit("UBND tỉnh Thái Nguyên (routes)");
  orgAdmin = await t.user();
  await t.admin(orgAdmin.id, province);
  globalAdmin = await t.user({ role: "admin" });
});
afterAll(async () => {
  await prisma.creditRequirement.deleteMany({ where: { jobRole: { endsWith: RUN } } });
  const children = await prisma.organization.findMany({ where: { parentId: province.id }, select: { id: true } });
  t.units.unshift(...children.map((child) => child.id));
  await t.cleanup();
});

async function post(user: { email: string; password: string }, url: string, fields: Record<string, string>) {
  const session = await signedIn(user, url);
  return new Request(url, {
    method: "POST",
    headers: { Cookie: session.headers.get("Cookie")!, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

/** The status and body of what an action returned: a Response (redirect) or data() with its init. */
function answer(result: unknown): { status: number; body: Record<string, unknown> } {
  if (result instanceof Response) return { status: result.status, body: {} };
  const wrapped = result as { type?: string; data?: Record<string, unknown>; init?: { status?: number } | null };
  if (wrapped?.type === "DataWithResponseInit")
    return { status: wrapped.init?.status ?? 200, body: wrapped.data ?? {} };
  return { status: 200, body: result as Record<string, unknown> };
}

describe("org unit page action", () => {
  const unitUrl = () => `http://localhost/org/units/${province.id}`;
  const run = async (fields: Record<string, string>) =>
    answer(
      await unitAction({
        request: await post(orgAdmin, unitUrl(), fields),
        params: { orgId: province.id },
        context: { requestId: "test", cspNonce: "" },
      }),
    );

  it.each([
    ["create with a bad code", { intent: "create", code: "!!", name: "Xã Đại Từ" }, { code: "org.errors.code" }],
    ["rename to a name too short", { intent: "rename", name: "X" }, { name: "org.errors.name" }],
    [
      "add a member with a bad email",
      { intent: "addMember", email: "not-an-email", jobRole: "chuyên viên" },
      { email: "errors.email.invalid" },
    ],
  ])("refuses %s with the error on its field", async (_label, fields, fieldErrors) => {
    const { status, body } = await run(fields);
    expect(status).toBe(400);
    expect(body).toMatchObject({ ok: false, fieldErrors });
  });

  it("creates a sub-unit, renames the unit and adds then removes a member, each with its notice", async () => {
    const code = `R${RUN}`.toUpperCase();
    expect((await run({ intent: "create", code, name: "UBND xã Đại Từ" })).body).toMatchObject({
      ok: true,
      intent: "create",
      notice: "org.unit.created",
      name: "UBND xã Đại Từ",
    });
    expect(await prisma.organization.count({ where: { parentId: province.id, code } })).toBe(1);

    expect((await run({ intent: "rename", name: "UBND tỉnh Thái Nguyên (đổi tên)" })).body).toMatchObject({
      ok: true,
      notice: "org.unit.renamed",
    });
    expect(
      (await prisma.organization.findUniqueOrThrow({ where: { id: province.id }, select: { name: true } })).name,
    ).toBe("UBND tỉnh Thái Nguyên (đổi tên)");

    // Someone already in the admin's tree (a sub-unit's member) is attached directly.
    const member = await t.user();
    await t.member(member.id, await t.unit("UBND xã Đại Từ (routes)", province), "cv");
    expect((await run({ intent: "addMember", email: member.email, jobRole: "  Chuyên   VIÊN " })).body).toMatchObject({
      ok: true,
      notice: "org.member.added",
      name: member.fullName,
    });
    const membership = await prisma.membership.findUniqueOrThrow({
      where: { userId_orgId: { userId: member.id, orgId: province.id } },
      select: { jobRole: true },
    });
    expect(membership.jobRole).toBe("chuyên viên");

    expect((await run({ intent: "removeMember", userId: member.id })).body).toMatchObject({
      ok: true,
      notice: "org.member.removed",
    });
    expect(await prisma.membership.count({ where: { userId: member.id, orgId: province.id } })).toBe(0);
  });

  it("refuses an unknown intent", async () => {
    await expect(run({ intent: "explode" })).rejects.toMatchObject({ status: 400 });
  });
});

describe("credit requirements action", () => {
  it("stores the job role as the import stores it, so a requirement typed with capitals matches imported members", async () => {
    const url = "http://localhost/admin/requirements";
    const result = answer(
      await requirementsAction({
        request: await post(globalAdmin, url, {
          jobRole: `  Chuyen-VIEN-${RUN.toUpperCase()} `,
          year: "2031",
          credits: "4",
        }),
        params: {},
        context: { requestId: "test", cspNonce: "" },
      }),
    );
    expect(result.body).toMatchObject({ ok: true });
    const stored = await prisma.creditRequirement.findMany({
      where: { jobRole: { endsWith: RUN } },
      select: { jobRole: true, year: true, credits: true },
    });
    expect(stored).toEqual([{ jobRole: `chuyen-vien-${RUN}`, year: 2031, credits: 4 }]);
  });
});

import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { complianceExport, personView } from "~/lib/organizations/compliance.server";
import { dryRunImport, importOfficials } from "~/lib/organizations/import.server";
import { answerInvitation } from "~/lib/organizations/join-invitations.server";
import type { OrgScope, Unit } from "~/lib/organizations/scope.server";
import { loader as personLoader } from "~/routes/org.people.$userId";
import { action as unitAction } from "~/routes/org.units.$orgId";
import { signedIn, thrownStatus, tracker } from "../integration/organizations.fixtures";

// Finding 3: an organisation admin typed any address into the add-member form (or an import
// file) and so attached, then read, people of another province or the platform admin; the form
// also told whether the address had an account. Now an address outside the admin's tree is only
// invited (same answer whatever it is), and every read of a person is bounded by the tree.

const t = tracker();
const RUN = crypto.randomBytes(3).toString("hex");
let provinceA: Unit;
let provinceB: Unit;
let adminA: Awaited<ReturnType<typeof t.user>>;
let scopeA: OrgScope;
let victim: Awaited<ReturnType<typeof t.user>>;
let platformAdmin: Awaited<ReturnType<typeof t.user>>;
let loner: Awaited<ReturnType<typeof t.user>>;
const unknown = `nobody-${RUN}@scope.test.hocso.vn`;

beforeAll(async () => {
  provinceA = await t.unit("UBND tỉnh Thái Nguyên (scope)");
  provinceB = await t.unit("UBND tỉnh Quảng Ngãi (scope)");
  adminA = await t.user();
  scopeA = await t.admin(adminA.id, provinceA);
  victim = await t.user({ fullName: "Nạn Nhân Tỉnh Khác" });
  await t.member(victim.id, provinceB, "chuyên viên");
  platformAdmin = await t.user({ role: "admin" });
  loner = await t.user();
});
afterAll(async () => {
  await prisma.outboxMessage.deleteMany({
    where: { to: { in: [victim.email, platformAdmin.email, loner.email, unknown] } },
  });
  await t.cleanup();
});

function body(result: unknown): Record<string, unknown> {
  const wrapped = result as { type?: string; data?: Record<string, unknown>; init?: { status?: number } | null };
  return { status: wrapped.init?.status ?? 200, ...(wrapped.data ?? {}) };
}

async function postUnit(fields: Record<string, string>) {
  const url = `http://localhost/org/units/${provinceA.id}`;
  const session = await signedIn(adminA, url);
  const request = new Request(url, {
    method: "POST",
    headers: { Cookie: session.headers.get("Cookie")!, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  return body(
    await unitAction({ request, params: { orgId: provinceA.id }, context: { requestId: "t", cspNonce: "" } }),
  );
}

/** The answer without what the admin typed (the address is echoed back as-is). */
const shape = ({ at: _at, name: _name, ...rest }: Record<string, unknown>) => rest;

describe("an organisation admin's add-member form", () => {
  it("gives one answer for an unknown address, another province's member, the platform admin and a free account", async () => {
    const answers = [];
    for (const email of [unknown, victim.email, platformAdmin.email, loner.email])
      answers.push(await postUnit({ intent: "addMember", email, jobRole: "chuyên viên" }));
    for (const answer of answers)
      expect(shape(answer)).toEqual({
        status: 200,
        ok: true,
        intent: "addMember",
        notice: "org.member.invited",
        fieldErrors: {},
        values: {},
      });
    // Nobody was attached: each address holds an invitation only.
    expect(await prisma.membership.count({ where: { orgId: provinceA.id } })).toBe(0);
    expect(await prisma.joinInvitation.count({ where: { orgId: provinceA.id } })).toBe(4);
    // The mail goes to the address itself, so only its owner learns of it.
    expect(
      await prisma.outboxMessage.count({ where: { to: victim.email, subject: { contains: provinceA.name } } }),
    ).toBe(1);
  });

  it("never makes the other province's member readable, on the person page or through an export", async () => {
    const request = await signedIn(adminA, `http://localhost/org/people/${victim.id}`);
    expect(
      await thrownStatus(
        Promise.resolve(
          personLoader({ request, params: { userId: victim.id }, context: { requestId: "t", cspNonce: "" } }),
        ),
      ),
    ).toBe(403);
    expect(await thrownStatus(personView(scopeA, platformAdmin.id, "vi"))).toBe(403);
    expect(await thrownStatus(complianceExport(scopeA, { unit: provinceB.id, page: 1 }, "vi"))).toBe(403);
  });

  it("delegates administration to nobody outside the tree, with the answer an unknown address gets", async () => {
    const outside = await postUnit({ intent: "addAdmin", email: victim.email });
    const nobody = await postUnit({ intent: "addAdmin", email: unknown });
    expect(outside).toMatchObject({ status: 400, fieldErrors: { email: "org.errors.notInTree" } });
    expect(shape(outside)).toEqual(shape({ ...nobody, values: outside.values }));
    expect(await prisma.orgAdmin.count({ where: { userId: victim.id } })).toBe(0);
  });

  it("an import file invites the other province's member too, and its counts do not tell them from a new address", async () => {
    const text = [
      "email,full_name,unit_code,job_role",
      `${victim.email},Nạn Nhân,${provinceA.code},chuyên viên`,
      `new-${RUN}@scope.test.hocso.vn,Người Mới,${provinceA.code},chuyên viên`,
    ].join("\n");
    const dryRun = await dryRunImport(scopeA, new TextEncoder().encode(text), "x.csv");
    expect(dryRun).toMatchObject({ ok: true, newUsers: 2, existingUsers: 0 });
    const result = await importOfficials(adminA, scopeA, text, { ip: "127.0.0.1" });
    expect(result).toMatchObject({ ok: true, newUsers: 2, existingUsers: 0 });
    t.users.push(
      (
        await prisma.user.findUniqueOrThrow({
          where: { email: `new-${RUN}@scope.test.hocso.vn` },
          select: { id: true },
        })
      ).id,
    );
    expect(await prisma.membership.count({ where: { userId: victim.id, orgId: provinceA.id } })).toBe(0);
    expect(await thrownStatus(personView(scopeA, victim.id, "vi"))).toBe(403);
  });

  it("the owner alone accepts, and only then does the admin see them", async () => {
    const invitation = await prisma.joinInvitation.findUniqueOrThrow({
      where: { orgId_email: { orgId: provinceA.id, email: victim.email } },
      select: { id: true },
    });
    expect(await answerInvitation(loner, invitation.id, true, "127.0.0.1")).toEqual({ ok: false });
    expect(await thrownStatus(personView(scopeA, victim.id, "vi"))).toBe(403);
    expect(await answerInvitation(victim, invitation.id, true, "127.0.0.1")).toEqual({ ok: true });
    const view = await personView(scopeA, victim.id, "vi");
    // Only the memberships inside the admin's tree are shown, not the other province.
    expect(view.memberships.map((membership) => membership.unitId)).toEqual([provinceA.id]);
  });
});

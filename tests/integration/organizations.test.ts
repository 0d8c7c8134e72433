import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContentDirectory } from "~/lib/content/import.server";
import { prisma } from "~/lib/db.server";
import { createAssignment } from "~/lib/organizations/assignments.server";
import { complianceOverview, loadComplianceView, personView } from "~/lib/organizations/compliance.server";
import { dryRunImport } from "~/lib/organizations/import.server";
import {
  addMember,
  addOrgAdmin,
  getUnitPage,
  listTopUnits,
  moveUnit,
  removeOrgAdmin,
  renameUnit,
} from "~/lib/organizations/organizations.server";
import {
  administersOrganizations,
  loadUnit,
  orgScopeFor,
  requireOrgAdmin,
  requireOrgScope,
  type Unit,
} from "~/lib/organizations/scope.server";
import { globalScope, ONE_STOP, signedIn, thrownStatus, tracker } from "./organizations.fixtures";

const t = tracker();
let ministry: Unit, provinceA: Unit, provinceB: Unit, communeA: Unit, communeB: Unit, hamletA: Unit;

beforeAll(async () => {
  expect((await importContentDirectory(path.resolve("content"))).ok).toBe(true);
  ministry = await t.unit("Bộ Nội vụ");
  provinceA = await t.unit("UBND tỉnh Thái Nguyên", ministry);
  provinceB = await t.unit("UBND tỉnh Quảng Ngãi", ministry);
  communeA = await t.unit("UBND xã Đại Từ", provinceA);
  communeB = await t.unit("UBND phường Cẩm Thành", provinceB);
  hamletA = await t.unit("Bộ phận một cửa xã Đại Từ", communeA);
});
afterAll(() => t.cleanup());

describe("the tree", () => {
  it("keeps path and depth from the root", () => {
    expect(ministry.depth).toBe(0);
    expect(ministry.path).toBe(`/${ministry.id}/`);
    expect(hamletA.path).toBe(`/${ministry.id}/${provinceA.id}/${communeA.id}/${hamletA.id}/`);
    expect(hamletA.depth).toBe(3);
  });

  it("moves a whole subtree: every descendant's path and depth follow, in one step", async () => {
    const other = await t.unit("Đơn vị tạm", provinceB);
    const deep = await t.unit("Tổ công tác", other);
    const deeper = await t.unit("Nhóm 1", deep);
    const result = await moveUnit({ id: "test" }, globalScope, other, communeA.code, "127.0.0.1");
    expect(result).toEqual({ ok: true });
    const [moved, movedDeep, movedDeeper] = await Promise.all([
      loadUnit(other.id),
      loadUnit(deep.id),
      loadUnit(deeper.id),
    ]);
    expect(moved).toMatchObject({ parentId: communeA.id, path: `${communeA.path}${other.id}/`, depth: 3 });
    expect(movedDeep).toMatchObject({ path: `${communeA.path}${other.id}/${deep.id}/`, depth: 4 });
    expect(movedDeeper).toMatchObject({ path: `${communeA.path}${other.id}/${deep.id}/${deeper.id}/`, depth: 5 });
    // Moving up makes them shallower again.
    expect(await moveUnit({ id: "test" }, globalScope, moved!, "", "127.0.0.1")).toEqual({ ok: true });
    expect(await loadUnit(deeper.id)).toMatchObject({ path: `/${other.id}/${deep.id}/${deeper.id}/`, depth: 2 });
  });

  it("refuses to move a unit into its own subtree", async () => {
    expect(await moveUnit({ id: "test" }, globalScope, provinceA, hamletA.code, "127.0.0.1")).toMatchObject({
      ok: false,
      error: "org.errors.moveIntoSelf",
    });
    expect(await loadUnit(provinceA.id)).toMatchObject({ path: provinceA.path });
  });

  it("records every change in the audit log", async () => {
    await renameUnit({ id: "test" }, communeA, "UBND xã Đại Từ (mới)", "10.1.1.1");
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "org.unit.rename", targetId: communeA.id },
      select: { before: true, after: true, orgId: true, ip: true },
    });
    expect(event).toMatchObject({
      before: { name: "UBND xã Đại Từ" },
      after: { name: "UBND xã Đại Từ (mới)" },
      orgId: communeA.id,
      ip: "10.1.1.1",
    });
  });
});

describe("subtree authorisation", () => {
  it("an admin of one province sees nothing of another", async () => {
    const admin = await t.user({ email: `tn-admin-${Date.now()}@test.hocso.vn` });
    await t.admin(admin.id, provinceA);
    const official = await t.user({ fullName: "Hoàng Văn Bình" });
    await t.member(official.id, communeB, "chuyên viên");
    const scope = await orgScopeFor({ id: admin.id, role: "learner" });
    expect(scope.roots.map((root) => root.id)).toEqual([provinceA.id]);

    // Pages and the guard.
    expect(await thrownStatus(requireOrgScope(await signedIn(admin), provinceA.id))).toBe("no throw");
    expect(await thrownStatus(requireOrgScope(await signedIn(admin), communeA.id))).toBe("no throw");
    expect(await thrownStatus(requireOrgScope(await signedIn(admin), provinceB.id))).toBe(403);
    expect(await thrownStatus(requireOrgScope(await signedIn(admin), communeB.id))).toBe(403);
    expect(await thrownStatus(requireOrgScope(await signedIn(admin), ministry.id))).toBe(403);
    expect(await thrownStatus(requireOrgScope(await signedIn(admin), "no-such-unit"))).toBe(403);

    // Lists, dashboard, people, import.
    expect((await listTopUnits(scope)).map((unit) => unit.id)).toEqual([provinceA.id]);
    expect(await thrownStatus(complianceOverview(scope, provinceB, {}))).toBe(403);
    expect(await thrownStatus(loadComplianceView(scope, { unit: provinceB.id, page: 1 }, "vi"))).toBe(403);
    expect(await thrownStatus(personView(scope, official.id, "vi"))).toBe(403);
    const report = await dryRunImport(
      scope,
      new TextEncoder().encode(`email,full_name,unit_code,job_role\nx@test.hocso.vn,X,${communeB.code},cv\n`),
    );
    expect(report.issues).toEqual([{ row: 2, column: "unit_code", code: "unitOutOfScope", value: communeB.code }]);
    const page = await getUnitPage(scope, provinceA, 1);
    expect(page.breadcrumb).toEqual([{ id: ministry.id, name: "Bộ Nội vụ", code: ministry.code, reachable: false }]);
    expect(page.unit.isScopeRoot).toBe(true);
  });

  it("assigning a course to a unit outside one's subtree is 403", async () => {
    const admin = await t.user();
    const scope = await t.admin(admin.id, provinceA);
    const dueAt = new Date(Date.now() + 10 * 86400_000);
    const input = { jobRole: null, courseSlug: ONE_STOP, target: "latest" as const, dueAt };
    expect(await thrownStatus(createAssignment(admin, scope, { ...input, unitCode: communeB.code }, "127.0.0.1"))).toBe(
      403,
    );
    expect(await thrownStatus(createAssignment(admin, scope, { ...input, unitCode: ministry.code }, "127.0.0.1"))).toBe(
      403,
    );
    const inside = await createAssignment(admin, scope, { ...input, unitCode: communeA.code }, "127.0.0.1");
    expect(inside.ok).toBe(true);
    await prisma.assignment.deleteMany({ where: { orgId: communeA.id } });
  });

  it("an organisation admin cannot move units out of their subtree or make roots", async () => {
    const admin = await t.user();
    const scope = await t.admin(admin.id, provinceA);
    expect(await thrownStatus(moveUnit(admin, scope, communeA, provinceB.code, "127.0.0.1"))).toBe(403);
    expect(await thrownStatus(moveUnit(admin, scope, communeA, "", "127.0.0.1"))).toBe(403);
    expect(await thrownStatus(moveUnit(admin, scope, communeB, provinceA.code, "127.0.0.1"))).toBe(403);
  });

  it("only people with OrgAdmin rows (or global admins) reach /org", async () => {
    const learner = await t.user();
    const admin = await t.user({ role: "admin" });
    expect(await thrownStatus(requireOrgAdmin(await signedIn(learner)))).toBe(403);
    expect(await administersOrganizations(learner)).toBe(false);
    expect(await thrownStatus(requireOrgAdmin(await signedIn(admin)))).toBe("no throw");
    expect(await thrownStatus(requireOrgScope(await signedIn(admin), provinceB.id))).toBe("no throw");
    expect(await thrownStatus(requireOrgScope(await signedIn(admin), "no-such-unit"))).toBe(404);
    await t.admin(learner.id, communeB);
    expect(await administersOrganizations(learner)).toBe(true);
  });

  it("delegates administration inside the subtree, never to oneself", async () => {
    const admin = await t.user();
    const deputy = await t.user();
    const scope = await t.admin(admin.id, provinceA);
    await t.member(deputy.id, communeA, "cv");
    expect(await addOrgAdmin(admin, scope, communeA, deputy.email, "127.0.0.1")).toMatchObject({ ok: true });
    expect((await orgScopeFor(deputy)).roots.map((root) => root.id)).toEqual([communeA.id]);
    expect(await removeOrgAdmin(admin, provinceA, admin.id, "127.0.0.1")).toEqual({
      ok: false,
      error: "org.errors.removeSelf",
    });
    expect(
      await addMember(admin, globalScope, communeA, { email: "nobody@test.hocso.vn", jobRole: "cv" }, "127.0.0.1"),
    ).toMatchObject({ ok: false, error: "org.errors.userUnknown" });
  });
});

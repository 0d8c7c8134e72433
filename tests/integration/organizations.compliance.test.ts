import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContentDirectory } from "~/lib/content/import.server";
import { creditYear } from "~/lib/credits/completion-rule";
import { tryCompleteCourse } from "~/lib/credits/completion.server";
import { addCreditCorrection } from "~/lib/credits/credits.server";
import { prisma } from "~/lib/db.server";
import { completeAllLessons, recordGradedAttempt } from "~/lib/fixtures/factories.server";
import { createAssignment } from "~/lib/organizations/assignments.server";
import {
  complianceExport,
  complianceOverview,
  compliancePeople,
  personView,
  type ComplianceNumbers,
} from "~/lib/organizations/compliance.server";
import type { Unit } from "~/lib/organizations/scope.server";
import { globalScope, ONE_STOP, tracker } from "./organizations.fixtures";

// A hand-computed scenario. Tree: M → P1 → C1, C2; M → P2 → C3.
// Courses: OS (one-stop) and AT (information security). Assignments:
//   A1 OS on P1, every role, due in 10 days · A2 OS on P2, role R1, due 5 days ago · A3 AT on M, role R2, due in 30 days.
// People (role, unit → what they did):
//   u1 R1 C1 → finished OS · u2 R1 C1 → one OS lesson · u3 R2 C1 → nothing · u4 R1 C2 → nothing
//   u5 R2 C2 → finished OS and AT · u6 R2 P1 → opened an OS lesson · u7 R1 C3 → nothing, +1 credit correction
//   u8 R1 C3 → finished OS · u9 R2 in C1 and C3 → nothing
const AT = "an-toan-thong-tin-cho-cong-chuc";
const t = tracker();
const run = Date.now().toString(36);
const R1 = `cán bộ một cửa ${run}`;
const R2 = `chuyên viên ${run}`;
const DAY = 86400_000;
let M: Unit, P1: Unit, P2: Unit, C1: Unit, C2: Unit, C3: Unit;
const u: Record<string, string> = {};

async function complete(userId: string, slug: string) {
  const versionId = await completeAllLessons(userId, slug);
  await recordGradedAttempt(userId, versionId, true);
  expect((await tryCompleteCourse(userId, versionId)).completed).toBe(true);
}

async function assign(unit: Unit, slug: string, jobRole: string | null, createdDaysAgo: number, dueInDays: number) {
  const now = new Date(Date.now() - createdDaysAgo * DAY);
  const result = await createAssignment(
    { id: "test" },
    globalScope,
    { unitCode: unit.code, jobRole, courseSlug: slug, target: "latest", dueAt: new Date(Date.now() + dueInDays * DAY) },
    "127.0.0.1",
    now,
  );
  expect(result.ok).toBe(true);
}

beforeAll(async () => {
  expect((await importContentDirectory(path.resolve("content"))).ok).toBe(true);
  M = await t.unit("Bộ Nội vụ");
  P1 = await t.unit("UBND tỉnh Thái Nguyên", M);
  P2 = await t.unit("UBND tỉnh Quảng Ngãi", M);
  C1 = await t.unit("UBND xã Đại Từ", P1);
  C2 = await t.unit("UBND phường Phan Đình Phùng", P1);
  C3 = await t.unit("UBND phường Cẩm Thành", P2);
  const people: [string, string, Unit[]][] = [
    ["u1", R1, [C1]],
    ["u2", R1, [C1]],
    ["u3", R2, [C1]],
    ["u4", R1, [C2]],
    ["u5", R2, [C2]],
    ["u6", R2, [P1]],
    ["u7", R1, [C3]],
    ["u8", R1, [C3]],
    ["u9", R2, [C1, C3]],
  ];
  for (const [key, role, units] of people) {
    const user = await t.user({ fullName: `Cán bộ ${key}` });
    u[key] = user.id;
    for (const unit of units) await t.member(user.id, unit, role);
  }
  // Everyone has been a member since before the assignments: no newcomer's grace period applies.
  await prisma.membership.updateMany({
    where: { userId: { in: Object.values(u) } },
    data: { createdAt: new Date(Date.now() - 60 * DAY) },
  });
  await assign(P1, ONE_STOP, null, 0, 10);
  await assign(P2, ONE_STOP, R1, 20, -5);
  await assign(M, AT, R2, 0, 30);
  await complete(u.u1, ONE_STOP);
  await complete(u.u5, ONE_STOP);
  await complete(u.u5, AT);
  await complete(u.u8, ONE_STOP);
  const lessons = await prisma.lesson.findMany({
    where: { version: { course: { slug: ONE_STOP }, status: "published" } },
    orderBy: { position: "asc" },
    take: 1,
    select: { id: true, versionId: true },
  });
  await prisma.lessonProgress.create({
    data: { userId: u.u2, lessonId: lessons[0].id, positionSeconds: 30 },
    select: { id: true },
  });
  await prisma.enrollment.create({
    data: { userId: u.u6, versionId: lessons[0].versionId, lastLessonId: lessons[0].id },
    select: { id: true },
  });
  await addCreditCorrection("test", { userId: u.u7, amount: 1, note: "Tập huấn trực tiếp" }, "127.0.0.1");
  const year = creditYear(new Date());
  await prisma.creditRequirement.createMany({
    data: [
      { jobRole: R1, year, credits: 2 },
      { jobRole: R2, year, credits: 4 },
    ],
  });
});
afterAll(async () => {
  await prisma.creditRequirement.deleteMany({ where: { jobRole: { in: [R1, R2] } } });
  await t.cleanup();
});

const numbers = (
  assigned: number,
  completed: number,
  inProgress: number,
  notStarted: number,
  overdue: number,
  members: number,
  credits: number,
  withRequirement: number,
  metRequirement: number,
): ComplianceNumbers => ({
  assigned,
  completed,
  inProgress,
  notStarted,
  overdue,
  rate: assigned ? Math.round((completed / assigned) * 1000) / 10 : 0,
  members,
  credits,
  withRequirement,
  metRequirement,
});

describe("compliance dashboard numbers", () => {
  it("per province under the ministry, and the total counting each person and course once", async () => {
    const view = await complianceOverview(globalScope, M, {});
    expect(view.rows.map((row) => [row.name, row.kind])).toEqual([
      ["UBND tỉnh Quảng Ngãi", "unit"],
      ["UBND tỉnh Thái Nguyên", "unit"],
    ]);
    const byName = Object.fromEntries(view.rows.map((row) => [row.name, row]));
    expect(byName["UBND tỉnh Thái Nguyên"]).toMatchObject(numbers(11, 3, 2, 6, 0, 7, 6, 7, 2));
    expect(byName["UBND tỉnh Quảng Ngãi"]).toMatchObject(numbers(3, 1, 0, 1, 1, 3, 3, 3, 1));
    expect(view.total).toEqual(numbers(13, 4, 2, 6, 1, 9, 9, 9, 3));
    expect(view.total.rate).toBe(30.8);
  });

  it("drills down to the communes and the people attached to the province itself", async () => {
    const view = await complianceOverview(globalScope, P1, {});
    const byName = Object.fromEntries(view.rows.map((row) => [`${row.name}/${row.kind}`, row]));
    expect(byName["UBND xã Đại Từ/unit"]).toMatchObject(numbers(6, 1, 1, 4, 0, 4, 2, 4, 1));
    expect(byName["UBND phường Phan Đình Phùng/unit"]).toMatchObject(numbers(3, 2, 0, 1, 0, 2, 4, 2, 1));
    expect(byName["UBND tỉnh Thái Nguyên/direct"]).toMatchObject(numbers(2, 0, 1, 1, 0, 1, 0, 1, 0));
    expect(view.total).toEqual(numbers(11, 3, 2, 6, 0, 7, 6, 7, 2));
    expect(view.breadcrumb).toEqual([{ id: M.id, name: "Bộ Nội vụ" }]);
  });

  it("filters by course and by job role", async () => {
    const byCourse = await complianceOverview(globalScope, M, { courseSlug: AT });
    expect(byCourse.total).toMatchObject({ assigned: 4, completed: 1, inProgress: 0, notStarted: 3, overdue: 0 });
    const byRole = await complianceOverview(globalScope, M, { jobRole: R2 });
    const p1 = byRole.rows.find((row) => row.id === P1.id)!;
    expect(p1).toMatchObject({
      assigned: 8,
      completed: 2,
      inProgress: 1,
      notStarted: 5,
      overdue: 0,
      members: 4,
      credits: 4,
    });
    // u9's AT obligation appears under both provinces but once in the total.
    expect(byRole.rows.find((row) => row.id === P2.id)).toMatchObject({ assigned: 1, notStarted: 1, members: 1 });
    expect(byRole.total).toMatchObject({ assigned: 8, members: 4 });
  });

  it("lists the people of a unit with their own numbers", async () => {
    const { people, total } = await compliancePeople(globalScope, C1, {}, 1);
    expect(total).toBe(4);
    const byId = Object.fromEntries(people.map((person) => [person.id, person]));
    expect(byId[u.u1]).toMatchObject({ assigned: 1, completed: 1, credits: 2 });
    expect(byId[u.u3]).toMatchObject({ assigned: 2, completed: 0, notStarted: 2 });
    expect(byId[u.u9]).toMatchObject({ assigned: 2, notStarted: 2, overdue: 0 });
  });

  it("exports the same numbers as CSV", async () => {
    const { csv, fileName } = await complianceExport(globalScope, { unit: M.id, page: 1 }, "vi");
    expect(fileName).toBe(`tuan-thu-${M.code}.csv`);
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "Mã đơn vị,Đơn vị,Được giao,Đã hoàn thành,Đang học,Chưa bắt đầu,Quá hạn,Tỷ lệ hoàn thành (%),Số cán bộ,Tín chỉ " +
        creditYear(new Date()) +
        ",Có yêu cầu tín chỉ,Đạt yêu cầu tín chỉ",
    );
    expect(lines).toContain(`${P1.code},UBND tỉnh Thái Nguyên,11,3,2,6,0,27.3,7,6,7,2`);
    expect(lines).toContain(`${P2.code},UBND tỉnh Quảng Ngãi,3,1,0,1,1,33.3,3,3,3,1`);
    expect(lines.at(-1)).toBe(",Tổng cộng,13,4,2,6,1,30.8,9,9,9,3");
  });

  it("shows one person's assignments, certificates and credits", async () => {
    const view = await personView(globalScope, u.u5, "vi");
    expect(view.memberships).toEqual([
      { unitId: C2.id, code: C2.code, name: "UBND phường Phan Đình Phùng", jobRole: R2 },
    ]);
    // Ordered by due date: OS (10 days) before AT (30 days).
    expect(view.required.map((course) => [course.slug, course.status])).toEqual([
      [ONE_STOP, "completed"],
      [AT, "completed"],
    ]);
    expect(view.certificates).toHaveLength(2);
    expect(view.credits).toMatchObject({ total: 4, requirement: 4 });
    const overdue = await personView(globalScope, u.u7, "vi");
    expect(overdue.required).toMatchObject([{ slug: ONE_STOP, status: "overdue" }]);
  });
});

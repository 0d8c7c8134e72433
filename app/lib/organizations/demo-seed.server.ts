import { creditYear } from "~/lib/credits/completion-rule";
import { tryCompleteCourse } from "~/lib/credits/completion.server";
import { prisma } from "~/lib/db.server";
import { completeAllLessons, createUser, DEMO_ACCOUNTS, recordGradedAttempt } from "~/lib/fixtures/factories.server";
import { createAssignment } from "~/lib/organizations/assignments.server";
import { createUnit, findUnitByCode } from "~/lib/organizations/organizations.server";
import type { Unit } from "~/lib/organizations/scope.server";

// The demo organisation tree: a ministry, two provinces, a few communes, 50 officials, the
// one-stop course assigned to both provinces (one deadline already passed), some officials
// finished (with real certificates and credits), some half-way. Idempotent: a second run finds
// everything in place and changes nothing.

export const DEMO_ORG_ADMIN_EMAIL = DEMO_ACCOUNTS[3].email;
const ONE_STOP = "mot-cua-dien-tu-cho-can-bo";
const CLERK = "cán bộ một cửa";
const SPECIALIST = "chuyên viên";
const DAY = 86400_000;

const TREE = [
  { code: "BNV", name: "Bộ Nội vụ", parent: null },
  { code: "TN", name: "UBND tỉnh Thái Nguyên", parent: "BNV" },
  { code: "TN-PDP", name: "UBND phường Phan Đình Phùng", parent: "TN" },
  { code: "TN-DT", name: "UBND xã Đại Từ", parent: "TN" },
  { code: "TN-PY", name: "UBND phường Phổ Yên", parent: "TN" },
  { code: "QNG", name: "UBND tỉnh Quảng Ngãi", parent: "BNV" },
  { code: "QNG-CT", name: "UBND phường Cẩm Thành", parent: "QNG" },
  { code: "QNG-BS", name: "UBND xã Bình Sơn", parent: "QNG" },
] as const;

const SURNAMES = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Huỳnh",
  "Phan",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
];
const MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Hữu", "Quốc", "Ngọc", "Thu", "Đức", "Hải"];
const GIVEN = [
  "An",
  "Bình",
  "Châu",
  "Dũng",
  "Giang",
  "Hà",
  "Hạnh",
  "Hiếu",
  "Hoa",
  "Hùng",
  "Hương",
  "Khánh",
  "Lan",
  "Linh",
  "Long",
  "Mai",
  "Nam",
  "Nga",
  "Phúc",
  "Quân",
  "Quyên",
  "Sơn",
  "Tâm",
  "Thảo",
  "Trang",
  "Tuấn",
  "Vy",
  "Yến",
  "Khoa",
  "Nhung",
];

/** 25 officials per province, spread over its communes: who they are and what they have done. */
function officials() {
  const people: {
    email: string;
    fullName: string;
    unit: string;
    jobRole: string;
    progress: "done" | "started" | "none";
  }[] = [];
  const provinces = [
    { prefix: "tn", communes: ["TN-PDP", "TN-DT", "TN-PY"] },
    { prefix: "qng", communes: ["QNG-CT", "QNG-BS"] },
  ];
  let n = 0;
  for (const [p, province] of provinces.entries()) {
    for (let i = 0; i < 25; i++, n++) {
      const fullName = `${SURNAMES[(n * 7) % SURNAMES.length]} ${MIDDLE[(n * 3 + p) % MIDDLE.length]} ${GIVEN[(n * 11) % GIVEN.length]}`;
      const progress = i % 5 < 2 ? "done" : i % 5 === 2 ? "started" : "none";
      people.push({
        email: `canbo.${province.prefix}${String(i + 1).padStart(2, "0")}@hocso.vn`,
        fullName,
        unit: province.communes[i % province.communes.length],
        jobRole: i % 3 === 2 ? SPECIALIST : CLERK,
        progress,
      });
    }
  }
  return people;
}

export async function seedOrganizationsDemo({ log }: { log: (line: string) => void }) {
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "quantri@hocso.vn" }, select: { id: true } });
  const scope = { global: true, roots: [] };
  const units = new Map<string, Unit>();
  for (const node of TREE) {
    let unit = await findUnitByCode(node.code);
    if (!unit) {
      const result = await createUnit(
        admin,
        scope,
        { parent: node.parent ? units.get(node.parent)! : null, code: node.code, name: node.name },
        "127.0.0.1",
      );
      if (!result.ok) throw new Error(`${node.code}: ${result.error}`);
      unit = await findUnitByCode(node.code);
    }
    units.set(node.code, unit!);
  }

  const orgAdmin = await prisma.user.findUniqueOrThrow({
    where: { email: DEMO_ORG_ADMIN_EMAIL },
    select: { id: true },
  });
  await prisma.orgAdmin.upsert({
    where: { userId_orgId: { userId: orgAdmin.id, orgId: units.get("TN")!.id } },
    create: { userId: orgAdmin.id, orgId: units.get("TN")!.id },
    update: {},
    select: { userId: true },
  });

  const year = creditYear(new Date());
  for (const [jobRole, credits] of [
    [CLERK, 2],
    [SPECIALIST, 4],
  ] as const) {
    await prisma.creditRequirement.upsert({
      where: { jobRole_year: { jobRole, year } },
      create: { jobRole, year, credits },
      update: {},
      select: { id: true },
    });
  }

  // Thái Nguyên: assigned to everyone 40 days ago, due 10 days ago (so some are overdue);
  // Quảng Ngãi: one-stop clerks only, due in three weeks.
  const now = Date.now();
  const course = await prisma.course.findUniqueOrThrow({ where: { slug: ONE_STOP }, select: { id: true } });
  for (const plan of [
    { unit: "TN", jobRole: null, createdAt: new Date(now - 40 * DAY), dueAt: new Date(now - 10 * DAY) },
    { unit: "QNG", jobRole: CLERK, createdAt: new Date(now), dueAt: new Date(now + 21 * DAY) },
  ]) {
    const existing = await prisma.assignment.findFirst({
      where: { orgId: units.get(plan.unit)!.id, courseId: course.id },
      select: { id: true },
    });
    if (existing) continue;
    const result = await createAssignment(
      admin,
      scope,
      { unitCode: plan.unit, jobRole: plan.jobRole, courseSlug: ONE_STOP, target: "latest", dueAt: plan.dueAt },
      "127.0.0.1",
      plan.createdAt,
    );
    if (!result.ok) throw new Error(`assignment for ${plan.unit}: ${result.error}`);
  }

  const lessons = await prisma.lesson.findMany({
    where: { version: { course: { slug: ONE_STOP }, kind: "full", status: "published" } },
    orderBy: [{ version: { number: "desc" } }, { position: "asc" }],
    select: { id: true, versionId: true },
  });
  const people = officials();
  const memberSince = new Date(now - 60 * DAY);
  for (const person of people) {
    const user =
      (await prisma.user.findUnique({ where: { email: person.email }, select: { id: true } })) ??
      (await createUser({ email: person.email, fullName: person.fullName }));
    await prisma.membership.upsert({
      where: { userId_orgId: { userId: user.id, orgId: units.get(person.unit)!.id } },
      // Members since before the assignments, so no newcomer's grace period hides the overdue ones.
      create: { userId: user.id, orgId: units.get(person.unit)!.id, jobRole: person.jobRole, createdAt: memberSince },
      update: {},
      select: { id: true },
    });
    if (
      person.progress === "done" &&
      !(await prisma.completion.findFirst({
        where: { userId: user.id, version: { courseId: course.id } },
        select: { id: true },
      }))
    ) {
      const versionId = await completeAllLessons(user.id, ONE_STOP);
      await recordGradedAttempt(user.id, versionId, true);
      await tryCompleteCourse(user.id, versionId);
    }
    if (person.progress === "started") {
      const versionId = lessons[0].versionId;
      await prisma.enrollment.upsert({
        where: { userId_versionId: { userId: user.id, versionId } },
        create: { userId: user.id, versionId, source: "assignment", lastLessonId: lessons[1].id },
        update: {},
        select: { id: true },
      });
      for (const lesson of lessons.filter((item) => item.versionId === versionId).slice(0, 2)) {
        await prisma.lessonProgress.upsert({
          where: { userId_lessonId: { userId: user.id, lessonId: lesson.id } },
          create: { userId: user.id, lessonId: lesson.id, completedAt: new Date() },
          update: {},
          select: { id: true },
        });
      }
    }
  }

  // The demo learner is a one-stop clerk in Cẩm Thành: "My learning" shows the required course.
  const learner = await prisma.user.findUnique({ where: { email: "hocvien@hocso.vn" }, select: { id: true } });
  if (learner) {
    await prisma.membership.upsert({
      where: { userId_orgId: { userId: learner.id, orgId: units.get("QNG-CT")!.id } },
      create: { userId: learner.id, orgId: units.get("QNG-CT")!.id, jobRole: CLERK, createdAt: memberSince },
      update: {},
      select: { id: true },
    });
  }
  log(
    `organisations: ${TREE.length} units, ${people.length} officials, organisation admin ${DEMO_ORG_ADMIN_EMAIL} (UBND tỉnh Thái Nguyên)`,
  );
  return { units: TREE.length, officials: people.length };
}

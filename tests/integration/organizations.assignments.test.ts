import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthorContext } from "~/lib/authoring/access.server";
import { lessonSchema } from "~/lib/authoring/authoring.schema";
import { saveLesson } from "~/lib/authoring/authoring.server";
import { publishDraft } from "~/lib/authoring/publish.server";
import { importContentDirectory } from "~/lib/content/import.server";
import { completeDeltaLesson } from "~/lib/courses/courses.server";
import { tryCompleteCourse } from "~/lib/credits/completion.server";
import { prisma } from "~/lib/db.server";
import { completeAllLessons, deleteUsers, recordGradedAttempt } from "~/lib/fixtures/factories.server";
import {
  cancelAssignment,
  changeAssignmentDue,
  createAssignment,
  listAssignments,
  myLearningWithRequired,
  requiredCoursesFor,
} from "~/lib/organizations/assignments.server";
import { runReminders } from "~/lib/organizations/reminders.server";
import type { Unit } from "~/lib/organizations/scope.server";
import { authorCourse, deleteCourses, LESSON_MD, sessionUser } from "./authoring-fixtures";
import { globalScope, ONE_STOP, thrownStatus, tracker } from "./organizations.fixtures";

const t = tracker();
const DAY = 86400_000;
const ONE_STOP_ROLE = "cán bộ một cửa";
let ministry: Unit, province: Unit, communeA: Unit, communeB: Unit;

beforeAll(async () => {
  expect((await importContentDirectory(path.resolve("content"))).ok).toBe(true);
  ministry = await t.unit("Bộ Nội vụ");
  province = await t.unit("UBND tỉnh Thái Nguyên", ministry);
  communeA = await t.unit("UBND xã Đại Từ", province);
  communeB = await t.unit("UBND phường Phan Đình Phùng", province);
});
afterAll(() => t.cleanup());

async function assign(unit: Unit, dueInDays: number, jobRole: string | null = null, now = new Date()) {
  const result = await createAssignment(
    { id: "test-admin" },
    globalScope,
    {
      unitCode: unit.code,
      jobRole,
      courseSlug: ONE_STOP,
      target: "latest",
      dueAt: new Date(now.getTime() + dueInDays * DAY),
    },
    "127.0.0.1",
    now,
  );
  if (!result.ok) throw new Error(result.error);
  return result.id;
}

async function complete(userId: string) {
  const versionId = await completeAllLessons(userId, ONE_STOP);
  await recordGradedAttempt(userId, versionId, true);
  expect((await tryCompleteCourse(userId, versionId)).completed).toBe(true);
}

describe("assignments", () => {
  it("apply to a subtree and a job role, including people who join later, without a row per person", async () => {
    const assignmentId = await assign(province, 5, ONE_STOP_ROLE);
    const clerk = await t.user({ fullName: "Vũ Thị Lan" });
    const specialist = await t.user({ fullName: "Bùi Văn Nam" });
    await t.member(clerk.id, communeA, ONE_STOP_ROLE);
    await t.member(specialist.id, communeA, "chuyên viên");
    expect((await requiredCoursesFor(clerk.id, "vi")).map((course) => course.slug)).toEqual([ONE_STOP]);
    expect(await requiredCoursesFor(specialist.id, "vi")).toEqual([]);

    const newcomer = await t.user({ fullName: "Đỗ Minh Châu" });
    await t.member(newcomer.id, communeB, ONE_STOP_ROLE);
    const [course] = await requiredCoursesFor(newcomer.id, "vi");
    expect(course).toMatchObject({ slug: ONE_STOP, status: "notStarted", target: "latest" });

    // A second assignment of the same course (all roles, earlier) is one obligation with the earliest due date.
    const second = await assign(communeA, 2);
    const both = await requiredCoursesFor(clerk.id, "vi");
    expect(both).toHaveLength(1);
    expect(both[0].dueAt.getTime()).toBe(
      (await prisma.assignment.findUniqueOrThrow({ where: { id: second }, select: { dueAt: true } })).dueAt.getTime(),
    );
    expect(await requiredCoursesFor(specialist.id, "vi")).toHaveLength(1);
    expect(await prisma.assignment.count({ where: { id: { in: [assignmentId, second] } } })).toBe(2);
    await cancelAssignment({ id: "test-admin" }, globalScope, second, "127.0.0.1");
    expect(await requiredCoursesFor(specialist.id, "vi")).toEqual([]);
  });

  it('"My learning" lists required courses first, with their due date, enrolling lazily (once)', async () => {
    const learner = await t.user({ fullName: "Trịnh Thu Hà" });
    // A course chosen freely earlier, and an assignment arriving later.
    await prisma.enrollment.create({
      data: {
        userId: learner.id,
        versionId: (
          await prisma.courseVersion.findFirstOrThrow({
            where: { course: { slug: "ky-nang-so-cho-cong-dan" }, status: "published" },
            select: { id: true },
          })
        ).id,
      },
      select: { id: true },
    });
    await t.member(learner.id, communeB, ONE_STOP_ROLE);
    const first = await myLearningWithRequired(learner.id, "vi");
    expect(first.map((course) => [course.slug, course.required?.status ?? null])).toEqual([
      [ONE_STOP, "notStarted"],
      ["ky-nang-so-cho-cong-dan", null],
    ]);
    expect(first[0].required!.dueAt.getTime()).toBeGreaterThan(Date.now());
    const enrolment = await prisma.enrollment.findFirstOrThrow({
      where: { userId: learner.id, version: { course: { slug: ONE_STOP } } },
      select: { source: true },
    });
    expect(enrolment.source).toBe("assignment");
    await myLearningWithRequired(learner.id, "vi");
    expect(await prisma.enrollment.count({ where: { userId: learner.id } })).toBe(2);

    await complete(learner.id);
    const after = await myLearningWithRequired(learner.id, "vi");
    expect(after[0]).toMatchObject({ slug: ONE_STOP, required: { status: "completed" } });
    expect(after[0].completedAt).not.toBeNull();
  });

  it("refuses a due date in the past and a delta the course does not have", async () => {
    const base = { unitCode: communeA.code, jobRole: null, courseSlug: ONE_STOP, dueAt: new Date(Date.now() - DAY) };
    expect(await createAssignment({ id: "x" }, globalScope, { ...base, target: "latest" }, "127.0.0.1")).toMatchObject({
      ok: false,
      error: "org.errors.duePast",
    });
    expect(
      await createAssignment(
        { id: "x" },
        globalScope,
        { ...base, target: "delta", dueAt: new Date(Date.now() + DAY) },
        "127.0.0.1",
      ),
    ).toMatchObject({ ok: false, error: "org.errors.noDelta" });
    expect(
      await createAssignment(
        { id: "x" },
        globalScope,
        { ...base, unitCode: "NO-SUCH-UNIT", target: "latest" },
        "127.0.0.1",
      ),
    ).toMatchObject({ ok: false, error: "org.errors.unknownUnit" });
  });

  it("lists inherited assignments read-only for an organisation admin", async () => {
    const admin = await t.user();
    const scope = await t.admin(admin.id, communeA);
    const onMinistry = await assign(ministry, 30);
    const list = await listAssignments(scope, "vi");
    expect(list.find((item) => item.id === onMinistry)).toMatchObject({ editable: false, unit: { id: ministry.id } });
    expect(
      await thrownStatus(changeAssignmentDue(admin, scope, onMinistry, new Date(Date.now() + 40 * DAY), "127.0.0.1")),
    ).toBe(403);
    expect(await thrownStatus(cancelAssignment(admin, scope, onMinistry, "127.0.0.1"))).toBe(403);
    await cancelAssignment({ id: "x" }, globalScope, onMinistry, "127.0.0.1");
  });
});

describe("reminder job", () => {
  it("sends one mail per person and kind however often and however concurrently it runs", async () => {
    const unit = await t.unit("UBND xã Bình Sơn", await t.unit("UBND tỉnh Quảng Ngãi"));
    const created = new Date();
    const assignmentId = await assign(unit, 5, null, created);
    const due = new Date(created.getTime() + 5 * DAY);
    const people = await Promise.all(
      ["Lý Văn Sơn", "Mai Thị Hoa", "Tạ Đức Anh"].map((fullName) => t.user({ fullName })),
    );
    for (const person of people) await t.member(person.id, unit, ONE_STOP_ROLE);
    await complete(people[2].id);
    const pending = people.slice(0, 2);
    const mails = async () =>
      prisma.outboxMessage.findMany({
        where: { to: { in: people.map((person) => person.email) } },
        orderBy: { createdAt: "asc" },
        select: { to: true, subject: true, text: true },
      });

    // 5 days ahead: the 7-day reminder, to the two who have not finished.
    await runReminders(created, [7, 1]);
    await runReminders(created, [7, 1]);
    let sent = await mails();
    expect(sent.map((mail) => mail.to).sort()).toEqual(pending.map((person) => person.email).sort());
    expect(sent[0].subject).toContain("Nhắc nhở");
    expect(sent[0].text).toContain("/courses/mot-cua-dien-tu-cho-can-bo");

    // 12 hours before the due date, three runs at once (three instances): one 1-day reminder each.
    const dayBefore = new Date(due.getTime() - 12 * 3600_000);
    await Promise.all([
      runReminders(dayBefore, [7, 1]),
      runReminders(dayBefore, [7, 1]),
      runReminders(dayBefore, [7, 1]),
    ]);
    sent = await mails();
    expect(sent).toHaveLength(4);

    // Overdue: one more each; the person who finished in between gets none.
    await complete(pending[1].id);
    const late = new Date(due.getTime() + 3600_000);
    await Promise.all([runReminders(late, [7, 1]), runReminders(late, [7, 1])]);
    await runReminders(late, [7, 1]);
    sent = await mails();
    expect(sent).toHaveLength(5);
    expect(sent[4]).toMatchObject({ to: pending[0].email });
    expect(sent[4].subject).toContain("Quá hạn");

    const log = await prisma.reminderLog.findMany({ where: { assignmentId }, select: { userId: true, kind: true } });
    expect(log.map((row) => `${row.kind}`).sort()).toEqual([
      "before-1d",
      "before-1d",
      "before-7d",
      "before-7d",
      "overdue",
    ]);

    // A month later nothing more is sent.
    await runReminders(new Date(due.getTime() + 40 * DAY), [7, 1]);
    expect(await mails()).toHaveLength(5);
  });
});

describe("assigning the 'what changed' update of a course", () => {
  const created: string[] = [];
  let ctx: AuthorContext;
  afterAll(async () => {
    await prisma.assignment.deleteMany({ where: { courseId: ctx.courseId } });
    await deleteUsers(created);
    await deleteCourses([ctx.slug]);
  });

  it("makes the update required for the unit's officials, lists it under its own path, and completing it fulfils the obligation", async () => {
    const trainer = await sessionUser("trainer", created);
    ctx = await authorCourse(trainer);
    expect(await publishDraft(ctx, { change: "first", changeNote: "" }, "test")).toMatchObject({ ok: true, number: 1 });
    await saveLesson(
      ctx,
      "chu-ky-so",
      lessonSchema.parse({
        titleVi: "Bài chu-ky-so",
        titleEn: "Lesson chu-ky-so",
        durationMinutes: "10",
        required: "on",
        markdown: `${LESSON_MD["chu-ky-so"]}\n\nTừ 2026, chữ ký số từ xa được chấp nhận.`,
        videoSrc: "",
        videoDurationSeconds: "",
        transcript: "",
      }),
    );
    expect(
      await publishDraft(ctx, { change: "material", changeNote: "Nghị định mới về chữ ký số từ xa" }, "test"),
    ).toMatchObject({ ok: true, number: 2, delta: { number: 2 } });
    const delta = await prisma.courseVersion.findFirstOrThrow({
      where: { courseId: ctx.courseId, kind: "delta" },
      select: { id: true },
    });

    const official = await sessionUser("learner", created);
    await t.member(official.id, communeB, "chuyên viên");
    const assigned = await createAssignment(
      { id: "test-admin" },
      globalScope,
      {
        unitCode: province.code,
        jobRole: null,
        courseSlug: ctx.slug,
        target: "delta",
        dueAt: new Date(Date.now() + 10 * DAY),
      },
      "127.0.0.1",
    );
    expect(assigned.ok).toBe(true);

    const [required] = await requiredCoursesFor(official.id, "vi");
    expect(required).toMatchObject({
      slug: ctx.slug,
      target: "delta",
      takeKind: "delta",
      takeVersionId: delta.id,
      status: "notStarted",
    });
    const learning = await myLearningWithRequired(official.id, "vi");
    expect(learning[0]).toMatchObject({
      slug: ctx.slug,
      kind: "delta",
      path: `/courses/${ctx.slug}/update/2`,
      required: { status: "notStarted" },
    });
    expect(
      await prisma.enrollment.findMany({ where: { userId: official.id }, select: { versionId: true, source: true } }),
    ).toEqual([{ versionId: delta.id, source: "delta" }]);

    await recordGradedAttempt(official.id, delta.id, true);
    const { versionId } = await completeDeltaLesson(official.id, ctx.slug, 2, "chu-ky-so");
    expect((await tryCompleteCourse(official.id, versionId)).completed).toBe(true);
    expect((await requiredCoursesFor(official.id, "vi"))[0]).toMatchObject({ slug: ctx.slug, status: "completed" });
  });
});

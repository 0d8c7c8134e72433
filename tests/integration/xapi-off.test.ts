import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { completeLesson, enroll } from "~/lib/courses/courses.server";
import { prisma } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { startAttempt } from "~/lib/exams/attempts.server";
import { createUser, deleteUsers } from "~/lib/fixtures/factories.server";
import { queueXapi, xapiQueueOverview } from "~/lib/xapi/queue.server";
import { createExamCourse, deleteCourses, type ExamCourse } from "./exams-fixtures";

// Without XAPI_ENDPOINT (the default) the learning events write no statement at all.

const users: string[] = [];
let course: ExamCourse;

beforeAll(async () => {
  course = await createExamCourse({ maxAttempts: 0, cooldownMinutes: 0 });
});
afterAll(async () => {
  await deleteUsers(users);
  await deleteCourses([course.slug]);
});

describe("with no LRS configured", () => {
  it("queues nothing for enrolment, lessons or an exam start", async () => {
    expect(env.xapi).toBeNull();
    const before = await prisma.xapiStatement.count();
    const user = await createUser();
    users.push(user.id);
    await enroll(user.id, course.slug);
    const lesson = await prisma.lesson.findFirstOrThrow({
      where: { versionId: course.versionId, videoSrc: null },
      select: { key: true },
    });
    await completeLesson(user.id, course.slug, lesson.key);
    expect(await startAttempt(user.id, course.slug)).toMatchObject({ ok: true });
    await queueXapi([
      {
        kind: "enrolled",
        enrollmentId: "e1",
        userId: user.id,
        at: new Date(),
        course: { slug: course.slug, versionNumber: 1, titleVi: "Khóa học", titleEn: "Course" },
      },
    ]);
    expect(await prisma.xapiStatement.count()).toBe(before);
    expect(await xapiQueueOverview()).toMatchObject({ configured: false, endpoint: null });
  });
});

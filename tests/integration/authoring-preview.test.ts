import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireCourseAuthor, type AuthorContext } from "~/lib/authoring/access.server";
import { lessonSchema } from "~/lib/authoring/authoring.schema";
import { saveLesson } from "~/lib/authoring/authoring.server";
import {
  checkPreviewPractice,
  getPreviewCourse,
  getPreviewHeader,
  getPreviewLesson,
  getPreviewPractice,
} from "~/lib/authoring/preview.server";
import { prisma } from "~/lib/db.server";
import { fieldName } from "~/lib/exams/exams.schema";
import { publishDraft } from "~/lib/authoring/publish.server";
import { deleteUsers } from "~/lib/fixtures/factories.server";
import { authorCourse, deleteCourses, sessionCookie, sessionUser } from "./authoring-fixtures";

const users: string[] = [];
const slugs: string[] = [];
let ctx: AuthorContext;
let learnerCookie: string;
let strangerCookie: string;

beforeAll(async () => {
  const owner = await sessionUser("trainer", users);
  ctx = await authorCourse(owner);
  slugs.push(ctx.slug);
  learnerCookie = await sessionCookie((await sessionUser("learner", users)).id);
  strangerCookie = await sessionCookie((await sessionUser("trainer", users)).id);
});

afterAll(async () => {
  await deleteUsers(users);
  await deleteCourses(slugs);
});

/** Every row a learner's studying or exam could leave behind for this course or its author. */
async function learnerRows() {
  const course = { courseId: ctx.courseId };
  const userId = ctx.user.id;
  const versionIds = (await prisma.courseVersion.findMany({ where: course, select: { id: true } })).map((v) => v.id);
  return {
    attempts: await prisma.attempt.count({ where: { OR: [{ exam: { version: course } }, { userId }] } }),
    answers: await prisma.attemptAnswer.count({ where: { attempt: { exam: { version: course } } } }),
    enrollments: await prisma.enrollment.count({ where: { OR: [{ version: course }, { userId }] } }),
    progress: await prisma.lessonProgress.count({ where: { OR: [{ lesson: { version: course } }, { userId }] } }),
    completions: await prisma.completion.count({ where: { OR: [{ version: course }, { userId }] } }),
    credits: await prisma.creditEntry.count({ where: { OR: [{ versionId: { in: versionIds } }, { userId }] } }),
    certificates: await prisma.certificate.count({ where: { OR: [{ version: course }, { userId }] } }),
  };
}

const request = (cookie: string) =>
  new Request(`http://localhost/author/courses/${ctx.slug}/preview`, { headers: { Cookie: cookie } });

async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    await run();
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

describe("preview of a course's draft as a learner", () => {
  it("shows the draft's outline, lessons and questions", async () => {
    expect(await getPreviewHeader(ctx, "vi")).toMatchObject({ slug: ctx.slug, number: 1, isDraft: true });
    const course = await getPreviewCourse(ctx, "vi");
    expect(course.modules.map((m) => m.lessons.map((l) => l.key))).toEqual([["dinh-danh", "chu-ky-so"]]);
    expect(course.exam).toMatchObject({ passPercent: 60, questionCount: 5 });

    const lesson = await getPreviewLesson(ctx, "chu-ky-so", "vi");
    expect(lesson.lesson.html).toContain("Chữ ký số có giá trị pháp lý như chữ ký tay.");
    expect(lesson.previous?.key).toBe("dinh-danh");
    expect(lesson.next).toBeNull();
    await expect(statusOf(() => getPreviewLesson(ctx, "khong-co", "vi"))).resolves.toBe(404);

    const practice = await getPreviewPractice(ctx, "vi");
    expect(practice.questions.map((q) => q.key)).toEqual([
      "vneid-muc-2",
      "vneid-dung-de",
      "chu-ky-phap-ly",
      "chu-ky-so-nam",
      "thu-tu-nop",
    ]);
    // As a learner gets them: no answer key in what the page receives.
    expect(JSON.stringify(practice.questions)).not.toMatch(/weight|correct|"answer"/);
  });

  it("grades posted answers with the exam's grader and writes nothing", async () => {
    const before = await learnerRows();
    const practice = await getPreviewPractice(ctx, "vi");
    const single = practice.questions.find((q) => q.key === "vneid-muc-2")!;
    const ordering = practice.questions.find((q) => q.key === "thu-tu-nop")!;
    const form = new URLSearchParams();
    form.set(fieldName("vneid-muc-2"), single.options!.find((o) => o.text === "Mức 2")!.id);
    form.set(fieldName("chu-ky-phap-ly"), "false");
    form.set(fieldName("chu-ky-so-nam"), "2023");
    // Only one position chosen: the order cannot be graded, and says why.
    form.set(fieldName("thu-tu-nop", ordering.items![0].id), "1");

    const check = await checkPreviewPractice(ctx, form, "vi");
    expect(Object.fromEntries(Object.entries(check.results).map(([key, r]) => [key, r.status]))).toEqual({
      "vneid-muc-2": "correct",
      "vneid-dung-de": "unanswered",
      "chu-ky-phap-ly": "incorrect",
      "chu-ky-so-nam": "correct",
      "thu-tu-nop": "unanswered",
    });
    expect(check).toMatchObject({ earned: 2, max: 5, percent: 40, passed: false });
    expect(check.errors).toEqual({ "thu-tu-nop": "exams.error.orderIncomplete" });
    expect(check.answers["chu-ky-so-nam"]).toBe("2023");
    expect(await learnerRows()).toEqual(before);
  });

  it("passes when enough is right, still without a row written", async () => {
    const before = await learnerRows();
    const practice = await getPreviewPractice(ctx, "vi");
    const single = practice.questions.find((q) => q.key === "vneid-muc-2")!;
    const form = new URLSearchParams();
    form.set(fieldName("vneid-muc-2"), single.options!.find((o) => o.text === "Mức 2")!.id);
    form.set(fieldName("chu-ky-phap-ly"), "true");
    form.set(fieldName("chu-ky-so-nam"), "2023");
    const check = await checkPreviewPractice(ctx, form, "vi");
    expect(check).toMatchObject({ earned: 3, max: 5, percent: 60, passed: true });
    expect(await learnerRows()).toEqual(before);
  });

  it("is for the course's authors only", async () => {
    await expect(statusOf(() => requireCourseAuthor(request(learnerCookie), ctx.slug))).resolves.toBe(403);
    await expect(statusOf(() => requireCourseAuthor(request(strangerCookie), ctx.slug))).resolves.toBe(403);
  });

  it("after publishing, shows the new draft's edit, not the published lesson learners study", async () => {
    const owner = await sessionUser("trainer", users);
    const published = await authorCourse(owner);
    slugs.push(published.slug);
    expect(await publishDraft(published, { change: "first", changeNote: "" }, "test")).toMatchObject({ ok: true });
    expect(await getPreviewHeader(published, "vi")).toMatchObject({ number: 1, isDraft: false });

    const edited = "## Định danh điện tử\n\nTừ năm nay, tài khoản mức 2 còn dùng để ký hồ sơ.";
    const saved = await saveLesson(
      published,
      "dinh-danh",
      lessonSchema.parse({
        titleVi: "Bài dinh-danh",
        titleEn: "Lesson dinh-danh",
        durationMinutes: "10",
        required: "on",
        markdown: edited,
        videoSrc: "",
        videoDurationSeconds: "",
        transcript: "",
      }),
    );
    expect(saved).toMatchObject({ ok: true, versionNumber: 2 });
    expect(await getPreviewHeader(published, "vi")).toMatchObject({ number: 2, isDraft: true });
    const lesson = await getPreviewLesson(published, "dinh-danh", "vi");
    expect(lesson.lesson.html).toContain("còn dùng để ký hồ sơ");
    const learnersCopy = await prisma.lesson.findFirstOrThrow({
      where: { key: "dinh-danh", version: { courseId: published.courseId, status: "published" } },
      select: { markdown: true },
    });
    expect(learnersCopy.markdown).not.toContain("còn dùng để ký hồ sơ");
  });
});

import fs from "node:fs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, it, vi } from "vitest";
import { courseAuthorFor } from "~/lib/authoring/access.server";
import {
  attachmentForDownload,
  addAttachment,
  readMultipart,
  removeAttachment,
} from "~/lib/authoring/attachments.server";
import { lessonSchema } from "~/lib/authoring/authoring.schema";
import {
  addCoAuthor,
  addLesson,
  addModule,
  createCourse,
  deleteLesson,
  getOutline,
  listQuestions,
  listWorkspace,
  moveLessonInOutline,
  removeCoAuthor,
  saveDetails,
  saveLesson,
  saveQuestion,
} from "~/lib/authoring/authoring.server";
import { getPublishPage, getVersionDiff, publishDraft } from "~/lib/authoring/publish.server";
import { startDeltaAttempt } from "~/lib/authoring/retraining.server";
import {
  exportCourseZip,
  importCourseZip,
  importQuestions,
  previewQuestionImport,
} from "~/lib/authoring/transfer.server";
import { lessonContentHash, readVersionContent } from "~/lib/authoring/versions.server";
import { myCertificates, verifyByCode } from "~/lib/certificates/certificates.server";
import { parseCourse } from "~/lib/content/format";
import { createVersion, bundleHash } from "~/lib/content/import.server";
import {
  completeDeltaLesson,
  enroll,
  getDeltaLessonPage,
  getDeltaPage,
  getLessonPage,
  listMyLearning,
} from "~/lib/courses/courses.server";
import { tryCompleteCourse } from "~/lib/credits/completion.server";
import { prisma } from "~/lib/db.server";
import { completeAllLessons, deleteUsers, recordGradedAttempt } from "~/lib/fixtures/factories.server";
import { loader as downloadAttachment } from "~/routes/attachments.$attachmentId";
import { loader as downloadGift } from "~/routes/author.courses.$slug.questions.gift[.]txt";
import { authorCourse, deleteCourses, LESSON_MD, sessionCookie, sessionUser, uniqueSlug } from "./authoring-fixtures";

// Attachments go to a scratch directory, not the repository's data/uploads.
const uploadsDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/hocso-uploads-${process.pid}`;
  process.env.UPLOADS_DIR = dir;
  return dir;
});

const users: string[] = [];
const slugs: string[] = [];
afterAll(async () => {
  await deleteUsers(users);
  await deleteCourses(slugs);
  fs.rmSync(uploadsDir, { recursive: true, force: true });
});

async function newCourse() {
  const owner = await sessionUser("trainer", users);
  const ctx = await authorCourse(owner);
  slugs.push(ctx.slug);
  return { owner, ctx };
}

/** Every row of a version, for proving that nothing about it changed. */
async function versionSnapshot(courseId: string, number: number) {
  return prisma.courseVersion.findFirstOrThrow({
    where: { courseId, number, kind: "full" },
    select: {
      id: true,
      status: true,
      titleVi: true,
      summaryVi: true,
      credits: true,
      skills: true,
      contentHash: true,
      searchText: true,
      publishedAt: true,
      material: true,
      modules: { orderBy: { position: "asc" }, select: { id: true, key: true, position: true, titleVi: true } },
      lessons: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          key: true,
          position: true,
          moduleId: true,
          markdown: true,
          contentHash: true,
          titleVi: true,
          attachments: { select: { id: true, fileName: true } },
        },
      },
      questions: {
        orderBy: { position: "asc" },
        select: { id: true, key: true, contentHash: true, spec: true, lessonKeys: true },
      },
      exam: { select: { id: true, pools: true, passPercent: true } },
    },
  });
}

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a]);

describe("authoring a course", () => {
  it("refuses to publish with a list of what to fix, then publishes version 1", async () => {
    const owner = await sessionUser("trainer", users);
    const slug = uniqueSlug();
    slugs.push(slug);
    expect(await createCourse(owner, { slug, titleVi: "Khoá", titleEn: "Course" }, "test")).toEqual({ ok: true, slug });
    expect(await createCourse(owner, { slug, titleVi: "Khoá", titleEn: "Course" }, "test")).toEqual({
      ok: false,
      fieldErrors: { slug: "authoring.errors.slugTaken" },
    });
    const ctx = await courseAuthorFor(owner, slug);
    let page = await getPublishPage(ctx);
    expect(page.problems.map((p) => p.key)).toEqual([
      "authoring.problem.summary",
      "authoring.problem.skills",
      "authoring.problem.noLessons",
    ]);
    await addModule(ctx, { key: "phan-1", titleVi: "Phần 1", titleEn: "Part 1" });
    await addLesson(ctx, { moduleKey: "phan-1", key: "bai-1", titleVi: "Bài 1", titleEn: "Lesson 1" });
    page = await getPublishPage(ctx);
    expect(page.problems.map((p) => p.key)).toContain("authoring.problem.lessonEmpty");
    const refused = await publishDraft(ctx, { change: "first", changeNote: "" }, "test");
    expect(refused.ok).toBe(false);
    expect(await prisma.courseVersion.count({ where: { courseId: ctx.courseId, status: "published" } })).toBe(0);

    const full = await newCourse();
    expect((await getPublishPage(full.ctx)).problems).toEqual([]);
    const published = await publishDraft(full.ctx, { change: "first", changeNote: "" }, "test");
    expect(published).toEqual({ ok: true, number: 1, delta: null });
    const v1 = await versionSnapshot(full.ctx.courseId, 1);
    expect(v1.status).toBe("published");
    expect(v1.publishedAt).not.toBeNull();
    expect(v1.searchText).toContain("dich vu cong truc tuyen");
    const content = await readVersionContent(prisma, v1.id);
    expect(v1.contentHash).toBe(bundleHash(content.bundle));
    expect(v1.lessons.map((l) => l.key)).toEqual(["dinh-danh", "chu-ky-so"]);
    expect(v1.questions).toHaveLength(5);
    const audit = await prisma.auditEvent.findFirst({
      where: { action: "course.publish", targetId: v1.id },
      select: { actorId: true },
    });
    expect(audit?.actorId).toBe(full.owner.id);
  });

  it("hashes lessons exactly as the importer does", async () => {
    const { ctx } = await newCourse();
    const { bundle } = await readVersionContent(
      prisma,
      (await prisma.courseVersion.findFirstOrThrow({ where: { courseId: ctx.courseId }, select: { id: true } })).id,
    );
    const imported = await prisma.$transaction((tx) =>
      createVersion(tx, ctx.courseId, 99, bundle, bundleHash(bundle), false),
    );
    const lessons = await prisma.lesson.findMany({
      where: { versionId: imported.id },
      select: {
        titleVi: true,
        titleEn: true,
        markdown: true,
        durationMinutes: true,
        required: true,
        videoSrc: true,
        videoDurationSeconds: true,
        transcript: true,
        captionsVi: true,
        captionsEn: true,
        contentHash: true,
      },
    });
    for (const lesson of lessons) expect(lessonContentHash(lesson)).toBe(lesson.contentHash);
    await prisma.courseVersion.delete({ where: { id: imported.id } });
  });

  it("never changes a published version: every kind of edit goes to a new draft", async () => {
    const { owner, ctx } = await newCourse();
    await publishDraft(ctx, { change: "first", changeNote: "" }, "test");
    const before = await versionSnapshot(ctx.courseId, 1);

    await saveLesson(
      ctx,
      "dinh-danh",
      lessonSchema.parse({
        titleVi: "Định danh",
        titleEn: "Identity",
        durationMinutes: "12",
        required: "on",
        markdown: "Nội dung mới",
        videoSrc: "",
        videoDurationSeconds: "",
        transcript: "",
      }),
    );
    await saveDetails(ctx, {
      titleVi: "Tên mới",
      titleEn: "New",
      summaryVi: "S",
      summaryEn: "S",
      audience: "both",
      credits: 3,
      deltaCredits: 0,
      durationMinutes: 40,
      skills: ["1.1"],
    });
    await moveLessonInOutline(ctx, "chu-ky-so", "up");
    await addLesson(ctx, { moduleKey: "co-ban", key: "bai-moi", titleVi: "Bài mới", titleEn: "New" });
    await deleteLesson(ctx, "bai-moi");
    const q = (await readVersionContent(prisma, before.id)).questions[0];
    await saveQuestion(ctx, q.key, {
      ...(await import("~/lib/authoring/question-form")).questionToForm(q),
      prompt: "Đã sửa?",
    });
    await addAttachment(ctx, "chu-ky-so", { name: "mau.pdf", bytes: PDF });

    const after = await versionSnapshot(ctx.courseId, 1);
    expect(after).toEqual(before);
    const versions = await prisma.courseVersion.findMany({
      where: { courseId: ctx.courseId },
      orderBy: { number: "asc" },
      select: { number: true, status: true },
    });
    expect(versions).toEqual([
      { number: 1, status: "published" },
      { number: 2, status: "draft" },
    ]);
    const draft = await versionSnapshot(ctx.courseId, 2);
    expect(draft.titleVi).toBe("Tên mới");
    expect(draft.lessons.map((l) => l.key)).toEqual(["chu-ky-so", "dinh-danh"]);
    expect(draft.lessons.find((l) => l.key === "chu-ky-so")?.attachments.map((a) => a.fileName)).toEqual(["mau.pdf"]);
    // Writes scoped to the draft cannot reach a published row even when aimed at it directly.
    const direct = await prisma.lesson.updateMany({
      where: { id: before.lessons[0].id, version: { status: "draft" } },
      data: { markdown: "x" },
    });
    expect(direct.count).toBe(0);
    expect((await listWorkspace(owner, "vi")).find((c) => c.slug === ctx.slug)).toMatchObject({
      draftNumber: 2,
      publishedNumber: 1,
    });
  });

  it("reorders lessons across modules and keeps positions consecutive", async () => {
    const { ctx } = await newCourse();
    await addModule(ctx, { key: "nang-cao", titleVi: "Nâng cao", titleEn: "Advanced" });
    await moveLessonInOutline(ctx, "chu-ky-so", "down");
    const outline = await getOutline(ctx, "vi");
    expect(outline.modules.map((m) => [m.key, m.lessons.map((l) => l.key)])).toEqual([
      ["co-ban", ["dinh-danh"]],
      ["nang-cao", ["chu-ky-so"]],
    ]);
    const positions = await prisma.lesson.findMany({
      where: { version: { courseId: ctx.courseId } },
      orderBy: { position: "asc" },
      select: { key: true, position: true },
    });
    expect(positions).toEqual([
      { key: "dinh-danh", position: 1 },
      { key: "chu-ky-so", position: 2 },
    ]);
  });
});

describe("versions and 'what changed' retraining", () => {
  it("a material change supersedes certificates, enrols holders in a delta of the changed lesson only, and the delta re-certifies", async () => {
    const { ctx } = await newCourse();
    await publishDraft(ctx, { change: "first", changeNote: "" }, "test");
    const learner = await sessionUser("learner", users);
    const v1Id = await completeAllLessons(learner.id, ctx.slug);
    await recordGradedAttempt(learner.id, v1Id, true);
    expect((await tryCompleteCourse(learner.id, v1Id)).completed).toBe(true);
    const [firstCertificate] = await myCertificates(learner.id);
    expect(firstCertificate.status).toBe("valid");
    // Someone enrolled in v1 without a certificate stays on v1 and gets no delta.
    const enrolledOnly = await sessionUser("learner", users);
    await prisma.enrollment.create({ data: { userId: enrolledOnly.id, versionId: v1Id } });

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
    const page = await getPublishPage(ctx);
    expect(page.previousNumber).toBe(1);
    expect(page.diff?.lessons.map((c) => `${c.change}:${c.key}`)).toEqual(["changed:chu-ky-so"]);
    expect(page.diff?.questions).toEqual([]);
    expect(page.holders).toBe(1);
    expect(await publishDraft(ctx, { change: "material", changeNote: "" }, "test")).toEqual({
      ok: false,
      fieldErrors: { changeNote: "authoring.errors.changeNote" },
    });

    const result = await publishDraft(
      ctx,
      { change: "material", changeNote: "Nghị định mới về chữ ký số từ xa" },
      "test",
    );
    expect(result).toEqual({ ok: true, number: 2, delta: { number: 2, lessons: 1, questions: 2, enrolled: 1 } });

    const v2 = await prisma.courseVersion.findFirstOrThrow({
      where: { courseId: ctx.courseId, kind: "full", number: 2 },
      select: { id: true, material: true, status: true, changeNote: true },
    });
    expect(v2).toMatchObject({ material: true, status: "published", changeNote: "Nghị định mới về chữ ký số từ xa" });
    const delta = await prisma.courseVersion.findFirstOrThrow({
      where: { courseId: ctx.courseId, kind: "delta" },
      select: {
        id: true,
        number: true,
        deltaOfId: true,
        status: true,
        credits: true,
        deltaCredits: true,
        lessons: { select: { key: true } },
        questions: { select: { key: true } },
        exam: { select: { pools: true } },
        enrollments: { select: { userId: true, source: true } },
      },
    });
    expect(delta).toMatchObject({ number: 2, deltaOfId: v2.id, status: "published", credits: 0, deltaCredits: 0.5 });
    expect(delta.lessons.map((l) => l.key)).toEqual(["chu-ky-so"]);
    expect(delta.questions.map((q) => q.key).sort()).toEqual(["chu-ky-phap-ly", "chu-ky-so-nam"]);
    expect(delta.exam?.pools).toEqual([{ pool: "default", draw: 2 }]);
    expect(delta.enrollments).toEqual([{ userId: learner.id, source: "delta" }]);
    expect(await prisma.enrollment.count({ where: { userId: enrolledOnly.id } })).toBe(1);
    // Learners already enrolled finish the version they started; new enrolments get the newest.
    expect(
      (await prisma.enrollment.findFirstOrThrow({ where: { userId: enrolledOnly.id }, select: { versionId: true } }))
        .versionId,
    ).toBe(v1Id);
    const newcomer = await sessionUser("learner", users);
    expect((await enroll(newcomer.id, ctx.slug)).versionId).toBe(v2.id);

    // Earlier certificates are now superseded, still genuine.
    expect((await verifyByCode(firstCertificate.code)).status).toBe("superseded");
    expect((await myCertificates(learner.id))[0].status).toBe("superseded");

    // The learner sees the delta in "My learning" and takes only it.
    const learning = await listMyLearning(learner.id, "vi");
    expect(learning.map((c) => [c.kind, c.slug, c.path])).toContainEqual([
      "delta",
      ctx.slug,
      `/courses/${ctx.slug}/update/2`,
    ]);
    const deltaPage = await getDeltaPage(learner.id, ctx.slug, 2, "vi");
    expect(deltaPage.modules.flatMap((m) => m.lessons.map((l) => l.key))).toEqual(["chu-ky-so"]);
    expect(deltaPage.exam?.questionCount).toBe(2);
    const lessonPage = await getDeltaLessonPage(learner.id, ctx.slug, 2, "chu-ky-so", "vi");
    expect(lessonPage.lesson.html).toContain("chữ ký số từ xa");
    await expect(getDeltaPage(enrolledOnly.id, ctx.slug, 2, "vi")).rejects.toMatchObject({ status: 404 });

    const started = await startDeltaAttempt(learner.id, ctx.slug, 2);
    expect(started.ok).toBe(true);
    expect(await startDeltaAttempt(learner.id, ctx.slug, 2)).toEqual(started);
    const attempt = await prisma.attempt.findUniqueOrThrow({
      where: { id: (started as { attemptId: string }).attemptId },
      select: { snapshot: true, state: true },
    });
    expect((attempt.snapshot as { key: string }[]).map((q) => q.key).sort()).toEqual([
      "chu-ky-phap-ly",
      "chu-ky-so-nam",
    ]);
    await prisma.attempt.deleteMany({ where: { userId: learner.id, exam: { versionId: delta.id } } });

    await recordGradedAttempt(learner.id, delta.id, true);
    const { versionId } = await completeDeltaLesson(learner.id, ctx.slug, 2, "chu-ky-so");
    expect((await tryCompleteCourse(learner.id, versionId)).completed).toBe(true);
    const certificates = await myCertificates(learner.id);
    expect(certificates.map((c) => [c.versionNumber, c.status, c.credits])).toEqual([
      [2, "valid", 0.5],
      [1, "superseded", 2],
    ]);
    expect((await verifyByCode(certificates[0].code)).status).toBe("valid");

    const diff = await getVersionDiff(ctx, 2, "vi");
    expect(diff).toMatchObject({
      number: 2,
      previousNumber: 1,
      material: true,
      delta: { number: 2, lessons: 1, questions: 2, enrolled: 1, completed: 1 },
    });
  });

  it("a cosmetic change creates no delta and supersedes nothing", async () => {
    const { ctx } = await newCourse();
    await publishDraft(ctx, { change: "first", changeNote: "" }, "test");
    const learner = await sessionUser("learner", users);
    const v1Id = await completeAllLessons(learner.id, ctx.slug);
    await recordGradedAttempt(learner.id, v1Id, true);
    await tryCompleteCourse(learner.id, v1Id);
    await saveLesson(
      ctx,
      "dinh-danh",
      lessonSchema.parse({
        titleVi: "Bài dinh-danh",
        titleEn: "Lesson dinh-danh",
        durationMinutes: "10",
        required: "on",
        markdown: LESSON_MD["dinh-danh"].replace("dịch vụ công", "dịch vụ công."),
        videoSrc: "",
        videoDurationSeconds: "",
        transcript: "",
      }),
    );
    expect(await publishDraft(ctx, { change: "cosmetic", changeNote: "Sửa lỗi chính tả" }, "test")).toEqual({
      ok: true,
      number: 2,
      delta: null,
    });
    expect(await prisma.courseVersion.count({ where: { courseId: ctx.courseId, kind: "delta" } })).toBe(0);
    expect((await myCertificates(learner.id))[0].status).toBe("valid");
  });

  it("refuses a material change when no lesson is new or changed", async () => {
    const { ctx } = await newCourse();
    await publishDraft(ctx, { change: "first", changeNote: "" }, "test");
    await saveDetails(ctx, {
      titleVi: "Tên khác",
      titleEn: "Other",
      summaryVi: "S",
      summaryEn: "S",
      audience: "both",
      credits: 2,
      deltaCredits: 0,
      durationMinutes: 30,
      skills: ["2.3"],
    });
    expect(await publishDraft(ctx, { change: "material", changeNote: "x" }, "test")).toEqual({
      ok: false,
      fieldErrors: { change: "authoring.errors.materialNoLessons" },
    });
  });
});

describe("export and import", () => {
  it("round-trips an authored course: export → the CLI's parser → import changes nothing", async () => {
    const { owner, ctx } = await newCourse();
    await publishDraft(ctx, { change: "first", changeNote: "" }, "test");
    const version = await prisma.courseVersion.findFirstOrThrow({
      where: { courseId: ctx.courseId, number: 1 },
      select: { id: true, contentHash: true },
    });
    const { bundle } = await readVersionContent(prisma, version.id);
    const zip = await exportCourseZip(ctx);
    expect(zip.fileName).toBe(`${ctx.slug}-v1.zip`);
    const entries = unzipSync(zip.bytes);
    const files = new Map(
      Object.entries(entries).map(([name, bytes]) => [
        name.slice(ctx.slug.length + 1),
        new TextDecoder().decode(bytes),
      ]),
    );
    expect([...files.keys()].sort()).toEqual([
      "course.yaml",
      "exam.yaml",
      "lessons/01-dinh-danh.md",
      "lessons/02-chu-ky-so.md",
      "questions.yaml",
    ]);
    const parsed = parseCourse(ctx.slug, files);
    expect(parsed).toEqual({ ok: true, course: bundle });
    expect(bundleHash(bundle)).toBe(version.contentHash);

    expect(await importCourseZip(owner, zip.fileName, zip.bytes, "test")).toEqual({
      ok: true,
      slug: ctx.slug,
      action: "unchanged",
      version: 1,
    });

    // The same files under another folder name import as a new course owned by the importer.
    const copySlug = uniqueSlug("ban-sao");
    slugs.push(copySlug);
    const renamed: Record<string, Uint8Array> = {};
    for (const [name, text] of files)
      renamed[`${copySlug}/${name}`] = strToU8(
        name === "course.yaml" ? text.replace(`slug: ${ctx.slug}`, `slug: ${copySlug}`) : text,
      );
    const other = await sessionUser("trainer", users);
    expect(await importCourseZip(other, "copy.zip", zipSync(renamed), "test")).toEqual({
      ok: true,
      slug: copySlug,
      action: "created",
      version: 1,
    });
    const copy = await prisma.courseVersion.findFirstOrThrow({
      where: { course: { slug: copySlug } },
      select: { id: true, status: true, course: { select: { authors: { select: { userId: true, isOwner: true } } } } },
    });
    expect(copy.status).toBe("draft");
    expect(copy.course.authors).toEqual([{ userId: other.id, isOwner: true }]);
    expect((await readVersionContent(prisma, copy.id)).bundle).toEqual({ ...bundle, slug: copySlug });
    // A trainer may not import over someone else's course.
    expect(await importCourseZip(other, zip.fileName, zip.bytes, "test")).toEqual({
      ok: false,
      error: "authoring.import.notAuthor",
    });
  });

  it("imports nothing from an invalid zip and reports file:line", async () => {
    const owner = await sessionUser("trainer", users);
    const slug = uniqueSlug("hong");
    const courses = await prisma.course.count();
    const bad = zipSync({
      [`${slug}/course.yaml`]: strToU8(`slug: ${slug}\ntitle:\n  vi: A\n  en: B\naudience: everyone\n`),
    });
    const result = await importCourseZip(owner, "bad.zip", bad, "test");
    expect(result.ok).toBe(false);
    expect(!result.ok && "errors" in result ? result.errors : []).toContainEqual({
      file: `${slug}/course.yaml`,
      line: 5,
      path: "audience",
      code: "authoring.format.enum",
      params: { options: "citizens, officials, both" },
    });
    expect(await prisma.course.count()).toBe(courses);
    expect(await importCourseZip(owner, "x.zip", strToU8("not a zip"), "test")).toEqual({
      ok: false,
      error: "authoring.import.notZip",
    });
  });

  it("imports GIFT questions only when clean, and unsupported ones only skipped on confirmation", async () => {
    const { ctx } = await newCourse();
    const gift =
      "::Thủ đô::Thủ đô của Việt Nam là?{=Hà Nội ~Huế ~Đà Nẵng}\n\n::Mô tả::Viết một đoạn văn.{}\n\n::vneid muc 2::VNeID mức 2 cần CCCD gắn chip{T}\n";
    const preview = await previewQuestionImport(ctx, { text: gift, format: "gift", pool: "gift", lesson: "dinh-danh" });
    expect(preview.errors).toEqual([]);
    expect(preview.unsupported).toEqual([expect.objectContaining({ line: 3 })]);
    expect(preview.questions.map((q) => [q.key, q.pool, q.lessons])).toEqual([
      ["thu-do", "gift", ["dinh-danh"]],
      ["vneid-muc-2-2", "gift", ["dinh-danh"]],
    ]);
    expect(preview.renamed).toEqual([{ from: "vneid-muc-2", to: "vneid-muc-2-2" }]);
    const before = await prisma.question.count({ where: { version: { courseId: ctx.courseId } } });
    expect(
      (
        await importQuestions(ctx, {
          text: gift,
          format: "gift",
          pool: "gift",
          lesson: "dinh-danh",
          skipUnsupported: false,
        })
      ).ok,
    ).toBe(false);
    expect(await prisma.question.count({ where: { version: { courseId: ctx.courseId } } })).toBe(before);
    expect(
      await importQuestions(ctx, {
        text: gift,
        format: "gift",
        pool: "gift",
        lesson: "dinh-danh",
        skipUnsupported: true,
      }),
    ).toEqual({ ok: true, added: 2 });
    const broken = await previewQuestionImport(ctx, {
      text: "Câu hỏi?\nA. Có\nB. Không\nANSWER: C\n",
      format: "aiken",
      pool: "default",
      lesson: "",
    });
    expect(broken.errors).toEqual([
      { line: 4, code: "exams.import.aiken.answerNotOption", params: { letter: "C", letters: "A, B" } },
    ]);
  });
});

describe("GIFT download", () => {
  it("the trainer's GIFT file re-imports into another course as the same bank; the ordering question is listed, not written", async () => {
    const { owner, ctx } = await newCourse();
    const response = await downloadGift({
      request: new Request(`http://localhost/author/courses/${ctx.slug}/questions/gift.txt`, {
        headers: { Cookie: await sessionCookie(owner.id) },
      }),
      params: { slug: ctx.slug },
      context: { requestId: "test", cspNonce: "" },
    });
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="${ctx.slug}-v1-questions.gift.txt"`,
    );
    const text = await response.text();
    expect(text).toContain("// not exported: thu-tu-nop (ordering question)");
    const bank = await listQuestions(ctx, "vi");
    expect(bank.giftSkipped).toEqual(["thu-tu-nop"]);

    const original = (
      await prisma.question.findMany({
        where: { version: { courseId: ctx.courseId } },
        orderBy: { position: "asc" },
        select: { spec: true, type: true },
      })
    ).filter((q) => q.type !== "ordering");
    const other = await newCourse();
    await prisma.question.deleteMany({ where: { version: { courseId: other.ctx.courseId } } });
    const imported = await importQuestions(other.ctx, {
      text,
      format: "gift",
      pool: "default",
      lesson: "",
      skipUnsupported: false,
    });
    expect(imported).toEqual({ ok: true, added: original.length });
    const again = await prisma.question.findMany({
      where: { version: { courseId: other.ctx.courseId } },
      orderBy: { position: "asc" },
      select: { spec: true },
    });
    expect(again.map((q) => q.spec)).toEqual(original.map((q) => q.spec));
  });
});

describe("attachments and co-authors", () => {
  it("stores checked files by hash and serves them to authors and enrolled learners only", async () => {
    const { owner, ctx } = await newCourse();
    expect(
      await addAttachment(ctx, "dinh-danh", { name: "virus.pdf", bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0]) }),
    ).toEqual({ ok: false, error: "authoring.upload.mismatch" });
    const added = await addAttachment(ctx, "dinh-danh", { name: "Hướng dẫn.pdf", bytes: PDF });
    expect(added.ok).toBe(true);
    const id = (added as { attachment: { id: string } }).attachment.id;
    const file = await attachmentForDownload(owner, id);
    expect(file && fs.readFileSync(file.file)).toEqual(Buffer.from(PDF));
    await publishDraft(ctx, { change: "first", changeNote: "" }, "test");
    const stranger = await sessionUser("learner", users);
    expect(await attachmentForDownload(stranger, id)).toBeNull();
    await completeAllLessons(stranger.id, ctx.slug);
    expect(await attachmentForDownload(stranger, id)).not.toBeNull();
    // The enrolled learner's lesson page lists it, and its link downloads the file.
    const lessonPage = await getLessonPage(stranger.id, ctx.slug, "dinh-danh", "vi");
    expect(lessonPage.lesson.attachments).toEqual([{ id, fileName: "Hướng dẫn.pdf", size: PDF.length }]);
    expect((await getLessonPage(stranger.id, ctx.slug, "chu-ky-so", "vi")).lesson.attachments).toEqual([]);
    const download = await downloadAttachment({
      request: new Request(`http://localhost/attachments/${id}`, {
        headers: { Cookie: await sessionCookie(stranger.id) },
      }),
      params: { attachmentId: id },
      context: { requestId: "test", cspNonce: "" },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent("Hướng dẫn.pdf")}`,
    );
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    const outsider = await sessionUser("trainer", users);
    expect(await attachmentForDownload(outsider, id)).toBeNull();
    // Removing it from the next draft leaves the published lesson's copy.
    await removeAttachment(ctx, "dinh-danh", id);
    expect(
      await prisma.attachment.count({ where: { lesson: { version: { courseId: ctx.courseId, status: "draft" } } } }),
    ).toBe(0);
    expect(await prisma.attachment.count({ where: { id } })).toBe(1);
  });

  it("refuses an oversized upload while reading it, keeping none of it", async () => {
    const form = new FormData();
    form.append("intent", "upload");
    form.append("file", new File([new Uint8Array(2048).fill(0x25)], "lon.pdf", { type: "application/pdf" }));
    const request = new Request("http://localhost/x/attachments", { method: "POST", body: form });
    expect(await readMultipart(request, "file", 1024)).toEqual({ ok: false, error: "authoring.upload.tooLarge" });
    const small = new FormData();
    small.append("file", new File([PDF], "nho.pdf", { type: "application/pdf" }));
    const read = await readMultipart(
      new Request("http://localhost/x/attachments", { method: "POST", body: small }),
      "file",
      1024,
    );
    expect(read.ok && read.file).toEqual({ name: "nho.pdf", bytes: PDF });
    expect(
      await readMultipart(
        new Request("http://localhost/x", {
          method: "POST",
          body: "a=1",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }),
        "file",
        1024,
      ),
    ).toEqual({ ok: false, error: "authoring.upload.invalidRequest" });
  });

  it("lets the owner add trainers, not learners, and a co-author edit", async () => {
    const { ctx } = await newCourse();
    const colleague = await sessionUser("trainer", users);
    const learner = await sessionUser("learner", users);
    expect(await addCoAuthor(ctx, learner.email, "test")).toEqual({
      ok: false,
      fieldErrors: { email: "authoring.authors.notTrainer" },
    });
    expect(await addCoAuthor(ctx, "nobody@test.hocso.vn", "test")).toEqual({
      ok: false,
      fieldErrors: { email: "authoring.authors.unknown" },
    });
    expect(await addCoAuthor(ctx, colleague.email, "test")).toMatchObject({ ok: true });
    expect(await addCoAuthor(ctx, colleague.email, "test")).toEqual({
      ok: false,
      fieldErrors: { email: "authoring.authors.already" },
    });
    const coCtx = await courseAuthorFor(colleague, ctx.slug);
    expect(coCtx.isOwner).toBe(false);
    expect((await addModule(coCtx, { key: "them", titleVi: "Thêm", titleEn: "More" })).ok).toBe(true);
    expect(await removeCoAuthor(ctx, colleague.id, "test")).toBe(true);
    await expect(courseAuthorFor(colleague, ctx.slug)).rejects.toMatchObject({ status: 403 });
  });
});

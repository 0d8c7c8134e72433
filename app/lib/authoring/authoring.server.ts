/**
 * Authoring: the trainer's workspace, and every edit of a course's draft version. An edit of a
 * course whose newest version is published first copies that version into a new draft, inside
 * the same transaction: published versions are never written (every write below is scoped to
 * the course's draft).
 */
import type { SessionUser } from "~/lib/accounts/auth.server";
import { recordAudit } from "~/lib/audit/audit.server";
import { normalizeWebVtt } from "~/lib/content/webvtt";
import { DIGCOMP } from "~/lib/courses/digcomp";
import { prisma } from "~/lib/db.server";
import { checkPools } from "~/lib/exams/draw";
import {
  normalizeQuestion,
  questionInputSchema,
  questionProblems,
  type Question,
  type QuestionType,
} from "~/lib/exams/question";
import { parsePools, parseQuestion } from "~/lib/exams/question.schema";
import { giftSkipReason } from "~/lib/exams/gift-export";
import { draftText, type Locale } from "~/lib/i18n/i18n";
import type { AuthorContext } from "./access.server";
import type { CourseDetailsInput, ExamSettingsInput, LessonInput } from "./authoring.schema";
import { moveItem, moveLesson, type Direction } from "./outline";
import { formToInput, questionToForm, type QuestionFormValues } from "./question-form";
import {
  copyVersionAsDraft,
  lessonContentHash,
  normalizeMarkdown,
  questionContentHash,
  type Client,
  type Tx,
} from "./versions.server";
import { lessonScorm } from "~/lib/scorm/store.server";
import { invariantResponse } from "~/lib/http.server";
import { parseStringList } from "~/lib/stored-json";

export type FieldErrors = Record<string, string>;
export type Saved = { ok: true; savedAt: string; versionNumber: number };
export type Refused = { ok: false; fieldErrors: FieldErrors; formError?: string };

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return e.code === "P2002" || e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

// ─── Drafts ──────────────────────────────────────────────────────────────────

type VersionRef = { id: string; number: number; status: string };

async function newestFull(client: Client, courseId: string): Promise<VersionRef | null> {
  return client.courseVersion.findFirst({
    where: { courseId, kind: "full" },
    orderBy: { number: "desc" },
    select: { id: true, number: true, status: true },
  });
}

/** The course's draft, created from its newest published version when there is none. */
export async function ensureDraft(tx: Tx, courseId: string): Promise<{ id: string; number: number; created: boolean }> {
  const latest = await newestFull(tx, courseId);
  invariantResponse(latest, "Not found", { status: 404 });
  if (latest.status === "draft") return { id: latest.id, number: latest.number, created: false };
  const id = await copyVersionAsDraft(tx, latest.id, latest.number + 1);
  return { id, number: latest.number + 1, created: true };
}

/**
 * Runs an edit on the course's draft in one transaction. Two first edits racing to create the
 * draft collide on the unique (course, kind, number); the loser runs again on the winner's draft.
 */
export async function withDraft<T>(
  ctx: AuthorContext,
  edit: (tx: Tx, draft: { id: string; number: number }) => Promise<T>,
): Promise<T> {
  for (let round = 0; ; round++) {
    try {
      return await prisma.$transaction(async (tx) => edit(tx, await ensureDraft(tx, ctx.courseId)), {
        timeout: 30_000,
        maxWait: 15_000,
      });
    } catch (error) {
      if (round < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

const saved = (number: number): Saved => ({ ok: true, savedAt: new Date().toISOString(), versionNumber: number });
const refused = (fieldErrors: FieldErrors, formError?: string): Refused => ({
  ok: false,
  fieldErrors,
  ...(formError ? { formError } : {}),
});

/** The version the editors show: the draft, or the newest published version until an edit creates one. */
export async function editableVersion(courseId: string) {
  const latest = await newestFull(prisma, courseId);
  invariantResponse(latest, "Not found", { status: 404 });
  return { id: latest.id, number: latest.number, isDraft: latest.status === "draft" };
}

/** Drops the draft; only when a published version remains to go back to. */
export async function discardDraft(ctx: AuthorContext): Promise<boolean> {
  const latest = await newestFull(prisma, ctx.courseId);
  if (!latest || latest.status !== "draft" || latest.number === 1) return false;
  const deleted = await prisma.courseVersion.deleteMany({
    where: { id: latest.id, courseId: ctx.courseId, status: "draft" },
  });
  return deleted.count === 1;
}

// ─── Workspace ───────────────────────────────────────────────────────────────

type CourseStats = { learners: number; passRate: number | null };

/** Learners enrolled (in any version, deltas included) and the share of examinees who passed. */
async function courseStats(courseIds: string[]): Promise<Map<string, CourseStats>> {
  const stats = new Map<string, CourseStats>(courseIds.map((id) => [id, { learners: 0, passRate: null }]));
  if (courseIds.length === 0) return stats;
  const [versions, examinees, passers] = await Promise.all([
    prisma.courseVersion.findMany({
      where: { courseId: { in: courseIds } },
      select: { id: true, courseId: true, exam: { select: { id: true } } },
    }),
    prisma.attempt.groupBy({
      by: ["examId", "userId"],
      where: { state: "graded", exam: { version: { courseId: { in: courseIds } } } },
    }),
    prisma.attempt.groupBy({
      by: ["examId", "userId"],
      where: { state: "graded", passed: true, exam: { version: { courseId: { in: courseIds } } } },
    }),
  ]);
  const enrolments = await prisma.enrollment.groupBy({
    by: ["userId", "versionId"],
    where: { versionId: { in: versions.map((v) => v.id) } },
  });
  const courseOfVersion = new Map(versions.map((v) => [v.id, v.courseId]));
  const courseOfExam = new Map(versions.filter((v) => v.exam).map((v) => [v.exam!.id, v.courseId]));
  const distinct = (rows: { userId: string; key: string | undefined }[]) => {
    const out = new Map<string, Set<string>>();
    for (const row of rows)
      if (row.key) (out.get(row.key) ?? out.set(row.key, new Set()).get(row.key)!).add(row.userId);
    return out;
  };
  const learners = distinct(enrolments.map((e) => ({ userId: e.userId, key: courseOfVersion.get(e.versionId) })));
  const took = distinct(examinees.map((a) => ({ userId: a.userId, key: courseOfExam.get(a.examId) })));
  const passed = distinct(passers.map((a) => ({ userId: a.userId, key: courseOfExam.get(a.examId) })));
  for (const id of courseIds) {
    const tookCount = took.get(id)?.size ?? 0;
    stats.set(id, {
      learners: learners.get(id)?.size ?? 0,
      passRate: tookCount ? Math.round(((passed.get(id)?.size ?? 0) / tookCount) * 100) : null,
    });
  }
  return stats;
}

/** The trainer's courses (owned or co-authored); an admin sees every course. */
export async function listWorkspace(user: SessionUser, locale: Locale) {
  const courses = await prisma.course.findMany({
    where: user.role === "admin" ? {} : { authors: { some: { userId: user.id } } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      slug: true,
      authors: { where: { userId: user.id }, select: { isOwner: true } },
      versions: {
        where: { kind: "full" },
        orderBy: { number: "desc" },
        select: { number: true, status: true, titleVi: true, titleEn: true, publishedAt: true },
      },
    },
  });
  const stats = await courseStats(courses.map((c) => c.id));
  return courses.map((c) => {
    const newest = c.versions[0];
    const published = c.versions.find((v) => v.status === "published");
    return {
      slug: c.slug,
      title: newest ? draftText(locale, newest.titleVi, newest.titleEn) : c.slug,
      isOwner: c.authors[0]?.isOwner === true,
      draftNumber: newest?.status === "draft" ? newest.number : null,
      publishedNumber: published?.number ?? null,
      publishedAt: published?.publishedAt?.toISOString() ?? null,
      ...stats.get(c.id)!,
    };
  });
}

export async function createCourse(
  user: SessionUser,
  input: { slug: string; titleVi: string; titleEn: string },
  ip: string,
): Promise<{ ok: true; slug: string } | Refused> {
  try {
    await prisma.$transaction(async (tx) => {
      const course = await tx.course.create({
        data: { slug: input.slug, authors: { create: { userId: user.id, isOwner: true } } },
        select: { id: true },
      });
      await tx.courseVersion.create({
        data: {
          courseId: course.id,
          number: 1,
          kind: "full",
          status: "draft",
          titleVi: input.titleVi,
          titleEn: input.titleEn,
          summaryVi: "",
          summaryEn: "",
          audience: "citizens",
          credits: 1,
          deltaCredits: 0,
          durationMinutes: 30,
          skills: [],
          searchText: "",
          contentHash: "draft",
        },
        select: { id: true },
      });
      await recordAudit(
        {
          actorId: user.id,
          action: "course.create",
          targetType: "course",
          targetId: course.id,
          after: { slug: input.slug },
          ip,
        },
        tx,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) return refused({ slug: "authoring.errors.slugTaken" });
    throw error;
  }
  return { ok: true, slug: input.slug };
}

export async function getCourseOverview(ctx: AuthorContext, locale: Locale) {
  const [versions, authors, stats] = await Promise.all([
    prisma.courseVersion.findMany({
      where: { courseId: ctx.courseId },
      orderBy: [{ number: "desc" }, { kind: "desc" }],
      select: {
        id: true,
        number: true,
        kind: true,
        status: true,
        titleVi: true,
        titleEn: true,
        publishedAt: true,
        material: true,
        changeNote: true,
        _count: { select: { enrollments: true, lessons: true, questions: true } },
      },
    }),
    prisma.courseAuthor.findMany({
      where: { courseId: ctx.courseId },
      orderBy: [{ isOwner: "desc" }],
      select: { isOwner: true, user: { select: { id: true, fullName: true, email: true, role: true } } },
    }),
    courseStats([ctx.courseId]),
  ]);
  const full = versions.filter((v) => v.kind === "full");
  const newest = full[0];
  return {
    slug: ctx.slug,
    title: newest ? draftText(locale, newest.titleVi, newest.titleEn) : ctx.slug,
    isOwner: ctx.isOwner,
    draftNumber: newest?.status === "draft" ? newest.number : null,
    canDiscard: newest?.status === "draft" && newest.number > 1,
    versions: versions.map((v) => ({
      number: v.number,
      kind: v.kind as "full" | "delta",
      status: v.status as "draft" | "published",
      publishedAt: v.publishedAt?.toISOString() ?? null,
      material: v.material,
      changeNote: v.changeNote,
      enrolled: v._count.enrollments,
      lessons: v._count.lessons,
      questions: v._count.questions,
    })),
    authors: authors.map((a) => ({
      id: a.user.id,
      fullName: a.user.fullName,
      email: a.user.email,
      isOwner: a.isOwner,
    })),
    stats: stats.get(ctx.courseId)!,
  };
}

// ─── Course details ──────────────────────────────────────────────────────────

export async function getDetails(ctx: AuthorContext) {
  const version = await editableVersion(ctx.courseId);
  const v = await prisma.courseVersion.findFirstOrThrow({
    where: { id: version.id, courseId: ctx.courseId },
    select: {
      titleVi: true,
      titleEn: true,
      summaryVi: true,
      summaryEn: true,
      audience: true,
      credits: true,
      deltaCredits: true,
      durationMinutes: true,
      skills: true,
      certificateValidityMonths: true,
    },
  });
  return {
    version,
    skillCodes: Object.keys(DIGCOMP),
    values: {
      titleVi: v.titleVi,
      titleEn: v.titleEn,
      summaryVi: v.summaryVi,
      summaryEn: v.summaryEn,
      audience: v.audience as "citizens" | "officials" | "both",
      credits: String(v.credits),
      deltaCredits: String(v.deltaCredits),
      durationMinutes: String(v.durationMinutes),
      skills: parseStringList(v.skills, `version ${version.id} skills`),
      certificateValidityMonths: v.certificateValidityMonths ? String(v.certificateValidityMonths) : "",
    },
  };
}

export async function saveDetails(ctx: AuthorContext, input: CourseDetailsInput): Promise<Saved> {
  return withDraft(ctx, async (tx, draft) => {
    await tx.courseVersion.update({
      where: { id: draft.id, courseId: ctx.courseId, status: "draft" },
      data: {
        titleVi: input.titleVi,
        titleEn: input.titleEn,
        summaryVi: input.summaryVi,
        summaryEn: input.summaryEn,
        audience: input.audience,
        credits: input.credits,
        deltaCredits: input.deltaCredits,
        durationMinutes: input.durationMinutes,
        skills: input.skills,
        certificateValidityMonths: input.certificateValidityMonths ?? null,
      },
      select: { id: true },
    });
    return saved(draft.number);
  });
}

// ─── Modules and lessons ─────────────────────────────────────────────────────

type Outline = { key: string; lessons: string[] }[];

async function readOutline(client: Client, versionId: string): Promise<Outline> {
  const modules = await client.module.findMany({
    where: { versionId },
    orderBy: { position: "asc" },
    select: { key: true, lessons: { orderBy: { position: "asc" }, select: { key: true } } },
  });
  return modules.map((m) => ({ key: m.key, lessons: m.lessons.map((l) => l.key) }));
}

/** Rewrites module positions and global lesson positions (lesson files are numbered across modules). */
async function writeOutline(tx: Tx, versionId: string, outline: Outline) {
  const modules = await tx.module.findMany({ where: { versionId }, select: { id: true, key: true } });
  const moduleId = new Map(modules.map((m) => [m.key, m.id]));
  let position = 0;
  for (const [index, module] of outline.entries()) {
    await tx.module.update({
      where: { versionId_key: { versionId, key: module.key } },
      data: { position: index + 1 },
      select: { id: true },
    });
    for (const key of module.lessons) {
      await tx.lesson.update({
        where: { versionId_key: { versionId, key } },
        data: { position: ++position, moduleId: moduleId.get(module.key)! },
        select: { id: true },
      });
    }
  }
}

export async function getOutline(ctx: AuthorContext, locale: Locale) {
  const version = await editableVersion(ctx.courseId);
  const modules = await prisma.module.findMany({
    where: { versionId: version.id, version: { courseId: ctx.courseId } },
    orderBy: { position: "asc" },
    select: {
      key: true,
      titleVi: true,
      titleEn: true,
      lessons: {
        orderBy: { position: "asc" },
        select: {
          key: true,
          titleVi: true,
          titleEn: true,
          durationMinutes: true,
          videoSrc: true,
          markdown: true,
          _count: { select: { attachments: true } },
        },
      },
    },
  });
  return {
    version,
    modules: modules.map((m) => ({
      key: m.key,
      titleVi: m.titleVi,
      titleEn: m.titleEn,
      lessons: m.lessons.map((l) => ({
        key: l.key,
        title: draftText(locale, l.titleVi, l.titleEn),
        durationMinutes: l.durationMinutes,
        hasVideo: Boolean(l.videoSrc),
        empty: l.markdown.trim() === "",
        attachments: l._count.attachments,
      })),
    })),
  };
}

async function keyTaken(tx: Tx, versionId: string, what: "module" | "lesson", key: string) {
  return what === "module"
    ? (await tx.module.count({ where: { versionId, key } })) > 0
    : (await tx.lesson.count({ where: { versionId, key } })) > 0;
}

export async function addModule(
  ctx: AuthorContext,
  input: { key: string; titleVi: string; titleEn: string },
): Promise<Saved | Refused> {
  return withDraft(ctx, async (tx, draft) => {
    if (await keyTaken(tx, draft.id, "module", input.key)) return refused({ key: "authoring.errors.keyTaken" });
    const position = (await tx.module.count({ where: { versionId: draft.id } })) + 1;
    await tx.module.create({
      data: { versionId: draft.id, key: input.key, position, titleVi: input.titleVi, titleEn: input.titleEn },
      select: { id: true },
    });
    return saved(draft.number);
  });
}

export async function renameModule(
  ctx: AuthorContext,
  input: { moduleKey: string; titleVi: string; titleEn: string },
): Promise<Saved | Refused> {
  return withDraft(ctx, async (tx, draft) => {
    const updated = await tx.module.updateMany({
      where: { versionId: draft.id, key: input.moduleKey, version: { courseId: ctx.courseId, status: "draft" } },
      data: { titleVi: input.titleVi, titleEn: input.titleEn },
    });
    invariantResponse(updated.count === 1, "Not found", { status: 404 });
    return saved(draft.number);
  });
}

export async function deleteModule(ctx: AuthorContext, moduleKey: string): Promise<Saved | Refused> {
  return withDraft(ctx, async (tx, draft) => {
    const module = await tx.module.findFirst({
      where: { versionId: draft.id, key: moduleKey, version: { courseId: ctx.courseId, status: "draft" } },
      select: { id: true, _count: { select: { lessons: true } } },
    });
    invariantResponse(module, "Not found", { status: 404 });
    if (module._count.lessons > 0) return refused({}, "authoring.content.moduleNotEmpty");
    await tx.module.delete({ where: { id: module.id }, select: { id: true } });
    await writeOutline(tx, draft.id, await readOutline(tx, draft.id));
    return saved(draft.number);
  });
}

export async function moveModule(ctx: AuthorContext, moduleKey: string, direction: Direction): Promise<Saved> {
  return withDraft(ctx, async (tx, draft) => {
    const outline = await readOutline(tx, draft.id);
    const index = outline.findIndex((m) => m.key === moduleKey);
    invariantResponse(index >= 0, "Not found", { status: 404 });
    await writeOutline(tx, draft.id, moveItem(outline, index, direction));
    return saved(draft.number);
  });
}

export async function moveLessonInOutline(ctx: AuthorContext, lessonKey: string, direction: Direction): Promise<Saved> {
  return withDraft(ctx, async (tx, draft) => {
    const outline = await readOutline(tx, draft.id);
    invariantResponse(
      outline.some((m) => m.lessons.includes(lessonKey)),
      "Not found",
      { status: 404 },
    );
    await writeOutline(tx, draft.id, moveLesson(outline, lessonKey, direction));
    return saved(draft.number);
  });
}

export async function addLesson(
  ctx: AuthorContext,
  input: { moduleKey: string; key: string; titleVi: string; titleEn: string },
): Promise<Saved | Refused> {
  return withDraft(ctx, async (tx, draft) => {
    const module = await tx.module.findFirst({
      where: { versionId: draft.id, key: input.moduleKey, version: { courseId: ctx.courseId, status: "draft" } },
      select: { id: true },
    });
    if (!module) return refused({ moduleKey: "authoring.errors.moduleMissing" });
    if (await keyTaken(tx, draft.id, "lesson", input.key)) return refused({ key: "authoring.errors.keyTaken" });
    const fields = {
      titleVi: input.titleVi,
      titleEn: input.titleEn,
      markdown: "",
      durationMinutes: 5,
      required: true,
      videoSrc: null,
      videoDurationSeconds: null,
      transcript: null,
      captionsVi: null,
      captionsEn: null,
    };
    await tx.lesson.create({
      data: {
        ...fields,
        versionId: draft.id,
        moduleId: module.id,
        key: input.key,
        position: 0,
        contentHash: lessonContentHash(fields),
      },
      select: { id: true },
    });
    const outline = await readOutline(tx, draft.id);
    // New lessons go last in their module (findMany ordered them first, at position 0).
    const target = outline.find((m) => m.key === input.moduleKey)!;
    target.lessons = [...target.lessons.filter((k) => k !== input.key), input.key];
    await writeOutline(tx, draft.id, outline);
    return saved(draft.number);
  });
}

/** Untags the lesson from the draft's questions, so no question points at a lesson that is gone. */
async function untagLesson(tx: Tx, versionId: string, lessonKey: string) {
  const questions = await tx.question.findMany({
    where: { versionId },
    select: { id: true, spec: true, lessonKeys: true },
  });
  for (const row of questions) {
    const keys = parseStringList(row.lessonKeys, `question ${row.id} lessonKeys`);
    if (!keys.includes(lessonKey)) continue;
    const spec = { ...parseQuestion(row.spec, `question ${row.id}`), lessons: keys.filter((k) => k !== lessonKey) };
    await tx.question.update({
      where: { id: row.id },
      data: { spec: spec, lessonKeys: spec.lessons, contentHash: questionContentHash(spec) },
      select: { id: true },
    });
  }
}

export async function deleteLesson(ctx: AuthorContext, lessonKey: string): Promise<Saved> {
  return withDraft(ctx, async (tx, draft) => {
    const deleted = await tx.lesson.deleteMany({
      where: { versionId: draft.id, key: lessonKey, version: { courseId: ctx.courseId, status: "draft" } },
    });
    invariantResponse(deleted.count === 1, "Not found", { status: 404 });
    await untagLesson(tx, draft.id, lessonKey);
    await writeOutline(tx, draft.id, await readOutline(tx, draft.id));
    return saved(draft.number);
  });
}

export async function getLessonEditor(ctx: AuthorContext, lessonKey: string, locale: Locale) {
  const version = await editableVersion(ctx.courseId);
  const lesson = await prisma.lesson.findFirst({
    where: { versionId: version.id, key: lessonKey, version: { courseId: ctx.courseId } },
    select: {
      key: true,
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
      module: { select: { titleVi: true, titleEn: true } },
      attachments: { orderBy: { createdAt: "asc" }, select: { id: true, fileName: true, mimeType: true, size: true } },
    },
  });
  invariantResponse(lesson, "Not found", { status: 404 });
  return {
    version,
    key: lesson.key,
    moduleTitle: draftText(locale, lesson.module.titleVi, lesson.module.titleEn),
    attachments: lesson.attachments,
    values: {
      titleVi: lesson.titleVi,
      titleEn: lesson.titleEn,
      durationMinutes: String(lesson.durationMinutes),
      required: lesson.required,
      markdown: lesson.markdown,
      videoSrc: lesson.videoSrc ?? "",
      videoDurationSeconds: lesson.videoDurationSeconds ? String(lesson.videoDurationSeconds) : "",
      transcript: lesson.transcript ?? "",
      captionsVi: lesson.captionsVi ?? "",
      captionsEn: lesson.captionsEn ?? "",
    },
  };
}

export async function saveLesson(ctx: AuthorContext, lessonKey: string, input: LessonInput): Promise<Saved> {
  return withDraft(ctx, async (tx, draft) => {
    const current = await tx.lesson.findFirst({
      where: { versionId: draft.id, key: lessonKey, version: { courseId: ctx.courseId, status: "draft" } },
      select: { kind: true, scormRule: true, scormPassPercent: true, scormPackage: { select: { sha256: true } } },
    });
    invariantResponse(current, "Not found", { status: 404 });
    // A SCORM lesson keeps its package (and has no video); its text is shown above the player.
    const scorm = lessonScorm(current);
    const fields = {
      titleVi: input.titleVi,
      titleEn: input.titleEn,
      markdown: normalizeMarkdown(input.markdown),
      durationMinutes: input.durationMinutes,
      required: input.required,
      videoSrc: input.videoSrc || null,
      videoDurationSeconds: input.videoSrc ? (input.videoDurationSeconds ?? null) : null,
      transcript: input.videoSrc && input.transcript.trim() ? normalizeMarkdown(input.transcript) : null,
      captionsVi: input.videoSrc && input.captionsVi.trim() ? normalizeWebVtt(input.captionsVi) : null,
      captionsEn: input.videoSrc && input.captionsEn.trim() ? normalizeWebVtt(input.captionsEn) : null,
      ...(scorm ? { videoSrc: null, videoDurationSeconds: null, transcript: null } : {}),
    };
    const updated = await tx.lesson.updateMany({
      where: { versionId: draft.id, key: lessonKey, version: { courseId: ctx.courseId, status: "draft" } },
      data: { ...fields, contentHash: lessonContentHash({ ...fields, scorm }) },
    });
    invariantResponse(updated.count === 1, "Not found", { status: 404 });
    return saved(draft.number);
  });
}

// ─── Questions ───────────────────────────────────────────────────────────────

async function lessonChoices(versionId: string, locale: Locale) {
  const lessons = await prisma.lesson.findMany({
    where: { versionId },
    orderBy: { position: "asc" },
    select: { key: true, titleVi: true, titleEn: true },
  });
  return lessons.map((l) => ({ key: l.key, title: draftText(locale, l.titleVi, l.titleEn) }));
}

export async function listQuestions(ctx: AuthorContext, locale: Locale) {
  const version = await editableVersion(ctx.courseId);
  const [rows, lessons, exam] = await Promise.all([
    prisma.question.findMany({
      where: { versionId: version.id, version: { courseId: ctx.courseId } },
      orderBy: { position: "asc" },
      select: { key: true, type: true, pool: true, points: true, lessonKeys: true, spec: true },
    }),
    lessonChoices(version.id, locale),
    prisma.exam.findUnique({ where: { versionId: version.id }, select: { pools: true } }),
  ]);
  const sizes = new Map<string, number>();
  for (const q of rows) sizes.set(q.pool, (sizes.get(q.pool) ?? 0) + 1);
  const specs = rows.map((q) => parseQuestion(q.spec, `question '${q.key}' of version ${version.id}`));
  return {
    version,
    lessons,
    hasExam: Boolean(exam),
    pools: [...sizes].map(([pool, size]) => ({ pool, size })),
    /** Keys the GIFT download leaves out (ordering questions, texts GIFT would misread). */
    giftSkipped: specs.filter((spec) => giftSkipReason(spec) !== null).map((spec) => spec.key),
    questions: rows.map((q, i) => {
      const spec = specs[i];
      return {
        key: q.key,
        type: q.type as QuestionType,
        pool: q.pool,
        points: q.points,
        lessons: parseStringList(q.lessonKeys, `question ${q.key} lessonKeys`),
        prompt: spec.prompt,
        problems: questionProblems(spec).length,
      };
    }),
  };
}

export async function getQuestionEditor(ctx: AuthorContext, questionKey: string | null, locale: Locale) {
  const version = await editableVersion(ctx.courseId);
  const lessons = await lessonChoices(version.id, locale);
  const existingKeys = (
    await prisma.question.findMany({ where: { versionId: version.id }, select: { key: true } })
  ).map((q) => q.key);
  if (questionKey === null) return { version, lessons, existingKeys, form: null };
  const row = await prisma.question.findFirst({
    where: { versionId: version.id, key: questionKey, version: { courseId: ctx.courseId } },
    select: { spec: true },
  });
  invariantResponse(row, "Not found", { status: 404 });
  const question = parseQuestion(row.spec, `question '${questionKey}' of version ${version.id}`);
  return { version, lessons, existingKeys, form: questionToForm(question) };
}

/** Creates (existingKey null) or replaces a question of the draft. The key of an existing question never changes. */
export async function saveQuestion(
  ctx: AuthorContext,
  existingKey: string | null,
  form: QuestionFormValues,
): Promise<(Saved & { key: string }) | Refused> {
  const parsed = questionInputSchema.safeParse(formToInput(existingKey ? { ...form, key: existingKey } : form));
  if (!parsed.success) return refused({}, "authoring.q.err.invalid");
  const question = normalizeQuestion(parsed.data);
  return withDraft(ctx, async (tx, draft) => {
    const lessonKeys = new Set(
      (await tx.lesson.findMany({ where: { versionId: draft.id }, select: { key: true } })).map((l) => l.key),
    );
    const unknown = question.lessons.find((k) => !lessonKeys.has(k));
    if (unknown) return refused({ lessons: "authoring.q.err.lessonMissing" });
    const data = {
      pool: question.pool,
      type: question.type,
      points: question.points,
      lessonKeys: question.lessons,
      contentHash: questionContentHash(question),
      spec: question as object,
    };
    if (existingKey) {
      const updated = await tx.question.updateMany({
        where: { versionId: draft.id, key: existingKey, version: { courseId: ctx.courseId, status: "draft" } },
        data,
      });
      invariantResponse(updated.count === 1, "Not found", { status: 404 });
    } else {
      if ((await tx.question.count({ where: { versionId: draft.id, key: question.key } })) > 0)
        return refused({ key: "authoring.errors.keyTaken" });
      const position = (await tx.question.count({ where: { versionId: draft.id } })) + 1;
      await tx.question.create({
        data: { ...data, versionId: draft.id, key: question.key, position },
        select: { id: true },
      });
    }
    return { ...saved(draft.number), key: question.key };
  });
}

export async function deleteQuestion(ctx: AuthorContext, questionKey: string): Promise<Saved> {
  return withDraft(ctx, async (tx, draft) => {
    const deleted = await tx.question.deleteMany({
      where: { versionId: draft.id, key: questionKey, version: { courseId: ctx.courseId, status: "draft" } },
    });
    invariantResponse(deleted.count === 1, "Not found", { status: 404 });
    const rest = await tx.question.findMany({
      where: { versionId: draft.id },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    for (const [index, q] of rest.entries())
      await tx.question.update({ where: { id: q.id }, data: { position: index + 1 }, select: { id: true } });
    return saved(draft.number);
  });
}

/** Adds imported questions (keys already made unique against the draft by the caller's preview, checked again here). */
export async function addQuestions(ctx: AuthorContext, questions: Question[]): Promise<Saved & { added: number }> {
  return withDraft(ctx, async (tx, draft) => {
    const existing = new Set(
      (await tx.question.findMany({ where: { versionId: draft.id }, select: { key: true } })).map((q) => q.key),
    );
    let position = existing.size;
    const fresh = questions.filter((q) => !existing.has(q.key));
    if (fresh.length > 0) {
      await tx.question.createMany({
        data: fresh.map((q) => ({
          versionId: draft.id,
          key: q.key,
          position: ++position,
          pool: q.pool,
          type: q.type,
          points: q.points,
          lessonKeys: q.lessons,
          contentHash: questionContentHash(q),
          spec: q,
        })),
      });
    }
    return { ...saved(draft.number), added: fresh.length };
  });
}

// ─── Exam settings ───────────────────────────────────────────────────────────

export async function getExamSettings(ctx: AuthorContext) {
  const version = await editableVersion(ctx.courseId);
  const [exam, questions] = await Promise.all([
    prisma.exam.findFirst({
      where: { versionId: version.id, version: { courseId: ctx.courseId } },
      select: {
        id: true,
        titleVi: true,
        titleEn: true,
        timeLimitMinutes: true,
        passPercent: true,
        maxAttempts: true,
        cooldownMinutes: true,
        reviewPolicy: true,
        allowOffline: true,
        offlineCountsForCertificate: true,
        pools: true,
      },
    }),
    prisma.question.groupBy({
      by: ["pool"],
      where: { versionId: version.id, version: { courseId: ctx.courseId } },
      _count: { _all: true },
    }),
  ]);
  const poolSizes = Object.fromEntries(questions.map((q) => [q.pool, q._count._all]));
  return {
    version,
    poolSizes,
    hasExam: Boolean(exam),
    values: exam
      ? {
          titleVi: exam.titleVi,
          titleEn: exam.titleEn,
          timeLimitMinutes: String(exam.timeLimitMinutes),
          passPercent: String(exam.passPercent),
          maxAttempts: String(exam.maxAttempts),
          cooldownMinutes: String(exam.cooldownMinutes),
          review: exam.reviewPolicy,
          allowOffline: exam.allowOffline,
          offlineCountsForCertificate: exam.offlineCountsForCertificate,
          pools: parsePools(exam.pools, exam.id).map((p) => ({ pool: p.pool, draw: String(p.draw) })),
        }
      : {
          titleVi: "Bài kiểm tra cuối khóa",
          titleEn: "Final test",
          timeLimitMinutes: "20",
          passPercent: "70",
          maxAttempts: "3",
          cooldownMinutes: "0",
          review: "answers",
          allowOffline: false,
          offlineCountsForCertificate: false,
          pools:
            Object.keys(poolSizes).length > 0
              ? Object.entries(poolSizes).map(([pool, size]) => ({ pool, draw: String(size) }))
              : [{ pool: "default", draw: "5" }],
        },
  };
}

/** Saves the exam settings; refuses pools the draft's question bank cannot fill (checkPools). */
export async function saveExamSettings(ctx: AuthorContext, input: ExamSettingsInput): Promise<Saved | Refused> {
  return withDraft(ctx, async (tx, draft) => {
    const bank = (
      await tx.question.findMany({ where: { versionId: draft.id }, select: { key: true, spec: true } })
    ).map((q) => parseQuestion(q.spec, `question '${q.key}' of version ${draft.id}`));
    const sizes = new Map<string, number>();
    for (const q of bank) sizes.set(q.pool, (sizes.get(q.pool) ?? 0) + 1);
    const errors: FieldErrors = {};
    input.pools.forEach((p, i) => {
      const size = sizes.get(p.pool) ?? 0;
      if (size === 0) errors[`pools.${i}.pool`] = "authoring.exam.errors.poolEmpty";
      else if (p.draw > size) errors[`pools.${i}.draw`] = "authoring.exam.errors.drawTooMany";
    });
    if (Object.keys(errors).length === 0 && checkPools(bank, input.pools).length > 0)
      errors.pools = "authoring.exam.errors.cannotDraw";
    if (Object.keys(errors).length > 0) return refused(errors);
    const data = {
      titleVi: input.titleVi,
      titleEn: input.titleEn,
      timeLimitMinutes: input.timeLimitMinutes,
      passPercent: input.passPercent,
      maxAttempts: input.maxAttempts,
      cooldownMinutes: input.cooldownMinutes,
      reviewPolicy: input.review,
      allowOffline: input.allowOffline,
      offlineCountsForCertificate: input.allowOffline && input.offlineCountsForCertificate,
      pools: input.pools,
    };
    await tx.exam.upsert({
      where: { versionId: draft.id },
      create: { ...data, versionId: draft.id },
      update: data,
      select: { id: true },
    });
    return saved(draft.number);
  });
}

export async function removeExam(ctx: AuthorContext): Promise<Saved> {
  return withDraft(ctx, async (tx, draft) => {
    await tx.exam.deleteMany({ where: { versionId: draft.id, version: { courseId: ctx.courseId, status: "draft" } } });
    return saved(draft.number);
  });
}

// ─── Co-authors ──────────────────────────────────────────────────────────────

export async function addCoAuthor(
  ctx: AuthorContext,
  email: string,
  ip: string,
): Promise<{ ok: true; fullName: string } | Refused> {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, role: true, fullName: true } });
  if (!user) return refused({ email: "authoring.authors.unknown" });
  if (user.role !== "trainer" && user.role !== "admin") return refused({ email: "authoring.authors.notTrainer" });
  try {
    await prisma.$transaction(async (tx) => {
      await tx.courseAuthor.create({
        data: { courseId: ctx.courseId, userId: user.id, isOwner: false },
        select: { userId: true },
      });
      await recordAudit(
        {
          actorId: ctx.user.id,
          action: "course.coauthor.add",
          targetType: "course",
          targetId: ctx.courseId,
          after: { userId: user.id },
          ip,
        },
        tx,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) return refused({ email: "authoring.authors.already" });
    throw error;
  }
  return { ok: true, fullName: user.fullName };
}

export async function removeCoAuthor(ctx: AuthorContext, userId: string, ip: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    // Owners are never removed here, so a course always keeps one.
    const removed = await tx.courseAuthor.deleteMany({ where: { courseId: ctx.courseId, userId, isOwner: false } });
    if (removed.count === 1)
      await recordAudit(
        {
          actorId: ctx.user.id,
          action: "course.coauthor.remove",
          targetType: "course",
          targetId: ctx.courseId,
          before: { userId },
          ip,
        },
        tx,
      );
    return removed.count === 1;
  });
}

/** What every page of a course's editor shows in its header. */
export async function getCourseHeader(ctx: AuthorContext, locale: Locale) {
  const latest = await prisma.courseVersion.findFirst({
    where: { courseId: ctx.courseId, kind: "full" },
    orderBy: { number: "desc" },
    select: { number: true, status: true, titleVi: true, titleEn: true },
  });
  return {
    slug: ctx.slug,
    isOwner: ctx.isOwner,
    title: latest ? draftText(locale, latest.titleVi, latest.titleEn) : ctx.slug,
    version: latest ? { number: latest.number, isDraft: latest.status === "draft" } : null,
  };
}

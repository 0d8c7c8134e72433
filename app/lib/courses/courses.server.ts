import { diffLessonText, hasTextChanges, type DiffBlock } from "~/lib/courses/lesson-diff";
import fs from "node:fs";
import path from "node:path";
import { redirect } from "@remix-run/node";
import { renderMarkdown } from "~/lib/content/markdown";
import { matchesQuery } from "~/lib/content/search";
import { CAPTION_LANGUAGES, type CaptionLanguage } from "~/lib/content/webvtt";
import { coursePath } from "~/lib/courses/paths";
import {
  applyVideoReport,
  progressPercent,
  secondsLeftWithoutScript,
  secondsRequiredWithoutScript,
} from "~/lib/courses/progress";
import { issueWatchPass, readWatchPass } from "~/lib/courses/watch-pass.server";
import { prisma } from "~/lib/db.server";
import { parsePools } from "~/lib/exams/question.schema";
import { scormPlayerFor } from "~/lib/scorm/player.server";
import type { Locale } from "~/lib/i18n/i18n";
import {
  courseRefOf,
  lessonCompletedEvent,
  queueXapi,
  queueXapiAfter,
  sendXapiSoon,
  xapiEnabled,
} from "~/lib/xapi/queue.server";
import { invariantResponse } from "~/lib/http.server";
import { parseStringList } from "~/lib/stored-json";

export const AUDIENCES = ["citizens", "officials", "both"] as const;
export type Audience = (typeof AUDIENCES)[number];

export type CatalogueFilters = { q: string; audience: Audience | ""; skill: string };

/** Published, full (not "what changed") versions, newest per course. */
async function latestPublishedVersions() {
  const versions = await prisma.courseVersion.findMany({
    where: { status: "published", kind: "full" },
    orderBy: [{ courseId: "asc" }, { number: "desc" }],
    select: {
      id: true,
      courseId: true,
      number: true,
      titleVi: true,
      titleEn: true,
      summaryVi: true,
      summaryEn: true,
      audience: true,
      credits: true,
      durationMinutes: true,
      skills: true,
      searchText: true,
      publishedAt: true,
      course: { select: { slug: true } },
      _count: { select: { lessons: true } },
    },
  });
  const seen = new Set<string>();
  return versions.filter((version) => (seen.has(version.courseId) ? false : (seen.add(version.courseId), true)));
}

/** The catalogue: search ignores diacritics and case; "both" courses appear under either audience. */
export async function listCatalogue(filters: CatalogueFilters, locale: Locale) {
  const all = await latestPublishedVersions();
  const skills = [
    ...new Set(all.flatMap((version) => parseStringList(version.skills, `version ${version.id} skills`))),
  ].sort();
  const courses = all
    .filter((version) => matchesQuery(version.searchText, filters.q))
    .filter(
      (version) =>
        !filters.audience ||
        version.audience === filters.audience ||
        version.audience === "both" ||
        filters.audience === "both",
    )
    .filter(
      (version) =>
        !filters.skill || parseStringList(version.skills, `version ${version.id} skills`).includes(filters.skill),
    )
    .map((version) => ({
      slug: version.course.slug,
      title: locale === "en" ? version.titleEn : version.titleVi,
      summary: locale === "en" ? version.summaryEn : version.summaryVi,
      audience: version.audience as Audience,
      credits: version.credits,
      durationMinutes: version.durationMinutes,
      skills: parseStringList(version.skills, `version ${version.id} skills`),
      lessonCount: version._count.lessons,
    }))
    .sort((a, b) => a.title.localeCompare(b.title, locale));
  return { courses, skills, total: all.length };
}

/** The home page's newest courses: most recently published first. */
export async function listNewestCourses(limit: number, locale: Locale) {
  const all = await latestPublishedVersions();
  return all
    .sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0))
    .slice(0, limit)
    .map((version) => ({
      slug: version.course.slug,
      title: locale === "en" ? version.titleEn : version.titleVi,
      summary: locale === "en" ? version.summaryEn : version.summaryVi,
      credits: version.credits,
      durationMinutes: version.durationMinutes,
    }));
}

/** The version a learner sees: the one they enrolled in, else the newest published one. */
async function resolveVersion(slug: string, userId: string | null) {
  const course = await prisma.course.findUnique({ where: { slug }, select: { id: true } });
  if (!course) return null;
  const enrollment = userId
    ? await prisma.enrollment.findFirst({
        where: { userId, version: { courseId: course.id, kind: "full" } },
        orderBy: { createdAt: "desc" },
        select: { id: true, versionId: true, lastLessonId: true },
      })
    : null;
  const latest = await prisma.courseVersion.findFirst({
    where: { courseId: course.id, kind: "full", status: "published" },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
  const versionId = enrollment?.versionId ?? latest?.id;
  if (!versionId) return null;
  return { courseId: course.id, versionId, enrollment, latest };
}

/** The Vietnamese or English text, by locale. */
type LocalizedPick = (vi: string, en: string) => string;
const picker =
  (locale: Locale): LocalizedPick =>
  (vi, en) =>
    locale === "en" ? en : vi;

/** The lesson columns a syllabus (course or "what changed" page) lists. */
const syllabusLessonSelect = {
  id: true,
  key: true,
  titleVi: true,
  titleEn: true,
  durationMinutes: true,
  required: true,
  videoSrc: true,
} as const;
const syllabusSelect = {
  orderBy: { position: "asc" },
  select: {
    key: true,
    titleVi: true,
    titleEn: true,
    lessons: { orderBy: { position: "asc" }, select: syllabusLessonSelect },
  },
} as const;

type SyllabusModule = {
  key: string;
  titleVi: string;
  titleEn: string;
  lessons: {
    id: string;
    key: string;
    titleVi: string;
    titleEn: string;
    durationMinutes: number;
    videoSrc: string | null;
  }[];
};

function syllabus(modules: SyllabusModule[], completed: Set<string>, pick: LocalizedPick) {
  return modules.map((module) => ({
    key: module.key,
    title: pick(module.titleVi, module.titleEn),
    lessons: module.lessons.map((lesson) => ({
      key: lesson.key,
      title: pick(lesson.titleVi, lesson.titleEn),
      durationMinutes: lesson.durationMinutes,
      hasVideo: Boolean(lesson.videoSrc),
      completed: completed.has(lesson.id),
    })),
  }));
}

/** Percent of the required lessons completed. */
function requiredProgress(lessons: { id: string; required: boolean }[], completed: Set<string>): number {
  const required = lessons.filter((lesson) => lesson.required);
  return progressPercent(required.length, required.filter((lesson) => completed.has(lesson.id)).length);
}

function examQuestionCount(exam: { id: string; pools: unknown }): number {
  return parsePools(exam.pools, exam.id).reduce((sum, pool) => sum + pool.draw, 0);
}

export async function getCoursePage(slug: string, userId: string | null, locale: Locale) {
  const resolved = await resolveVersion(slug, userId);
  if (!resolved) return null;
  const version = await prisma.courseVersion.findUniqueOrThrow({
    where: { id: resolved.versionId },
    select: {
      id: true,
      number: true,
      titleVi: true,
      titleEn: true,
      summaryVi: true,
      summaryEn: true,
      audience: true,
      credits: true,
      durationMinutes: true,
      skills: true,
      publishedAt: true,
      certificateValidityMonths: true,
      modules: syllabusSelect,
      exam: {
        select: {
          id: true,
          titleVi: true,
          titleEn: true,
          timeLimitMinutes: true,
          passPercent: true,
          maxAttempts: true,
          cooldownMinutes: true,
          pools: true,
        },
      },
    },
  });
  const lessons = version.modules.flatMap((module) => module.lessons);
  const completed = new Set(
    userId && resolved.enrollment
      ? (
          await prisma.lessonProgress.findMany({
            where: { userId, lessonId: { in: lessons.map((lesson) => lesson.id) }, completedAt: { not: null } },
            select: { lessonId: true },
          })
        ).map((row) => row.lessonId)
      : [],
  );
  const nextLesson = lessons.find((lesson) => !completed.has(lesson.id)) ?? lessons[0];
  const lastLesson = lessons.find((lesson) => lesson.id === resolved.enrollment?.lastLessonId);
  const pick = picker(locale);
  // "What changed" updates this learner was enrolled in as a holder of a superseded certificate.
  const updates = userId
    ? await prisma.enrollment.findMany({
        where: { userId, version: { courseId: resolved.courseId, kind: "delta", status: "published" } },
        orderBy: { version: { number: "desc" } },
        select: {
          version: {
            select: { number: true, completions: { where: { userId }, select: { completedAt: true } } },
          },
        },
      })
    : [];
  return {
    updates: updates.map(({ version }) => ({
      number: version.number,
      path: coursePath(slug, version.number),
      completed: version.completions.length > 0,
    })),
    slug,
    versionId: version.id,
    versionNumber: version.number,
    newerVersion: resolved.latest && resolved.latest.number > version.number ? resolved.latest.number : null,
    title: pick(version.titleVi, version.titleEn),
    summary: pick(version.summaryVi, version.summaryEn),
    audience: version.audience as Audience,
    credits: version.credits,
    durationMinutes: version.durationMinutes,
    skills: parseStringList(version.skills, `version ${version.id} skills`),
    certificateValidityMonths: version.certificateValidityMonths,
    modules: syllabus(version.modules, completed, pick),
    exam: version.exam
      ? {
          title: pick(version.exam.titleVi, version.exam.titleEn),
          timeLimitMinutes: version.exam.timeLimitMinutes,
          passPercent: version.exam.passPercent,
          maxAttempts: version.exam.maxAttempts,
          cooldownMinutes: version.exam.cooldownMinutes,
          questionCount: examQuestionCount(version.exam),
        }
      : null,
    enrolled: Boolean(resolved.enrollment),
    progress: requiredProgress(lessons, completed),
    continueLessonKey: (lastLesson && !completed.has(lastLesson.id) ? lastLesson : nextLesson)?.key ?? null,
  };
}

/** Enrols in the newest published version; a learner already enrolled keeps their version. */
export async function enroll(userId: string, slug: string, source: "self" | "assignment" = "self") {
  const resolved = await resolveVersion(slug, userId);
  invariantResponse(resolved?.latest, "Not found", { status: 404 });
  if (resolved.enrollment) return resolved.enrollment;
  return enrollInVersion(userId, resolved.latest.id, source);
}

/** Enrols in one version; idempotent on (user, version). */
export async function enrollInVersion(userId: string, versionId: string, source: "self" | "assignment" | "delta") {
  const select = { id: true, versionId: true, lastLessonId: true } as const;
  if (!xapiEnabled())
    return prisma.enrollment.upsert({
      where: { userId_versionId: { userId, versionId } },
      create: { userId, versionId, source },
      update: {},
      select,
    });
  // With xAPI on, the "registered" statement is queued with the enrolment: only by the request
  // that created it (a concurrent twin hits the unique index and reads the winner's row).
  try {
    const created = await prisma.$transaction(async (tx) => {
      const row = await tx.enrollment.create({
        data: { userId, versionId, source },
        select: { ...select, createdAt: true },
      });
      await queueXapi(
        async () => [
          {
            kind: "enrolled",
            enrollmentId: row.id,
            userId,
            at: row.createdAt,
            course: await courseRefOf(tx, versionId),
          },
        ],
        tx,
      );
      return { id: row.id, versionId: row.versionId, lastLessonId: row.lastLessonId };
    });
    sendXapiSoon();
    return created;
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return prisma.enrollment.findUniqueOrThrow({ where: { userId_versionId: { userId, versionId } }, select });
  }
}

// Lessons of a published version never change, so their rendered HTML is cached by id.
const renderedLessons = new Map<string, string>();
function lessonHtml(lessonId: string, markdown: string): string {
  let html = renderedLessons.get(lessonId);
  if (html === undefined) {
    html = renderMarkdown(markdown);
    if (renderedLessons.size > 2000) renderedLessons.clear();
    renderedLessons.set(lessonId, html);
  }
  return html;
}

/**
 * A version's lessons in order (for the neighbours and the progress bar) and the whole lesson
 * named by `lessonKey`; 404 when the version has no such lesson. Shared by the learner's lesson
 * page and the trainer's preview of a draft.
 */
export async function lessonInVersion(versionId: string, lessonKey: string) {
  const lessons = await prisma.lesson.findMany({
    where: { versionId },
    orderBy: { position: "asc" },
    select: { id: true, key: true, titleVi: true, titleEn: true, required: true },
  });
  const index = lessons.findIndex((lesson) => lesson.key === lessonKey);
  invariantResponse(index >= 0, "Not found", { status: 404 });
  const lesson = await prisma.lesson.findUniqueOrThrow({
    where: { id: lessons[index].id },
    select: {
      id: true,
      markdown: true,
      durationMinutes: true,
      videoSrc: true,
      videoDurationSeconds: true,
      transcript: true,
      captionsVi: true,
      captionsEn: true,
      kind: true,
      version: { select: { titleVi: true, titleEn: true } },
      attachments: { orderBy: { createdAt: "asc" }, select: { id: true, fileName: true, size: true } },
    },
  });
  return { lessons, index, lesson };
}

type LessonInVersion = Awaited<ReturnType<typeof lessonInVersion>>;

/**
 * The lesson page's data from `lessonInVersion`; `reader` is what differs between a learner
 * (cached HTML, a watch pass, their progress) and a trainer's preview (fresh HTML, nothing saved).
 */
export function lessonPageOf(
  { lessons, index, lesson }: LessonInVersion,
  locale: Locale,
  reader: {
    html: string;
    watchPass: string;
    scorm: Awaited<ReturnType<typeof scormPlayerFor>> | null;
    completed: Set<string>;
    positionSeconds: number;
    watchedSeconds: number;
  },
) {
  const pick = picker(locale);
  const summary = lessons[index];
  const neighbour = (item: (typeof lessons)[number] | undefined) =>
    item ? { key: item.key, title: pick(item.titleVi, item.titleEn) } : null;
  return {
    courseTitle: pick(lesson.version.titleVi, lesson.version.titleEn),
    lesson: {
      id: lesson.id,
      key: summary.key,
      title: pick(summary.titleVi, summary.titleEn),
      position: index + 1,
      html: reader.html,
      durationMinutes: lesson.durationMinutes,
      video: lesson.videoSrc
        ? {
            src: lesson.videoSrc,
            durationSeconds: lesson.videoDurationSeconds ?? 0,
            transcript: lesson.transcript,
            // Only which tracks exist: the player's <track> fetches each from /captions/….
            captions: CAPTION_LANGUAGES.filter(
              (language) => (language === "vi" ? lesson.captionsVi : lesson.captionsEn) !== null,
            ),
            secondsRequiredWithoutScript: secondsRequiredWithoutScript(lesson.videoDurationSeconds ?? 0),
            watchPass: reader.watchPass,
          }
        : null,
      scorm: reader.scorm,
      attachments: lesson.attachments,
      completed: reader.completed.has(lesson.id),
      positionSeconds: reader.positionSeconds,
      watchedSeconds: reader.watchedSeconds,
    },
    lessonCount: lessons.length,
    previous: neighbour(lessons[index - 1]),
    next: neighbour(lessons[index + 1]),
    progress: requiredProgress(lessons, reader.completed),
  };
}

/**
 * One lesson of the version an enrolment is for, with its neighbours and the learner's progress;
 * opening it records it as the enrolment's last lesson. Shared by course and "what changed" lessons.
 */
async function lessonOfEnrollment(
  userId: string,
  enrollment: { id: string; versionId: string },
  lessonKey: string,
  locale: Locale,
) {
  const versionId = enrollment.versionId;
  const [found, progressRows] = await Promise.all([
    lessonInVersion(versionId, lessonKey),
    prisma.lessonProgress.findMany({
      where: { userId, lesson: { versionId } },
      select: { lessonId: true, completedAt: true, positionSeconds: true, watchedSeconds: true },
    }),
  ]);
  const { lesson } = found;
  await prisma.enrollment.update({
    where: { id: enrollment.id },
    data: { lastLessonId: lesson.id, lastActiveAt: new Date() },
    select: { id: true },
  });
  const own = progressRows.find((row) => row.lessonId === lesson.id);
  return lessonPageOf(found, locale, {
    html: lessonHtml(lesson.id, lesson.markdown),
    watchPass: lesson.videoSrc ? issueWatchPass(userId, lesson.id) : "",
    scorm: lesson.kind === "scorm" ? await scormPlayerFor(userId, lesson.id) : null,
    completed: new Set(progressRows.filter((row) => row.completedAt).map((row) => row.lessonId)),
    positionSeconds: own?.positionSeconds ?? 0,
    watchedSeconds: own?.watchedSeconds ?? 0,
  });
}

export type LessonPage = Awaited<ReturnType<typeof lessonOfEnrollment>>;

/** A lesson for an enrolled learner; anyone else is sent to the course page to enrol. */
export async function getLessonPage(userId: string, slug: string, lessonKey: string, locale: Locale) {
  const resolved = await resolveVersion(slug, userId);
  invariantResponse(resolved, "Not found", { status: 404 });
  if (!resolved.enrollment) throw redirect(`/courses/${slug}`);
  return { slug, ...(await lessonOfEnrollment(userId, resolved.enrollment, lessonKey, locale)) };
}

/** `secondsLeft` 0 = the lesson is complete; more = a video lesson's learner must wait that long. */
export type LessonCompletion = { versionId: string; secondsLeft: number };

/**
 * "Mark as complete". A text lesson completes on request. A video lesson completes by watching
 * (heartbeats); without JavaScript, the form's watch pass shows when the page was served and
 * the lesson completes once 90 % of the video's duration has passed since. Completing twice
 * keeps the first time.
 */
async function markLessonComplete(
  userId: string,
  lesson: { id: string; kind: string; videoSrc: string | null; videoDurationSeconds: number | null; versionId: string },
  watchPass = "",
  now = new Date(),
): Promise<LessonCompletion> {
  // A SCORM lesson completes from its own run-time data (the trainer's rule), never on request.
  invariantResponse(lesson.kind !== "scorm", "SCORM lessons complete in the player", { status: 400 });
  if (lesson.videoSrc) {
    const servedAt = readWatchPass(watchPass, userId, lesson.id);
    invariantResponse(servedAt, "Video lessons complete when watched", { status: 400 });
    const secondsLeft = secondsLeftWithoutScript(lesson.videoDurationSeconds ?? 0, servedAt, now);
    if (secondsLeft > 0) return { versionId: lesson.versionId, secondsLeft };
  }
  if (!xapiEnabled()) await writeLessonCompletion(prisma, userId, lesson.id, now);
  else {
    // The "completed" statement is queued with the completion, by the request that made it.
    await prisma.$transaction(async (tx) => {
      if (await writeLessonCompletion(tx, userId, lesson.id, now))
        await queueXapi(async () => [await lessonCompletedEvent(tx, userId, lesson.id, now)], tx);
    });
    sendXapiSoon();
  }
  return { versionId: lesson.versionId, secondsLeft: 0 };
}

/** Sets the lesson's completion time unless it has one; true when this call set it. */
async function writeLessonCompletion(
  client: Pick<typeof prisma, "lessonProgress">,
  userId: string,
  lessonId: string,
  now: Date,
): Promise<boolean> {
  // A video lesson may already have a progress row (heartbeats) without a completion time.
  const row = await client.lessonProgress.upsert({
    where: { userId_lessonId: { userId, lessonId } },
    create: { userId, lessonId, completedAt: now },
    update: {},
    select: { completedAt: true },
  });
  if (row.completedAt) return row.completedAt.getTime() === now.getTime();
  const updated = await client.lessonProgress.updateMany({
    where: { userId, lessonId, completedAt: null },
    data: { completedAt: now },
  });
  return updated.count === 1;
}

async function enrolledLesson(userId: string, slug: string, lessonKey: string) {
  const resolved = await resolveVersion(slug, userId);
  invariantResponse(resolved?.enrollment, "Not enrolled", { status: 403 });
  const lesson = await prisma.lesson.findUnique({
    where: { versionId_key: { versionId: resolved.versionId, key: lessonKey } },
    select: { id: true, kind: true, videoSrc: true, videoDurationSeconds: true, versionId: true },
  });
  invariantResponse(lesson, "Not found", { status: 404 });
  return lesson;
}

/** "Mark as complete" for a lesson of the learner's course version. */
export async function completeLesson(userId: string, slug: string, lessonKey: string, watchPass = "") {
  return markLessonComplete(userId, await enrolledLesson(userId, slug, lessonKey), watchPass);
}

export type VideoBeacon = { lessonId: string; positionSeconds: number; watchedDeltaSeconds: number };

/** A heartbeat from the video player. Only for a lesson of a version the user is enrolled in. */
export async function recordVideoProgress(userId: string, beacon: VideoBeacon, now = new Date()) {
  const lesson = await prisma.lesson.findFirst({
    where: { id: beacon.lessonId, version: { enrollments: { some: { userId } } } },
    select: { id: true, versionId: true, videoDurationSeconds: true, videoSrc: true },
  });
  if (!lesson) return { ok: false as const, status: 404, reason: "not-enrolled" };
  const existing = await prisma.lessonProgress.findUnique({
    where: { userId_lessonId: { userId, lessonId: lesson.id } },
    select: { watchedSeconds: true, positionSeconds: true, updatedAt: true, completedAt: true },
  });
  const result = applyVideoReport(
    lesson.videoSrc ? lesson.videoDurationSeconds : null,
    {
      watchedSeconds: existing?.watchedSeconds ?? 0,
      positionSeconds: existing?.positionSeconds ?? 0,
      lastReportAt: existing?.updatedAt ?? null,
    },
    { ...beacon, at: now },
  );
  if (!result.ok) return { ok: false as const, status: 422, reason: result.reason };
  const completedAt = existing?.completedAt ?? (result.completed ? now : null);
  await prisma.lessonProgress.upsert({
    where: { userId_lessonId: { userId, lessonId: lesson.id } },
    create: {
      userId,
      lessonId: lesson.id,
      positionSeconds: result.positionSeconds,
      watchedSeconds: result.watchedSeconds,
      completedAt,
    },
    update: { positionSeconds: result.positionSeconds, watchedSeconds: result.watchedSeconds, completedAt },
    select: { id: true },
  });
  const newlyCompleted = !existing?.completedAt && Boolean(completedAt);
  // Heartbeats are the hottest write: the statement is a second insert only on the completing one
  // (a twin from a concurrent heartbeat is sent once: the sender skips copies of a sent id).
  if (newlyCompleted) await queueXapiAfter(async () => [await lessonCompletedEvent(prisma, userId, lesson.id, now)]);
  return {
    ok: true as const,
    completed: Boolean(completedAt),
    newlyCompleted,
    versionId: lesson.versionId,
    watchedSeconds: result.watchedSeconds,
  };
}

/** "My learning": every enrolment with its progress, most recently active first. */
export async function listMyLearning(userId: string, locale: Locale) {
  const enrollments = await prisma.enrollment.findMany({
    where: { userId },
    orderBy: { lastActiveAt: "desc" },
    select: {
      id: true,
      source: true,
      lastLessonId: true,
      createdAt: true,
      version: {
        select: {
          id: true,
          number: true,
          kind: true,
          titleVi: true,
          titleEn: true,
          credits: true,
          course: { select: { slug: true } },
          lessons: {
            orderBy: { position: "asc" },
            select: { id: true, key: true, titleVi: true, titleEn: true, required: true },
          },
          completions: { where: { userId }, select: { completedAt: true } },
        },
      },
    },
  });
  const lessonIds = enrollments.flatMap((enrollment) => enrollment.version.lessons.map((lesson) => lesson.id));
  const done = new Set(
    (
      await prisma.lessonProgress.findMany({
        where: { userId, lessonId: { in: lessonIds }, completedAt: { not: null } },
        select: { lessonId: true },
      })
    ).map((row) => row.lessonId),
  );
  return enrollments.map((enrollment) => {
    const { version } = enrollment;
    const last = version.lessons.find((lesson) => lesson.id === enrollment.lastLessonId);
    const next = last && !done.has(last.id) ? last : (version.lessons.find((lesson) => !done.has(lesson.id)) ?? null);
    return {
      id: enrollment.id,
      versionId: version.id,
      slug: version.course.slug,
      // A "what changed" update lives below its course's page, at /courses/<slug>/update/<number>.
      path: coursePath(version.course.slug, version.kind === "delta" ? version.number : null),
      kind: version.kind,
      source: enrollment.source,
      title: locale === "en" ? version.titleEn : version.titleVi,
      versionNumber: version.number,
      credits: version.credits,
      progress: requiredProgress(version.lessons, done),
      completedAt: version.completions[0]?.completedAt ?? null,
      continueLesson: next ? { key: next.key, title: locale === "en" ? next.titleEn : next.titleVi } : null,
    };
  });
}

// ─── "What changed" retraining ───────────────────────────────────────────────
// A delta version (kind "delta") holds only the lessons a material change added or changed;
// holders of an earlier certificate are enrolled in it and reach it at /courses/<slug>/update/<n>.

async function deltaEnrollment(userId: string, slug: string, number: number) {
  invariantResponse(Number.isInteger(number) && number >= 1, "Not found", { status: 404 });
  const enrollment = await prisma.enrollment.findFirst({
    where: { userId, version: { kind: "delta", number, status: "published", course: { slug } } },
    select: { id: true, versionId: true, lastLessonId: true },
  });
  invariantResponse(enrollment, "Not found", { status: 404 });
  return enrollment;
}

export async function getDeltaPage(userId: string, slug: string, number: number, locale: Locale) {
  const enrollment = await deltaEnrollment(userId, slug, number);
  const version = await prisma.courseVersion.findUniqueOrThrow({
    where: { id: enrollment.versionId },
    select: {
      number: true,
      titleVi: true,
      titleEn: true,
      deltaCredits: true,
      changeNote: true,
      publishedAt: true,
      modules: syllabusSelect,
      exam: {
        select: {
          id: true,
          titleVi: true,
          titleEn: true,
          timeLimitMinutes: true,
          passPercent: true,
          maxAttempts: true,
          pools: true,
        },
      },
      completions: { where: { userId }, select: { completedAt: true, certificate: { select: { code: true } } } },
    },
  });
  const lessons = version.modules.flatMap((module) => module.lessons);
  const [progress, attempts] = await Promise.all([
    prisma.lessonProgress.findMany({
      where: { userId, lessonId: { in: lessons.map((l) => l.id) }, completedAt: { not: null } },
      select: { lessonId: true },
    }),
    version.exam
      ? prisma.attempt.findMany({
          where: { userId, examId: version.exam.id },
          orderBy: { number: "asc" },
          select: { id: true, number: true, state: true, percent: true, passed: true },
        })
      : Promise.resolve([]),
  ]);
  const done = new Set(progress.map((row) => row.lessonId));
  const pick = picker(locale);
  const next =
    lessons.find((lesson) => lesson.id === enrollment.lastLessonId && !done.has(lesson.id)) ??
    lessons.find((lesson) => !done.has(lesson.id));
  const completion = version.completions[0];
  return {
    slug,
    number: version.number,
    title: pick(version.titleVi, version.titleEn),
    changeNote: version.changeNote,
    publishedAt: version.publishedAt?.toISOString() ?? null,
    credits: version.deltaCredits,
    modules: syllabus(version.modules, done, pick),
    progress: requiredProgress(lessons, done),
    continueLessonKey: next?.key ?? null,
    exam: version.exam
      ? {
          title: pick(version.exam.titleVi, version.exam.titleEn),
          questionCount: examQuestionCount(version.exam),
          timeLimitMinutes: version.exam.timeLimitMinutes,
          passPercent: version.exam.passPercent,
          maxAttempts: version.exam.maxAttempts,
          attempts: attempts.map((a) => ({
            id: a.id,
            number: a.number,
            state: a.state,
            percent: a.percent,
            passed: a.passed,
          })),
          passed: attempts.some((a) => a.passed === true),
        }
      : null,
    completedAt: completion?.completedAt.toISOString() ?? null,
    certificateCode: completion?.certificate?.code ?? null,
  };
}

export async function getDeltaLessonPage(
  userId: string,
  slug: string,
  number: number,
  lessonKey: string,
  locale: Locale,
) {
  const enrollment = await deltaEnrollment(userId, slug, number);
  const [page, changes] = await Promise.all([
    lessonOfEnrollment(userId, enrollment, lessonKey, locale),
    lessonTextChanges(enrollment.versionId, lessonKey),
  ]);
  return { slug, number, ...page, changes };
}

/**
 * What changed in a lesson of an update course: its text in the newest full version before the
 * one the update certifies (the version earlier holders studied) against the update's text.
 * "new" for a lesson that version did not have; null when only the video or settings changed.
 */
async function lessonTextChanges(deltaVersionId: string, lessonKey: string): Promise<DiffBlock[] | "new" | null> {
  const delta = await prisma.courseVersion.findUniqueOrThrow({
    where: { id: deltaVersionId },
    select: {
      courseId: true,
      deltaOf: { select: { number: true } },
      lessons: { where: { key: lessonKey }, select: { markdown: true } },
    },
  });
  const [current] = delta.lessons;
  if (!delta.deltaOf || !current) return null;
  const earlierVersion = await prisma.courseVersion.findFirst({
    where: { courseId: delta.courseId, kind: "full", status: "published", number: { lt: delta.deltaOf.number } },
    orderBy: { number: "desc" },
    select: { lessons: { where: { key: lessonKey }, select: { markdown: true } } },
  });
  if (!earlierVersion) return null;
  const [before] = earlierVersion.lessons;
  if (!before) return "new";
  const blocks = diffLessonText(before.markdown, current.markdown);
  return hasTextChanges(blocks) ? blocks : null;
}

/**
 * A lesson video's WebVTT track, for whoever may open the lesson: a learner enrolled in its
 * version, one of the course's authors, or an admin. Null when there is no such track.
 */
export async function lessonCaptions(
  user: { id: string; role: string },
  lessonId: string,
  language: CaptionLanguage,
): Promise<string | null> {
  const lesson = await prisma.lesson.findFirst({
    where: {
      id: lessonId,
      ...(user.role === "admin"
        ? {}
        : {
            OR: [
              { version: { enrollments: { some: { userId: user.id } } } },
              { version: { course: { authors: { some: { userId: user.id } } } } },
            ],
          }),
    },
    select: { captionsVi: true, captionsEn: true },
  });
  if (!lesson) return null;
  return language === "vi" ? lesson.captionsVi : lesson.captionsEn;
}

/** "Mark as complete" for a lesson of a delta the learner is enrolled in. */
export async function completeDeltaLesson(
  userId: string,
  slug: string,
  number: number,
  lessonKey: string,
  watchPass = "",
) {
  const enrollment = await deltaEnrollment(userId, slug, number);
  const lesson = await prisma.lesson.findUnique({
    where: { versionId_key: { versionId: enrollment.versionId, key: lessonKey } },
    select: { id: true, kind: true, videoSrc: true, videoDurationSeconds: true, versionId: true },
  });
  invariantResponse(lesson, "Not found", { status: 404 });
  return markLessonComplete(userId, lesson, watchPass);
}

/** The delta version a learner is enrolled in (for starting its exam). */
export async function deltaVersionFor(userId: string, slug: string, number: number) {
  return (await deltaEnrollment(userId, slug, number)).versionId;
}

/** Size on disk of a file the app serves from public/ (images, local videos); null when not local. */
function publicFileBytes(src: string): number | null {
  if (!src.startsWith("/") || src.startsWith("//") || src.includes("..")) return null;
  try {
    return fs.statSync(path.join("public", decodeURIComponent(src.split(/[?#]/)[0]))).size;
  } catch {
    return null;
  }
}

// The cached lesson page is the whole document: the lesson's HTML twice (markup and loader data)
// and the page around it.
const PAGE_OVERHEAD_BYTES = 12_000;

/**
 * What "save for offline" downloads for the version the learner is enrolled in: each lesson page,
 * its images and attachments, and (optional) its videos, with their sizes so the learner sees the
 * cost first. Only for an enrolled learner; the URLs are the ones the pages use.
 */
export async function getOfflinePackage(userId: string, slug: string, locale: Locale) {
  const resolved = await resolveVersion(slug, userId);
  if (!resolved?.enrollment) return null;
  const pick = picker(locale);
  const version = await prisma.courseVersion.findUniqueOrThrow({
    where: { id: resolved.enrollment.versionId },
    select: {
      number: true,
      titleVi: true,
      titleEn: true,
      lessons: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          key: true,
          titleVi: true,
          titleEn: true,
          markdown: true,
          videoSrc: true,
          attachments: { orderBy: { createdAt: "asc" }, select: { id: true, size: true } },
        },
      },
    },
  });
  const base = coursePath(slug);
  const lessons = version.lessons.map((lesson) => {
    const html = lessonHtml(lesson.id, lesson.markdown);
    const images = [...html.matchAll(/<img[^>]+src="([^"]+)"/g)]
      .map((match) => match[1])
      .filter((src) => src.startsWith("/") && !src.startsWith("//"));
    return {
      key: lesson.key,
      title: pick(lesson.titleVi, lesson.titleEn),
      url: `${base}/lessons/${lesson.key}`,
      textBytes: Buffer.byteLength(html) * 2 + PAGE_OVERHEAD_BYTES,
      images: images.map((url) => ({ url, bytes: publicFileBytes(url) ?? 0 })),
      attachments: lesson.attachments.map((attachment) => ({
        url: `/attachments/${attachment.id}`,
        bytes: attachment.size,
      })),
      video: lesson.videoSrc ? { url: lesson.videoSrc, bytes: publicFileBytes(lesson.videoSrc) } : null,
    };
  });
  return {
    slug,
    title: pick(version.titleVi, version.titleEn),
    versionNumber: version.number,
    latestVersionNumber: resolved.latest?.number ?? version.number,
    coursePageUrl: base,
    lessons,
  };
}
export type OfflinePackage = NonNullable<Awaited<ReturnType<typeof getOfflinePackage>>>;

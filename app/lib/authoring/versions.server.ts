/**
 * Course versions as the authoring tools see them: reading a version back as a content bundle
 * (inside a transaction when needed), its digest for diffs, copying a published version into a
 * new draft, and writing a generated version. Published rows are only ever read here.
 */
import type { CourseBundle, ScormLessonSpec } from "~/lib/content/format";
import { scormColumns } from "~/lib/scorm/store.server";
import { contentHash } from "~/lib/content/hash.server";
import { bundleHash, lessonSelect, lessonVideo, readVersionContent } from "~/lib/content/import.server";
import { normalizeForSearch } from "~/lib/content/search";
import type { Db } from "~/lib/db.server";
import type { Question } from "~/lib/exams/question";
import type { VersionDigest } from "./diff";
import { parseStringList } from "~/lib/stored-json";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type Client = Db | Tx;

type LessonFields = {
  titleVi: string;
  titleEn: string;
  markdown: string;
  durationMinutes: number;
  required: boolean;
  videoSrc: string | null;
  videoDurationSeconds: number | null;
  transcript: string | null;
  captionsVi: string | null;
  captionsEn: string | null;
  /** A SCORM lesson's package reference and rule (hashed as the bundle carries them). */
  scorm?: ScormLessonSpec;
};

/** Same value import.server.ts stores for the same lesson, so authored and imported versions compare by hash. */
export function lessonContentHash(l: LessonFields): string {
  return contentHash({
    title: { vi: l.titleVi, en: l.titleEn },
    markdown: l.markdown,
    video: lessonVideo(l),
    required: l.required,
    durationMinutes: l.durationMinutes,
    scorm: l.scorm,
  });
}

export function questionContentHash(q: Question): string {
  return contentHash(q);
}

/** Text as the content format stores it: "\n" line ends, no leading blank lines, no trailing space. */
export function normalizeMarkdown(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/^(?:[ \t]*\n)+/, "")
    .trimEnd();
}

/** What the catalogue search looks through (as import.server.ts computes it). */
export function searchTextOf(course: CourseBundle): string {
  const parts = [course.title.vi, course.title.en, course.summary.vi, course.summary.en];
  for (const module of course.modules) {
    parts.push(module.title.vi, module.title.en);
    for (const lesson of module.lessons) parts.push(lesson.title.vi, lesson.title.en);
  }
  return normalizeForSearch(parts.join(" \n "));
}

export { bundleHash, readVersionContent };

/** Keys and content hashes of a version's lessons and questions: all a diff needs. */
export async function versionDigest(client: Client, versionId: string): Promise<VersionDigest> {
  const [modules, questions] = await Promise.all([
    client.module.findMany({
      where: { versionId },
      orderBy: { position: "asc" },
      select: {
        key: true,
        lessons: {
          orderBy: { position: "asc" },
          select: { key: true, titleVi: true, titleEn: true, contentHash: true },
        },
      },
    }),
    client.question.findMany({
      where: { versionId },
      orderBy: { position: "asc" },
      select: { key: true, contentHash: true, type: true, lessonKeys: true, spec: true },
    }),
  ]);
  return {
    lessons: modules.flatMap((m) =>
      m.lessons.map((l) => ({
        key: l.key,
        moduleKey: m.key,
        title: { vi: l.titleVi, en: l.titleEn },
        hash: l.contentHash,
      })),
    ),
    questions: questions.map((q) => ({
      key: q.key,
      hash: q.contentHash,
      type: q.type,
      prompt: (q.spec as { prompt?: string }).prompt ?? "",
      lessons: parseStringList(q.lessonKeys, `question ${q.key} lessonKeys`),
    })),
  };
}

/**
 * Copies a version row by row into a new draft `number` (lessons keep their hashes, attachments
 * point at the same stored files). The source is only read.
 */
export async function copyVersionAsDraft(tx: Tx, fromId: string, number: number): Promise<string> {
  const from = await tx.courseVersion.findUniqueOrThrow({
    where: { id: fromId },
    select: {
      courseId: true,
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
      searchText: true,
      modules: {
        orderBy: { position: "asc" },
        select: {
          key: true,
          position: true,
          titleVi: true,
          titleEn: true,
          lessons: {
            orderBy: { position: "asc" },
            select: {
              ...lessonSelect,
              contentHash: true,
              attachments: {
                orderBy: { createdAt: "asc" },
                select: { fileName: true, mimeType: true, size: true, sha256: true },
              },
            },
          },
        },
      },
      questions: {
        orderBy: { position: "asc" },
        select: {
          key: true,
          position: true,
          pool: true,
          type: true,
          points: true,
          lessonKeys: true,
          contentHash: true,
          spec: true,
        },
      },
      exam: {
        select: {
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
      },
    },
  });
  const draft = await tx.courseVersion.create({
    data: {
      courseId: from.courseId,
      number,
      kind: "full",
      status: "draft",
      titleVi: from.titleVi,
      titleEn: from.titleEn,
      summaryVi: from.summaryVi,
      summaryEn: from.summaryEn,
      audience: from.audience,
      credits: from.credits,
      deltaCredits: from.deltaCredits,
      durationMinutes: from.durationMinutes,
      skills: parseStringList(from.skills, `version ${fromId} skills`),
      certificateValidityMonths: from.certificateValidityMonths,
      searchText: from.searchText,
      contentHash: "draft",
    },
    select: { id: true },
  });
  for (const module of from.modules) {
    const created = await tx.module.create({
      data: {
        versionId: draft.id,
        key: module.key,
        position: module.position,
        titleVi: module.titleVi,
        titleEn: module.titleEn,
      },
      select: { id: true },
    });
    for (const { attachments, ...lesson } of module.lessons) {
      await tx.lesson.create({
        data: { ...lesson, versionId: draft.id, moduleId: created.id, attachments: { create: attachments } },
        select: { id: true },
      });
    }
  }
  if (from.questions.length > 0) {
    await tx.question.createMany({
      data: from.questions.map((q) => ({
        ...q,
        versionId: draft.id,
        lessonKeys: parseStringList(q.lessonKeys, `question ${q.key} lessonKeys`),
        spec: q.spec as object,
      })),
    });
  }
  if (from.exam)
    await tx.exam.create({
      data: { ...from.exam, pools: from.exam.pools as object, versionId: draft.id },
      select: { id: true },
    });
  return draft.id;
}

/**
 * Writes a generated version (the "what changed" delta) from a bundle. import.server.ts's
 * createVersion always writes a full version, and the delta shares its number with the full
 * version it certifies, so it cannot be written through it.
 */
export async function writeDeltaVersion(
  tx: Tx,
  input: {
    courseId: string;
    number: number;
    deltaOfId: string;
    bundle: CourseBundle;
    changeNote: string | null;
    attachments: Map<string, { fileName: string; mimeType: string; size: number; sha256: string }[]>;
    now: Date;
  },
): Promise<string> {
  const { bundle } = input;
  const version = await tx.courseVersion.create({
    data: {
      courseId: input.courseId,
      number: input.number,
      kind: "delta",
      deltaOfId: input.deltaOfId,
      status: "published",
      publishedAt: input.now,
      titleVi: bundle.title.vi,
      titleEn: bundle.title.en,
      summaryVi: bundle.summary.vi,
      summaryEn: bundle.summary.en,
      audience: bundle.audience,
      credits: 0,
      deltaCredits: bundle.deltaCredits,
      durationMinutes: bundle.durationMinutes,
      skills: bundle.skills,
      certificateValidityMonths: bundle.certificateValidityMonths ?? null,
      searchText: searchTextOf(bundle),
      contentHash: bundleHash(bundle),
      changeNote: input.changeNote,
      material: true,
    },
    select: { id: true },
  });
  let position = 0;
  for (const [index, module] of bundle.modules.entries()) {
    const created = await tx.module.create({
      data: {
        versionId: version.id,
        key: module.key,
        position: index + 1,
        titleVi: module.title.vi,
        titleEn: module.title.en,
      },
      select: { id: true },
    });
    for (const lesson of module.lessons) {
      const fields = {
        titleVi: lesson.title.vi,
        titleEn: lesson.title.en,
        markdown: lesson.markdown,
        durationMinutes: lesson.durationMinutes,
        required: lesson.required,
        videoSrc: lesson.video?.src ?? null,
        videoDurationSeconds: lesson.video ? Math.round(lesson.video.durationSeconds) : null,
        transcript: lesson.video?.transcript ?? null,
        captionsVi: lesson.video?.captions?.vi ?? null,
        captionsEn: lesson.video?.captions?.en ?? null,
      };
      await tx.lesson.create({
        data: {
          ...fields,
          ...(await scormColumns(tx, lesson.scorm)),
          versionId: version.id,
          moduleId: created.id,
          key: lesson.key,
          position: ++position,
          contentHash: lessonContentHash({ ...fields, scorm: lesson.scorm }),
          attachments: { create: input.attachments.get(lesson.key) ?? [] },
        },
        select: { id: true },
      });
    }
  }
  if (bundle.exam) {
    await tx.question.createMany({
      data: bundle.exam.questions.map((q, index) => ({
        versionId: version.id,
        key: q.key,
        position: index + 1,
        pool: q.pool,
        type: q.type,
        points: q.points,
        lessonKeys: q.lessons,
        contentHash: questionContentHash(q),
        spec: q,
      })),
    });
    const e = bundle.exam;
    await tx.exam.create({
      data: {
        versionId: version.id,
        titleVi: e.title.vi,
        titleEn: e.title.en,
        timeLimitMinutes: e.timeLimitMinutes,
        passPercent: e.passPercent,
        maxAttempts: e.maxAttempts,
        cooldownMinutes: e.cooldownMinutes,
        reviewPolicy: e.review,
        pools: e.pools,
      },
      select: { id: true },
    });
  }
  return version.id;
}

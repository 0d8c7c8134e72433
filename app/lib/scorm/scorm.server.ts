/**
 * SCORM packages in authoring: checking an upload (dry run) and attaching it to a draft lesson
 * in one transaction, and what the lesson editor shows of it.
 */
import { editableVersion, withDraft, type Saved } from "~/lib/authoring/authoring.server";
import type { AuthorContext } from "~/lib/authoring/access.server";
import { lessonContentHash } from "~/lib/authoring/versions.server";
import type { ScormLessonSpec, ScormRule } from "~/lib/content/format";
import { prisma } from "~/lib/db.server";
import type { ScormManifest, ScormProblem, ScormStandard } from "./manifest";
import { readScormPackage } from "./package";
import { ruleSchema, standardSchema, scosSchema, storeScormPackage } from "./store.server";
import { invariantResponse } from "~/lib/http.server";

export type PackageSummary = {
  standard: ScormStandard;
  title: string;
  launchHref: string;
  masteryScore: number | null;
  scos: ScormManifest["scos"];
  ignored: string[];
  files: number;
};
export type AttachResult =
  | { ok: true; dryRun: true; summary: PackageSummary }
  | { ok: true; dryRun: false; summary: PackageSummary; saved: Saved }
  | { ok: false; problem: ScormProblem };

/**
 * Checks an uploaded package and, unless it is a dry run, stores it and makes the draft's lesson
 * play it, all in one transaction: a refused or failed upload leaves nothing behind.
 */
export async function attachScormPackage(
  ctx: AuthorContext,
  lessonKey: string,
  bytes: Uint8Array,
  rule: { rule: ScormRule; passPercent: number | null },
  dryRun: boolean,
): Promise<AttachResult> {
  const checked = readScormPackage(bytes);
  if (!checked.ok) return checked;
  const { manifest, files } = checked;
  const summary: PackageSummary = { ...manifest, files: files.size };
  if (dryRun) return { ok: true, dryRun: true, summary };
  const saved = await withDraft(ctx, async (tx, draft) => {
    const lesson = await tx.lesson.findFirst({
      where: { versionId: draft.id, key: lessonKey, version: { courseId: ctx.courseId, status: "draft" } },
      select: {
        id: true,
        titleVi: true,
        titleEn: true,
        markdown: true,
        durationMinutes: true,
        required: true,
      },
    });
    invariantResponse(lesson, "Not found", { status: 404 });
    const stored = await storeScormPackage(tx, bytes, manifest, files);
    const scorm: ScormLessonSpec = {
      package: `sha256:${stored.sha256}`,
      rule: rule.rule,
      ...(rule.rule === "score" && rule.passPercent !== null ? { passPercent: rule.passPercent } : {}),
    };
    const fields = {
      ...lesson,
      videoSrc: null,
      videoDurationSeconds: null,
      transcript: null,
      captionsVi: null,
      captionsEn: null,
    };
    await tx.lesson.update({
      where: { id: lesson.id },
      data: {
        kind: "scorm",
        scormPackageId: stored.id,
        scormRule: scorm.rule,
        scormPassPercent: scorm.passPercent ?? null,
        videoSrc: null,
        videoDurationSeconds: null,
        transcript: null,
        captionsVi: null,
        captionsEn: null,
        contentHash: lessonContentHash({ ...fields, scorm }),
      },
      select: { id: true },
    });
    return { ok: true as const, savedAt: new Date().toISOString(), versionNumber: draft.number };
  });
  return { ok: true, dryRun: false, summary, saved };
}

/** The SCORM page of a lesson's editor: the lesson and the package it plays, if any. */
export async function getScormEditor(ctx: AuthorContext, lessonKey: string, locale: "vi" | "en") {
  const version = await editableVersion(ctx.courseId);
  const lesson = await prisma.lesson.findFirst({
    where: { versionId: version.id, key: lessonKey, version: { courseId: ctx.courseId } },
    select: {
      titleVi: true,
      titleEn: true,
      kind: true,
      scormRule: true,
      scormPassPercent: true,
      scormPackage: { select: { title: true, standard: true, scos: true, launchHref: true } },
    },
  });
  invariantResponse(lesson, "Not found", { status: 404 });
  const pkg = lesson.kind === "scorm" ? lesson.scormPackage : null;
  return {
    key: lessonKey,
    title: locale === "en" ? lesson.titleEn || lesson.titleVi : lesson.titleVi || lesson.titleEn,
    rule: ruleSchema.parse(lesson.scormRule ?? "completed"),
    passPercent: lesson.scormPassPercent,
    current: pkg
      ? {
          title: pkg.title,
          standard: standardSchema.parse(pkg.standard),
          scos: scosSchema.parse(pkg.scos),
          launchHref: pkg.launchHref,
        }
      : null,
  };
}

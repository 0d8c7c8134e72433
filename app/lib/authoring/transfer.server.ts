/**
 * Moving content in and out of the browser: a course as a zip in the `content/` format (the
 * same validation as the CLI importer, all or nothing), and GIFT/Aiken question banks (parsed,
 * shown, imported only on confirmation).
 */
import type { SessionUser } from "~/lib/accounts/auth.server";
import { recordAudit } from "~/lib/audit/audit.server";
import { parseCourse, serializeCourse, type ContentError } from "~/lib/content/format";
import { importCourseBundles, type ImportOutcome } from "~/lib/content/import.server";
import { ScormPackageMissing } from "~/lib/scorm/store.server";
import { prisma } from "~/lib/db.server";
import { parseAiken } from "~/lib/exams/aiken";
import { parseGift } from "~/lib/exams/gift";
import { exportGift } from "~/lib/exams/gift-export";
import type { ImportError, ImportNotice, ImportResult } from "~/lib/exams/import-errors";
import { uniqueKey, type Question } from "~/lib/exams/question";
import { parseQuestion } from "~/lib/exams/question.schema";
import { courseAuthorFor, type AuthorContext } from "./access.server";
import { addQuestions, editableVersion } from "./authoring.server";
import { readVersionContent } from "./versions.server";
import { unzipCourse, zipCourseFiles } from "./zip";
import { invariantResponse } from "~/lib/http.server";

/** The zip of version `number` (default: the newest, draft or published). */
export async function exportCourseZip(
  ctx: AuthorContext,
  number?: number,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const version = await prisma.courseVersion.findFirst({
    where: { courseId: ctx.courseId, kind: "full", ...(number !== undefined ? { number } : {}) },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
  invariantResponse(version, "Not found", { status: 404 });
  const { bundle } = await readVersionContent(prisma, version.id);
  return { fileName: `${ctx.slug}-v${version.number}.zip`, bytes: zipCourseFiles(ctx.slug, serializeCourse(bundle)) };
}

export type ZipImportResult =
  | { ok: true; slug: string; action: "created" | "new-version" | "unchanged" | "draft-replaced"; version: number }
  | { ok: false; error: string }
  | { ok: false; errors: ContentError[] };

/**
 * Imports a course zip as a draft: a new course (the importer becomes its owner) or a new draft
 * of a course the user authors. Every file is validated first, exactly as the CLI does.
 */
export async function importCourseZip(
  user: SessionUser,
  zipName: string,
  bytes: Uint8Array,
  ip: string,
): Promise<ZipImportResult> {
  const unzipped = unzipCourse(bytes, zipName);
  if (!unzipped.ok) return { ok: false, error: unzipped.error };
  const parsed = parseCourse(unzipped.dirName, unzipped.files);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const existing = await prisma.course.findUnique({ where: { slug: parsed.course.slug }, select: { id: true } });
  if (existing) {
    try {
      await courseAuthorFor(user, parsed.course.slug);
    } catch {
      return { ok: false, error: "authoring.import.notAuthor" };
    }
  }
  let outcome: ImportOutcome;
  try {
    [outcome] = await importCourseBundles([parsed.course], { publish: false, authorId: user.id });
  } catch (error) {
    // A course zip carries text only: a SCORM lesson in it must name a package already stored here.
    if (!(error instanceof ScormPackageMissing)) throw error;
    return {
      ok: false,
      errors: [
        {
          file: `${parsed.course.slug}/course.yaml`,
          line: 1,
          code: "scorm.error.packageNotFound",
          params: { package: error.ref },
        },
      ],
    };
  }
  await recordAudit({
    actorId: user.id,
    action: "course.import",
    targetType: "course",
    targetId: parsed.course.slug,
    after: { action: outcome.action, version: outcome.version },
    ip,
  });
  return { ok: true, ...outcome };
}

// ─── GIFT / Aiken ────────────────────────────────────────────────────────────

/**
 * The bank the authoring pages show (the newest version) as a GIFT file Moodle imports; what GIFT
 * cannot hold is listed at the top of the file and on the bank page (see gift-export.ts).
 */
export async function exportQuestionsGift(ctx: AuthorContext): Promise<{ fileName: string; text: string }> {
  const version = await editableVersion(ctx.courseId);
  const rows = await prisma.question.findMany({
    where: { versionId: version.id, version: { courseId: ctx.courseId } },
    orderBy: { position: "asc" },
    select: { key: true, spec: true },
  });
  const questions = rows.map((r) => parseQuestion(r.spec, `question '${r.key}' of version ${version.id}`));
  const { text } = exportGift(questions, [
    `HọcSố question bank: course ${ctx.slug}, version ${version.number}, exported ${new Date().toISOString()}`,
  ]);
  return { fileName: `${ctx.slug}-v${version.number}-questions.gift.txt`, text };
}

export type QuestionImportPreview = {
  questions: Question[];
  errors: ImportError[];
  unsupported: ImportResult["unsupported"];
  /** What each question keeps changed or leaves out (Moodle differences), keyed by its final key. */
  notices: ImportNotice[];
  /** Keys renamed because the draft already has a question with that key. */
  renamed: { from: string; to: string }[];
};

export async function previewQuestionImport(
  ctx: AuthorContext,
  input: { text: string; format: "gift" | "aiken"; pool: string; lesson: string },
): Promise<QuestionImportPreview> {
  const version = await editableVersion(ctx.courseId);
  const [existing, lessons] = await Promise.all([
    prisma.question.findMany({
      where: { versionId: version.id, version: { courseId: ctx.courseId } },
      select: { key: true },
    }),
    prisma.lesson.findMany({ where: { versionId: version.id }, select: { key: true } }),
  ]);
  const result =
    input.format === "gift"
      ? parseGift(input.text, { defaultPool: input.pool, lessons: new Set(lessons.map((l) => l.key)) })
      : parseAiken(input.text, { defaultPool: input.pool });
  const used = new Set(existing.map((q) => q.key));
  const lesson = lessons.some((l) => l.key === input.lesson) ? input.lesson : "";
  const renamed: QuestionImportPreview["renamed"] = [];
  const finalKey = new Map<string, string>();
  const questions = result.questions.map((q) => {
    const key = uniqueKey(used, q.key);
    used.add(key);
    finalKey.set(q.key, key);
    if (key !== q.key) renamed.push({ from: q.key, to: key });
    return {
      ...q,
      key,
      ...(lesson && !q.lessons.includes(lesson) ? { lessons: [...q.lessons, lesson] } : {}),
    };
  });
  const notices = result.notices.map((n) => ({ ...n, key: finalKey.get(n.key) ?? n.key }));
  return { questions, errors: result.errors, unsupported: result.unsupported, notices, renamed };
}

export type QuestionImportResult =
  { ok: true; added: number } | { ok: false; error: string; preview: QuestionImportPreview };

/** Imports only a clean file: no errors, and unsupported questions only when the trainer agreed to skip them. */
export async function importQuestions(
  ctx: AuthorContext,
  input: { text: string; format: "gift" | "aiken"; pool: string; lesson: string; skipUnsupported: boolean },
): Promise<QuestionImportResult> {
  const preview = await previewQuestionImport(ctx, input);
  if (preview.errors.length > 0) return { ok: false, error: "authoring.gift.fixErrors", preview };
  if (preview.unsupported.length > 0 && !input.skipUnsupported)
    return { ok: false, error: "authoring.gift.confirmSkip", preview };
  if (preview.questions.length === 0) return { ok: false, error: "authoring.gift.nothing", preview };
  const result = await addQuestions(ctx, preview.questions);
  return { ok: true, added: result.added };
}

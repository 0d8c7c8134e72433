import fs from "node:fs";
import path from "node:path";
import { prisma, type Db } from "~/lib/db.server";
import { contentHash } from "~/lib/content/hash.server";
import { contentErrorText, lessonFileName, parseCourse, serializeCourse, type ContentError, type CourseBundle, type LessonBundle } from "~/lib/content/format";
import { normalizeForSearch } from "~/lib/content/search";
import { captionTracks } from "~/lib/content/webvtt";
import type { Question } from "~/lib/exams/question";
import { parsePools, parseQuestion } from "~/lib/exams/question.schema";
import { translate } from "~/lib/i18n/i18n";
import type { ScormManifest } from "~/lib/scorm/manifest";
import { readScormPackage, type ScormPackageFiles } from "~/lib/scorm/package";
import { lessonScorm, scormColumns, sha256Hex, storeScormPackage } from "~/lib/scorm/store.server";
import { en } from "~/lib/i18n/messages.en";
import { parseStringList } from "~/lib/stored-json";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Reads one course folder into path → text (relative paths, "/" separators). */
export function readCourseFolder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.name.startsWith(".")) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && fs.statSync(full).size <= MAX_FILE_BYTES) {
        files.set(path.relative(dir, full).split(path.sep).join("/"), fs.readFileSync(full, "utf8"));
      }
    }
  };
  walk(dir);
  return files;
}

/** The course folders below a content directory (`<dir>/courses/*`, or `<dir>` itself if it is one). */
export function courseFolders(dir: string): string[] {
  if (fs.existsSync(path.join(dir, "course.yaml"))) return [dir];
  const coursesDir = fs.existsSync(path.join(dir, "courses")) ? path.join(dir, "courses") : dir;
  return fs
    .readdirSync(coursesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(coursesDir, entry.name, "course.yaml")))
    .map((entry) => path.join(coursesDir, entry.name))
    .sort();
}

/** `file:line: message` in English, for the CLI and server logs (`file` defaults to the error's own). */
export function describeContentError(error: ContentError, file = error.file): string {
  return `${file}:${error.line}: ${contentErrorText((key, params) => translate(en, key, params), error)}`;
}

export type ImportOutcome = { slug: string; action: "created" | "new-version" | "unchanged" | "draft-replaced"; version: number };
export type ImportReport = { ok: true; courses: ImportOutcome[] } | { ok: false; errors: ContentError[] };
export type ImportOptions = {
  publish?: boolean;
  onProgress?: (done: number, total: number, slug: string) => void;
  authorId?: string;
  /** SCORM packages read from the course folders (parseCourseFolders), stored in the same transaction. */
  packages?: CheckedPackages;
};
/** Checked SCORM packages by SHA-256, waiting to be stored with the courses that use them. */
export type CheckedPackages = Map<string, { bytes: Uint8Array; manifest: ScormManifest; files: ScormPackageFiles }>;

/** Validates every course first; imports all of them in one transaction, or nothing. */
export async function importCourseBundles(parsed: CourseBundle[], options: ImportOptions = {}): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  await prisma.$transaction(
    async (tx) => {
      let done = 0;
      for (const pkg of options.packages?.values() ?? []) await storeScormPackage(tx, pkg.bytes, pkg.manifest, pkg.files);
      for (const course of parsed) {
        outcomes.push(await importOne(tx, course, options));
        options.onProgress?.(++done, parsed.length, course.slug);
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return outcomes;
}

export function parseCourseFolders(dirs: string[]): { bundles: CourseBundle[]; errors: ContentError[]; packages: CheckedPackages } {
  const bundles: CourseBundle[] = [];
  const errors: ContentError[] = [];
  const packages: CheckedPackages = new Map();
  for (const dir of dirs) {
    const result = parseCourse(path.basename(dir), readCourseFolder(dir));
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    errors.push(...readFolderPackages(dir, result.course, packages));
    bundles.push(result.course);
  }
  return { bundles, errors, packages };
}

/**
 * A `scorm:` lesson that names a zip in its course folder: the zip is checked like an upload
 * and the lesson is pointed at its SHA-256 (stored by the import's transaction).
 */
function readFolderPackages(dir: string, course: CourseBundle, packages: CheckedPackages): ContentError[] {
  const errors: ContentError[] = [];
  for (const lesson of course.modules.flatMap((m) => m.lessons)) {
    if (!lesson.scorm || lesson.scorm.package.startsWith("sha256:")) continue;
    const file = `${path.basename(dir)}/${lessonFileName(lesson.number, lesson.key)}`;
    const zipPath = path.join(dir, lesson.scorm.package);
    if (!fs.existsSync(zipPath)) {
      errors.push({ file, line: 1, path: "scorm.package", code: "scorm.error.packageNotFound", params: { package: lesson.scorm.package } });
      continue;
    }
    const bytes = new Uint8Array(fs.readFileSync(zipPath));
    const checked = readScormPackage(bytes);
    if (!checked.ok) {
      errors.push({ file, line: 1, path: "scorm.package", ...checked.problem });
      continue;
    }
    const sha256 = sha256Hex(bytes);
    packages.set(sha256, { bytes, manifest: checked.manifest, files: checked.files });
    lesson.scorm = { ...lesson.scorm, package: `sha256:${sha256}` };
  }
  return errors;
}

export async function importContentDirectory(dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  const { bundles, errors, packages } = parseCourseFolders(courseFolders(dir));
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, courses: await importCourseBundles(bundles, { ...options, packages }) };
}

/** What the catalogue search looks through: titles and summaries in both languages, module and lesson titles. */
function searchableText(course: CourseBundle): string {
  const parts = [course.title.vi, course.title.en, course.summary.vi, course.summary.en];
  for (const module of course.modules) {
    parts.push(module.title.vi, module.title.en);
    for (const lesson of module.lessons) parts.push(lesson.title.vi, lesson.title.en);
  }
  return parts.join(" \n ");
}

function lessonHash(lesson: LessonBundle): string {
  return contentHash({ title: lesson.title, markdown: lesson.markdown, video: lesson.video, required: lesson.required, durationMinutes: lesson.durationMinutes, scorm: lesson.scorm });
}

function questionHash(question: Question): string {
  return contentHash(question);
}

export function bundleHash(course: CourseBundle): string {
  return contentHash(course);
}

async function importOne(tx: Tx, course: CourseBundle, options: ImportOptions): Promise<ImportOutcome> {
  const hash = bundleHash(course);
  const existing = await tx.course.findUnique({ where: { slug: course.slug }, select: { id: true } });
  const courseId = existing?.id ?? (await tx.course.create({ data: { slug: course.slug }, select: { id: true } })).id;
  if (!existing && options.authorId) {
    await tx.courseAuthor.create({ data: { courseId, userId: options.authorId, isOwner: true } });
  }
  const latest = await tx.courseVersion.findFirst({
    where: { courseId, kind: "full" },
    orderBy: { number: "desc" },
    select: { id: true, number: true, status: true, contentHash: true },
  });
  if (latest && latest.contentHash === hash) return { slug: course.slug, action: "unchanged", version: latest.number };
  const publish = options.publish ?? true;
  if (latest?.status === "draft") {
    // A draft is still editable: replacing it keeps the version number.
    await tx.courseVersion.delete({ where: { id: latest.id } });
    await createVersion(tx, courseId, latest.number, course, hash, publish);
    return { slug: course.slug, action: "draft-replaced", version: latest.number };
  }
  const number = (latest?.number ?? 0) + 1;
  await createVersion(tx, courseId, number, course, hash, publish);
  return { slug: course.slug, action: latest ? "new-version" : "created", version: number };
}

/** Writes a complete course version (modules, lessons, question bank, exam). */
export async function createVersion(tx: Tx, courseId: string, number: number, course: CourseBundle, hash: string, publish: boolean, extra: { changeNote?: string; material?: boolean } = {}) {
  const version = await tx.courseVersion.create({
    data: {
      courseId,
      number,
      kind: "full",
      status: publish ? "published" : "draft",
      publishedAt: publish ? new Date() : null,
      titleVi: course.title.vi,
      titleEn: course.title.en,
      summaryVi: course.summary.vi,
      summaryEn: course.summary.en,
      audience: course.audience,
      credits: course.credits,
      deltaCredits: course.deltaCredits,
      durationMinutes: course.durationMinutes,
      skills: course.skills,
      certificateValidityMonths: course.certificateValidityMonths ?? null,
      searchText: normalizeForSearch(searchableText(course)),
      contentHash: hash,
      changeNote: extra.changeNote ?? null,
      material: extra.material ?? null,
    },
    select: { id: true },
  });
  let position = 0;
  for (const [moduleIndex, module] of course.modules.entries()) {
    const created = await tx.module.create({
      data: { versionId: version.id, key: module.key, position: moduleIndex + 1, titleVi: module.title.vi, titleEn: module.title.en },
      select: { id: true },
    });
    const scorm = await Promise.all(module.lessons.map((lesson) => scormColumns(tx, lesson.scorm)));
    await tx.lesson.createMany({
      data: module.lessons.map((lesson, index) => ({
        ...scorm[index],
        versionId: version.id,
        moduleId: created.id,
        key: lesson.key,
        position: ++position,
        titleVi: lesson.title.vi,
        titleEn: lesson.title.en,
        markdown: lesson.markdown,
        contentHash: lessonHash(lesson),
        durationMinutes: lesson.durationMinutes,
        required: lesson.required,
        videoSrc: lesson.video?.src ?? null,
        videoDurationSeconds: lesson.video ? Math.round(lesson.video.durationSeconds) : null,
        transcript: lesson.video?.transcript ?? null,
        captionsVi: lesson.video?.captions?.vi ?? null,
        captionsEn: lesson.video?.captions?.en ?? null,
      })),
    });
  }
  if (course.exam) {
    await tx.question.createMany({
      data: course.exam.questions.map((question, index) => ({
        versionId: version.id,
        key: question.key,
        position: index + 1,
        pool: question.pool,
        type: question.type,
        points: question.points,
        lessonKeys: question.lessons,
        contentHash: questionHash(question),
        spec: question,
      })),
    });
    await tx.exam.create({
      data: {
        versionId: version.id,
        titleVi: course.exam.title.vi,
        titleEn: course.exam.title.en,
        timeLimitMinutes: course.exam.timeLimitMinutes,
        passPercent: course.exam.passPercent,
        maxAttempts: course.exam.maxAttempts,
        cooldownMinutes: course.exam.cooldownMinutes,
        reviewPolicy: course.exam.review,
        pools: course.exam.pools,
      },
      select: { id: true },
    });
  }
  return version;
}

type Client = Db | Tx;

/** A lesson row's video as the bundle carries it (none without a source). */
export function lessonVideo(l: {
  videoSrc: string | null;
  videoDurationSeconds: number | null;
  transcript: string | null;
  captionsVi: string | null;
  captionsEn: string | null;
}): LessonBundle["video"] {
  if (!l.videoSrc) return undefined;
  const captions = captionTracks({ vi: l.captionsVi, en: l.captionsEn });
  return {
    src: l.videoSrc,
    durationSeconds: l.videoDurationSeconds ?? 0,
    ...(l.transcript ? { transcript: l.transcript } : {}),
    ...(Object.keys(captions).length > 0 ? { captions } : {}),
  };
}

/** The lesson columns a bundle lesson is made of. */
export const lessonSelect = {
  key: true, position: true, titleVi: true, titleEn: true, durationMinutes: true, required: true,
  videoSrc: true, videoDurationSeconds: true, transcript: true, captionsVi: true, captionsEn: true, markdown: true,
  kind: true, scormPackageId: true, scormRule: true, scormPassPercent: true,
} as const;

/**
 * A stored version as a content bundle (for export, diffs, publishing and new drafts), plus its
 * whole question bank: a draft may have questions before its exam, the bundle only lists an exam's.
 */
export async function readVersionContent(client: Client, versionId: string): Promise<{ bundle: CourseBundle; questions: Question[] }> {
  const version = await client.courseVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: {
      titleVi: true, titleEn: true, summaryVi: true, summaryEn: true, audience: true, credits: true, deltaCredits: true,
      durationMinutes: true, skills: true, certificateValidityMonths: true,
      course: { select: { slug: true } },
      modules: { orderBy: { position: "asc" }, select: { key: true, titleVi: true, titleEn: true, lessons: { orderBy: { position: "asc" }, select: { ...lessonSelect, scormPackage: { select: { sha256: true } } } } } },
      questions: { orderBy: { position: "asc" }, select: { key: true, spec: true } },
      exam: { select: { id: true, titleVi: true, titleEn: true, timeLimitMinutes: true, passPercent: true, maxAttempts: true, cooldownMinutes: true, reviewPolicy: true, pools: true } },
    },
  });
  const questions = version.questions.map((q) => parseQuestion(q.spec, `question '${q.key}' of version ${versionId}`));
  // Lessons are numbered by their place in module order, as lesson files are.
  let number = 0;
  const bundle: CourseBundle = {
    slug: version.course.slug,
    title: { vi: version.titleVi, en: version.titleEn },
    summary: { vi: version.summaryVi, en: version.summaryEn },
    audience: version.audience as CourseBundle["audience"],
    credits: version.credits,
    durationMinutes: version.durationMinutes,
    skills: parseStringList(version.skills, `version ${versionId} skills`),
    ...(version.certificateValidityMonths ? { certificateValidityMonths: version.certificateValidityMonths } : {}),
    deltaCredits: version.deltaCredits,
    modules: version.modules.map((module) => ({
      key: module.key,
      title: { vi: module.titleVi, en: module.titleEn },
      lessons: module.lessons.map((lesson) => {
        const video = lessonVideo(lesson);
        const scorm = lessonScorm(lesson);
        return {
          key: lesson.key,
          number: ++number,
          title: { vi: lesson.titleVi, en: lesson.titleEn },
          durationMinutes: lesson.durationMinutes,
          required: lesson.required,
          ...(video ? { video } : {}),
          ...(scorm ? { scorm } : {}),
          markdown: lesson.markdown,
        };
      }),
    })),
  };
  if (version.exam) {
    bundle.exam = {
      title: { vi: version.exam.titleVi, en: version.exam.titleEn },
      timeLimitMinutes: version.exam.timeLimitMinutes,
      passPercent: version.exam.passPercent,
      maxAttempts: version.exam.maxAttempts,
      cooldownMinutes: version.exam.cooldownMinutes,
      review: version.exam.reviewPolicy as "score" | "answers" | "full",
      pools: parsePools(version.exam.pools, version.exam.id),
      questions,
    };
  }
  return { bundle, questions };
}

/** Rebuilds a course version as a bundle. */
export async function loadBundle(versionId: string): Promise<CourseBundle> {
  return (await readVersionContent(prisma, versionId)).bundle;
}

/** Writes the newest version of a course to `<dir>/<slug>/` in the content format. */
export async function exportCourse(slug: string, dir: string): Promise<string[]> {
  const latest = await prisma.courseVersion.findFirst({
    where: { course: { slug }, kind: "full" },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  if (!latest) throw new Error(`No course with slug "${slug}"`);
  const files = serializeCourse(await loadBundle(latest.id));
  const target = path.join(dir, slug);
  const written: string[] = [];
  for (const [relative, text] of files) {
    const file = path.join(target, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(file);
  }
  return written;
}

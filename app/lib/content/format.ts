/**
 * The on-disk course content format: parser (with exhaustive, line-accurate
 * validation) and serializer. Pure: callers hand in file contents, so the CLI
 * importer, the exporter and tests share it without touching the file system.
 *
 * Layout of a course folder:
 *   course.yaml                 course metadata + module/lesson outline
 *   lessons/NN-<key>.md         YAML front matter + Markdown body, NN = global position
 *   exam.yaml                   optional exam settings + list of question banks
 *   <bank>.yaml | <bank>.gift   question banks named by exam.yaml
 *
 * Every problem is collected (never stop at the first) and located at the 1-based
 * line of the offending YAML node, because authors fix files from the error list.
 */
import { Document, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit } from "yaml";
import { z } from "zod";
import { type GiftErrorCode, parseGift } from "~/lib/exams/gift";
import type { ScormErrorCode } from "~/lib/scorm/manifest";
import { type LocalizedMessage, messageText, type MessageParams, problemKey, type ProblemKey } from "~/lib/exams/import-errors";
import { captionTracks, type CaptionLanguage, isWebVtt } from "~/lib/content/webvtt";
import {
  normalizeQuestion,
  questionInputSchema,
  questionProblems,
  slugify,
  toQuestionInput,
  type Question,
} from "~/lib/exams/question";

export type Localized = { vi: string; en: string };
export type LessonBundle = {
  key: string;
  number: number;
  title: Localized;
  durationMinutes: number;
  required: boolean;
  video?: {
    src: string;
    durationSeconds: number;
    transcript?: string;
    /** WebVTT caption tracks by language. */
    captions?: Partial<Record<CaptionLanguage, string>>;
  };
  /**
   * A SCORM lesson: `package` is a zip in the course folder (`packages/intro.zip`) or, once
   * stored, `sha256:<hex>` of that zip; `rule` is what completes the lesson.
   */
  scorm?: ScormLessonSpec;
  markdown: string;
};
export type ScormRule = "completed" | "passed" | "score";
export type ScormLessonSpec = { package: string; rule: ScormRule; passPercent?: number };
export type ModuleBundle = { key: string; title: Localized; lessons: LessonBundle[] };
export type ExamBundle = {
  title: Localized;
  timeLimitMinutes: number;
  passPercent: number;
  maxAttempts: number;
  cooldownMinutes: number;
  review: "score" | "answers" | "full";
  pools: { pool: string; draw: number }[];
  questions: Question[];
};
export type CourseBundle = {
  slug: string;
  title: Localized;
  summary: Localized;
  audience: "citizens" | "officials" | "both";
  credits: number;
  durationMinutes: number;
  skills: string[];
  certificateValidityMonths?: number;
  deltaCredits: number;
  modules: ModuleBundle[];
  exam?: ExamBundle;
};

/** Every problem the format reports in its own words (GIFT banks add the GIFT parser's). */
export const CONTENT_ERROR_CODES = [
  "authoring.format.key",
  "authoring.format.empty",
  "authoring.format.skill",
  "authoring.format.moduleNoLessons",
  "authoring.format.noModules",
  "authoring.format.noSkills",
  "authoring.format.videoSrc",
  "authoring.format.webvtt",
  "authoring.format.scormPackage",
  "authoring.format.scormPassPercent",
  "authoring.format.scormWithVideo",
  "authoring.format.noPools",
  "authoring.format.bankName",
  "authoring.format.noBanks",
  "authoring.format.duplicate",
  "authoring.format.yamlDuplicateKey",
  "authoring.format.yamlSyntax",
  "authoring.format.yamlWarning",
  "authoring.format.unknownKey",
  "authoring.format.required",
  "authoring.format.expectedNumber",
  "authoring.format.expectedInteger",
  "authoring.format.expectedText",
  "authoring.format.expectedBoolean",
  "authoring.format.expectedList",
  "authoring.format.expectedMapping",
  "authoring.format.enum",
  "authoring.format.atLeast",
  "authoring.format.greaterThan",
  "authoring.format.atMost",
  "authoring.format.lessThan",
  "authoring.format.atLeastItems",
  "authoring.format.invalid",
  "authoring.format.frontMatterMissing",
  "authoring.format.frontMatterUnclosed",
  "authoring.format.lessonEmpty",
  "authoring.format.courseYamlMissing",
  "authoring.format.slugMismatch",
  "authoring.format.lessonFileName",
  "authoring.format.lessonKeyTwice",
  "authoring.format.lessonListedTwice",
  "authoring.format.lessonFileMissing",
  "authoring.format.lessonNumber",
  "authoring.format.lessonNotListed",
  "authoring.format.bankNotListed",
  "authoring.format.bankWithoutExam",
  "authoring.format.courseInvalid",
  "authoring.format.bankMissing",
  "authoring.format.questionKeyTwice",
  "authoring.format.questionLesson",
  "authoring.format.poolEmpty",
  "authoring.format.poolTooSmall",
  "authoring.format.bankNotList",
  "authoring.format.giftUnsupported",
] as const;
export type ContentErrorCode = (typeof CONTENT_ERROR_CODES)[number];

/**
 * One problem in a course folder: a dictionary key with its parameters (see messageText), the
 * file and 1-based line, and `path`, the YAML path of the offending value (language-neutral).
 */
export type ContentProblem = LocalizedMessage<ContentErrorCode | GiftErrorCode | ProblemKey | ScormErrorCode> & { path?: string };
export type ContentError = ContentProblem & { file: string; line: number };
type Report = (line: number, problem: ContentProblem) => void;

/** `path: message` in the language `t` speaks (the file and line are the caller's to show). */
export function contentErrorText(t: (key: string, params?: MessageParams) => string, error: ContentProblem): string {
  const text = messageText(t, error);
  return error.path ? `${error.path}: ${text}` : text;
}

type Path = (string | number)[];

// ---------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------

/** Slugs and module/lesson keys double as URL segments and file-name parts. */
const KEY_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// Custom zod messages are the keys of ContentErrorCode; describeIssue passes them through.
const KEY_MESSAGE: ContentErrorCode = "authoring.format.key";
/** DigComp 2.2 competence codes, area 1–5 and competence 1–9. */
const SKILL_RE = /^[1-5]\.[1-9]$/;
const LESSON_FILE_RE = /^lessons\/(\d{2,})-(.+)\.md$/;
/** Question banks sit next to exam.yaml. */
const BANK_NAME_RE = /^[^/\\]+\.(ya?ml|gift)$/;

const nonBlank = z.string().refine((s) => s.trim() !== "", "authoring.format.empty");
const key = z.string().regex(KEY_RE, KEY_MESSAGE);
const localized = z.object({ vi: nonBlank, en: nonBlank }).strict();
const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().min(0);

/** Adds an issue at `path` for every repeated value, pointing at the repetition. */
function uniqueBy<T>(pick: (item: T) => string | undefined, subPath: Path = []) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const v = pick(item);
      if (v === undefined) return;
      const first = seen.get(v);
      if (first === undefined) seen.set(v, i);
      else ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, ...subPath], message: "authoring.format.duplicate", params: { value: v, first } });
    });
  };
}

// An unquoted `1.2` in YAML is a number; accept it and keep the code as text.
const skill = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .pipe(z.string().regex(SKILL_RE, "authoring.format.skill"));

const moduleSchema = z
  .object({
    key,
    title: localized,
    lessons: z.array(key).min(1, "authoring.format.moduleNoLessons"),
  })
  .strict();

const modulesSchema = z
  .array(moduleSchema)
  .min(1, "authoring.format.noModules")
  .superRefine(uniqueBy((m) => m.key, ["key"]));

const courseSchema = z
  .object({
    slug: key,
    title: localized,
    summary: localized,
    audience: z.enum(["citizens", "officials", "both"]),
    credits: z.number().finite().min(0),
    durationMinutes: positiveInt,
    skills: z.array(skill).min(1, "authoring.format.noSkills").superRefine(uniqueBy((s) => s)),
    certificateValidityMonths: positiveInt.optional(),
    deltaCredits: z.number().finite().min(0).default(0),
    modules: modulesSchema,
  })
  .strict();

/** `/media/…` on this site, a Mux playback id, or an https HLS/MP4 URL. */
export function isValidVideoSrc(src: string): boolean {
  if (src.startsWith("/media/")) return src.length > "/media/".length && !src.split("/").includes("..");
  if (src.startsWith("mux:")) return /^mux:[A-Za-z0-9]+$/.test(src);
  try {
    const url = new URL(src);
    return url.protocol === "https:" && /\.(m3u8|mp4)$/i.test(url.pathname);
  } catch {
    return false;
  }
}

const frontMatterSchema = z
  .object({
    title: localized,
    durationMinutes: positiveInt,
    required: z.boolean().default(true),
    video: z
      .object({
        src: z
          .string()
          .refine(isValidVideoSrc, "authoring.format.videoSrc"),
        durationSeconds: positiveInt,
        transcript: nonBlank.optional(),
        captions: z
          .object({
            vi: z.string().refine(isWebVtt, "authoring.format.webvtt").optional(),
            en: z.string().refine(isWebVtt, "authoring.format.webvtt").optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    scorm: z
      .object({
        package: z.string().refine(isScormPackageRef, "authoring.format.scormPackage"),
        rule: z.enum(["completed", "passed", "score"]).default("completed"),
        passPercent: z.number().int().min(1).max(100).optional(),
      })
      .strict()
      .refine((s) => (s.rule === "score") === (s.passPercent !== undefined), {
        message: "authoring.format.scormPassPercent",
        path: ["passPercent"],
      })
      .optional(),
  })
  .strict()
  .refine((fm) => !(fm.scorm && fm.video), { message: "authoring.format.scormWithVideo", path: ["scorm"] });

/** `sha256:<64 hex>` (a stored package) or a relative `.zip` path inside the course folder. */
export function isScormPackageRef(ref: string): boolean {
  if (ref.startsWith("sha256:")) return /^sha256:[0-9a-f]{64}$/.test(ref);
  return /^[\w.-]+(\/[\w.-]+)*\.zip$/i.test(ref) && !ref.split("/").some((part) => part === ".." || part === ".");
}

const examSchema = z
  .object({
    title: localized,
    timeLimitMinutes: z.number().int().min(1).max(600),
    passPercent: z.number().min(0).max(100),
    maxAttempts: nonNegativeInt,
    cooldownMinutes: nonNegativeInt,
    review: z.enum(["score", "answers", "full"]),
    pools: z
      .array(z.object({ pool: nonBlank, draw: positiveInt }).strict())
      .min(1, "authoring.format.noPools")
      .superRefine(uniqueBy((p) => p.pool, ["pool"])),
    banks: z
      .array(z.string().regex(BANK_NAME_RE, "authoring.format.bankName"))
      .min(1, "authoring.format.noBanks")
      .superRefine(uniqueBy((b) => b)),
  })
  .strict();

// ---------------------------------------------------------------------------
// YAML helpers
// ---------------------------------------------------------------------------

function formatPath(path: Path): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out === "" ? seg : `.${seg}`;
  return out;
}

/** The problem with its YAML path, when it has one. */
function atPath(path: Path, problem: ContentProblem): ContentProblem {
  return path.length > 0 ? { ...problem, path: formatPath(path) } : problem;
}

function lineOfOffset(lc: LineCounter, offset: number): number {
  return lc.linePos(offset).line;
}

/**
 * Line of the node at `path`. A map entry is located by its key (so a block value
 * reports the `key:` line); a sequence item by the item itself. If the path does
 * not exist (a missing required field) the deepest existing ancestor is used, i.e.
 * the line of the parent mapping.
 */
function lineOfPath(doc: Document, lc: LineCounter, path: Path): number {
  let node: unknown = doc.contents;
  let line = isNode(node) && node.range ? lineOfOffset(lc, node.range[0]) : 1;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      if (!pair) break;
      if (isNode(pair.key) && pair.key.range) line = lineOfOffset(lc, pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg];
      if (item === undefined) break;
      if (isNode(item) && item.range) line = lineOfOffset(lc, item.range[0]);
      node = item;
    } else {
      break;
    }
  }
  return line;
}

type ParsedYaml = { doc: Document; lc: LineCounter; value: unknown; usable: boolean };

/**
 * Parse YAML and report syntax errors and warnings. Duplicate keys still leave a
 * well-formed tree, so validation continues after them (reporting everything);
 * after any other syntax error the tree is unreliable and the caller skips it.
 */
function parseYaml(text: string, report: Report): ParsedYaml {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  let usable = true;
  for (const err of doc.errors) {
    const dupKey = err.code === "DUPLICATE_KEY";
    if (!dupKey) usable = false;
    report(
      lineOfOffset(lc, err.pos[0]),
      dupKey
        ? { code: "authoring.format.yamlDuplicateKey", params: { key: keyTextAt(text, err.pos[0]) } }
        : { code: "authoring.format.yamlSyntax", params: { code: err.code } },
    );
  }
  for (const w of doc.warnings) report(lineOfOffset(lc, w.pos[0]), { code: "authoring.format.yamlWarning", params: { code: w.code } });
  return { doc, lc, value: usable ? doc.toJS() : undefined, usable };
}

function keyTextAt(text: string, offset: number): string {
  const m = /^[^:\n]*/.exec(text.slice(offset));
  return (m?.[0] ?? "").trim() || "?";
}

/**
 * Report zod issues at the lines of the nodes they concern. `basePath` locates the
 * validated value inside the document (and is part of the reported path).
 */
function reportIssues(issues: z.ZodIssue[], doc: Document, lc: LineCounter, report: Report, basePath: Path = []) {
  for (const issue of issues) {
    const at = [...basePath, ...issue.path];
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      for (const k of issue.keys) report(lineOfPath(doc, lc, [...at, k]), atPath(at, { code: "authoring.format.unknownKey", params: { key: k } }));
    } else {
      report(lineOfPath(doc, lc, at), atPath(at, describeIssue(issue)));
    }
  }
}

const CODES: ReadonlySet<string> = new Set(CONTENT_ERROR_CODES);
const EXPECTED: Record<string, ContentErrorCode> = {
  number: "authoring.format.expectedNumber",
  integer: "authoring.format.expectedInteger",
  string: "authoring.format.expectedText",
  boolean: "authoring.format.expectedBoolean",
  array: "authoring.format.expectedList",
  object: "authoring.format.expectedMapping",
};

/** A zod issue as a message key: our own messages are keys already, question rules map through problemKey. */
function describeIssue(issue: z.ZodIssue): ContentProblem {
  if (CODES.has(issue.message)) {
    const params = issue.code === z.ZodIssueCode.custom ? (issue.params) : undefined;
    return { code: issue.message as ContentErrorCode, ...(params ? { params } : {}) };
  }
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === "undefined") return { code: "authoring.format.required" };
      return { code: EXPECTED[issue.expected] ?? "authoring.format.invalid" };
    case z.ZodIssueCode.invalid_enum_value:
      return { code: "authoring.format.enum", params: { options: issue.options.join(", ") } };
    case z.ZodIssueCode.not_finite:
      return { code: "authoring.format.expectedNumber" };
    case z.ZodIssueCode.too_small: {
      const minimum = Number(issue.minimum);
      if (issue.type === "array") return { code: "authoring.format.atLeastItems", params: { minimum } };
      if (issue.type === "string") return { code: "authoring.format.empty" };
      return { code: issue.inclusive ? "authoring.format.atLeast" : "authoring.format.greaterThan", params: { minimum } };
    }
    case z.ZodIssueCode.too_big: {
      const maximum = Number(issue.maximum);
      return { code: issue.inclusive ? "authoring.format.atMost" : "authoring.format.lessThan", params: { maximum } };
    }
    case z.ZodIssueCode.custom:
      return { code: problemKey(issue.message) };
    default:
      return { code: "authoring.format.invalid" };
  }
}

// ---------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------

type FrontMatterSplit =
  | { ok: true; yaml: string; yamlStartLine: number; body: string; bodyStartLine: number }
  | { ok: false; line: number; code: ContentErrorCode };

/**
 * Split `---\n<yaml>\n---\n<body>`. The YAML starts on line 2 of the file, which
 * is the offset added to every front-matter line number.
 */
function splitFrontMatter(text: string): FrontMatterSplit {
  const lines = text.split("\n");
  if (lines[0]?.trimEnd() !== "---") {
    return { ok: false, line: 1, code: "authoring.format.frontMatterMissing" };
  }
  const close = lines.findIndex((l, i) => i > 0 && l.trimEnd() === "---");
  if (close < 0) return { ok: false, line: 1, code: "authoring.format.frontMatterUnclosed" };
  return {
    ok: true,
    yaml: lines.slice(1, close).join("\n") + "\n",
    yamlStartLine: 2,
    body: lines.slice(close + 1).join("\n"),
    bodyStartLine: close + 2,
  };
}

/** Leading blank lines and trailing whitespace are layout, not content. */
function normalizeBody(body: string): string {
  return body.replace(/^(?:[ \t]*\n)+/, "").trimEnd();
}

function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

type LessonFile = { path: string; number: number; key: string };

export function parseCourse(
  dirName: string,
  files: Map<string, string>,
): { ok: true; course: CourseBundle } | { ok: false; errors: ContentError[] } {
  const errors: ContentError[] = [];
  const reporter: Reporter = (rel, lineOffset = 0) => (line, problem) =>
    errors.push({ file: `${dirName}/${rel}`, line: line + lineOffset, ...problem });
  const read = (rel: string) => {
    const t = files.get(rel);
    return t === undefined ? undefined : normalizeText(t);
  };

  // --- course.yaml -------------------------------------------------------
  let course: z.infer<typeof courseSchema> | undefined;
  let modules: z.infer<typeof modulesSchema> | undefined;
  let courseYaml: ParsedYaml | undefined;
  const courseText = read("course.yaml");
  const reportCourse = reporter("course.yaml");
  if (courseText === undefined) {
    reportCourse(1, { code: "authoring.format.courseYamlMissing" });
  } else {
    courseYaml = parseYaml(courseText, reportCourse);
    if (courseYaml.usable) {
      const parsed = courseSchema.safeParse(courseYaml.value);
      if (parsed.success) {
        course = parsed.data;
        modules = parsed.data.modules;
      } else {
        reportIssues(parsed.error.issues, courseYaml.doc, courseYaml.lc, reportCourse);
        // Keep cross-checking lessons against the outline even if, say, `audience` is wrong.
        const raw = courseYaml.value as { modules?: unknown } | null;
        const m = modulesSchema.safeParse(raw && typeof raw === "object" ? raw.modules : undefined);
        if (m.success) modules = m.data;
      }
      // Checked on the raw value so the mismatch is reported even when other fields are invalid.
      const slug = (courseYaml.value as { slug?: unknown } | null)?.slug;
      if (typeof slug === "string" && slug !== dirName) {
        reportCourse(
          lineOfPath(courseYaml.doc, courseYaml.lc, ["slug"]),
          { path: "slug", code: "authoring.format.slugMismatch", params: { slug, folder: dirName } },
        );
      }
    }
  }

  // --- lesson files --------------------------------------------------------
  const lessonFiles = new Map<string, LessonFile>(); // by key
  for (const path of [...files.keys()].sort()) {
    if (!path.startsWith("lessons/")) continue;
    if (!path.endsWith(".md")) continue;
    const m = LESSON_FILE_RE.exec(path);
    if (!m || !KEY_RE.test(m[2])) {
      reporter(path)(1, { code: "authoring.format.lessonFileName", params: { file: path } });
      continue;
    }
    const lf = { path, number: Number(m[1]), key: m[2] };
    const dup = lessonFiles.get(lf.key);
    if (dup) {
      reporter(path)(1, { code: "authoring.format.lessonKeyTwice", params: { key: lf.key, first: dup.path, second: path } });
      continue;
    }
    lessonFiles.set(lf.key, lf);
  }

  const lessonData = new Map<string, Omit<LessonBundle, "key" | "number">>();
  for (const lf of lessonFiles.values()) {
    const text = read(lf.path) ?? "";
    const report = reporter(lf.path);
    const split = splitFrontMatter(text);
    if (!split.ok) {
      report(split.line, { code: split.code });
      continue;
    }
    const fm = parseYaml(split.yaml, reporter(lf.path, split.yamlStartLine - 1));
    const markdown = normalizeBody(split.body);
    if (markdown === "") report(split.bodyStartLine, { code: "authoring.format.lessonEmpty" });
    if (!fm.usable) continue;
    const parsed = frontMatterSchema.safeParse(fm.value ?? {});
    if (!parsed.success) {
      reportIssues(parsed.error.issues, fm.doc, fm.lc, reporter(lf.path, split.yamlStartLine - 1));
      continue;
    }
    const d = parsed.data;
    lessonData.set(lf.key, {
      title: d.title,
      durationMinutes: d.durationMinutes,
      required: d.required,
      ...(d.video
        ? {
            video: {
              src: d.video.src,
              durationSeconds: d.video.durationSeconds,
              ...(d.video.transcript !== undefined ? { transcript: d.video.transcript } : {}),
              ...(d.video.captions && Object.keys(d.video.captions).length > 0
                ? { captions: captionTracks(d.video.captions) }
                : {}),
            },
          }
        : {}),
      ...(d.scorm
        ? {
            scorm: {
              package: d.scorm.package,
              rule: d.scorm.rule,
              ...(d.scorm.passPercent !== undefined ? { passPercent: d.scorm.passPercent } : {}),
            },
          }
        : {}),
      markdown,
    });
  }

  // --- outline ↔ files -------------------------------------------------------
  const outlineKeys = new Set<string>();
  const moduleBundles: ModuleBundle[] = [];
  if (modules && courseYaml) {
    let position = 0;
    modules.forEach((mod, mi) => {
      const lessons: LessonBundle[] = [];
      mod.lessons.forEach((lessonKey, li) => {
        const itemPath = ["modules", mi, "lessons", li];
        const line = lineOfPath(courseYaml.doc, courseYaml.lc, itemPath);
        if (outlineKeys.has(lessonKey)) {
          // Not given a position, so one duplicate does not also renumber every later lesson.
          reportCourse(line, atPath(itemPath, { code: "authoring.format.lessonListedTwice", params: { lesson: lessonKey } }));
          return;
        }
        outlineKeys.add(lessonKey);
        position += 1;
        const expected = lessonFileName(position, lessonKey);
        const lf = lessonFiles.get(lessonKey);
        if (!lf) {
          reportCourse(line, atPath(itemPath, { code: "authoring.format.lessonFileMissing", params: { file: expected } }));
          return;
        }
        if (lf.number !== position) {
          reporter(lf.path)(1, { code: "authoring.format.lessonNumber", params: { lesson: lessonKey, position, file: expected } });
        }
        const data = lessonData.get(lessonKey);
        if (data) lessons.push({ key: lessonKey, number: lf.number, ...data });
      });
      moduleBundles.push({ key: mod.key, title: mod.title, lessons });
    });
    for (const lf of lessonFiles.values()) {
      if (!outlineKeys.has(lf.key)) {
        reporter(lf.path)(1, { code: "authoring.format.lessonNotListed", params: { file: lf.path } });
      }
    }
  }

  // --- exam -------------------------------------------------------------------
  const exam = parseExam(read, reporter, outlineKeys, modules !== undefined);
  const referencedBanks = new Set(exam.banks);
  for (const path of files.keys()) {
    if (path.includes("/") || path === "course.yaml" || path === "exam.yaml") continue;
    if (BANK_NAME_RE.test(path) && !referencedBanks.has(path)) {
      reporter(path)(1, { code: files.has("exam.yaml") ? "authoring.format.bankNotListed" : "authoring.format.bankWithoutExam", params: { file: path } });
    }
  }

  if (errors.length > 0 || !course) {
    if (errors.length === 0) reportCourse(1, { code: "authoring.format.courseInvalid" });
    return { ok: false, errors: sortErrors(errors) };
  }
  const bundle: CourseBundle = {
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    audience: course.audience,
    credits: course.credits,
    durationMinutes: course.durationMinutes,
    skills: course.skills,
    ...(course.certificateValidityMonths !== undefined ? { certificateValidityMonths: course.certificateValidityMonths } : {}),
    deltaCredits: course.deltaCredits,
    modules: moduleBundles,
    ...(exam.bundle ? { exam: exam.bundle } : {}),
  };
  return { ok: true, course: bundle };
}

function sortErrors(errors: ContentError[]): ContentError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.file < b.e.file ? -1 : a.e.file > b.e.file ? 1 : a.e.line - b.e.line || a.i - b.i))
    .map(({ e }) => e);
}

type Reporter = (rel: string, lineOffset?: number) => Report;

/** Where a question came from, for duplicate-key and lesson-tag messages. */
type QuestionOrigin = { file: string; line: number; lessonLines: number[] };

function parseExam(
  read: (rel: string) => string | undefined,
  reporter: Reporter,
  lessonKeys: Set<string>,
  outlineKnown: boolean,
): { bundle?: ExamBundle; banks: string[] } {
  const text = read("exam.yaml");
  if (text === undefined) return { banks: [] };
  const report = reporter("exam.yaml");
  const y = parseYaml(text, report);
  if (!y.usable) return { banks: [] };
  const parsed = examSchema.safeParse(y.value);
  let banks: string[] = [];
  if (parsed.success) {
    banks = parsed.data.banks;
  } else {
    reportIssues(parsed.error.issues, y.doc, y.lc, report);
    // Still validate the banks we can identify, so their errors show up in the same run.
    const raw = y.value as { banks?: unknown } | null;
    const b = z.array(z.string()).safeParse(raw && typeof raw === "object" ? raw.banks : undefined);
    if (b.success) banks = b.data;
  }

  const questions: Question[] = [];
  const origins = new Map<string, QuestionOrigin>();
  let bankErrors = false;
  const seenBanks = new Set<string>();
  banks.forEach((bank, bi) => {
    // Bad or repeated names were reported by the schema; loading them would only add noise.
    if (!BANK_NAME_RE.test(bank) || seenBanks.has(bank)) return;
    seenBanks.add(bank);
    const bankText = read(bank);
    if (bankText === undefined) {
      report(lineOfPath(y.doc, y.lc, ["banks", bi]), atPath(["banks", bi], { code: "authoring.format.bankMissing", params: { file: bank } }));
      bankErrors = true;
      return;
    }
    const reportBank = reporter(bank);
    const loaded = bank.endsWith(".gift") ? loadGiftBank(bankText, reportBank) : loadYamlBank(bankText, reportBank);
    if (!loaded.ok) bankErrors = true;
    for (const { question, origin } of loaded.questions) {
      const first = origins.get(question.key);
      if (first) {
        reportBank(origin.line, { code: "authoring.format.questionKeyTwice", params: { key: question.key, file: first.file, line: first.line } });
        bankErrors = true;
        continue;
      }
      origins.set(question.key, { ...origin, file: bank });
      if (outlineKnown) {
        question.lessons.forEach((lesson, li) => {
          if (!lessonKeys.has(lesson)) {
            reportBank(origin.lessonLines[li] ?? origin.line, { code: "authoring.format.questionLesson", params: { question: question.key, lesson } });
            bankErrors = true;
          }
        });
      }
      questions.push(question);
    }
  });

  if (!parsed.success) return { banks };

  // Pools are checked against the questions that loaded; if a bank failed, its
  // questions are missing and the counts would be misleading.
  if (!bankErrors) {
    const counts = new Map<string, number>();
    for (const q of questions) counts.set(q.pool, (counts.get(q.pool) ?? 0) + 1);
    parsed.data.pools.forEach((p, pi) => {
      const have = counts.get(p.pool) ?? 0;
      if (have === 0) {
        report(lineOfPath(y.doc, y.lc, ["pools", pi, "pool"]), atPath(["pools", pi, "pool"], { code: "authoring.format.poolEmpty", params: { pool: p.pool } }));
      } else if (p.draw > have) {
        report(
          lineOfPath(y.doc, y.lc, ["pools", pi, "draw"]),
          atPath(["pools", pi, "draw"], { code: "authoring.format.poolTooSmall", params: { draw: p.draw, pool: p.pool, have } }),
        );
      }
    });
  }

  const e = parsed.data;
  return {
    banks,
    bundle: {
      title: e.title,
      timeLimitMinutes: e.timeLimitMinutes,
      passPercent: e.passPercent,
      maxAttempts: e.maxAttempts,
      cooldownMinutes: e.cooldownMinutes,
      review: e.review,
      pools: e.pools,
      questions,
    },
  };
}

type LoadedBank = { ok: boolean; questions: { question: Question; origin: Omit<QuestionOrigin, "file"> }[] };

function loadYamlBank(text: string, report: Report): LoadedBank {
  const y = parseYaml(text, report);
  if (!y.usable) return { ok: false, questions: [] };
  if (!Array.isArray(y.value)) {
    report(lineOfPath(y.doc, y.lc, []), { code: "authoring.format.bankNotList" });
    return { ok: false, questions: [] };
  }
  let ok = true;
  const out: LoadedBank["questions"] = [];
  y.value.forEach((item: unknown, i) => {
    const parsed = questionInputSchema.safeParse(item);
    if (!parsed.success) {
      reportIssues(parsed.error.issues, y.doc, y.lc, report, [i]);
      ok = false;
      return;
    }
    const question = normalizeQuestion(parsed.data);
    // The input schema already applies the semantic rules; this guards the normalised model.
    const problems = questionProblems(question);
    if (problems.length > 0) {
      const line = lineOfPath(y.doc, y.lc, [i]);
      for (const p of problems) report(line, atPath([i, ...p.path], { code: problemKey(p.message) }));
      ok = false;
      return;
    }
    out.push({
      question,
      origin: {
        line: lineOfPath(y.doc, y.lc, [i, "key"]),
        lessonLines: question.lessons.map((_, li) => lineOfPath(y.doc, y.lc, [i, "lessons", li])),
      },
    });
  });
  return { ok, questions: out };
}

function loadGiftBank(text: string, report: Report): LoadedBank {
  const result = parseGift(text);
  let ok = true;
  for (const { line, ...problem } of result.errors) {
    report(line, problem);
    ok = false;
  }
  for (const u of result.unsupported) {
    report(u.line, { code: "authoring.format.giftUnsupported", params: { kind: u.kind } });
    ok = false;
  }
  const out: LoadedBank["questions"] = [];
  const titleLines = giftTitleLines(text);
  for (const question of result.questions) {
    const line = titleLines.get(question.key) ?? 1;
    // parseGift validates as it builds; re-checking guards the stored model all the same.
    const problems = questionProblems(question);
    if (problems.length > 0) {
      for (const p of problems) report(line, { path: question.key, code: problemKey(p.message) });
      ok = false;
      continue;
    }
    out.push({ question, origin: { line, lessonLines: [] } });
  }
  return { ok, questions: out };
}

/**
 * parseGift does not return where each question starts; GIFT keys derive from the
 * `::title::`, so map each title's key (and its -2, -3 … de-duplications, which
 * parseGift assigns in file order) to its line for duplicate-key messages.
 */
function giftTitleLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const counts = new Map<string, number>();
  normalizeText(text)
    .split("\n")
    .forEach((l, i) => {
      const m = /^\s*::(.*?)::/.exec(l);
      if (!m) return;
      const base = slugify(m[1].trim());
      if (!base) return;
      const n = (counts.get(base) ?? 0) + 1;
      counts.set(base, n);
      const k = n === 1 ? base : `${base}-${n}`;
      if (!lines.has(k)) lines.set(k, i + 1);
    });
  return lines;
}

// ---------------------------------------------------------------------------
// Serialization
// ---------------------------------------------------------------------------

const STRINGIFY_OPTIONS = {
  // Never re-wrap prose: authors' line breaks are content and diffs stay minimal.
  lineWidth: 0,
  minContentWidth: 0,
  // Multi-line strings as `|` literals, the only block style that round-trips verbatim.
  blockQuote: "literal" as const,
  indent: 2,
  indentSeq: true,
  flowCollectionPadding: false,
};

/** Lists of identifiers (lesson keys, skills, file names) read best inline: `[a, b]`. */
const IDENTIFIER_RE = /^[\w.-]+$/;

function toYaml(value: unknown, options: { spaceItems?: boolean } = {}): string {
  const doc = new Document(value);
  visit(doc, {
    Seq(_, node) {
      if (node.items.length > 0 && node.items.every((i) => isScalar(i) && typeof i.value === "string" && IDENTIFIER_RE.test(i.value))) {
        node.flow = true;
      }
    },
  });
  // A blank line between top-level list entries (questions) keeps long banks scannable.
  if (options.spaceItems && isSeq(doc.contents)) {
    doc.contents.items.forEach((item, i) => {
      if (i > 0 && isNode(item)) item.spaceBefore = true;
    });
  }
  return doc.toString(STRINGIFY_OPTIONS);
}

function localizedOut(l: Localized): Localized {
  return { vi: l.vi, en: l.en };
}

/** Lesson file name from its global position (1-based) and key. */
export function lessonFileName(position: number, key: string): string {
  return `lessons/${String(position).padStart(2, "0")}-${key}.md`;
}

export function serializeCourse(course: CourseBundle): Map<string, string> {
  const files = new Map<string, string>();

  // Keys are written in a fixed order (independent of object construction order)
  // so that exporting twice yields byte-identical files.
  const courseOut: Record<string, unknown> = {
    slug: course.slug,
    title: localizedOut(course.title),
    summary: localizedOut(course.summary),
    audience: course.audience,
    credits: course.credits,
    durationMinutes: course.durationMinutes,
    skills: [...course.skills],
  };
  if (course.certificateValidityMonths !== undefined) courseOut.certificateValidityMonths = course.certificateValidityMonths;
  if (course.deltaCredits !== 0) courseOut.deltaCredits = course.deltaCredits;
  courseOut.modules = course.modules.map((m) => ({
    key: m.key,
    title: localizedOut(m.title),
    lessons: m.lessons.map((l) => l.key),
  }));
  files.set("course.yaml", toYaml(courseOut));

  let position = 0;
  for (const mod of course.modules) {
    for (const lesson of mod.lessons) {
      position += 1;
      const fm: Record<string, unknown> = {
        title: localizedOut(lesson.title),
        durationMinutes: lesson.durationMinutes,
      };
      if (!lesson.required) fm.required = false;
      if (lesson.video) {
        const video: Record<string, unknown> = { src: lesson.video.src, durationSeconds: lesson.video.durationSeconds };
        if (lesson.video.transcript !== undefined) video.transcript = lesson.video.transcript;
        if (lesson.video.captions) video.captions = captionTracks(lesson.video.captions);
        fm.video = video;
      }
      if (lesson.scorm) fm.scorm = { ...lesson.scorm };
      files.set(lessonFileName(position, lesson.key), `---\n${toYaml(fm)}---\n${lesson.markdown}\n`);
    }
  }

  if (course.exam) {
    const e = course.exam;
    files.set(
      "exam.yaml",
      toYaml({
        title: localizedOut(e.title),
        timeLimitMinutes: e.timeLimitMinutes,
        passPercent: e.passPercent,
        maxAttempts: e.maxAttempts,
        cooldownMinutes: e.cooldownMinutes,
        review: e.review,
        pools: e.pools.map((p) => ({ pool: p.pool, draw: p.draw })),
        banks: ["questions.yaml"],
      }),
    );
    files.set("questions.yaml", toYaml(e.questions.map(questionToInput), { spaceItems: true }));
  }
  return files;
}

// ---------------------------------------------------------------------------
// Question ↔ YAML input
// ---------------------------------------------------------------------------

/** Field order of a question in questions.yaml: identity first, then the prompt, then answers. */
const QUESTION_KEY_ORDER = ["key", "type", "pool", "lessons", "points", "prompt", "explanation"];

/**
 * Inverse of `normalizeQuestion` as a plain YAML-ready object: delegates to the exams
 * module's `toQuestionInput` (which writes `correct: true` and only spells out
 * `weight:` percentages that differ from the defaults) and fixes the key order so
 * exports are stable. An empty `lessons` list is left out; it is the default.
 */
export function questionToInput(q: Question): Record<string, unknown> {
  const input = toQuestionInput(q) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const keys = [...QUESTION_KEY_ORDER, ...Object.keys(input).filter((k) => !QUESTION_KEY_ORDER.includes(k))];
  for (const k of keys) {
    const v = input[k];
    if (v === undefined) continue;
    if (k === "lessons" && Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}

/**
 * One zod schema per authoring form, used by react-hook-form in the browser and by the action
 * on the server. Messages are i18n keys. Numbers arrive as text from forms (with or without
 * JavaScript), so they are read with the same rules both ways.
 */
import { z } from "zod";
import { isValidVideoSrc } from "~/lib/content/format";
import { isWebVtt } from "~/lib/content/webvtt";
import { DIGCOMP } from "~/lib/courses/digcomp";
import { parseLocaleNumber } from "~/lib/exams/question";
import { withoutNul } from "~/lib/text.schema";
import { KEY_RE } from "./question-form";

export { questionFormSchema } from "./question-form";

const AUDIENCES = ["citizens", "officials", "both"] as const;
const REVIEW = ["score", "answers", "full"] as const;

const required = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    withoutNul(z.string().trim().min(1, "authoring.errors.required").max(max, "authoring.errors.tooLong")),
  );
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    withoutNul(z.string().max(max, "authoring.errors.tooLong")),
  );
const key = z.preprocess(
  (v) => (v === undefined || v === null ? "" : v),
  z
    .string()
    .trim()
    .min(1, "authoring.errors.keyRequired")
    .max(64, "authoring.errors.tooLong")
    .regex(KEY_RE, "authoring.errors.key"),
);
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** A number typed in a form ("3,5" or "3.5"); blank becomes `undefined`. */
function typed(message: string) {
  return z.preprocess(
    (v) => {
      if (typeof v === "number") return v;
      if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) return undefined;
      return typeof v === "string" ? (parseLocaleNumber(v) ?? Number.NaN) : Number.NaN;
    },
    z.number({ required_error: "authoring.errors.required", invalid_type_error: message }),
  );
}
const wholeNumber = (min: number, max: number, message: string) =>
  typed(message).refine((n) => Number.isInteger(n) && n >= min && n <= max, message);
const decimal = (min: number, max: number, message: string) =>
  typed(message).refine((n) => Number.isFinite(n) && n >= min && n <= max, message);

export const newCourseSchema = z.object({
  slug: key,
  titleVi: required(200),
  titleEn: required(200),
});

// A draft may be saved half-written (autosave): what publishing needs, such as a summary and
// at least one competence, is checked by publishProblems instead.
export const courseDetailsSchema = z.object({
  titleVi: required(200),
  titleEn: required(200),
  summaryVi: optionalText(2000).transform((s) => s.trim()),
  summaryEn: optionalText(2000).transform((s) => s.trim()),
  audience: z.enum(AUDIENCES, { errorMap: () => ({ message: "authoring.errors.audience" }) }),
  credits: decimal(0, 100, "authoring.errors.credits"),
  deltaCredits: decimal(0, 100, "authoring.errors.credits"),
  durationMinutes: wholeNumber(1, 10_000, "authoring.errors.minutes"),
  skills: z.preprocess(
    (v): unknown[] => (Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : []),
    z.array(z.string().refine((code) => code in DIGCOMP, "authoring.errors.skills")),
  ),
  certificateValidityMonths: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? undefined : v),
    wholeNumber(1, 600, "authoring.errors.validity").optional(),
  ),
});

export const moduleSchema = z.object({ key, titleVi: required(200), titleEn: required(200) });
export const moduleTitleSchema = z.object({ moduleKey: key, titleVi: required(200), titleEn: required(200) });

export const newLessonSchema = z.object({ moduleKey: key, key, titleVi: required(200), titleEn: required(200) });
/** The browser's check of the add-module and add-lesson forms, which share their fields; the server checks each with its own schema. */
export const newOutlineItemSchema = newLessonSchema.partial({ moduleKey: true });
const direction = z.enum(["up", "down"]).catch("down");
/** Every form of the outline page (/author/courses/:slug/content), told apart by its hidden `intent`. */
export const outlineActionSchema = z.discriminatedUnion("intent", [
  moduleSchema.extend({ intent: z.literal("addModule") }),
  moduleTitleSchema.extend({ intent: z.literal("renameModule") }),
  newLessonSchema.extend({ intent: z.literal("addLesson") }),
  z.object({ intent: z.literal("deleteModule"), moduleKey: key }),
  z.object({ intent: z.literal("deleteLesson"), lessonKey: key }),
  z.object({ intent: z.literal("moveModule"), moduleKey: key, dir: direction }),
  z.object({ intent: z.literal("moveLesson"), lessonKey: key, dir: direction }),
]);

/** A Mux playback id typed on its own becomes `mux:<id>`; anything else must be a valid source. */
export function normalizeVideoSrc(raw: string): string {
  const src = raw.trim();
  return /^[A-Za-z0-9]{10,}$/.test(src) ? `mux:${src}` : src;
}

const lessonFields = z.object({
  titleVi: required(200),
  titleEn: required(200),
  durationMinutes: wholeNumber(1, 600, "authoring.errors.minutes"),
  required: checkbox,
  markdown: optionalText(200_000),
  videoSrc: z.preprocess(
    (v) => (typeof v === "string" ? normalizeVideoSrc(v) : ""),
    z.string().max(500, "authoring.errors.tooLong"),
  ),
  videoDurationSeconds: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? undefined : v),
    wholeNumber(1, 24 * 3600, "authoring.errors.videoDuration").optional(),
  ),
  transcript: optionalText(100_000),
  captionsVi: optionalText(200_000),
  captionsEn: optionalText(200_000),
});

/** A lesson with a video needs a valid source, its length, and captions in WebVTT. */
function checkLessonVideo(lesson: z.output<typeof lessonFields>, ctx: z.RefinementCtx) {
  if (lesson.videoSrc === "") return;
  for (const field of ["captionsVi", "captionsEn"] as const) {
    if (lesson[field].trim() !== "" && !isWebVtt(lesson[field]))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: "authoring.format.webvtt" });
  }
  if (!isValidVideoSrc(lesson.videoSrc))
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["videoSrc"], message: "authoring.errors.videoSrc" });
  if (lesson.videoDurationSeconds === undefined)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["videoDurationSeconds"],
      message: "authoring.errors.videoDuration",
    });
}

export const lessonSchema = lessonFields.superRefine(checkLessonVideo);
/** The lesson editor's posts: save (its button, or the autosave), or (without JavaScript) a preview of the Markdown. */
export const lessonActionSchema = z
  .discriminatedUnion("intent", [
    lessonFields.extend({ intent: z.enum(["save", "autosave"]) }),
    z.object({ intent: z.literal("preview"), markdown: optionalText(200_000) }),
  ])
  .superRefine((input, ctx) => {
    if (input.intent !== "preview") checkLessonVideo(input, ctx);
  });

/** A pool row whose pool and draw fields were both left empty (the form's spare row). */
function isBlankPoolRow(row: unknown): boolean {
  if (row === null || typeof row !== "object") return true;
  const { pool, draw } = row as { pool?: unknown; draw?: unknown };
  const blank = (field: unknown) =>
    field === undefined || field === null || (typeof field === "string" && field.trim() === "");
  return blank(pool) && blank(draw);
}

export const examSettingsSchema = z.object({
  titleVi: required(200),
  titleEn: required(200),
  timeLimitMinutes: wholeNumber(1, 600, "authoring.errors.timeLimit"),
  passPercent: decimal(0, 100, "authoring.errors.passPercent"),
  maxAttempts: wholeNumber(0, 100, "authoring.errors.attempts"),
  cooldownMinutes: wholeNumber(0, 525_600, "authoring.errors.cooldown"),
  review: z.enum(REVIEW, { errorMap: () => ({ message: "authoring.errors.review" }) }),
  /** Offline practice packages (README "Offline"); the second flag means nothing without the first. */
  allowOffline: checkbox,
  offlineCountsForCertificate: checkbox,
  pools: z.preprocess(
    // Only the trailing spare rows may be left blank: a blank row between filled ones is the
    // trainer's, and dropping it would save less than they see and shift every later row's error.
    (v): unknown[] => {
      const rows: unknown[] = Array.isArray(v) ? Array.from(v as unknown[]) : [];
      while (rows.length > 0 && isBlankPoolRow(rows[rows.length - 1])) rows.pop();
      return rows;
    },
    z
      .array(z.unknown())
      .superRefine((rows, ctx) => {
        rows.forEach((row, i) => {
          if (isBlankPoolRow(row))
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, "pool"], message: "authoring.errors.poolRowBlank" });
        });
      })
      .pipe(
        z
          .array(z.object({ pool: key, draw: wholeNumber(1, 500, "authoring.errors.draw") }))
          .min(1, "authoring.errors.poolsRequired")
          .superRefine((pools, ctx) => {
            const seen = new Set<string>();
            pools.forEach((p, i) => {
              if (seen.has(p.pool))
                ctx.addIssue({
                  code: z.ZodIssueCode.custom,
                  path: [i, "pool"],
                  message: "authoring.errors.poolDuplicate",
                });
              seen.add(p.pool);
            });
          }),
      ),
  ),
});

export const coAuthorSchema = z.object({
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : ""),
    z.string().min(1, "errors.email.required").max(254, "errors.email.invalid").email("errors.email.invalid"),
  ),
});
/** The co-authors page: add one by e-mail, or remove one of the list. */
export const coAuthorActionSchema = z.discriminatedUnion("intent", [
  coAuthorSchema.extend({ intent: z.literal("add") }),
  z.object({ intent: z.literal("remove"), userId: z.string().min(1).max(64) }),
]);

/** The exam page's posts: save the settings (its button, or the autosave), or remove the exam. */
export const examActionSchema = z.discriminatedUnion("intent", [
  examSettingsSchema.extend({ intent: z.enum(["save", "autosave"]) }),
  z.object({ intent: z.literal("remove") }),
]);

/** The draft's "discard" button on the course overview. */
export const draftActionSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("discard") })]);

/** The delete button of a lesson's attachment. */
export const attachmentActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("delete"), attachmentId: z.string().min(1).max(64) }),
]);

/** The delete button of a question in the bank. */
export const questionListActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("delete"), questionKey: key }),
]);

export const publishSchema = z.object({
  change: z.enum(["first", "material", "cosmetic"], { errorMap: () => ({ message: "authoring.errors.change" }) }),
  changeNote: optionalText(2000),
});

export const giftImportSchema = z.object({
  format: z.enum(["gift", "aiken"], { errorMap: () => ({ message: "authoring.errors.format" }) }),
  pool: z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : "default"),
    z.string().max(64).regex(KEY_RE, "authoring.errors.key"),
  ),
  lesson: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().max(64)),
  skipUnsupported: checkbox,
  // The same fields are posted to check the bank, then (hidden) to import what was checked.
  intent: z.enum(["check", "import"], { errorMap: () => ({ message: "authoring.gift.invalid" }) }),
});

export type CourseDetailsInput = z.output<typeof courseDetailsSchema>;
export type LessonInput = z.output<typeof lessonSchema>;
export type ExamSettingsInput = z.output<typeof examSettingsSchema>;

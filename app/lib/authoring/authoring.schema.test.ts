import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  courseDetailsSchema,
  examActionSchema,
  examSettingsSchema,
  lessonActionSchema,
  lessonSchema,
  outlineActionSchema,
  newCourseSchema,
  normalizeVideoSrc,
  publishSchema,
} from "./authoring.schema";

function errorsOf(schema: z.ZodTypeAny, values: unknown): Record<string, string> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[issue.path.join(".")] ??= issue.message;
  return out;
}

const details = {
  titleVi: "Khoá",
  titleEn: "Course",
  summaryVi: "Tóm tắt",
  summaryEn: "Summary",
  audience: "both",
  credits: "1,5",
  deltaCredits: "0",
  durationMinutes: "45",
  skills: ["1.1"],
  certificateValidityMonths: "",
};

describe("courseDetailsSchema", () => {
  it.each([
    { name: "valid (decimal comma, no validity)", values: details, errors: {} },
    { name: "a lone skill checkbox posts a string", values: { ...details, skills: "2.3" }, errors: {} },
    {
      name: "a draft may have no skill and no summary yet (publishing requires them)",
      values: { ...details, skills: [], summaryVi: "", summaryEn: "" },
      errors: {},
    },
    {
      name: "unknown skill",
      values: { ...details, skills: ["9.9"] },
      errors: { "skills.0": "authoring.errors.skills" },
    },
    {
      name: "negative credits",
      values: { ...details, credits: "-1" },
      errors: { credits: "authoring.errors.credits" },
    },
    {
      name: "credits not a number",
      values: { ...details, credits: "hai" },
      errors: { credits: "authoring.errors.credits" },
    },
    { name: "blank title", values: { ...details, titleVi: "  " }, errors: { titleVi: "authoring.errors.required" } },
    {
      name: "minutes must be whole",
      values: { ...details, durationMinutes: "4,5" },
      errors: { durationMinutes: "authoring.errors.minutes" },
    },
    {
      name: "audience from the list",
      values: { ...details, audience: "everyone" },
      errors: { audience: "authoring.errors.audience" },
    },
    {
      name: "validity months",
      values: { ...details, certificateValidityMonths: "0" },
      errors: { certificateValidityMonths: "authoring.errors.validity" },
    },
  ])("$name", ({ values, errors }) => {
    expect(errorsOf(courseDetailsSchema, values)).toEqual(errors);
  });

  it("reads numbers the way trainers type them", () => {
    expect(courseDetailsSchema.parse(details)).toMatchObject({
      credits: 1.5,
      durationMinutes: 45,
      certificateValidityMonths: undefined,
    });
  });
});

const lesson = {
  titleVi: "Bài",
  titleEn: "Lesson",
  durationMinutes: "5",
  required: "on",
  markdown: "# Nội dung",
  videoSrc: "",
  videoDurationSeconds: "",
  transcript: "",
};

describe("lessonSchema", () => {
  it.each([
    { name: "text lesson", values: lesson, errors: {} },
    {
      name: "Mux playback id",
      values: { ...lesson, videoSrc: "mux:AbC123xyz", videoDurationSeconds: "90" },
      errors: {},
    },
    {
      name: "https MP4",
      values: { ...lesson, videoSrc: "https://cdn.example.vn/v.mp4", videoDurationSeconds: "90" },
      errors: {},
    },
    {
      name: "http is refused",
      values: { ...lesson, videoSrc: "http://cdn.example.vn/v.mp4", videoDurationSeconds: "90" },
      errors: { videoSrc: "authoring.errors.videoSrc" },
    },
    {
      name: "a web page is not a video",
      values: { ...lesson, videoSrc: "https://youtube.com/watch?v=1", videoDurationSeconds: "90" },
      errors: { videoSrc: "authoring.errors.videoSrc" },
    },
    {
      name: "video needs its duration",
      values: { ...lesson, videoSrc: "mux:AbC123xyz" },
      errors: { videoDurationSeconds: "authoring.errors.videoDuration" },
    },
    {
      name: "duration at least a minute",
      values: { ...lesson, durationMinutes: "0" },
      errors: { durationMinutes: "authoring.errors.minutes" },
    },
  ])("$name", ({ values, errors }) => {
    expect(errorsOf(lessonSchema, values)).toEqual(errors);
  });

  it("takes a bare Mux playback id", () => {
    expect(normalizeVideoSrc(" qxb01i6T202018GFS02vp9RIe01icTcDCjVzQpmaB00CUisJ4 ")).toBe(
      "mux:qxb01i6T202018GFS02vp9RIe01icTcDCjVzQpmaB00CUisJ4",
    );
    expect(lessonSchema.parse({ ...lesson, required: undefined })).toMatchObject({ required: false });
  });
});

const exam = {
  titleVi: "Bài kiểm tra",
  titleEn: "Test",
  timeLimitMinutes: "20",
  passPercent: "70",
  maxAttempts: "3",
  cooldownMinutes: "0",
  review: "full",
  pools: [{ pool: "default", draw: "5" }],
};

describe("examSettingsSchema", () => {
  it.each([
    { name: "valid", values: exam, errors: {} },
    { name: "no pool", values: { ...exam, pools: [] }, errors: { pools: "authoring.errors.poolsRequired" } },
    {
      name: "blank pool rows are ignored",
      values: {
        ...exam,
        pools: [
          { pool: "default", draw: "5" },
          { pool: "", draw: "" },
        ],
      },
      errors: {},
    },
    {
      name: "a blank row between filled rows is reported on its own line",
      values: {
        ...exam,
        pools: [
          { pool: "default", draw: "5" },
          { pool: "", draw: " " },
          { pool: "extra", draw: "0" },
          { pool: "", draw: "" },
        ],
      },
      errors: { "pools.1.pool": "authoring.errors.poolRowBlank" },
    },
    {
      name: "the row after a blank one keeps its own index",
      values: {
        ...exam,
        pools: [
          { pool: "default", draw: "5" },
          { pool: "extra", draw: "0" },
          { pool: "", draw: "" },
        ],
      },
      errors: { "pools.1.draw": "authoring.errors.draw" },
    },
    {
      name: "draw at least 1",
      values: { ...exam, pools: [{ pool: "default", draw: "0" }] },
      errors: { "pools.0.draw": "authoring.errors.draw" },
    },
    {
      name: "same pool twice",
      values: {
        ...exam,
        pools: [
          { pool: "a", draw: "1" },
          { pool: "a", draw: "1" },
        ],
      },
      errors: { "pools.1.pool": "authoring.errors.poolDuplicate" },
    },
    {
      name: "pass mark within 0..100",
      values: { ...exam, passPercent: "120" },
      errors: { passPercent: "authoring.errors.passPercent" },
    },
    {
      name: "time limit",
      values: { ...exam, timeLimitMinutes: "0" },
      errors: { timeLimitMinutes: "authoring.errors.timeLimit" },
    },
    {
      name: "attempts not negative",
      values: { ...exam, maxAttempts: "-1" },
      errors: { maxAttempts: "authoring.errors.attempts" },
    },
    {
      name: "review policy from the list",
      values: { ...exam, review: "all" },
      errors: { review: "authoring.errors.review" },
    },
  ])("$name", ({ values, errors }) => {
    expect(errorsOf(examSettingsSchema, values)).toEqual(errors);
  });
});

describe("newCourseSchema and publishSchema", () => {
  it.each([
    {
      schema: newCourseSchema,
      values: { slug: "chu-ky-so", titleVi: "Chữ ký số", titleEn: "Digital signatures" },
      errors: {},
    },
    {
      schema: newCourseSchema,
      values: { slug: "Chữ ký số", titleVi: "Chữ ký số", titleEn: "Digital signatures" },
      errors: { slug: "authoring.errors.key" },
    },
    {
      schema: newCourseSchema,
      values: { slug: "", titleVi: "", titleEn: "x" },
      errors: { slug: "authoring.errors.keyRequired", titleVi: "authoring.errors.required" },
    },
    { schema: publishSchema, values: { change: "material", changeNote: "Quy định mới" }, errors: {} },
    { schema: publishSchema, values: { change: "", changeNote: "" }, errors: { change: "authoring.errors.change" } },
  ])("$values", ({ schema, values, errors }) => {
    expect(errorsOf(schema, values)).toEqual(errors);
  });
});

describe("the editors' intent unions", () => {
  it("saves a lesson from its button and from the autosave, with the video checks of lessonSchema", () => {
    expect(errorsOf(lessonActionSchema, { ...lesson, intent: "save" })).toEqual({});
    expect(errorsOf(lessonActionSchema, { ...lesson, intent: "autosave" })).toEqual({});
    expect(
      errorsOf(lessonActionSchema, { ...lesson, intent: "autosave", videoSrc: "http://cdn.example.vn/v.mp4" }),
    ).toEqual({
      videoSrc: "authoring.errors.videoSrc",
      videoDurationSeconds: "authoring.errors.videoDuration",
    });
  });

  it("previews Markdown without the lesson's other fields", () => {
    expect(lessonActionSchema.parse({ intent: "preview", markdown: "# Bài" })).toEqual({
      intent: "preview",
      markdown: "# Bài",
    });
  });

  it("removes an exam without its settings, but saves one only with them", () => {
    expect(errorsOf(examActionSchema, { intent: "remove" })).toEqual({});
    expect(errorsOf(examActionSchema, { intent: "autosave" })).toMatchObject({ titleVi: "authoring.errors.required" });
  });

  it("refuses an outline post whose hidden key is not a key, and reads a move's direction", () => {
    expect(errorsOf(outlineActionSchema, { intent: "deleteLesson", lessonKey: "../x" })).toEqual({
      lessonKey: "authoring.errors.key",
    });
    expect(outlineActionSchema.parse({ intent: "moveModule", moduleKey: "m-1", dir: "sideways" })).toEqual({
      intent: "moveModule",
      moduleKey: "m-1",
      dir: "down",
    });
  });
});

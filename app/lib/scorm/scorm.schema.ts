import { z } from "zod";

/** The SCORM upload form's fields (besides the zip): check or attach, and what completes the lesson. */
export const scormUploadSchema = z
  .object({
    intent: z.enum(["check", "attach"]),
    rule: z.enum(["completed", "passed", "score"]),
    passPercent: z.preprocess(
      (v) => (v === "" || v === undefined || v === null ? undefined : Number(v)),
      z
        .number({ message: "scorm.author.passPercentInvalid" })
        .int("scorm.author.passPercentInvalid")
        .min(1, "scorm.author.passPercentInvalid")
        .max(100, "scorm.author.passPercentInvalid")
        .optional(),
    ),
  })
  .refine((v) => v.rule !== "score" || v.passPercent !== undefined, {
    message: "scorm.author.passPercentInvalid",
    path: ["passPercent"],
  });

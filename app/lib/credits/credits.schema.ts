import { z } from "zod";
import { withoutNul } from "~/lib/text.schema";
import { normalizeJobRole } from "~/lib/organizations/job-role";

export const requirementSchema = z.object({
  // Stored as the import and the membership forms store it, so the requirement matches their roles.
  jobRole: z
    .string()
    .trim()
    .min(1, "credits.errors.jobRole")
    .max(100, "credits.errors.jobRole")
    .transform(normalizeJobRole),
  year: z.coerce
    .number({ invalid_type_error: "credits.errors.year" })
    .int("credits.errors.year")
    .min(2000, "credits.errors.year")
    .max(2100, "credits.errors.year"),
  credits: z.coerce
    .number({ invalid_type_error: "credits.errors.credits" })
    .min(0, "credits.errors.credits")
    .max(1000, "credits.errors.credits"),
});

export const revokeSchema = z.object({
  code: z.string().trim().min(1, "certificates.errors.code"),
  reason: withoutNul(z.string().trim().min(3, "certificates.errors.reason").max(500, "certificates.errors.reason")),
  // Revocation cannot be undone: the admin ticks the confirmation, checked on the server too.
  confirm: z.literal("yes", { errorMap: () => ({ message: "certificates.errors.confirm" }) }),
});

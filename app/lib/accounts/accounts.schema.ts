import { z } from "zod";
import { invitationAnswerSchema } from "~/lib/organizations/organizations.schema";
import { withoutNul } from "~/lib/text.schema";

// Messages are i18n keys: the same schema validates in the browser (react-hook-form) and in
// the action, and both render the key through the current locale.
export const ROLES = ["learner", "trainer", "admin"] as const;
export type Role = (typeof ROLES)[number];

const email = z
  .string({ required_error: "errors.email.required" })
  .trim()
  .min(1, "errors.email.required")
  .max(254, "errors.email.invalid")
  .email("errors.email.invalid")
  .transform((value) => value.toLowerCase());

const newPassword = z
  .string({ required_error: "errors.password.required" })
  .min(1, "errors.password.required")
  .min(10, "errors.password.tooShort")
  .max(200, "errors.password.tooLong");

export const registerSchema = z.object({
  fullName: withoutNul(
    z
      .string({ required_error: "errors.fullName.required" })
      .trim()
      .min(1, "errors.fullName.required")
      .max(120, "errors.fullName.tooLong"),
  ),
  email,
});

export const loginSchema = z.object({
  email,
  password: z
    .string({ required_error: "errors.password.required" })
    .min(1, "errors.password.required")
    .max(200, "errors.password.tooLong"),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({
    token: z.string().min(1, "errors.reset.invalid"),
    password: newPassword,
    confirmPassword: z.string().min(1, "errors.password.required"),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors.password.mismatch",
  });

const changePasswordFields = z.object({
  currentPassword: z.string().min(1, "errors.password.required"),
  password: newPassword,
  confirmPassword: z.string().min(1, "errors.password.required"),
});
/** The new password typed twice must match (told on the second field). */
function checkPasswordsMatch(value: { password: string; confirmPassword: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.confirmPassword)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirmPassword"], message: "errors.password.mismatch" });
}

export const changePasswordSchema = changePasswordFields.superRefine(checkPasswordsMatch);

/** Every form of /account, told apart by its `intent` (a button's value or a hidden field). */
export const accountActionSchema = z
  .discriminatedUnion("intent", [
    changePasswordFields.extend({ intent: z.literal("change-password") }),
    z.object({ intent: z.literal("logout-everywhere") }),
    invitationAnswerSchema,
  ])
  .superRefine((value, ctx) => {
    if (value.intent === "change-password") checkPasswordsMatch(value, ctx);
  });

export const roleChangeSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES, { errorMap: () => ({ message: "errors.role.invalid" }) }),
});

/** The admin outbox's "send again" button: the failed message to queue again. */
export const resendMailSchema = z.object({ id: z.string().trim().min(1, "admin.outbox.notFailed").max(100) });

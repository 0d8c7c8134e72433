import { z } from "zod";
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

/** The two fields every set-password form shares (activation, reset, change). */
const newPasswordFields = {
  password: newPassword,
  confirmPassword: z.string().min(1, "errors.password.required"),
};

/** Where and how a set-password form says the new password typed twice differs. */
const passwordsDiffer = { path: ["confirmPassword"], message: "errors.password.mismatch" };

/** A set-password form: its own fields, then the new password twice, refused when the two differ. */
function withNewPassword<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object({ ...shape, ...newPasswordFields })
    .refine((value) => value.password === value.confirmPassword, passwordsDiffer);
}

export const resetPasswordSchema = withNewPassword({ token: z.string().min(1, "errors.reset.invalid") });

const changePasswordShape = { currentPassword: z.string().min(1, "errors.password.required") };

export const changePasswordSchema = withNewPassword(changePasswordShape);

/** Accepting or declining a unit's invitation, from the account page. */
const invitationAnswerSchema = z.object({
  intent: z.enum(["acceptInvitation", "declineInvitation"]),
  invitationId: z.string().min(1).max(64),
});

/** Every form of /account, told apart by its `intent` (a button's value or a hidden field). */
export const accountActionSchema = z
  .discriminatedUnion("intent", [
    z.object({ ...changePasswordShape, ...newPasswordFields, intent: z.literal("change-password") }),
    z.object({ intent: z.literal("logout-everywhere") }),
    invitationAnswerSchema,
  ])
  .superRefine((value, ctx) => {
    if (value.intent === "change-password" && value.password !== value.confirmPassword)
      ctx.addIssue({ code: z.ZodIssueCode.custom, ...passwordsDiffer });
  });

export const roleChangeSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES, { errorMap: () => ({ message: "errors.role.invalid" }) }),
});

/** The admin outbox's "send again" button: the failed message to queue again. */
export const resendMailSchema = z.object({ id: z.string().trim().min(1, "admin.outbox.notFailed").max(100) });

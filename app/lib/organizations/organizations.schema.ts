import { z } from "zod";
import { normalizeJobRole } from "~/lib/organizations/job-role";
import { MAX_NEWCOMER_GRACE_DAYS } from "~/lib/organizations/rules";
import { withoutNul } from "~/lib/text.schema";

// One schema per form; messages are i18n keys (organizations.vi.ts). The same schema validates
// in the browser (react-hook-form) and in the action.

const unitCode = z
  .string({ required_error: "org.errors.code" })
  .trim()
  .min(1, "org.errors.code")
  .max(40, "org.errors.code")
  .transform((value) => value.toUpperCase())
  .refine((value) => /^[A-Z0-9][A-Z0-9._-]*$/.test(value), "org.errors.code");

const unitName = withoutNul(
  z.string({ required_error: "org.errors.name" }).trim().min(2, "org.errors.name").max(200, "org.errors.name"),
);

const email = z
  .string({ required_error: "errors.email.required" })
  .trim()
  .min(1, "errors.email.required")
  .max(254, "errors.email.invalid")
  .email("errors.email.invalid")
  .transform((value) => value.toLowerCase());

const jobRole = z
  .string({ required_error: "org.errors.jobRole" })
  .trim()
  .min(1, "org.errors.jobRole")
  .max(100, "org.errors.jobRole")
  .transform(normalizeJobRole);

const optionalJobRole = z
  .string()
  .trim()
  .max(100, "org.errors.jobRole")
  .optional()
  .transform((value) => (value ? normalizeJobRole(value) : null));

const dateInput = z.string({ required_error: "org.errors.dueDate" }).regex(/^\d{4}-\d{2}-\d{2}$/, "org.errors.dueDate");

export const unitCreateSchema = z.object({ intent: z.literal("create"), code: unitCode, name: unitName });
export const unitRenameSchema = z.object({ intent: z.literal("rename"), name: unitName });
export const unitMoveSchema = z.object({
  intent: z.literal("move"),
  // Empty: make the unit a root (global admins only).
  parentCode: z
    .string()
    .trim()
    .max(40, "org.errors.code")
    .transform((value) => value.toUpperCase()),
});
export const memberAddSchema = z.object({ intent: z.literal("addMember"), email, jobRole });
export const memberRemoveSchema = z.object({ intent: z.literal("removeMember"), userId: z.string().min(1).max(64) });
export const invitationCancelSchema = z.object({
  intent: z.literal("cancelInvitation"),
  invitationId: z.string().min(1).max(64),
});
export const orgAdminAddSchema = z.object({ intent: z.literal("addAdmin"), email });
export const orgAdminRemoveSchema = z.object({ intent: z.literal("removeAdmin"), userId: z.string().min(1).max(64) });
/** Every form of a unit's page (/org/units/:orgId), told apart by its hidden `intent`. */
export const unitActionSchema = z.discriminatedUnion("intent", [
  unitCreateSchema,
  unitRenameSchema,
  unitMoveSchema,
  memberAddSchema,
  memberRemoveSchema,
  invitationCancelSchema,
  orgAdminAddSchema,
  orgAdminRemoveSchema,
]);

export const assignmentCreateSchema = z.object({
  intent: z.literal("create"),
  unitCode,
  jobRole: optionalJobRole,
  courseSlug: z
    .string({ required_error: "org.errors.course" })
    .trim()
    .min(1, "org.errors.course")
    .max(200, "org.errors.course"),
  target: z.enum(["latest", "delta"], { errorMap: () => ({ message: "org.errors.target" }) }),
  dueDate: dateInput,
  // Left out or blank: the default grace (assignments.server.ts), so older forms and scripts still work.
  newcomerGraceDays: z.preprocess(
    (value) => (value === undefined || value === "" ? undefined : value),
    z.coerce
      .number({ invalid_type_error: "org.errors.graceDays" })
      .int("org.errors.graceDays")
      .min(0, "org.errors.graceDays")
      .max(MAX_NEWCOMER_GRACE_DAYS, "org.errors.graceDays")
      .optional(),
  ),
});
export const assignmentDueSchema = z.object({
  intent: z.literal("due"),
  assignmentId: z.string().min(1).max(64),
  dueDate: dateInput,
});
export const assignmentDeleteSchema = z.object({
  intent: z.literal("delete"),
  assignmentId: z.string().min(1).max(64),
});

/** Every form of /org/assignments, told apart by its hidden `intent`. */
export const assignmentActionSchema = z.discriminatedUnion("intent", [
  assignmentCreateSchema,
  assignmentDueSchema,
  assignmentDeleteSchema,
]);

export const creditCorrectionSchema = z.object({
  amount: z.coerce
    .number({ invalid_type_error: "org.errors.amount" })
    .min(-100, "org.errors.amount")
    .max(100, "org.errors.amount")
    .refine((value) => value !== 0, "org.errors.amount"),
  note: z.string({ required_error: "org.errors.note" }).trim().min(3, "org.errors.note").max(500, "org.errors.note"),
});

/** The dry run of /org/import: the file itself is read by the action (zod sees text fields only). */
export const importDryRunSchema = z.object({ intent: z.literal("dryRun") });
/** The import itself, from the page's form (without JavaScript) or /org/import/run (with it). */
export const importRunSchema = z.object({
  intent: z.literal("import"),
  // The decoded file, echoed back by the dry run so the import needs no second upload.
  payload: z
    .string()
    .min(1)
    .max(20 * 1024 * 1024),
  fileName: z.string().max(1000).catch(""),
});
export const importActionSchema = z.discriminatedUnion("intent", [importDryRunSchema, importRunSchema]);

export const complianceFilterSchema = z.object({
  unit: z.string().max(64).optional().catch(undefined),
  course: z.string().max(200).optional().catch(undefined),
  role: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export const auditFilterSchema = z.object({
  action: z.string().trim().max(100).optional().catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

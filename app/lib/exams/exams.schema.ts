import { z } from "zod";
import type { LearnerQuestion } from "./question";

// What browsers post to the exam endpoints. Shared by the server (validation) and the attempt
// page (which builds the same values from its inputs), so both sides agree on field names.

const learnerValue = z.union([
  z.string().max(1000),
  z.boolean(),
  z.number().finite(),
  z.array(z.string().max(64)).max(50),
  z.record(z.string().max(64), z.string().max(64)),
]);

/** One autosaved answer: `POST /api/attempts/:attemptId/answers`. */
export const answerSaveSchema = z
  .object({
    questionKey: z.string().min(1).max(200),
    value: learnerValue,
    /** When the learner gave it (ms, server time as the page keeps it): answers kept offline arrive late. */
    answeredAt: z.number().int().nonnegative().optional(),
  })
  .strict();

export const examIntroActionSchema = z.object({ intent: z.literal("start") });

export const attemptActionSchema = z.object({
  intent: z.enum(["save", "submit"]),
  /** Present when the whole answer form was posted: a missing field then means "cleared". */
  fields: z.literal("all").optional(),
});

export const attemptIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w-]+$/);

/** Form field of a question (radio group, checkboxes, text) or of one row of it (matching, ordering). */
export function fieldName(questionKey: string, subId?: string): string {
  return subId === undefined ? `q.${questionKey}` : `q.${questionKey}.${subId}`;
}

export type OrderError = "exams.error.orderIncomplete" | "exams.error.orderDuplicate";

/**
 * Item ids in the chosen order from "position of each item" selects. Nothing chosen is an
 * empty answer; a partial or repeated choice cannot be graded position by position.
 */
export function orderFromPositions(
  itemIds: string[],
  positions: Record<string, string>,
): { ok: true; value: string[] } | { ok: false; error: OrderError } {
  const chosen = itemIds.map((id) => positions[id] ?? "").filter((p) => p !== "");
  if (chosen.length === 0) return { ok: true, value: [] };
  if (chosen.length < itemIds.length) return { ok: false, error: "exams.error.orderIncomplete" };
  const slots = new Array<string | undefined>(itemIds.length);
  for (const id of itemIds) {
    const position = Number(positions[id]);
    if (!Number.isInteger(position) || position < 1 || position > itemIds.length || slots[position - 1] !== undefined) {
      return { ok: false, error: "exams.error.orderDuplicate" };
    }
    slots[position - 1] = id;
  }
  // Every position from 1 to n was taken exactly once, so no slot is empty.
  return { ok: true, value: slots.filter((slot) => slot !== undefined) };
}

export type FormAnswer = { ok: true; value: unknown } | { ok: false; error: OrderError };

/** A posted form's fields: FormData, or URLSearchParams of a urlencoded body. */
export type FormFields = { get(name: string): unknown; getAll(name: string): unknown[] };

/** The raw (public-id) answer to one question from a posted whole-page form. */
export function answerFromForm(q: LearnerQuestion, form: FormFields): FormAnswer {
  const one = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  switch (q.type) {
    case "multiple":
      return { ok: true, value: form.getAll(fieldName(q.key)).filter((v): v is string => typeof v === "string") };
    case "matching": {
      const value: Record<string, string> = {};
      for (const left of q.left ?? []) value[left.id] = one(fieldName(q.key, left.id));
      return { ok: true, value };
    }
    case "ordering": {
      const items = (q.items ?? []).map((item) => item.id);
      const positions = Object.fromEntries(items.map((id) => [id, one(fieldName(q.key, id))]));
      return orderFromPositions(items, positions);
    }
    default:
      return { ok: true, value: one(fieldName(q.key)) };
  }
}

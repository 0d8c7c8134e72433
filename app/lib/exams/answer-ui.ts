import { orderFromPositions, type OrderError } from "./exams.schema";
import type { QuestionType } from "./question";

// How an answer lives in the attempt page's inputs, and how it maps to the value the server
// takes (public ids). Pure, so the page and the tests share it.

export type UiQuestion = {
  key: string;
  type: QuestionType;
  options?: { id: string }[];
  left?: { id: string }[];
  items?: { id: string }[];
};

/**
 * single, truefalse ("true"/"false"), short, numeric: the text or chosen id; multiple: the
 * chosen ids; matching: right id per left id; ordering: position ("1"…) per item id.
 */
export type UiValue = string | string[] | Record<string, string>;

export function emptyUiValue(q: UiQuestion): UiValue {
  if (q.type === "multiple") return [];
  if (q.type === "matching" || q.type === "ordering") return {};
  return "";
}

/** A saved (public-id) answer as the inputs show it. */
export function toUiValue(q: UiQuestion, saved: unknown): UiValue {
  if (saved === undefined || saved === null) return emptyUiValue(q);
  switch (q.type) {
    case "multiple":
      return Array.isArray(saved) ? saved.filter((v): v is string => typeof v === "string") : [];
    case "truefalse":
      return saved === true ? "true" : saved === false ? "false" : "";
    case "matching":
      return typeof saved === "object" && !Array.isArray(saved) ? { ...(saved as Record<string, string>) } : {};
    case "ordering":
      return Array.isArray(saved) ? Object.fromEntries(saved.map((id, index) => [String(id), String(index + 1)])) : {};
    default:
      return typeof saved === "string" ? saved : "";
  }
}

/** The value to send for what the inputs show, or why it cannot be sent yet. */
export function fromUiValue(
  q: UiQuestion,
  ui: UiValue,
): { ok: true; value: unknown } | { ok: false; error: OrderError } {
  switch (q.type) {
    case "truefalse":
      return { ok: true, value: ui === "true" ? true : ui === "false" ? false : "" };
    case "ordering":
      return orderFromPositions(
        (q.items ?? []).map((item) => item.id),
        ui as Record<string, string>,
      );
    default:
      return { ok: true, value: ui };
  }
}

export function isAnsweredUi(q: UiQuestion, ui: UiValue): boolean {
  if (typeof ui === "string") return ui.trim() !== "";
  if (Array.isArray(ui)) return ui.length > 0;
  const chosen = Object.values(ui).filter((v) => v !== "").length;
  return q.type === "ordering" ? chosen === (q.items ?? []).length : chosen > 0;
}

/**
 * Choosing a position another item already has swaps the two, so the positions stay a
 * permutation as the learner works through the list (without JavaScript the server reports
 * a repeated position instead).
 */
export function choosePosition(
  positions: Record<string, string>,
  itemId: string,
  position: string,
): Record<string, string> {
  const next = { ...positions };
  const previous = next[itemId] ?? "";
  for (const [other, value] of Object.entries(next)) {
    if (other !== itemId && value === position && position !== "") next[other] = previous;
  }
  next[itemId] = position;
  return next;
}

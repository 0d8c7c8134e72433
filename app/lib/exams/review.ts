import type { GradeStatus, QuestionGrade } from "./grading";
import {
  type AnswerValue,
  type Question,
  type QuestionType,
  matchingRightId,
  matchingRights,
  toLearnerQuestion,
} from "./question";
import type { ReviewPolicy } from "./policy";

// What a learner may see of a graded attempt, built from the frozen snapshot. The review
// policy decides which fields exist at all: a field the policy does not allow is never put
// in the object, so it cannot reach the page by accident.

export type AnswerDisplay =
  | { kind: "none" }
  | { kind: "texts"; texts: string[] }
  | { kind: "bool"; value: boolean }
  | { kind: "pairs"; pairs: { left: string; right: string | null }[] }
  | { kind: "order"; texts: string[] }
  | { kind: "numbers"; answers: ({ value: number; tolerance: number } | { min: number; max: number })[] };

export type ReviewItem = {
  key: string;
  type: QuestionType;
  prompt: string;
  points: number;
  earned: number;
  status: GradeStatus;
  yourAnswer: AnswerDisplay;
  /** Only with the "full" policy. */
  correctAnswer?: AnswerDisplay;
  explanation?: string;
  feedback?: string[];
};

function optionTexts(q: Question & { type: "single" | "multiple" }, ids: string[], seed: number): string[] {
  // In the order the learner saw the options, not the authored order.
  const shown = toLearnerQuestion(q, seed).options ?? [];
  const byText = new Map(q.options.map((o) => [o.text, o.id]));
  return shown.map((o) => o.text).filter((text) => ids.includes(byText.get(text) ?? ""));
}

function yourAnswer(q: Question, value: AnswerValue | undefined, seed: number): AnswerDisplay {
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return { kind: "none" };
  switch (q.type) {
    case "single":
      return typeof value === "string" ? { kind: "texts", texts: optionTexts(q, [value], seed) } : { kind: "none" };
    case "multiple":
      return Array.isArray(value) ? { kind: "texts", texts: optionTexts(q, value, seed) } : { kind: "none" };
    case "truefalse":
      return typeof value === "boolean" ? { kind: "bool", value } : { kind: "none" };
    case "short":
    case "numeric":
      return typeof value === "string" ? { kind: "texts", texts: [value] } : { kind: "none" };
    case "matching": {
      if (typeof value !== "object" || Array.isArray(value)) return { kind: "none" };
      const given = value;
      const rightText = new Map(matchingRights(q).map((text) => [matchingRightId(text), text]));
      const pairs = q.pairs.map((p) => ({ left: p.left, right: rightText.get(given[p.id] ?? "") ?? null }));
      return pairs.some((p) => p.right !== null) ? { kind: "pairs", pairs } : { kind: "none" };
    }
    case "ordering": {
      if (!Array.isArray(value)) return { kind: "none" };
      const text = new Map(q.items.map((item) => [item.id, item.text]));
      return { kind: "order", texts: value.map((id) => text.get(id) ?? "") };
    }
  }
}

function correctAnswer(q: Question, seed: number): AnswerDisplay {
  switch (q.type) {
    case "single":
    case "multiple":
      return {
        kind: "texts",
        texts: optionTexts(
          q,
          q.options.filter((o) => o.weight > 0).map((o) => o.id),
          seed,
        ),
      };
    case "truefalse":
      return { kind: "bool", value: q.answer };
    case "short":
      return { kind: "texts", texts: q.answers.filter((a) => a.weight >= 1).map((a) => a.text) };
    case "numeric":
      return {
        kind: "numbers",
        answers: q.answers
          .filter((a) => a.weight >= 1)
          .map((a) =>
            a.kind === "tolerance" ? { value: a.value, tolerance: a.tolerance } : { min: a.min, max: a.max },
          ),
      };
    case "matching":
      return { kind: "pairs", pairs: q.pairs.map((p) => ({ left: p.left, right: p.right })) };
    case "ordering":
      return { kind: "order", texts: q.items.map((item) => item.text) };
  }
}

function chosenFeedback(q: Question, value: AnswerValue | undefined): string[] {
  if (value === undefined) return [];
  if (q.type === "single" || q.type === "multiple") {
    const chosen = new Set(Array.isArray(value) ? value : [value]);
    return q.options.filter((o) => chosen.has(o.id) && o.feedback).map((o) => o.feedback as string);
  }
  if (q.type === "truefalse" && typeof value === "boolean") {
    const text = value ? q.feedbackTrue : q.feedbackFalse;
    return text ? [text] : [];
  }
  return [];
}

/** The per-question review, or null when the policy shows the score only. */
export function buildReview(
  policy: ReviewPolicy,
  questions: Question[],
  answers: Record<string, AnswerValue>,
  results: Record<string, QuestionGrade>,
  seed: number,
): ReviewItem[] | null {
  if (policy === "score") return null;
  return questions.map((q) => {
    const value = Object.prototype.hasOwnProperty.call(answers, q.key) ? answers[q.key] : undefined;
    const grade = results[q.key] ?? { earned: 0, max: q.points, status: "unanswered" as const };
    const item: ReviewItem = {
      key: q.key,
      type: q.type,
      prompt: q.prompt,
      points: grade.max,
      earned: grade.earned,
      status: grade.status,
      yourAnswer: yourAnswer(q, value, seed),
    };
    if (policy === "full") {
      item.correctAnswer = correctAnswer(q, seed);
      if (q.explanation) item.explanation = q.explanation;
      const feedback = chosenFeedback(q, value);
      if (feedback.length) item.feedback = feedback;
    }
    return item;
  });
}

import { type AnswerValue, type Question, matchingRightId, parseLocaleNumber, stripDiacritics } from "./question";

export type GradeStatus = "correct" | "partial" | "incorrect" | "unanswered";
export type QuestionGrade = { earned: number; max: number; status: GradeStatus };
export type AttemptGrade = {
  earned: number;
  max: number;
  percent: number;
  passed: boolean;
  results: Record<string, QuestionGrade>;
};

const EPS = 1e-9;
/**
 * Relative slack for numeric answers: absorbs binary floating-point noise (a few ulps, ~1e-16
 * of the value) without widening an answer. 1e-9 of 1,500,000,000 (an amount in đồng) was a
 * whole đồng, so a wrong amount scored as exact.
 */
const NUMERIC_SLACK = 1e-12;

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // toPrecision drops binary noise first, so 0.1 * 3 * 100 rounds like 30, not 30.000000000000004.
  const rounded = Math.round(Number((value * factor).toPrecision(15))) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/**
 * How short answers are compared: NFC, trimmed, inner whitespace collapsed, case-folded,
 * and unless diacritics matter, without Vietnamese tone/vowel marks (đ counts as d).
 */
export function normalizeAnswerText(text: string, diacriticsMatter: boolean): string {
  const folded = text.normalize("NFC").trim().replace(/\s+/gu, " ").toLowerCase();
  return diacriticsMatter ? folded : stripDiacritics(folded).toLowerCase();
}

/**
 * As in Moodle's short-answer type, `*` in an accepted answer stands for any run of
 * characters ("colo*r" accepts "color" and "colour") and `\*` for a literal star.
 * `given` is already normalised with normalizeAnswerText.
 */
export function shortAnswerMatches(pattern: string, given: string, diacriticsMatter: boolean): boolean {
  const normalized = normalizeAnswerText(pattern, diacriticsMatter);
  if (!normalized.includes("*")) return normalized === given;
  const source = normalized
    .split(/(\\\*|\*)/)
    .map((part) => (part === "*" ? "[\\s\\S]*" : (part === "\\*" ? "*" : part).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "u").test(given);
}

/** Nothing given: no selection, blank text, no pairs. */
export function isUnanswered(value: AnswerValue | number | null | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every((v) => v === "");
  return false;
}

/** Fraction of the points in [0, 1] (before rounding), or null when the value has the wrong shape. */
function fraction(q: Question, value: AnswerValue | number): number | null {
  switch (q.type) {
    case "single": {
      if (typeof value !== "string") return null;
      const option = q.options.find((o) => o.id === value);
      return option ? clamp01(option.weight) : 0;
    }
    case "multiple": {
      if (!Array.isArray(value)) return null;
      const chosen = new Set(value);
      const sum = q.options.filter((o) => chosen.has(o.id)).reduce((acc, o) => acc + o.weight, 0);
      return clamp01(sum);
    }
    case "truefalse":
      if (typeof value !== "boolean") return null;
      return value === q.answer ? 1 : 0;
    case "short": {
      if (typeof value !== "string" && typeof value !== "number") return null;
      const given = normalizeAnswerText(String(value), q.diacriticsMatter);
      let best = 0;
      for (const a of q.answers) {
        if (shortAnswerMatches(a.text, given, q.diacriticsMatter)) best = Math.max(best, a.weight);
      }
      return clamp01(best);
    }
    case "numeric": {
      if (typeof value !== "string" && typeof value !== "number") return null;
      const x = parseLocaleNumber(value);
      if (x === null) return 0;
      let best = 0;
      for (const a of q.answers) {
        // Scale-aware slack so 3.1 is within 3 ± 0.1 despite binary floating point.
        if (a.kind === "tolerance") {
          const slack = NUMERIC_SLACK * Math.max(1, Math.abs(a.value), a.tolerance);
          if (Math.abs(x - a.value) <= a.tolerance + slack) best = Math.max(best, a.weight);
        } else {
          const slack = NUMERIC_SLACK * Math.max(1, Math.abs(a.min), Math.abs(a.max));
          if (x >= a.min - slack && x <= a.max + slack) best = Math.max(best, a.weight);
        }
      }
      return clamp01(best);
    }
    case "matching": {
      if (typeof value !== "object" || Array.isArray(value)) return null;
      const given = value;
      const hits = q.pairs.filter(
        (p) => Object.prototype.hasOwnProperty.call(given, p.id) && given[p.id] === matchingRightId(p.right),
      ).length;
      return q.pairs.length ? hits / q.pairs.length : 0;
    }
    case "ordering": {
      if (!Array.isArray(value)) return null;
      const hits = q.items.filter((item, i) => value[i] === item.id).length;
      return q.items.length ? hits / q.items.length : 0;
    }
    default:
      return null;
  }
}

/** Grades one answer against the stored question. Never NaN: broken data scores 0. */
export function gradeQuestion(q: Question, value: AnswerValue | number | null | undefined): QuestionGrade {
  const max = Number.isFinite(q.points) && q.points > 0 ? q.points : 0;
  if (isUnanswered(value)) return { earned: 0, max, status: "unanswered" };
  const f = fraction(q, value as AnswerValue | number) ?? 0;
  const earned = round(f * max, 4);
  const status: GradeStatus = max > 0 && earned >= max - EPS ? "correct" : earned > 0 ? "partial" : "incorrect";
  return { earned, max, status };
}

/** Grades a whole attempt; answers are keyed by question key. Exactly reaching passPercent passes. */
export function gradeAttempt(
  questions: Question[],
  answers: Record<string, AnswerValue>,
  passPercent: number,
): AttemptGrade {
  const results: Record<string, QuestionGrade> = {};
  let earned = 0;
  let max = 0;
  for (const q of questions) {
    const value = Object.prototype.hasOwnProperty.call(answers, q.key) ? answers[q.key] : undefined;
    const result = gradeQuestion(q, value);
    results[q.key] = result;
    earned += result.earned;
    max += result.max;
  }
  earned = round(earned, 4);
  max = round(max, 4);
  const percent = max > 0 ? round((earned / max) * 100, 2) : 0;
  return { earned, max, percent, passed: max > 0 && percent >= passPercent, results };
}

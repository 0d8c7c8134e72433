import { z } from "zod";
import { deriveSeed, fnv1aHex, shuffle } from "./rng";

// ─── Normalised model ────────────────────────────────────────────────────────
// This is what the database stores and what attempt snapshots freeze, so it carries
// everything grading needs and nothing that depends on how it was authored.

export const QUESTION_TYPES = ["single", "multiple", "truefalse", "short", "numeric", "matching", "ordering"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** weight: fraction of the question's points in [-1, 1]. */
export type ChoiceOption = { id: string; text: string; weight: number; feedback?: string };
export type NumericAnswer =
  | { kind: "tolerance"; value: number; tolerance: number; weight: number }
  | { kind: "range"; min: number; max: number; weight: number };

export type QuestionBase = {
  key: string;
  pool: string;
  lessons: string[];
  points: number;
  prompt: string;
  explanation?: string;
};

export type Question = QuestionBase &
  (
    | { type: "single"; options: ChoiceOption[] }
    | { type: "multiple"; options: ChoiceOption[] }
    | { type: "truefalse"; answer: boolean; feedbackTrue?: string; feedbackFalse?: string }
    | { type: "short"; answers: { text: string; weight: number }[]; diacriticsMatter: boolean }
    | { type: "numeric"; answers: NumericAnswer[] }
    /** distractors: extra right-hand items that match no left item (Moodle's `= -> text`). */
    | { type: "matching"; pairs: { id: string; left: string; right: string }[]; distractors?: string[] }
    /** items in the correct order */
    | { type: "ordering"; items: { id: string; text: string }[] }
  );

export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

/**
 * What a learner's answer is stored as (canonical ids, never the public ids the learner
 * saw): single → option id; multiple → option ids; truefalse → boolean; short → text;
 * numeric → the typed text ("3,5"); matching → { leftId: rightId }; ordering → item ids.
 */
export type AnswerValue = string | string[] | boolean | Record<string, string>;

// ─── Small text helpers ──────────────────────────────────────────────────────

/** Removes Vietnamese (and other combining) diacritics; đ/Đ are letters, not marks, so map them too. */
export function stripDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFC");
}

/** Lowercase a–z/0–9/hyphen slug; Vietnamese letters lose their diacritics instead of vanishing. */
export function slugify(text: string, maxLength = 64): string {
  const slug = stripDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  if (slug[maxLength] === "-") return cut;
  const dash = cut.lastIndexOf("-");
  return (dash > maxLength / 2 ? cut.slice(0, dash) : cut).replace(/-+$/g, "");
}

const SLUG = /^[a-z0-9-]+$/;

/** "a", "b", …, "z", "aa", "ab", … — stable ids in authored order. */
export function itemId(index: number): string {
  let n = index;
  let id = "";
  do {
    id = String.fromCharCode(97 + (n % 26)) + id;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return id;
}

/**
 * Parses a number typed by a Vietnamese or English speaker: "3,5" and "3.5" are both 3.5;
 * when both separators appear the last one is the decimal separator and the other must
 * group thousands ("1.234,5", "1,234.5"); a separator repeated alone groups thousands
 * ("1.000.000"); "1e3" is scientific notation. Returns null for anything else, never NaN.
 */
export function parseLocaleNumber(raw: string | number): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  const text = raw
    .normalize("NFKC")
    .trim()
    .replace(/^[\u2212\u2013]/, "-")
    .replace(/[\s\u00a0\u202f']/g, "");
  const m = /^([+-]?)(.+)$/.exec(text);
  if (!m) return null;
  const sign = m[1] === "-" ? -1 : 1;
  const body = m[2];
  // Scientific notation as Moodle accepts it ("1e3", "2.5E-4"); only with a dot decimal point.
  if (/^(\d+(\.\d*)?|\.\d+)e[+-]?\d+$/i.test(body)) {
    const value = sign * Number(body);
    return Number.isFinite(value) ? value : null;
  }
  if (!/^[0-9.,]+$/.test(body)) return null;
  const commas = body.split(",").length - 1;
  const dots = body.split(".").length - 1;
  let decimalSep: "," | "." | null = null;
  let groupSep: "," | "." | null = null;
  if (commas > 0 && dots > 0) {
    decimalSep = body.lastIndexOf(",") > body.lastIndexOf(".") ? "," : ".";
    groupSep = decimalSep === "," ? "." : ",";
    if ((decimalSep === "," ? commas : dots) > 1) return null;
  } else if (commas > 1) {
    groupSep = ",";
  } else if (dots > 1) {
    groupSep = ".";
  } else if (commas === 1) {
    decimalSep = ",";
  } else if (dots === 1) {
    decimalSep = ".";
  }
  let intPart = body;
  let fracPart = "";
  if (decimalSep) {
    const at = body.lastIndexOf(decimalSep);
    intPart = body.slice(0, at);
    fracPart = body.slice(at + 1);
    if (!/^\d*$/.test(fracPart)) return null;
  }
  if (groupSep) {
    const groups = groupSep === "." ? /^\d{1,3}(\.\d{3})+$/ : /^\d{1,3}(,\d{3})+$/;
    if (!groups.test(intPart)) return null;
    intPart = intPart.split(groupSep).join("");
  } else if (!/^\d*$/.test(intPart)) {
    return null;
  }
  if (intPart === "" && fracPart === "") return null;
  const value = sign * Number(`${intPart || "0"}.${fracPart || "0"}`);
  return Number.isFinite(value) ? value : null;
}

// ─── Authoring input (YAML, question editor) ─────────────────────────────────
// The base schema only checks shapes; every semantic rule lives in questionProblems so the
// YAML importer, the editor and validateQuestion (for GIFT/Aiken imports) agree, and a
// single mistake is reported once.

const textInput = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const optionalText = z.string().optional();

const choiceOptionInput = z
  .object({
    text: textInput,
    correct: z.boolean().optional(),
    /** percent of the question's points, -100..100 */
    weight: z.number().optional(),
    feedback: optionalText,
  })
  .strict();

const baseShape = {
  key: z.string().trim(),
  pool: z.string().trim().default("default"),
  lessons: z.array(z.string().trim()).default([]),
  points: z.number().default(1),
  prompt: z.string(),
  explanation: optionalText,
};

const numericToleranceInput = z
  .object({ value: z.number(), tolerance: z.number().optional(), weight: z.number().optional() })
  .strict();
const numericRangeInput = z.object({ min: z.number(), max: z.number(), weight: z.number().optional() }).strict();

const questionInputBaseSchema = z.discriminatedUnion("type", [
  z.object({ ...baseShape, type: z.literal("single"), options: z.array(choiceOptionInput) }).strict(),
  z.object({ ...baseShape, type: z.literal("multiple"), options: z.array(choiceOptionInput) }).strict(),
  z
    .object({
      ...baseShape,
      type: z.literal("truefalse"),
      answer: z.boolean(),
      feedbackTrue: optionalText,
      feedbackFalse: optionalText,
    })
    .strict(),
  z
    .object({
      ...baseShape,
      type: z.literal("short"),
      answers: z.array(z.union([textInput, z.object({ text: textInput, weight: z.number().optional() }).strict()])),
      diacriticsMatter: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      ...baseShape,
      type: z.literal("numeric"),
      value: z.number().optional(),
      tolerance: z.number().optional(),
      min: z.number().optional(),
      max: z.number().optional(),
      answers: z.array(z.union([numericToleranceInput, numericRangeInput])).optional(),
    })
    .strict(),
  z
    .object({
      ...baseShape,
      type: z.literal("matching"),
      pairs: z.array(z.object({ left: textInput, right: textInput }).strict()),
      distractors: z.array(textInput).optional(),
    })
    .strict(),
  z.object({ ...baseShape, type: z.literal("ordering"), items: z.array(textInput) }).strict(),
]);

/** Parsed input (defaults applied). */
export type QuestionInput = z.output<typeof questionInputBaseSchema>;
/** What an author writes (YAML item, editor form values). */
export type QuestionInputDraft = z.input<typeof questionInputBaseSchema>;

export const questionInputSchema = questionInputBaseSchema.superRefine((input, ctx) => {
  for (const problem of inputProblems(input)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: problem.path, message: problem.message });
  }
});

/**
 * Percent → fraction. A percent that is a small fraction up to float noise (100/3 %) becomes that
 * fraction exactly (1/3, what choiceWeights computes), so a bank exported to GIFT and imported
 * again compares equal instead of differing in the 16th digit.
 */
function percent(weight: number | undefined): number | undefined {
  if (weight === undefined) return undefined;
  const fraction = weight / 100;
  for (let n = 1; n <= 20; n++) {
    const k = Math.round(fraction * n);
    if (Math.abs(fraction - k / n) < 1e-12) return k / n;
  }
  return fraction;
}

function withOptionalText<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const trimmed = value?.trim();
  return trimmed ? ({ [key]: trimmed } as Record<K, string>) : {};
}

function choiceWeights(type: "single" | "multiple", options: { correct?: boolean; weight?: number }[]): number[] {
  if (type === "single") {
    return options.map((o) => percent(o.weight) ?? (o.correct ? 1 : 0));
  }
  const isCorrect = (o: { correct?: boolean; weight?: number }) =>
    o.weight !== undefined ? o.weight > 0 : o.correct === true;
  const correctCount = options.filter(isCorrect).length;
  const explicitPositive = options
    .filter((o) => o.weight !== undefined && o.weight > 0)
    .reduce((sum, o) => sum + (o.weight as number) / 100, 0);
  const implicitCorrect = options.filter((o) => o.weight === undefined && o.correct === true).length;
  const share = implicitCorrect > 0 ? (1 - explicitPositive) / implicitCorrect : 0;
  // Unweighted wrong options cost as much as one correct pick, so "tick everything" can
  // never reach full marks; with no correct option at all there is nothing to divide by.
  const wrong = correctCount > 0 ? -1 / correctCount : 0;
  return options.map((o) => percent(o.weight) ?? (o.correct ? share : wrong));
}

/** Turns parsed authoring input into the stored model (ids, fractional weights). */
export function normalizeQuestion(input: QuestionInput): Question {
  const base: QuestionBase = {
    key: input.key,
    pool: input.pool,
    lessons: [...input.lessons],
    points: input.points,
    prompt: input.prompt.trim(),
    ...withOptionalText("explanation", input.explanation),
  };
  switch (input.type) {
    case "single":
    case "multiple": {
      const weights = choiceWeights(input.type, input.options);
      return {
        ...base,
        type: input.type,
        options: input.options.map((o, i) => ({
          id: itemId(i),
          text: o.text,
          weight: weights[i],
          ...withOptionalText("feedback", o.feedback),
        })),
      };
    }
    case "truefalse":
      return {
        ...base,
        type: "truefalse",
        answer: input.answer,
        ...withOptionalText("feedbackTrue", input.feedbackTrue),
        ...withOptionalText("feedbackFalse", input.feedbackFalse),
      };
    case "short":
      return {
        ...base,
        type: "short",
        answers: input.answers.map((a) =>
          typeof a === "string" ? { text: a, weight: 1 } : { text: a.text, weight: percent(a.weight) ?? 1 },
        ),
        diacriticsMatter: input.diacriticsMatter,
      };
    case "numeric":
      return { ...base, type: "numeric", answers: numericAnswers(input) };
    case "matching":
      return {
        ...base,
        type: "matching",
        pairs: input.pairs.map((p, i) => ({ id: itemId(i), left: p.left, right: p.right })),
        ...(input.distractors?.length ? { distractors: [...input.distractors] } : {}),
      };
    case "ordering":
      return {
        ...base,
        type: "ordering",
        items: input.items.map((text, i) => ({ id: itemId(i), text })),
      };
  }
}

function numericAnswers(input: QuestionInput & { type: "numeric" }): NumericAnswer[] {
  if (input.answers) {
    return input.answers.map((a) =>
      "value" in a
        ? { kind: "tolerance", value: a.value, tolerance: a.tolerance ?? 0, weight: percent(a.weight) ?? 1 }
        : { kind: "range", min: a.min, max: a.max, weight: percent(a.weight) ?? 1 },
    );
  }
  if (input.value !== undefined) {
    return [{ kind: "tolerance", value: input.value, tolerance: input.tolerance ?? 0, weight: 1 }];
  }
  if (input.min !== undefined && input.max !== undefined) {
    return [{ kind: "range", min: input.min, max: input.max, weight: 1 }];
  }
  return [];
}

/**
 * The inverse of normalizeQuestion, for the editor and the YAML exporter:
 * normalizeQuestion(parse(toQuestionInput(q))) reproduces q (weights up to float rounding).
 */
export function toQuestionInput(q: Question): QuestionInputDraft {
  const base = {
    key: q.key,
    pool: q.pool,
    lessons: [...q.lessons],
    points: q.points,
    prompt: q.prompt,
    ...(q.explanation !== undefined ? { explanation: q.explanation } : {}),
  };
  const pct = (w: number) => Math.round(w * 100 * 1e6) / 1e6;
  switch (q.type) {
    case "single":
      return {
        ...base,
        type: "single",
        options: q.options.map((o) => ({
          text: o.text,
          ...(o.weight === 1 ? { correct: true } : o.weight !== 0 ? { weight: pct(o.weight) } : {}),
          ...(o.feedback !== undefined ? { feedback: o.feedback } : {}),
        })),
      };
    case "multiple": {
      const weights = choiceWeights(
        "multiple",
        q.options.map((o) => ({ correct: o.weight > 0 })),
      );
      const defaultShaped = q.options.every((o, i) => Math.abs(o.weight - weights[i]) < 1e-9);
      return {
        ...base,
        type: "multiple",
        options: q.options.map((o) => ({
          text: o.text,
          ...(defaultShaped ? (o.weight > 0 ? { correct: true } : {}) : { weight: pct(o.weight) }),
          ...(o.feedback !== undefined ? { feedback: o.feedback } : {}),
        })),
      };
    }
    case "truefalse":
      return {
        ...base,
        type: "truefalse",
        answer: q.answer,
        ...(q.feedbackTrue !== undefined ? { feedbackTrue: q.feedbackTrue } : {}),
        ...(q.feedbackFalse !== undefined ? { feedbackFalse: q.feedbackFalse } : {}),
      };
    case "short":
      return {
        ...base,
        type: "short",
        answers: q.answers.map((a) => (a.weight === 1 ? a.text : { text: a.text, weight: pct(a.weight) })),
        diacriticsMatter: q.diacriticsMatter,
      };
    case "numeric": {
      const only = q.answers.length === 1 && q.answers[0].weight === 1 ? q.answers[0] : undefined;
      if (only?.kind === "tolerance") {
        return {
          ...base,
          type: "numeric",
          value: only.value,
          ...(only.tolerance !== 0 ? { tolerance: only.tolerance } : {}),
        };
      }
      if (only?.kind === "range") return { ...base, type: "numeric", min: only.min, max: only.max };
      return {
        ...base,
        type: "numeric",
        answers: q.answers.map((a) =>
          a.kind === "tolerance"
            ? { value: a.value, tolerance: a.tolerance, weight: pct(a.weight) }
            : { min: a.min, max: a.max, weight: pct(a.weight) },
        ),
      };
    }
    case "matching":
      return {
        ...base,
        type: "matching",
        pairs: q.pairs.map((p) => ({ left: p.left, right: p.right })),
        ...(q.distractors?.length ? { distractors: [...q.distractors] } : {}),
      };
    case "ordering":
      return { ...base, type: "ordering", items: q.items.map((i) => i.text) };
  }
}

// ─── Validation ──────────────────────────────────────────────────────────────

export type QuestionProblem = { path: (string | number)[]; message: string };

const EPS = 1e-9;

function fmtPercent(weight: number): string {
  return String(Math.round(weight * 10000) / 100);
}

function sameText(a: string): string {
  return a.trim().replace(/\s+/g, " ").toLowerCase();
}

function slugProblems(path: (string | number)[], value: unknown, problems: QuestionProblem[]): void {
  if (typeof value !== "string" || value === "") {
    problems.push({ path, message: "must not be empty" });
  } else if (!SLUG.test(value)) {
    problems.push({ path, message: "must contain only lowercase letters a-z, digits and hyphens" });
  }
}

function weightOk(w: unknown): w is number {
  return typeof w === "number" && Number.isFinite(w) && w >= -1 - EPS && w <= 1 + EPS;
}

function textEmpty(text: unknown): boolean {
  return typeof text !== "string" || text.trim() === "";
}

function duplicateProblems(
  texts: string[],
  path: (i: number) => (string | number)[],
  what: string,
  problems: QuestionProblem[],
): void {
  const seen = new Map<string, number>();
  texts.forEach((text, i) => {
    if (textEmpty(text)) return;
    const norm = sameText(text);
    const first = seen.get(norm);
    if (first === undefined) seen.set(norm, i);
    else problems.push({ path: path(i), message: `is the same as ${what} ${first + 1}` });
  });
}

function idProblems(ids: string[], field: string, problems: QuestionProblem[]): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (typeof id !== "string" || id === "") problems.push({ path: [field, i, "id"], message: "must not be empty" });
    else if (seen.has(id)) problems.push({ path: [field, i, "id"], message: `duplicate id "${id}"` });
    seen.add(id);
  });
}

/** Every problem with a normalised question, each with the field it concerns. */
export function questionProblems(q: Question): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  slugProblems(["key"], q.key, problems);
  slugProblems(["pool"], q.pool, problems);
  if (!Array.isArray(q.lessons)) problems.push({ path: ["lessons"], message: "must be a list" });
  else q.lessons.forEach((lesson, i) => slugProblems(["lessons", i], lesson, problems));
  if (typeof q.points !== "number" || !Number.isFinite(q.points) || q.points <= 0) {
    problems.push({ path: ["points"], message: "must be a number greater than 0" });
  }
  if (textEmpty(q.prompt)) problems.push({ path: ["prompt"], message: "must not be empty" });

  switch (q.type) {
    case "single":
    case "multiple":
      choiceProblems(q, problems);
      break;
    case "truefalse":
      if (typeof q.answer !== "boolean") problems.push({ path: ["answer"], message: "must be true or false" });
      break;
    case "short": {
      if (!Array.isArray(q.answers) || q.answers.length === 0) {
        problems.push({ path: ["answers"], message: "needs at least one accepted answer" });
        break;
      }
      q.answers.forEach((a, i) => {
        if (textEmpty(a.text)) problems.push({ path: ["answers", i, "text"], message: "must not be empty" });
        if (!weightOk(a.weight)) {
          problems.push({ path: ["answers", i, "weight"], message: "must be between -100% and 100%" });
        }
      });
      if (!q.answers.some((a) => !textEmpty(a.text) && weightOk(a.weight) && a.weight > 0)) {
        problems.push({ path: ["answers"], message: "needs at least one non-empty answer worth more than 0%" });
      }
      break;
    }
    case "numeric": {
      if (!Array.isArray(q.answers) || q.answers.length === 0) {
        problems.push({ path: ["answers"], message: "needs at least one answer" });
        break;
      }
      const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
      q.answers.forEach((a, i) => {
        if (a.kind === "tolerance") {
          if (!finite(a.value)) problems.push({ path: ["answers", i, "value"], message: "must be a finite number" });
          if (!finite(a.tolerance) || a.tolerance < 0) {
            problems.push({ path: ["answers", i, "tolerance"], message: "must be a number, 0 or more" });
          }
        } else if (a.kind === "range") {
          if (!finite(a.min)) problems.push({ path: ["answers", i, "min"], message: "must be a finite number" });
          if (!finite(a.max)) problems.push({ path: ["answers", i, "max"], message: "must be a finite number" });
          if (finite(a.min) && finite(a.max) && a.min > a.max) {
            problems.push({ path: ["answers", i, "min"], message: "must not be greater than max" });
          }
        } else {
          problems.push({ path: ["answers", i], message: "must be a tolerance or a range answer" });
        }
        if (!weightOk(a.weight)) {
          problems.push({ path: ["answers", i, "weight"], message: "must be between -100% and 100%" });
        }
      });
      if (!q.answers.some((a) => weightOk(a.weight) && a.weight > 0)) {
        problems.push({ path: ["answers"], message: "needs at least one answer worth more than 0%" });
      }
      break;
    }
    case "matching": {
      if (!Array.isArray(q.pairs) || q.pairs.length < 2) {
        problems.push({ path: ["pairs"], message: "needs at least 2 pairs" });
        break;
      }
      idProblems(
        q.pairs.map((p) => p.id),
        "pairs",
        problems,
      );
      q.pairs.forEach((p, i) => {
        if (textEmpty(p.left)) problems.push({ path: ["pairs", i, "left"], message: "must not be empty" });
        if (textEmpty(p.right)) problems.push({ path: ["pairs", i, "right"], message: "must not be empty" });
      });
      duplicateProblems(
        q.pairs.map((p) => p.left),
        (i) => ["pairs", i, "left"],
        "left item",
        problems,
      );
      const rights = new Map<string, string>();
      for (const p of q.pairs) if (!textEmpty(p.right)) rights.set(matchingRightId(p.right), p.right);
      if (rights.size < 2 && q.pairs.every((p) => !textEmpty(p.right))) {
        problems.push({ path: ["pairs"], message: "needs at least 2 different right-hand items" });
      }
      const byText = new Set(q.pairs.map((p) => p.right));
      if (rights.size < byText.size) {
        problems.push({ path: ["pairs"], message: "two different right-hand items have the same id; reword one" });
      }
      if (q.distractors !== undefined && !Array.isArray(q.distractors)) {
        problems.push({ path: ["distractors"], message: "must be a list" });
        break;
      }
      (q.distractors ?? []).forEach((d, i) => {
        if (textEmpty(d)) problems.push({ path: ["distractors", i], message: "must not be empty" });
        else if (rights.has(matchingRightId(d))) {
          problems.push({ path: ["distractors", i], message: "is the same as a right-hand item" });
        }
      });
      break;
    }
    case "ordering": {
      if (!Array.isArray(q.items) || q.items.length < 2) {
        problems.push({ path: ["items"], message: "needs at least 2 items" });
        break;
      }
      idProblems(
        q.items.map((item) => item.id),
        "items",
        problems,
      );
      q.items.forEach((item, i) => {
        if (textEmpty(item.text)) problems.push({ path: ["items", i, "text"], message: "must not be empty" });
      });
      duplicateProblems(
        q.items.map((item) => item.text),
        (i) => ["items", i, "text"],
        "item",
        problems,
      );
      break;
    }
    default:
      problems.push({ path: ["type"], message: `must be one of ${QUESTION_TYPES.join(", ")}` });
  }
  return problems;
}

function choiceProblems(q: QuestionOf<"single" | "multiple">, problems: QuestionProblem[]): void {
  if (!Array.isArray(q.options) || q.options.length < 2) {
    problems.push({ path: ["options"], message: "needs at least 2 options" });
    if (!Array.isArray(q.options)) return;
  }
  idProblems(
    q.options.map((o) => o.id),
    "options",
    problems,
  );
  let weightsValid = true;
  q.options.forEach((o, i) => {
    if (textEmpty(o.text)) problems.push({ path: ["options", i, "text"], message: "must not be empty" });
    if (!weightOk(o.weight)) {
      weightsValid = false;
      problems.push({ path: ["options", i, "weight"], message: "must be between -100% and 100%" });
    }
  });
  duplicateProblems(
    q.options.map((o) => o.text),
    (i) => ["options", i, "text"],
    "option",
    problems,
  );
  if (!weightsValid) return;
  const weights = q.options.map((o) => o.weight);
  if (q.type === "single") {
    const full = weights.filter((w) => Math.abs(w - 1) <= EPS).length;
    if (full === 0) {
      problems.push({ path: ["options"], message: "needs a correct option (one option worth 100%)" });
    } else if (full > 1) {
      problems.push({
        path: ["options"],
        message: `needs exactly one option worth 100%, found ${full}; several correct answers need a multiple-answer question`,
      });
    }
    return;
  }
  const positive = weights.filter((w) => w > 0);
  if (positive.length === 0) {
    problems.push({ path: ["options"], message: "needs at least one correct option" });
    return;
  }
  const positiveSum = positive.reduce((a, b) => a + b, 0);
  if (Math.abs(positiveSum - 1) > EPS) {
    problems.push({
      path: ["options"],
      message: `the correct options' weights must add up to 100%, they add up to ${fmtPercent(positiveSum)}%`,
    });
    return;
  }
  if (positive.length === weights.length) {
    problems.push({ path: ["options"], message: "needs at least one wrong option" });
    return;
  }
  if (weights.reduce((a, b) => a + b, 0) >= 1 - EPS) {
    problems.push({
      path: ["options"],
      message: "selecting every option would score full marks; give the wrong options negative weights",
    });
  }
}

function formatPath(path: (string | number)[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

/** Human-readable problems (English), e.g. "options[2].text: must not be empty". Empty when valid. */
export function validateQuestion(q: Question): string[] {
  return questionProblems(q).map((p) => (p.path.length ? `${formatPath(p.path)}: ${p.message}` : p.message));
}

/** Problems of authoring input, with paths into the input rather than the normalised model. */
function inputProblems(input: QuestionInput): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  if (input.type === "single" || input.type === "multiple") {
    input.options.forEach((o, i) => {
      if (o.correct === true && o.weight !== undefined) {
        if (input.type === "single" && o.weight !== 100) {
          problems.push({
            path: ["options", i, "weight"],
            message: "a correct option is worth 100%; remove weight or correct",
          });
        } else if (o.weight <= 0) {
          problems.push({ path: ["options", i, "weight"], message: "must be above 0 for a correct option" });
        }
      }
      if (o.correct === false && o.weight !== undefined && o.weight > 0) {
        problems.push({
          path: ["options", i, "weight"],
          message: "must be 0 or less for an option marked correct: false",
        });
      }
    });
  }
  let numericForm: "answers" | "value" | "range" | null = null;
  if (input.type === "numeric") {
    const forms = [
      input.answers !== undefined ? "answers" : null,
      input.value !== undefined ? "value" : null,
      input.min !== undefined || input.max !== undefined ? "range" : null,
    ].filter((f): f is "answers" | "value" | "range" => f !== null);
    if (forms.length === 0) {
      problems.push({ path: ["value"], message: "a numeric question needs value, min and max, or answers" });
      return problems;
    }
    if (forms.length > 1) {
      const extra = forms[1] === "range" ? (input.min !== undefined ? "min" : "max") : forms[1];
      problems.push({ path: [extra], message: "use only one of value/tolerance, min/max or answers" });
      return problems;
    }
    numericForm = forms[0];
    if (input.tolerance !== undefined && numericForm !== "value") {
      problems.push({ path: ["tolerance"], message: "only applies together with value" });
    }
    if (numericForm === "range" && (input.min === undefined || input.max === undefined)) {
      problems.push({
        path: [input.min === undefined ? "min" : "max"],
        message: "min and max must be given together",
      });
      return problems;
    }
  }
  for (const problem of questionProblems(normalizeQuestion(input))) {
    problems.push({ path: inputPath(input, numericForm, problem.path), message: problem.message });
  }
  return problems;
}

function inputPath(
  input: QuestionInput,
  numericForm: "answers" | "value" | "range" | null,
  path: (string | number)[],
): (string | number)[] {
  const [field, index, sub] = path;
  if (input.type === "short" && field === "answers" && typeof index === "number") {
    return typeof input.answers[index] === "string" ? ["answers", index] : path;
  }
  if (input.type === "ordering" && field === "items" && typeof index === "number") return ["items", index];
  if (input.type === "numeric" && field === "answers" && numericForm !== "answers") {
    if (typeof sub === "string") return [sub];
    return numericForm === "range" ? ["min"] : ["value"];
  }
  return path;
}

/** Parses YAML/editor input straight to a valid question, or "path: message" errors. */
export function questionFromInput(
  raw: unknown,
): { ok: true; question: Question } | { ok: false; errors: string[]; issues: QuestionProblem[] } {
  const parsed = questionInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
    return {
      ok: false,
      errors: issues.map((issue) =>
        issue.path.length ? `${formatPath(issue.path)}: ${issue.message}` : issue.message,
      ),
      issues,
    };
  }
  return { ok: true, question: normalizeQuestion(parsed.data) };
}

/** `key`, or `key-2`, `key-3`, … whichever is not in `used` yet (the caller records it). */
export function uniqueKey(used: ReadonlySet<string>, key: string): string {
  let unique = key;
  for (let n = 2; used.has(unique); n++) unique = `${key}-${n}`;
  return unique;
}

// ─── Learner view ────────────────────────────────────────────────────────────
// Learners never see canonical ids: they are in authored order ("a" is often the right
// answer, and ordering items are stored in the correct order). Public ids are derived from
// the visible text only, so they carry no information the learner does not already have,
// and stay stable across page loads without storing anything.

export type LearnerItem = { id: string; text: string };
export type LearnerQuestion = {
  key: string;
  type: QuestionType;
  prompt: string;
  points: number;
  options?: LearnerItem[];
  left?: LearnerItem[];
  right?: LearnerItem[];
  items?: LearnerItem[];
};

/** Canonical id → public id; repeated texts (or a hash collision) get "-2", "-3", … */
function publicIds(prefix: string, entries: { id: string; text: string }[]): Map<string, string> {
  const counts = new Map<string, number>();
  const out = new Map<string, string>();
  for (const entry of entries) {
    const base = prefix + fnv1aHex(entry.text);
    const n = (counts.get(base) ?? 0) + 1;
    counts.set(base, n);
    out.set(entry.id, n === 1 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every right-hand text a learner can pick: the pairs' right sides, then the distractors. */
export function matchingRights(q: QuestionOf<"matching">): string[] {
  return [...q.pairs.map((p) => p.right), ...(q.distractors ?? [])];
}

/** Identical right-hand texts share one id, so either left item may pick it. */
export function matchingRightId(right: string): string {
  return `r${fnv1aHex(right)}`;
}

function choicePublicIds(q: QuestionOf<"single" | "multiple">): Map<string, string> {
  return publicIds("o", q.options);
}

function orderingPublicIds(q: QuestionOf<"ordering">): Map<string, string> {
  return publicIds("i", q.items);
}

function invert(map: Map<string, string>): Map<string, string> {
  return new Map([...map].map(([k, v]) => [v, k]));
}

function sameOrder<T>(a: T[], b: T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Shuffles, and if the result happens to be the original order, rotates it by one. */
function shuffleAway<T>(items: T[], seed: number): T[] {
  const shuffled = shuffle(items, seed);
  if (items.length >= 2 && sameOrder(shuffled, items)) return [...items.slice(1), items[0]];
  return shuffled;
}

/** The learner-facing question: no weights, answers, feedback or explanation. */
export function toLearnerQuestion(q: Question, seed: number): LearnerQuestion {
  const view: LearnerQuestion = { key: q.key, type: q.type, prompt: q.prompt, points: q.points };
  const s = deriveSeed(seed, q.key);
  switch (q.type) {
    case "single":
    case "multiple": {
      const ids = choicePublicIds(q);
      view.options = shuffle(
        q.options.map((o) => ({ id: ids.get(o.id) as string, text: o.text })),
        s,
      );
      break;
    }
    case "matching": {
      view.left = q.pairs.map((p) => ({ id: p.id, text: p.left }));
      const rights = new Map<string, LearnerItem>();
      for (const text of matchingRights(q)) {
        const id = matchingRightId(text);
        if (!rights.has(id)) rights.set(id, { id, text });
      }
      view.right = shuffleAway([...rights.values()], s);
      break;
    }
    case "ordering": {
      const ids = orderingPublicIds(q);
      view.items = shuffleAway(
        q.items.map((item) => ({ id: ids.get(item.id) as string, text: item.text })),
        s,
      );
      break;
    }
    default:
      break;
  }
  return view;
}

const MAX_TEXT_ANSWER = 1000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Validates what a learner posted (public ids, as shown by toLearnerQuestion) and returns
 * the canonical value to store, or null when it cannot be an answer to this question.
 * Empty answers ("" / [] / {}) are valid: the learner cleared the field.
 */
export function parseAnswerValue(q: Question, raw: unknown): AnswerValue | null {
  switch (q.type) {
    case "single": {
      if (typeof raw !== "string") return null;
      if (raw === "") return "";
      return invert(choicePublicIds(q)).get(raw) ?? null;
    }
    case "multiple": {
      const list = typeof raw === "string" ? (raw === "" ? [] : [raw]) : raw;
      if (!Array.isArray(list)) return null;
      const byPublic = invert(choicePublicIds(q));
      const chosen = new Set<string>();
      for (const item of list) {
        if (typeof item !== "string") return null;
        const id = byPublic.get(item);
        if (id === undefined) return null;
        chosen.add(id);
      }
      return q.options.map((o) => o.id).filter((id) => chosen.has(id));
    }
    case "truefalse":
      if (typeof raw === "boolean") return raw;
      if (raw === "true") return true;
      if (raw === "false") return false;
      return null;
    case "short": {
      if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
      if (typeof raw !== "string" || raw.length > MAX_TEXT_ANSWER) return null;
      return raw.trim();
    }
    case "numeric": {
      if (typeof raw === "number") return Number.isFinite(raw) ? String(raw) : null;
      if (typeof raw !== "string" || raw.length > 100) return null;
      const text = raw.trim();
      if (text === "") return "";
      return parseLocaleNumber(text) === null ? null : text;
    }
    case "matching": {
      if (!isPlainObject(raw)) return null;
      const lefts = new Set(q.pairs.map((p) => p.id));
      const rights = new Set(matchingRights(q).map(matchingRightId));
      for (const [left, right] of Object.entries(raw)) {
        if (!lefts.has(left) || typeof right !== "string") return null;
        if (right !== "" && !rights.has(right)) return null;
      }
      const out: Record<string, string> = {};
      for (const p of q.pairs) {
        const right = Object.prototype.hasOwnProperty.call(raw, p.id) ? raw[p.id] : undefined;
        if (typeof right === "string" && right !== "") out[p.id] = right;
      }
      return out;
    }
    case "ordering": {
      if (!Array.isArray(raw)) return null;
      if (raw.length === 0) return [];
      const byPublic = invert(orderingPublicIds(q));
      const out: string[] = [];
      for (const item of raw) {
        if (typeof item !== "string") return null;
        const id = byPublic.get(item);
        if (id === undefined || out.includes(id)) return null;
        out.push(id);
      }
      // A partial order cannot be graded position by position; the UI always posts all items.
      return out.length === q.items.length ? out : null;
    }
    default:
      return null;
  }
}

/** Canonical stored value → the public ids the learner view uses (to restore a saved answer). */
export function toLearnerAnswerValue(q: Question, value: AnswerValue): AnswerValue {
  switch (q.type) {
    case "single":
      return typeof value === "string" ? (choicePublicIds(q).get(value) ?? "") : value;
    case "multiple": {
      if (!Array.isArray(value)) return value;
      const ids = choicePublicIds(q);
      return value.map((id) => ids.get(id)).filter((id): id is string => id !== undefined);
    }
    case "ordering": {
      if (!Array.isArray(value)) return value;
      const ids = orderingPublicIds(q);
      return value.map((id) => ids.get(id)).filter((id): id is string => id !== undefined);
    }
    default:
      return value;
  }
}

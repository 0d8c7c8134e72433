import { type ImportError, type ImportResult, type MessageParams, problemKey } from "./import-errors";
import {
  type QuestionInputDraft,
  type QuestionProblem,
  parseLocaleNumber,
  questionFromInput,
  slugify,
  uniqueKey,
} from "./question";
import { fnv1aHex } from "./rng";

// Moodle GIFT (https://docs.moodle.org/en/GIFT_format). As in Moodle, a blank line ends a
// question, lines starting with // are comments, and \~ \= \# \{ \} \: escape the markup.

export type ImportOptions = { defaultPool?: string };

/** Where a question's validation problem is, named for a GIFT or Aiken author (shared with aiken.ts). */
export const QUESTION_ISSUE_CODES = [
  "exams.import.answer",
  "exams.import.answerLeft",
  "exams.import.answerRight",
  "exams.import.answers",
  "exams.import.prompt",
  "exams.import.pool",
  "exams.import.field",
] as const;
export type QuestionIssueCode = (typeof QUESTION_ISSUE_CODES)[number];

export const GIFT_ERROR_CODES = [
  ...QUESTION_ISSUE_CODES,
  "exams.import.gift.titleUnclosed",
  "exams.import.gift.braceNested",
  "exams.import.gift.braceStray",
  "exams.import.gift.braceUnclosed",
  "exams.import.gift.answerBlock",
  "exams.import.gift.weightUnclosed",
  "exams.import.gift.weightNotNumber",
  "exams.import.gift.numericMissing",
  "exams.import.gift.numericRange",
  "exams.import.gift.numericNotNumber",
  "exams.import.gift.toleranceNotNumber",
  "exams.import.gift.numericLead",
  "exams.import.gift.matchingArrow",
  "exams.import.gift.matchingLeft",
  "exams.import.gift.matchingRight",
  "exams.import.gift.matchingBoth",
] as const;
export type GiftErrorCode = (typeof GIFT_ERROR_CODES)[number];
type GiftError = ImportError<GiftErrorCode>;
type GiftMessage = { code: GiftErrorCode; params?: MessageParams };

type Line = { no: number; text: string };
type Format = "markdown" | "html" | "plain" | "moodle";
type RawAnswer = { marker: "~" | "="; at: number; start: number; end: number };

/** One question's text with its original line numbers, so offsets map back to the file. */
class Source {
  readonly text: string;
  private readonly starts: number[] = [];
  private readonly numbers: number[] = [];

  constructor(lines: Line[]) {
    let offset = 0;
    for (const line of lines) {
      this.starts.push(offset);
      this.numbers.push(line.no);
      offset += line.text.length + 1;
    }
    this.text = lines.map((l) => l.text).join("\n");
  }

  lineAt(offset: number): number {
    let i = this.starts.length - 1;
    while (i > 0 && this.starts[i] > offset) i--;
    return this.numbers[i];
  }
}

function splitLines(text: string): Line[] {
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ no: i + 1, text: t }));
}

/** Questions are separated by blank lines; comment lines vanish without separating. */
function splitBlocks(lines: Line[]): Line[][] {
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (trimmed.startsWith("//")) continue;
    if (trimmed === "") {
      if (current.length) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length) blocks.push(current);
  return blocks;
}

function skipSpace(s: string, from: number, to = s.length): number {
  let i = from;
  while (i < to && /\s/.test(s[i])) i++;
  return i;
}

/** Index of `needle` in s[from, to) outside backslash escapes, or -1. */
export function findUnescaped(s: string, needle: string, from: number, to = s.length): number {
  for (let i = from; i + needle.length <= to; i++) {
    if (s[i] === "\\") {
      i++;
      continue;
    }
    if (s.startsWith(needle, i)) return i;
  }
  return -1;
}

/** Resolves GIFT escapes; unknown escapes keep their backslash (LaTeX such as \( survives). */
export function unescapeGift(s: string): string {
  return s.replace(/\\([\s\S])/g, (_, c: string) => (c === "n" ? "\n" : "~=#{}:\\".includes(c) ? c : `\\${c}`));
}

const ENTITIES: Record<string, string> = { nbsp: " ", lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6]|tr)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n");
}

const FORMAT_TAG = /^\s*\[(markdown|html|plain|moodle)\]/i;

/** Unescapes raw GIFT text; an own [format] tag overrides the question's format. */
function convertText(raw: string, format: Format): string {
  let text = raw;
  let fmt = format;
  const tag = FORMAT_TAG.exec(text);
  if (tag) {
    fmt = tag[1].toLowerCase() as Format;
    text = text.slice(tag[0].length);
  }
  const plain = unescapeGift(text);
  return (fmt === "html" ? htmlToText(plain) : plain).trim();
}

function categoryPool(path: string, fallback: string): string {
  const segments = path
    .split("/")
    .map((s) => s.trim())
    .filter(Boolean);
  const last = segments[segments.length - 1];
  return (last && slugify(last)) || fallback;
}

/** Splits an answer block into answers at unescaped ~ and = markers. */
function splitAnswers(s: string, from: number, to: number): { lead: string; leadAt: number; answers: RawAnswer[] } {
  const answers: RawAnswer[] = [];
  let leadEnd = to;
  for (let i = from; i < to; i++) {
    const ch = s[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === "~" || ch === "=") {
      if (answers.length === 0) leadEnd = i;
      else answers[answers.length - 1].end = i;
      answers.push({ marker: ch, at: i, start: i + 1, end: to });
    }
  }
  return { lead: s.slice(from, leadEnd), leadAt: from, answers };
}

/**
 * Moodle exports thirds and sixths as 33.33333 etc.; snapping them to exact fractions keeps
 * "weights add up to 100%" true instead of failing by 1e-7.
 */
function snapPercent(weight: number): number {
  const fraction = weight / 100;
  for (let n = 1; n <= 20; n++) {
    const k = Math.round(fraction * n);
    if (Math.abs(fraction - k / n) < 1e-6) return (k / n) * 100;
  }
  return weight;
}

function parseWeight(raw: string): number | null {
  const t = raw.trim();
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return null;
  const value = Number(t.replace(",", "."));
  return Number.isFinite(value) ? value : null;
}

type ParsedAnswer = { marker: "~" | "="; line: number; weight?: number; text: string; feedback?: string };

/** Separates %weight% and #feedback from an answer's text (both still raw). */
function parseAnswer(src: Source, a: RawAnswer): ParsedAnswer | GiftError {
  const s = src.text;
  const line = src.lineAt(a.at);
  let i = skipSpace(s, a.start, a.end);
  let weight: number | undefined;
  if (s[i] === "%") {
    const close = s.indexOf("%", i + 1);
    if (close < 0 || close >= a.end) return { line, code: "exams.import.gift.weightUnclosed" };
    const raw = s.slice(i + 1, close);
    const parsed = parseWeight(raw);
    if (parsed === null) return { line, code: "exams.import.gift.weightNotNumber", params: { weight: `%${raw}%` } };
    weight = snapPercent(parsed);
    i = close + 1;
  }
  const hash = findUnescaped(s, "#", i, a.end);
  return {
    marker: a.marker,
    line,
    weight,
    text: s.slice(i, hash >= 0 ? hash : a.end),
    feedback: hash >= 0 ? s.slice(hash + 1, a.end) : undefined,
  };
}

function parseNumericSpec(
  raw: string,
): { value: number; tolerance: number } | { min: number; max: number } | GiftMessage {
  const t = unescapeGift(raw).trim();
  if (t === "") return { code: "exams.import.gift.numericMissing" };
  const dots = t.indexOf("..");
  if (dots >= 0) {
    const min = parseLocaleNumber(t.slice(0, dots));
    const max = parseLocaleNumber(t.slice(dots + 2));
    if (min === null || max === null) return { code: "exams.import.gift.numericRange", params: { text: t } };
    return { min, max };
  }
  const colon = t.indexOf(":");
  const value = parseLocaleNumber(colon >= 0 ? t.slice(0, colon) : t);
  const tolerance = colon >= 0 ? parseLocaleNumber(t.slice(colon + 1)) : 0;
  if (value === null)
    return { code: "exams.import.gift.numericNotNumber", params: { text: colon >= 0 ? t.slice(0, colon).trim() : t } };
  if (tolerance === null)
    return { code: "exams.import.gift.toleranceNotNumber", params: { text: t.slice(colon + 1).trim() } };
  return { value, tolerance };
}

type Built = { draft: QuestionInputDraft; answerLines: number[] };
type BuildContext = { src: Source; format: Format; blockLine: number; from: number; to: number };
type BuildFailure = { errors: GiftError[] };

function optionalField<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

function buildTrueFalse(ctx: BuildContext, start: number): Built | BuildFailure {
  const s = ctx.src.text;
  const parts: string[] = [];
  let from = start;
  // Like Moodle: T#feedback-for-wrong#feedback-for-right, anything after a third # stays in the last part.
  for (let n = 0; n < 2; n++) {
    const hash = findUnescaped(s, "#", from, ctx.to);
    if (hash < 0) break;
    parts.push(s.slice(from, hash));
    from = hash + 1;
  }
  parts.push(s.slice(from, ctx.to));
  const word = parts[0].trim().toUpperCase();
  const answer = word === "T" || word === "TRUE";
  const wrong = parts[1] !== undefined ? convertText(parts[1], ctx.format) : undefined;
  const right = parts[2] !== undefined ? convertText(parts[2], ctx.format) : undefined;
  return {
    draft: {
      type: "truefalse",
      key: "",
      prompt: "",
      answer,
      ...optionalField("feedbackTrue", answer ? right : wrong),
      ...optionalField("feedbackFalse", answer ? wrong : right),
    },
    answerLines: [],
  };
}

function buildNumeric(ctx: BuildContext, start: number): Built | BuildFailure {
  const { src } = ctx;
  const s = src.text;
  const errors: BuildFailure["errors"] = [];
  const list: (
    { value: number; tolerance: number; weight?: number } | { min: number; max: number; weight?: number }
  )[] = [];
  const answerLines: number[] = [];
  const split = splitAnswers(s, start, ctx.to);
  if (split.answers.length === 0) {
    const hash = findUnescaped(s, "#", start, ctx.to);
    const spec = parseNumericSpec(s.slice(start, hash >= 0 ? hash : ctx.to));
    if ("code" in spec) return { errors: [{ line: src.lineAt(start), ...spec }] };
    list.push(spec);
    answerLines.push(src.lineAt(start));
  } else {
    if (split.lead.trim() !== "") {
      return {
        errors: [{ line: src.lineAt(split.leadAt), code: "exams.import.gift.numericLead" }],
      };
    }
    for (const raw of split.answers) {
      const parsed = parseAnswer(src, raw);
      if ("code" in parsed) {
        errors.push(parsed);
        continue;
      }
      // ~ answers in numeric questions only carry feedback for wrong values, which we do not show.
      if (parsed.marker === "~") continue;
      const spec = parseNumericSpec(parsed.text);
      if ("code" in spec) {
        errors.push({ line: parsed.line, ...spec });
        continue;
      }
      list.push(parsed.weight !== undefined ? { ...spec, weight: parsed.weight } : spec);
      answerLines.push(parsed.line);
    }
  }
  if (errors.length) return { errors };
  return { draft: { type: "numeric", key: "", prompt: "", answers: list }, answerLines };
}

function buildFromAnswers(ctx: BuildContext, start: number): Built | BuildFailure {
  const { src, format } = ctx;
  const s = src.text;
  const split = splitAnswers(s, start, ctx.to);
  if (split.answers.length === 0 || split.lead.trim() !== "") {
    const at = split.answers.length === 0 ? start : skipSpace(s, split.leadAt);
    return {
      errors: [{ line: src.lineAt(at), code: "exams.import.gift.answerBlock" }],
    };
  }
  const errors: BuildFailure["errors"] = [];
  const answers: ParsedAnswer[] = [];
  for (const raw of split.answers) {
    const parsed = parseAnswer(src, raw);
    if ("code" in parsed) errors.push(parsed);
    else answers.push(parsed);
  }
  if (errors.length) return { errors };
  const answerLines = answers.map((a) => a.line);

  if (answers.some((a) => findUnescaped(a.text, "->", 0) >= 0)) {
    const pairs: { left: string; right: string }[] = [];
    for (const a of answers) {
      const arrow = findUnescaped(a.text, "->", 0);
      if (a.marker !== "=" || arrow < 0) {
        errors.push({ line: a.line, code: "exams.import.gift.matchingArrow" });
        continue;
      }
      const left = convertText(a.text.slice(0, arrow), format);
      const right = convertText(a.text.slice(arrow + 2), format);
      if (!left || !right) {
        const code =
          !left && !right
            ? "exams.import.gift.matchingBoth"
            : !left
              ? "exams.import.gift.matchingLeft"
              : "exams.import.gift.matchingRight";
        errors.push({ line: a.line, code });
        continue;
      }
      pairs.push({ left, right });
    }
    if (errors.length) return { errors };
    return { draft: { type: "matching", key: "", prompt: "", pairs }, answerLines };
  }

  if (answers.every((a) => a.marker === "=")) {
    return {
      draft: {
        type: "short",
        key: "",
        prompt: "",
        answers: answers.map((a) => {
          const text = convertText(a.text, format);
          return a.weight !== undefined ? { text, weight: a.weight } : text;
        }),
      },
      answerLines,
    };
  }

  const options = answers.map((a) => ({
    text: convertText(a.text, format),
    ...(a.weight !== undefined ? { weight: a.weight } : a.marker === "=" ? { correct: true } : {}),
    ...optionalField("feedback", a.feedback !== undefined ? convertText(a.feedback, format) : undefined),
  }));
  // Several positively weighted ~ answers and no = is Moodle's multiple-answer (checkbox) form.
  const positive = answers.filter((a) => a.marker === "~" && (a.weight ?? 0) > 0).length;
  const type = answers.some((a) => a.marker === "=") || positive < 2 ? "single" : "multiple";
  return { draft: { type, key: "", prompt: "", options }, answerLines };
}

const ANSWER_LISTS = new Set(["options", "answers", "pairs"]);

/** Where an input issue points in the file, and how to name the field to a GIFT/Aiken author. */
export function locateIssue(
  issue: QuestionProblem,
  lines: { question: number; block: number; answers: number[] },
  pool: string,
): ImportError<QuestionIssueCode> {
  const [root, index, sub] = issue.path;
  const detail = problemKey(issue.message);
  if (typeof root === "string" && ANSWER_LISTS.has(root)) {
    if (typeof index === "number") {
      const code =
        sub === "left"
          ? "exams.import.answerLeft"
          : sub === "right"
            ? "exams.import.answerRight"
            : "exams.import.answer";
      return { line: lines.answers[index] ?? lines.block, code, params: { answer: index + 1, detail } };
    }
    return { line: lines.block, code: "exams.import.answers", params: { detail } };
  }
  if (root === "answer" || root === "value" || root === "min" || root === "max" || root === "tolerance") {
    return { line: lines.block, code: "exams.import.answers", params: { detail } };
  }
  if (root === "prompt") return { line: lines.question, code: "exams.import.prompt", params: { detail } };
  if (root === "pool") return { line: lines.question, code: "exams.import.pool", params: { pool, detail } };
  return { line: lines.question, code: "exams.import.field", params: { field: issue.path.join("."), detail } };
}

export function parseGift(text: string, options: ImportOptions = {}): ImportResult<GiftErrorCode> {
  const result: ImportResult<GiftErrorCode> = { questions: [], errors: [], unsupported: [] };
  const defaultPool = options.defaultPool ?? "default";
  const usedKeys = new Set<string>();
  let pool = defaultPool;

  for (const block of splitBlocks(splitLines(text))) {
    let lines = block;
    const category = /^\$CATEGORY:\s*(.*)$/i.exec(lines[0].text.trim());
    if (category) {
      pool = categoryPool(category[1], defaultPool);
      lines = lines.slice(1);
      if (lines.length === 0) continue;
    }
    parseQuestion(lines, pool, usedKeys, result);
  }
  return result;
}

function parseQuestion(lines: Line[], pool: string, usedKeys: Set<string>, result: ImportResult<GiftErrorCode>): void {
  const src = new Source(lines);
  const s = src.text;
  const questionLine = lines[0].no;
  const fail = (offset: number, code: GiftErrorCode) => result.errors.push({ line: src.lineAt(offset), code });

  let pos = skipSpace(s, 0);
  let title: string | undefined;
  if (s.startsWith("::", pos)) {
    const close = findUnescaped(s, "::", pos + 2);
    if (close < 0) return void fail(pos, "exams.import.gift.titleUnclosed");
    title = unescapeGift(s.slice(pos + 2, close)).trim() || undefined;
    pos = close + 2;
  }
  let format: Format = "moodle";
  const tag = FORMAT_TAG.exec(s.slice(pos));
  if (tag) {
    format = tag[1].toLowerCase() as Format;
    pos += tag[0].length;
  }

  const blocks: { start: number; end: number }[] = [];
  let open = -1;
  for (let i = pos; i < s.length; i++) {
    const ch = s[i];
    if (ch === "\\") {
      i++;
    } else if (ch === "{") {
      if (open >= 0) return void fail(i, "exams.import.gift.braceNested");
      open = i;
    } else if (ch === "}") {
      if (open < 0) return void fail(i, "exams.import.gift.braceStray");
      blocks.push({ start: open, end: i });
      open = -1;
    }
  }
  if (open >= 0) return void fail(open, "exams.import.gift.braceUnclosed");

  const unsupported = (kind: string) =>
    result.unsupported.push({ line: questionLine, kind, ...(title !== undefined ? { title } : {}) });
  if (blocks.length === 0) return void unsupported("description");
  if (blocks.length > 1) return void unsupported("cloze");
  const { start, end } = blocks[0];
  const body = s.slice(start + 1, end);
  if (body.trim() === "") return void unsupported("essay");
  if (/^\s*\d+:[A-Za-z_]+:/.test(body)) return void unsupported("cloze");

  const before = s.slice(pos, start);
  const after = s.slice(end + 1);
  const prompt = convertText(after.trim() !== "" ? `${before}___${after}` : before, format);

  const generalFeedback = findUnescaped(s, "####", start + 1, end);
  const to = generalFeedback >= 0 ? generalFeedback : end;
  const explanation = generalFeedback >= 0 ? convertText(s.slice(generalFeedback + 4, end), format) : "";
  const ctx: BuildContext = { src, format, blockLine: src.lineAt(start), from: start + 1, to };

  const first = skipSpace(s, start + 1, to);
  const content = s.slice(first, to).trim();
  let built: Built | BuildFailure;
  if (s[first] === "#") built = buildNumeric(ctx, first + 1);
  else if (/^(TRUE|FALSE|T|F)\s*(#|$)/i.test(content)) built = buildTrueFalse(ctx, first);
  else built = buildFromAnswers(ctx, first);
  if ("errors" in built) {
    result.errors.push(...built.errors);
    return;
  }

  const baseKey = (title && slugify(title)) || `q-${fnv1aHex(prompt)}`;
  const key = uniqueKey(usedKeys, baseKey);
  const draft = {
    ...built.draft,
    key,
    pool,
    lessons: [],
    points: 1,
    prompt,
    ...(explanation ? { explanation } : {}),
  } as QuestionInputDraft;
  const outcome = questionFromInput(draft);
  if (!outcome.ok) {
    for (const issue of outcome.issues) {
      result.errors.push(
        locateIssue(issue, { question: questionLine, block: ctx.blockLine, answers: built.answerLines }, pool),
      );
    }
    return;
  }
  usedKeys.add(key);
  result.questions.push(outcome.question);
}

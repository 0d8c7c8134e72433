import {
  type ImportError,
  type ImportNotice,
  type ImportNoticeCode,
  type ImportResult,
  type UnsupportedKind,
  type MessageParams,
  problemKey,
} from "./import-errors";
import {
  type QuestionInputDraft,
  type QuestionProblem,
  parseLocaleNumber,
  questionFromInput,
  slugify,
  uniqueKey,
} from "./question";
import { fnv1aHex } from "./rng";

// Moodle GIFT (https://docs.moodle.org/en/GIFT_format), read the way Moodle's own
// question/format/gift/format.php reads it. As in Moodle, a blank line ends a question, lines
// starting with // are comments, and \~ \= \# \{ \} \: escape the markup. Comment lines may
// carry directives: `// [id:…]` (Moodle's idnumber, becomes the key), `// [tag:…]` (listed as not
// imported), and HọcSố's own, which Moodle ignores as comments: `// [diacritics:strict]` (a short
// answer must match its accents), `// [points:2]` and `// [lesson:key]` (what gift-export.ts writes
// so that a bank survives the round trip).

export type ImportOptions = {
  defaultPool?: string;
  /** The lessons of the bank imported into: `[lesson:]` directives naming others are dropped and listed. */
  lessons?: ReadonlySet<string>;
};

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
  "exams.import.gift.matchingArrow",
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

type Block = { lines: Line[]; comments: string[] };

/** Questions are separated by blank lines; comment lines vanish without separating. */
function splitBlocks(lines: Line[]): Block[] {
  const blocks: Block[] = [];
  let current: Block = { lines: [], comments: [] };
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (trimmed.startsWith("//")) {
      current.comments.push(trimmed.slice(2));
    } else if (trimmed === "") {
      if (current.lines.length) blocks.push(current);
      current = { lines: [], comments: [] };
    } else {
      current.lines.push(line);
    }
  }
  if (current.lines.length) blocks.push(current);
  return blocks;
}

type Directives = {
  idnumber?: string;
  tags: string[];
  diacriticsMatter?: boolean;
  /** NaN when the directive is not a number, so validation names the field. */
  points?: number;
  lessons: string[];
  unknownLessons?: string[];
};

function readDirectives(comments: string[]): Directives {
  const directives: Directives = { tags: [], lessons: [] };
  for (const comment of comments) {
    for (const m of comment.matchAll(/\[(id|tag|diacritics|points|lesson):([^\]]*)\]/gi)) {
      const value = m[2].trim();
      const name = m[1].toLowerCase();
      if (name === "id" && value) directives.idnumber = value;
      else if (name === "tag" && value) directives.tags.push(value);
      else if (name === "diacritics") directives.diacriticsMatter = value.toLowerCase() === "strict";
      else if (name === "points") directives.points = parseLocaleNumber(value) ?? Number.NaN;
      else if (name === "lesson" && value && !directives.lessons.includes(value)) directives.lessons.push(value);
    }
  }
  return directives;
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

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Text shown as written inside Markdown: characters Markdown would read as markup are escaped. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, "\\$&");
}

/** Elements whose content is not text a learner reads; dropping them is reported. */
const DROPPED_ELEMENTS = new Set(["audio", "video", "iframe", "object", "embed", "script", "style", "form", "svg"]);
const BLOCK_END = /^(p|div|li|h[1-6]|tr|ul|ol|table|blockquote)$/;

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return m ? decodeEntities(m[2] ?? m[3] ?? m[4] ?? "") : undefined;
}

/** The renderer shows images only from https or this site (see content/markdown.ts). */
function imageKept(src: string): boolean {
  return /^https:\/\//i.test(src) || (src.startsWith("/") && !src.startsWith("//") && !src.startsWith("/\\"));
}

function linkKept(href: string): boolean {
  return /^(https?:|mailto:)/i.test(href);
}

/**
 * GIFT [html] text → what HọcSố stores: Markdown for the prompt (links, images, bold and
 * italics survive; entities such as &lt;p&gt; become the visible text "<p>") or plain text
 * for answers and feedback. Whatever cannot be shown is named in `removed`.
 */
function htmlToStored(html: string, markdown: boolean, removed: string[]): string {
  let out = "";
  let skipUntil: string | null = null;
  let link: { href: string; start: number } | null = null;
  const tokens = html.split(/(<[^>]*>)/);
  for (const token of tokens) {
    const tag = /^<\s*(\/?)\s*([a-z][a-z0-9]*)\b[^>]*>$/i.exec(token);
    if (skipUntil !== null) {
      if (tag && tag[1] === "/" && tag[2].toLowerCase() === skipUntil) skipUntil = null;
      else if (tag && tag[2].toLowerCase() === "source") {
        const src = attribute(token, "src");
        if (src) removed[removed.length - 1] += ` ${src}`;
      }
      continue;
    }
    if (!tag) {
      if (token.startsWith("<!--")) continue;
      const text = decodeEntities(token);
      out += markdown ? escapeMarkdown(text) : text;
      continue;
    }
    const closing = tag[1] === "/";
    const name = tag[2].toLowerCase();
    if (DROPPED_ELEMENTS.has(name)) {
      if (!closing) {
        const src = attribute(token, "src") ?? attribute(token, "data");
        removed.push(src ? `<${name}> ${src}` : `<${name}>`);
        if (!/\/>$/.test(token)) skipUntil = name;
      }
      continue;
    }
    if (name === "br") out += markdown ? "  \n" : "\n";
    else if (closing && BLOCK_END.test(name)) out += "\n";
    else if (markdown && (name === "b" || name === "strong")) out += "**";
    else if (markdown && (name === "i" || name === "em")) out += "*";
    else if (!closing && name === "li") out += markdown ? "- " : "• ";
    else if (name === "img") {
      const src = attribute(token, "src") ?? "";
      const alt = attribute(token, "alt") ?? "";
      if (markdown && imageKept(src)) out += `![${escapeMarkdown(alt)}](<${src}>)`;
      else {
        removed.push(`<img> ${src}`);
        if (alt) out += markdown ? escapeMarkdown(alt) : alt;
      }
    } else if (name === "a" && !closing) {
      const href = attribute(token, "href") ?? "";
      if (markdown && linkKept(href)) {
        link = { href, start: out.length };
        out += "[";
      } else if (href) removed.push(`<a> ${href}`);
    } else if (name === "a" && closing && link) {
      out += `](<${link.href}>)`;
      link = null;
    }
  }
  return out.replace(/[ \t]+\n/g, (m) => (m.endsWith("  \n") && markdown ? "  \n" : "\n")).replace(/\n{3,}/g, "\n\n");
}

const FORMAT_TAG = /^\s*\[(markdown|html|plain|moodle)\]/i;

type TextSink = { removed: string[] };

/**
 * Unescapes raw GIFT text; an own [format] tag overrides the question's format. The prompt
 * is stored as Markdown, so text the author wrote (`<p>` in a moodle or plain question) is
 * escaped to stay visible; answers and feedback are shown as plain text.
 */
function convertText(raw: string, format: Format, sink: TextSink, as: "markdown" | "plain" = "plain"): string {
  let text = raw;
  let fmt = format;
  const tag = FORMAT_TAG.exec(text);
  if (tag) {
    fmt = tag[1].toLowerCase() as Format;
    text = text.slice(tag[0].length);
  }
  const plain = unescapeGift(text);
  if (fmt === "html") return htmlToStored(plain, as === "markdown", sink.removed).trim();
  if (as === "markdown" && fmt !== "markdown") return plain.replace(/[<>]/g, "\\$&").trim();
  return plain.trim();
}

/** Moodle's context prefixes ($course$, $system$ …) and its "top" category say nothing of the content. */
function categorySegments(path: string): string[] {
  const segments = path
    .split(/(?<!\/)\/(?!\/)/)
    .map((s) => s.replace(/\/\//g, "/").trim())
    .filter(Boolean);
  while (segments.length > 1 && (/^\$[a-z0-9]+\$$/i.test(segments[0]) || segments[0].toLowerCase() === "top")) {
    segments.shift();
  }
  return segments;
}

/**
 * The pool key for a category path, from the whole path so that "Chương 1/Bài tập" and
 * "Chương 2/Bài tập" never share a pool; two paths that slugify alike get a hash suffix.
 */
function categoryPool(path: string, fallback: string, pools: Map<string, string>): string {
  const segments = categorySegments(path);
  const full = segments.join("/");
  if (!full) return fallback;
  const slug = slugify(segments.join(" "), 64);
  if (!slug) return fallback;
  const owner = pools.get(slug);
  if (owner === undefined || owner === full) {
    pools.set(slug, full);
    return slug;
  }
  const suffixed = `${slugify(segments.join(" "), 55)}-${fnv1aHex(full).slice(0, 8)}`;
  pools.set(suffixed, full);
  return suffixed;
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
type Notice = { line: number; code: ImportNoticeCode; params?: MessageParams };
type BuildContext = {
  src: Source;
  format: Format;
  blockLine: number;
  from: number;
  to: number;
  sink: TextSink;
  notices: Notice[];
};
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
  const wrong = parts[1] !== undefined ? convertText(parts[1], ctx.format, ctx.sink) : undefined;
  const right = parts[2] !== undefined ? convertText(parts[2], ctx.format, ctx.sink) : undefined;
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

/** Splits s[from, to) at unescaped `=` like Moodle's explode("="); a blank first part is dropped. */
function splitAtEquals(s: string, from: number, to: number): RawAnswer[] {
  const parts: RawAnswer[] = [];
  let partStart = from;
  for (let i = from; i <= to; i++) {
    if (i < to && s[i] === "\\") {
      i++;
      continue;
    }
    if (i === to || s[i] === "=") {
      parts.push({ marker: "=", at: Math.max(from, partStart - 1), start: partStart, end: i });
      partStart = i + 1;
    }
  }
  if (parts.length && s.slice(parts[0].start, parts[0].end).trim() === "") parts.shift();
  return parts;
}

/**
 * Numeric as Moodle reads it: after `#`, everything up to the first `~` is a list of answers
 * separated by `=` (so `{#3:2}`, `{#3:2 =4}` and `{#=%50%3}` all work), and `~#text` is the
 * feedback for every other value. An answer of `*` accepts any number in Moodle; it only ever
 * carries feedback there, so it is left out and listed.
 */
function buildNumeric(ctx: BuildContext, start: number): Built | BuildFailure {
  const { src } = ctx;
  const s = src.text;
  const errors: BuildFailure["errors"] = [];
  const list: (
    { value: number; tolerance: number; weight?: number } | { min: number; max: number; weight?: number }
  )[] = [];
  const answerLines: number[] = [];
  const tilde = findUnescaped(s, "~", start, ctx.to);
  const answersEnd = tilde >= 0 ? tilde : ctx.to;
  let feedbackDropped =
    tilde >= 0 &&
    s
      .slice(tilde + 1, ctx.to)
      .replace(/^\s*#/, "")
      .trim() !== "";
  const parts = splitAtEquals(s, start, answersEnd);
  if (parts.length === 0) return { errors: [{ line: src.lineAt(start), code: "exams.import.gift.numericMissing" }] };
  for (const raw of parts) {
    const parsed = parseAnswer(src, raw);
    if ("code" in parsed) {
      errors.push(parsed);
      continue;
    }
    if (parsed.feedback?.trim()) feedbackDropped = true;
    if (unescapeGift(parsed.text).trim() === "*") {
      ctx.notices.push({ line: parsed.line, code: "exams.import.notice.anyNumberDropped" });
      continue;
    }
    const spec = parseNumericSpec(parsed.text);
    if ("code" in spec) {
      errors.push({ line: parsed.line, ...spec });
      continue;
    }
    list.push(parsed.weight !== undefined ? { ...spec, weight: parsed.weight } : spec);
    answerLines.push(parsed.line);
  }
  if (errors.length) return { errors };
  if (feedbackDropped) ctx.notices.push({ line: ctx.blockLine, code: "exams.import.notice.feedbackDropped" });
  return { draft: { type: "numeric", key: "", prompt: "", answers: list }, answerLines };
}

/** What ticking every option scores, as a fraction clamped to [0, 1] the way both graders clamp. */
function tickAllScore(weights: number[]): number {
  return Math.min(
    1,
    Math.max(
      0,
      weights.reduce((sum, w) => sum + w, 0),
    ),
  );
}

function buildFromAnswers(ctx: BuildContext, start: number): Built | BuildFailure {
  const { src, format, sink } = ctx;
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
  const hasTilde = answers.some((a) => a.marker === "~");

  if (!hasTilde && answers.some((a) => findUnescaped(a.text, "->", 0) >= 0)) {
    const pairs: { left: string; right: string }[] = [];
    const distractors: string[] = [];
    const pairLines: number[] = [];
    for (const a of answers) {
      const arrow = findUnescaped(a.text, "->", 0);
      if (arrow < 0) {
        errors.push({ line: a.line, code: "exams.import.gift.matchingArrow" });
        continue;
      }
      const left = convertText(a.text.slice(0, arrow), format, sink);
      const right = convertText(a.text.slice(arrow + 2), format, sink);
      if (!right) {
        errors.push({
          line: a.line,
          code: left ? "exams.import.gift.matchingRight" : "exams.import.gift.matchingBoth",
        });
        continue;
      }
      // Moodle writes an extra wrong choice as a pair with no left side.
      if (!left) distractors.push(right);
      else {
        pairs.push({ left, right });
        pairLines.push(a.line);
      }
    }
    if (errors.length) return { errors };
    return {
      draft: { type: "matching", key: "", prompt: "", pairs, ...(distractors.length ? { distractors } : {}) },
      answerLines: pairLines,
    };
  }

  if (!hasTilde) {
    if (answers.some((a) => a.feedback?.trim())) {
      ctx.notices.push({ line: ctx.blockLine, code: "exams.import.notice.feedbackDropped" });
    }
    return {
      draft: {
        type: "short",
        key: "",
        prompt: "",
        answers: answers.map((a) => {
          const text = convertText(a.text, format, sink);
          return a.weight !== undefined ? { text, weight: a.weight } : text;
        }),
      },
      answerLines,
    };
  }

  const options = answers.map((a) => ({
    text: convertText(a.text, format, sink),
    ...(a.weight !== undefined ? { weight: a.weight } : a.marker === "=" ? { correct: true } : {}),
    ...optionalField("feedback", a.feedback !== undefined ? convertText(a.feedback, format, sink) : undefined),
  }));
  // Moodle: "Multiple answers are enabled if no single answer is 100% correct", i.e. no `=`.
  const type = answers.some((a) => a.marker === "=") ? "single" : "multiple";
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
  const result: ImportResult<GiftErrorCode> = { questions: [], errors: [], unsupported: [], notices: [] };
  const defaultPool = options.defaultPool ?? "default";
  const usedKeys = new Set<string>();
  const pools = new Map<string, string>();
  let pool = defaultPool;

  for (const block of splitBlocks(splitLines(text))) {
    let lines = block.lines;
    const category = /^\$CATEGORY:\s*(.*)$/i.exec(lines[0].text.trim());
    if (category) {
      pool = categoryPool(category[1], defaultPool, pools);
      lines = lines.slice(1);
      if (lines.length === 0) continue;
    }
    const directives = readDirectives(block.comments);
    if (options.lessons) {
      const known = options.lessons;
      directives.unknownLessons = directives.lessons.filter((l) => !known.has(l));
      directives.lessons = directives.lessons.filter((l) => known.has(l));
    }
    parseQuestion(lines, directives, pool, usedKeys, result);
  }
  return result;
}

function parseQuestion(
  lines: Line[],
  directives: Directives,
  pool: string,
  usedKeys: Set<string>,
  result: ImportResult<GiftErrorCode>,
): void {
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

  const unsupported = (kind: UnsupportedKind) =>
    result.unsupported.push({ line: questionLine, kind, ...(title !== undefined ? { title } : {}) });
  if (blocks.length === 0) return void unsupported("description");
  if (blocks.length > 1) return void unsupported("cloze");
  const { start, end } = blocks[0];
  // Moodle takes the general feedback after the last ####, then calls an empty rest an essay.
  let generalFeedback = -1;
  for (let at = findUnescaped(s, "####", start + 1, end); at >= 0; at = findUnescaped(s, "####", at + 1, end)) {
    generalFeedback = at;
  }
  const to = generalFeedback >= 0 ? generalFeedback : end;
  const body = s.slice(start + 1, to);
  if (body.trim() === "") return void unsupported("essay");
  if (/^\s*\d+:[A-Za-z_]+:/.test(body)) return void unsupported("cloze");

  const sink: TextSink = { removed: [] };
  const before = s.slice(pos, start);
  const after = s.slice(end + 1);
  const prompt = convertText(after.trim() !== "" ? `${before}___${after}` : before, format, sink, "markdown");
  const explanation = generalFeedback >= 0 ? convertText(s.slice(generalFeedback + 4, end), format, sink) : "";
  const notices: Notice[] = [];
  const ctx: BuildContext = { src, format, blockLine: src.lineAt(start), from: start + 1, to, sink, notices };

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

  const baseKey =
    (directives.idnumber && slugify(directives.idnumber)) || (title && slugify(title)) || `q-${fnv1aHex(prompt)}`;
  const key = uniqueKey(usedKeys, baseKey);
  const draft = {
    ...built.draft,
    ...(built.draft.type === "short" && directives.diacriticsMatter !== undefined
      ? { diacriticsMatter: directives.diacriticsMatter }
      : {}),
    key,
    pool,
    lessons: directives.lessons,
    points: directives.points ?? 1,
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
  const question = outcome.question;
  if (sink.removed.length) {
    notices.push({
      line: questionLine,
      code: "exams.import.notice.htmlRemoved",
      params: { removed: sink.removed.join(", ") },
    });
  }
  if (question.type === "multiple" && built.draft.type === "multiple") {
    const moodle = tickAllScore(built.draft.options.map((o) => (o.weight ?? (o.correct ? 100 : 0)) / 100));
    const here = tickAllScore(question.options.map((o) => o.weight));
    if (Math.abs(moodle - here) > 1e-9) {
      notices.push({
        line: questionLine,
        code: "exams.import.notice.multipleScoring",
        params: { moodle: Math.round(moodle * 100), here: Math.round(here * 100) },
      });
    }
  }
  if (directives.unknownLessons?.length) {
    notices.push({
      line: questionLine,
      code: "exams.import.notice.lessonsDropped",
      params: { lessons: directives.unknownLessons.join(", ") },
    });
  }
  if (directives.tags.length) {
    notices.push({
      line: questionLine,
      code: "exams.import.notice.tagsDropped",
      params: { tags: directives.tags.join(", ") },
    });
  }
  usedKeys.add(key);
  result.questions.push(question);
  result.notices.push(...notices.map((n): ImportNotice => ({ ...n, key })));
}

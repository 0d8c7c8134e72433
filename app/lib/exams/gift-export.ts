import type { ChoiceOption, NumericAnswer, Question } from "./question";

// A question bank as GIFT text, written the way Moodle's own exporter
// (question/format/gift/format.php) writes it: `::name::`, one answer per line, escapes for
// \ ~ = # { } : and newlines as \n, general feedback last after ####, a blank line after each
// question, `$CATEGORY:` before each pool. What Moodle has no field for goes in comment lines
// Moodle ignores and parseGift reads back (`[id:]`, `[points:]`, `[lesson:]`,
// `[diacritics:strict]`), so export → import gives the same bank.
//
// Prompts are stored as Markdown, so they are written as `[markdown]` text; Moodle renders them
// with its Markdown filter. Answers and feedback are plain text in HọcSố and are written as such.

/**
 * Why a question is left out of the file: GIFT has no ordering question, and some texts would be
 * read back as markup (an unescapable `->` where a matching pair or short answer would split, or
 * a prompt that begins with a `[format]` tag).
 */
export type GiftSkipReason = "ordering" | "text";
export type GiftExport = { text: string; skipped: { key: string; type: Question["type"]; reason: GiftSkipReason }[] };

/** Moodle's repchar: the reserved characters escaped, newlines as \n, carriage returns removed. */
export function escapeGift(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\\#=~{}:]/g, "\\$&")
    .replace(/\n/g, "\\n");
}

/** Percent as Moodle writes a fraction (0.3333333 → 33.33333); parseGift snaps it back. */
function percent(weight: number): string {
  return String(Math.round(weight * 100 * 1e5) / 1e5);
}

export function giftSkipReason(q: Question): GiftSkipReason | null {
  if (q.type === "ordering") return "ordering";
  if (/^\s*\[(markdown|html|plain|moodle)\]/i.test(q.prompt)) return "text";
  if (q.type === "matching" && q.pairs.some((p) => p.left.includes("->") || p.left.startsWith("%"))) return "text";
  if (q.type === "short" && q.answers.some((a) => a.text.includes("->"))) return "text";
  return null;
}

function feedback(text: string | undefined): string {
  return text ? `#${escapeGift(text)}` : "";
}

function choiceLine(type: "single" | "multiple", o: ChoiceOption): string {
  const text = escapeGift(o.text);
  // An unweighted ~ in a multiple-answer question costs points in HọcSố (see choiceWeights), so
  // every weight is written out; a text starting with % needs one so it is not read as a weight.
  let marker: string;
  if (type === "single" && o.weight === 1) marker = o.text.startsWith("%") ? "=%100%" : "=";
  else if (type === "single" && o.weight === 0 && !o.text.startsWith("%")) marker = "~";
  else marker = `~%${percent(o.weight)}%`;
  return `\t${marker}${text}${feedback(o.feedback)}`;
}

function numericLine(a: NumericAnswer): string {
  const spec = a.kind === "tolerance" ? `${a.value}:${a.tolerance}` : `${a.min}..${a.max}`;
  return `\t=%${percent(a.weight)}%${spec}`;
}

function answerBlock(q: Exclude<Question, { type: "ordering" }>): string[] {
  switch (q.type) {
    case "single":
    case "multiple":
      return q.options.map((o) => choiceLine(q.type, o));
    case "short":
      return q.answers.map((a) => `\t=%${percent(a.weight)}%${escapeGift(a.text)}`);
    case "numeric":
      return q.answers.map(numericLine);
    case "matching":
      return [
        ...q.pairs.map((p) => `\t=${escapeGift(p.left)} -> ${escapeGift(p.right)}`),
        ...(q.distractors ?? []).map((d) => `\t= -> ${escapeGift(d)}`),
      ];
    case "truefalse":
      return [];
  }
}

function writeQuestion(q: Exclude<Question, { type: "ordering" }>): string {
  const comments = [`// [id:${q.key}]`];
  if (q.points !== 1) comments.push(`// [points:${q.points}]`);
  for (const lesson of q.lessons) comments.push(`// [lesson:${lesson}]`);
  if (q.type === "short" && q.diacriticsMatter) comments.push("// [diacritics:strict]");
  const head = `::${escapeGift(q.key)}::[markdown]${escapeGift(q.prompt)}`;
  const general = q.explanation ? `####${escapeGift(q.explanation)}` : "";
  let body: string;
  if (q.type === "truefalse") {
    // Moodle: {TRUE#feedback for a wrong answer#feedback for a right answer}.
    const right = q.answer ? q.feedbackTrue : q.feedbackFalse;
    const wrong = q.answer ? q.feedbackFalse : q.feedbackTrue;
    body = `{${q.answer ? "TRUE" : "FALSE"}${wrong || right ? `#${wrong ? escapeGift(wrong) : ""}` : ""}${feedback(right)}${general}}`;
  } else {
    const open = q.type === "numeric" ? "{#" : "{";
    const lines = answerBlock(q);
    if (general) lines.push(`\t${general}`);
    body = `${open}\n${lines.join("\n")}\n}`;
  }
  return `${comments.join("\n")}\n${head}${body}\n`;
}

/** The bank in its order; a `$CATEGORY:` line whenever the pool changes. */
export function exportGift(questions: Question[], header: string[] = []): GiftExport {
  const skipped: GiftExport["skipped"] = [];
  const parts: string[] = [];
  let pool: string | null = null;
  for (const q of questions) {
    const reason = giftSkipReason(q);
    if (reason !== null || q.type === "ordering") {
      skipped.push({ key: q.key, type: q.type, reason: reason ?? "ordering" });
      continue;
    }
    if (q.pool !== pool) {
      pool = q.pool;
      // Pools are slugs, so the path needs no escaping (Moodle does not unescape it either).
      parts.push(`$CATEGORY: $course$/top/${pool}\n`);
    }
    parts.push(writeQuestion(q));
  }
  const notes = [
    ...header,
    ...skipped.map(
      (s) => `not exported: ${s.key} (${s.reason === "ordering" ? "ordering question" : "text GIFT cannot hold"})`,
    ),
  ];
  const preamble = notes.length ? `${notes.map((n) => `// ${n.replace(/[\r\n]+/g, " ")}`).join("\n")}\n\n` : "";
  return { text: preamble + parts.join("\n"), skipped };
}

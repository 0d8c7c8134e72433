import { type ImportOptions, locateIssue, QUESTION_ISSUE_CODES } from "./gift";
import type { ImportError, ImportResult } from "./import-errors";
import { type QuestionInputDraft, questionFromInput, uniqueKey } from "./question";
import { fnv1aHex } from "./rng";

// Aiken (https://docs.moodle.org/en/Aiken_format): question text, then options "A." or
// "A)", then "ANSWER: X". Single-choice only, so everything becomes a `single` question.

type Pending = {
  start: number;
  text: string[];
  options: { letter: string; text: string; line: number }[];
};

export const AIKEN_ERROR_CODES = [
  ...QUESTION_ISSUE_CODES,
  "exams.import.aiken.noOptions",
  "exams.import.aiken.noAnswer",
  "exams.import.aiken.tooFewOptions",
  "exams.import.aiken.letterTwice",
  "exams.import.aiken.answerEmpty",
  "exams.import.aiken.answerNotLetter",
  "exams.import.aiken.answerNotOption",
] as const;
export type AikenErrorCode = (typeof AIKEN_ERROR_CODES)[number];
type AikenResult = ImportResult<AikenErrorCode>;

// Moodle's own pattern is /^[A-Z][).][ \t]?/: the space after the letter is optional ("A)text").
const OPTION = /^([A-Z])[.)][ \t]*(.*)$/;
const ANSWER = /^ANSWER\s*:\s*(.*)$/i;

export function parseAiken(text: string, options: ImportOptions = {}): AikenResult {
  const result: AikenResult = { questions: [], errors: [], unsupported: [], notices: [] };
  const pool = options.defaultPool ?? "default";
  const usedKeys = new Set<string>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let current: Pending | null = null;

  const missingAnswer = (q: Pending) =>
    result.errors.push({
      line: q.start,
      code: q.options.length === 0 ? "exams.import.aiken.noOptions" : "exams.import.aiken.noAnswer",
    });

  for (let index = 0; index < lines.length; index++) {
    const no = index + 1;
    const line = lines[index].trim();
    if (current === null) {
      if (line !== "") current = { start: no, text: [line], options: [] };
      continue;
    }
    const answer = ANSWER.exec(line);
    if (answer) {
      finish(current, answer[1].trim(), no, pool, usedKeys, result);
      current = null;
      continue;
    }
    const option = OPTION.exec(line);
    if (option) {
      current.options.push({ letter: option[1], text: option[2].trim(), line: no });
      continue;
    }
    if (line === "") {
      // A blank line inside the question text is a paragraph break; after the options it
      // can only mean the ANSWER line was forgotten.
      if (current.options.length === 0) current.text.push("");
      else {
        missingAnswer(current);
        current = null;
      }
      continue;
    }
    if (current.options.length > 0) {
      missingAnswer(current);
      current = { start: no, text: [line], options: [] };
      continue;
    }
    current.text.push(line);
  }
  if (current !== null) missingAnswer(current);
  return result;
}

function finish(
  q: Pending,
  rawAnswer: string,
  answerLine: number,
  pool: string,
  usedKeys: Set<string>,
  result: AikenResult,
): void {
  const errors: ImportError<AikenErrorCode>[] = [];
  if (q.options.length < 2) {
    errors.push({ line: q.start, code: "exams.import.aiken.tooFewOptions", params: { count: q.options.length } });
  }
  const seen = new Set<string>();
  for (const option of q.options) {
    if (seen.has(option.letter)) {
      errors.push({ line: option.line, code: "exams.import.aiken.letterTwice", params: { letter: option.letter } });
    }
    seen.add(option.letter);
  }
  const letter = rawAnswer.toUpperCase();
  if (!/^[A-Z]$/.test(letter)) {
    errors.push(
      rawAnswer === ""
        ? { line: answerLine, code: "exams.import.aiken.answerEmpty" }
        : { line: answerLine, code: "exams.import.aiken.answerNotLetter", params: { answer: rawAnswer } },
    );
  } else if (q.options.length >= 2 && !seen.has(letter)) {
    errors.push({
      line: answerLine,
      code: "exams.import.aiken.answerNotOption",
      params: { letter, letters: q.options.map((o) => o.letter).join(", ") },
    });
  }
  if (errors.length) {
    result.errors.push(...errors);
    return;
  }

  // The prompt is stored as Markdown; like Moodle (htmlspecialchars) the author's `<p>` stays visible text.
  const prompt = q.text
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
    .replace(/[<>]/g, "\\$&");
  const key = uniqueKey(usedKeys, `q-${fnv1aHex(prompt)}`);
  const draft: QuestionInputDraft = {
    type: "single",
    key,
    pool,
    lessons: [],
    points: 1,
    prompt,
    options: q.options.map((o) => (o.letter === letter ? { text: o.text, correct: true } : { text: o.text })),
  };
  const outcome = questionFromInput(draft);
  if (!outcome.ok) {
    for (const issue of outcome.issues) {
      result.errors.push(
        locateIssue(issue, { question: q.start, block: answerLine, answers: q.options.map((o) => o.line) }, pool),
      );
    }
    return;
  }
  usedKeys.add(key);
  result.questions.push(outcome.question);
}

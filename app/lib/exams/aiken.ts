import { type ImportOptions, locateIssue } from "./gift";
import { type ImportResult, type QuestionInputDraft, questionFromInput, uniqueKey } from "./question";
import { fnv1aHex } from "./rng";

// Aiken (https://docs.moodle.org/en/Aiken_format): question text, then options "A." or
// "A)", then "ANSWER: X". Single-choice only, so everything becomes a `single` question.

type Pending = {
  start: number;
  text: string[];
  options: { letter: string; text: string; line: number }[];
};

const OPTION = /^([A-Z])[.)](?:\s+(.*))?$/;
const ANSWER = /^ANSWER\s*:\s*(.*)$/i;

export function parseAiken(text: string, options: ImportOptions = {}): ImportResult {
  const result: ImportResult = { questions: [], errors: [], unsupported: [] };
  const pool = options.defaultPool ?? "default";
  const usedKeys = new Set<string>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  let current: Pending | null = null;

  const missingAnswer = (q: Pending) =>
    result.errors.push({
      line: q.start,
      message:
        q.options.length === 0
          ? "question has no options and no ANSWER: line"
          : "question has no ANSWER: line after its options",
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
      current.options.push({ letter: option[1], text: (option[2] ?? "").trim(), line: no });
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
  result: ImportResult,
): void {
  const errors: { line: number; message: string }[] = [];
  if (q.options.length < 2) {
    errors.push({ line: q.start, message: `question needs at least 2 options, found ${q.options.length}` });
  }
  const seen = new Set<string>();
  for (const option of q.options) {
    if (seen.has(option.letter)) {
      errors.push({ line: option.line, message: `option letter ${option.letter} is used twice` });
    }
    seen.add(option.letter);
  }
  const letter = rawAnswer.toUpperCase();
  if (!/^[A-Z]$/.test(letter)) {
    errors.push({
      line: answerLine,
      message: rawAnswer === "" ? "ANSWER: is missing its letter" : `ANSWER must be a single letter, got "${rawAnswer}"`,
    });
  } else if (q.options.length >= 2 && !seen.has(letter)) {
    errors.push({
      line: answerLine,
      message: `ANSWER ${letter} is not one of the options (${q.options.map((o) => o.letter).join(", ")})`,
    });
  }
  if (errors.length) {
    result.errors.push(...errors);
    return;
  }

  const prompt = q.text.join("\n").replace(/\n{3,}/g, "\n\n").trim();
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
        locateIssue(issue, { question: q.start, block: answerLine, answers: q.options.map((o) => o.line) }),
      );
    }
    return;
  }
  usedKeys.add(key);
  result.questions.push(outcome.question);
}

import type { MessageKey } from "~/lib/i18n/i18n";
import type { Question } from "./question";

// Importers (GIFT, Aiken, the content/ folder format) report problems as dictionary keys with
// parameters, never as English sentences: trainers read them in the interface language, and the
// CLI reads the same keys from the English dictionary.

export type MessageParams = Record<string, string | number>;

/**
 * A problem to show as `t(code, params)`. A `detail` parameter holding another key (a rule of
 * question.ts, see problemKey) is translated first, with the same parameters.
 */
export type LocalizedMessage<Code extends MessageKey = MessageKey> = { code: Code; params?: MessageParams };

export type ImportError<Code extends MessageKey = MessageKey> = LocalizedMessage<Code> & { line: number };

/**
 * What an import keeps but changes, or leaves out, about one question: shown in the dry run
 * with its line, next to the question, so the trainer confirms knowing it (never blocking).
 */
export const IMPORT_NOTICE_CODES = [
  "exams.import.notice.htmlRemoved",
  "exams.import.notice.multipleScoring",
  "exams.import.notice.feedbackDropped",
  "exams.import.notice.anyNumberDropped",
  "exams.import.notice.tagsDropped",
  "exams.import.notice.lessonsDropped",
] as const;
export type ImportNoticeCode = (typeof IMPORT_NOTICE_CODES)[number];
/** `key` is the question's key as parsed (before the bank renames clashes). */
export type ImportNotice = ImportError<ImportNoticeCode> & { key: string };

/** A GIFT question kind the importer leaves out (named to the trainer as `authoring.gift.kind.<kind>`). */
export type UnsupportedKind = "essay" | "description" | "cloze";

/** Shape shared by the GIFT and Aiken importers. */
export type ImportResult<Code extends MessageKey = MessageKey> = {
  questions: Question[];
  errors: ImportError<Code>[];
  unsupported: { line: number; kind: UnsupportedKind; title?: string }[];
  notices: ImportNotice[];
};

type Translate = (key: string, params?: MessageParams) => string;

/** The message in the language `t` speaks, its nested detail included. */
export function messageText(t: Translate, message: { code: string; params?: MessageParams }): string {
  const params: MessageParams = { ...message.params };
  if (typeof params.detail === "string") params.detail = t(params.detail, params);
  return t(message.code, params);
}

// ─── question.ts rules as keys ───────────────────────────────────────────────
// question.ts words its rules in English for validateQuestion; editors and importers show the
// same rules in the trainer's language through these keys.

const PROBLEM_KEYS = [
  [/^must not be empty$/, "authoring.q.err.empty"],
  [/^must contain only lowercase/, "authoring.errors.key"],
  [/^must be a number greater than 0$/, "authoring.q.err.points"],
  [/^must be true or false$/, "authoring.q.err.chooseAnswer"],
  [/^needs at least one accepted answer$/, "authoring.q.err.shortNone"],
  [/^needs at least one non-empty answer worth more than 0%$/, "authoring.q.err.shortNone"],
  [/^must be between -100% and 100%$/, "authoring.q.err.weightRange"],
  [/^a correct option is worth 100%/, "authoring.q.err.weightRange"],
  [/^needs at least one answer worth more than 0%$/, "authoring.q.err.numericNone"],
  [/^needs at least one answer$/, "authoring.q.err.numericNone"],
  [/^a numeric question needs/, "authoring.q.err.numericNone"],
  [/^use only one of/, "authoring.q.err.numericNone"],
  [/^must be a finite number$/, "authoring.q.err.number"],
  [/^must be a number, 0 or more$/, "authoring.q.err.tolerance"],
  [/^only applies together with value$/, "authoring.q.err.tolerance"],
  [/^must not be greater than max$/, "authoring.q.err.minMax"],
  [/^min and max must be given together$/, "authoring.q.err.minMax"],
  [/^must be a tolerance or a range answer$/, "authoring.q.err.numericNone"],
  [/^needs at least 2 pairs$/, "authoring.q.err.pairsMin"],
  [/^needs at least 2 different right-hand items$/, "authoring.q.err.rightsMin"],
  [/right-hand items have the same id/, "authoring.q.err.rightsMin"],
  [/^needs at least 2 items$/, "authoring.q.err.itemsMin"],
  [/^needs at least 2 options$/, "authoring.q.err.optionsMin"],
  [/^is the same as /, "authoring.q.err.duplicate"],
  [/^duplicate id/, "authoring.q.err.duplicate"],
  [/^needs a correct option/, "authoring.q.err.noFull"],
  [/^needs at least one correct option$/, "authoring.q.err.noCorrect"],
  [/^needs exactly one option worth 100%/, "authoring.q.err.oneCorrect"],
  [/weights must add up to 100%/, "authoring.q.err.weightsSum"],
  [/^needs at least one wrong option$/, "authoring.q.err.noWrong"],
  [/^selecting every option would score full marks/, "authoring.q.err.allFull"],
  [/^must be above 0 for a correct option$/, "authoring.q.err.correctWeight"],
  [/^must be 0 or less for an option marked correct: false$/, "authoring.q.err.wrongWeight"],
] as const satisfies readonly (readonly [RegExp, MessageKey])[];

export type ProblemKey = (typeof PROBLEM_KEYS)[number][1] | "authoring.q.err.invalid";

export const PROBLEM_KEY_CODES: readonly ProblemKey[] = [
  ...new Set(PROBLEM_KEYS.map(([, key]) => key)),
  "authoring.q.err.invalid",
];

/** The i18n key for one of question.ts's problem messages. */
export function problemKey(message: string): ProblemKey {
  for (const [pattern, key] of PROBLEM_KEYS) if (pattern.test(message)) return key;
  return "authoring.q.err.invalid";
}

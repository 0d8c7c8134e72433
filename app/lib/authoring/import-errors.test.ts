import { describe, expect, it } from "vitest";
import { CONTENT_ERROR_CODES } from "~/lib/content/format";
import { AIKEN_ERROR_CODES, parseAiken } from "~/lib/exams/aiken";
import { GIFT_ERROR_CODES, parseGift } from "~/lib/exams/gift";
import { messageText, PROBLEM_KEY_CODES, problemKey } from "~/lib/exams/import-errors";
import { translate } from "~/lib/i18n/i18n";
import { en } from "~/lib/i18n/messages.en";
import { vi } from "~/lib/i18n/messages.vi";
import { ZIP_ERROR_CODES } from "./zip";

const ALL_CODES = [
  ...new Set<string>([
    ...GIFT_ERROR_CODES,
    ...AIKEN_ERROR_CODES,
    ...CONTENT_ERROR_CODES,
    ...PROBLEM_KEY_CODES,
    ...ZIP_ERROR_CODES,
  ]),
];
const VIETNAMESE_LETTERS = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;
const dictionaries = { vi, en };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("import error codes", () => {
  it.each(ALL_CODES)("%s has a Vietnamese and an English text", (code) => {
    const viText = (vi as Record<string, string>)[code];
    const enText = (en as Record<string, string>)[code];
    expect(viText?.trim(), "Vietnamese").toBeTruthy();
    expect(enText?.trim(), "English").toBeTruthy();
    expect(viText).toMatch(VIETNAMESE_LETTERS);
    expect(viText).not.toBe(enText);
    expect(placeholders(viText)).toEqual(placeholders(enText));
  });

  // Bad banks that between them raise most codes; each error must read as a finished sentence.
  const gift = [
    "::T Q {T}",
    "Q {=a ~b",
    "Q a } b {T}",
    "Q {=a\n~{b}",
    "Q {hello =a}",
    "Q {=a ~%x%b}",
    "Q {=a ~%50 b}",
    "Q {#}",
    "Q {#1..z}",
    "Q {#x}",
    "Q {#3:x}",
    "Q {#3 =4}",
    "Q {=a -> 1 =b}",
    "Q {=a -> 1 = -> 2}",
    "Q {=a -> 1 =b ->}",
    "Q {=a -> 1 = -> }",
    "Q {~a ~b}",
    "Q {=a =b ~c}",
    "::T:: {=a ~b}",
    "Q {=a ~a}",
    "Q {=a -> 1 =a -> 2}",
  ].join("\n\n");
  const aiken = [
    "Q1",
    "A. x",
    "",
    "Q2",
    "A. x",
    "B. y",
    "ANSWER: C",
    "",
    "Q3",
    "A. x",
    "A. y",
    "ANSWER:",
    "",
    "Q4",
    "A. x",
    "B. y",
    "ANSWER: 12",
    "",
    "Q5",
  ].join("\n");
  const errors = [
    ...parseGift(gift).errors,
    ...parseGift("Q {T}", { defaultPool: "Không hợp lệ" }).errors,
    ...parseAiken(aiken).errors,
  ];

  it("the sample banks raise most parser codes", () => {
    const raised = new Set(errors.map((e) => e.code));
    expect(raised.size).toBeGreaterThanOrEqual(25);
  });

  it.each(["vi", "en"] as const)("every sample error reads fully in %s", (locale) => {
    for (const error of errors) {
      const text = messageText((key, params) => translate(dictionaries[locale], key, params), error);
      expect(text, error.code).not.toMatch(/\{\w+\}|exams\.|authoring\./);
    }
  });
});

describe("problemKey", () => {
  it.each([
    ["needs a correct option (one option worth 100%)", "authoring.q.err.noFull"],
    ["needs at least one correct option", "authoring.q.err.noCorrect"],
    ["must be a number, 0 or more", "authoring.q.err.tolerance"],
    ["needs at least 2 pairs", "authoring.q.err.pairsMin"],
    ["something new", "authoring.q.err.invalid"],
  ])("%s → %s", (message, key) => {
    expect(problemKey(message)).toBe(key);
  });
});

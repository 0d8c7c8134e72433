import { describe, expect, it } from "vitest";
import { en } from "./messages.en";
import { vi } from "./messages.vi";

// Proper names that stay Vietnamese in the English interface.
const ALLOWED_IN_ENGLISH = ["HọcSố", "Tiếng Việt", "Cổng Dịch vụ công quốc gia", "VNeID"];
const VIETNAMESE_LETTERS = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

describe("dictionaries", () => {
  const keys = Object.keys(vi) as (keyof typeof vi)[];

  it("translate every key into English, with no Vietnamese left in it", () => {
    const leftovers = keys.filter((key) => {
      let text = en[key];
      for (const name of ALLOWED_IN_ENGLISH) text = text.replaceAll(name, "");
      return VIETNAMESE_LETTERS.test(text);
    });
    expect(leftovers).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const mismatched = keys.filter((key) => placeholders(vi[key]).join() !== placeholders(en[key]).join());
    expect(mismatched).toEqual([]);
  });

  it("have no empty strings and Vietnamese in NFC", () => {
    for (const key of keys) {
      expect(vi[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
      expect(vi[key], key).toBe(vi[key].normalize("NFC"));
    }
  });
});

import { describe, expect, it } from "vitest";
import { draftText, isoDate } from "./i18n";

describe("isoDate", () => {
  it.each([
    // 17:30 UTC on 1 December is already 00:30 on 2 December in Vietnam (UTC+7).
    ["2026-12-01T17:30:00Z", "2026-12-02"],
    ["2026-12-01T16:59:59Z", "2026-12-01"],
    ["2026-12-31T17:00:00Z", "2027-01-01"],
    ["2026-01-01T00:00:00Z", "2026-01-01"],
  ])("%s → %s", (at, day) => {
    expect(isoDate(new Date(at))).toBe(day);
  });
});

describe("draftText", () => {
  it.each([
    ["vi", "Xin chào", "Hello", "Xin chào"],
    ["en", "Xin chào", "Hello", "Hello"],
    ["en", "Xin chào", "", "Xin chào"],
    ["vi", "", "Hello", "Hello"],
    ["vi", "", "", ""],
  ] as const)("%s of (%j, %j) → %j", (locale, vi, en, expected) => {
    expect(draftText(locale, vi, en)).toBe(expected);
  });
});

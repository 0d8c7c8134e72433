import { describe, expect, it } from "vitest";
import { draftText, formatDate, formatTime, isoDate } from "./i18n";

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

describe("formatDate and formatTime (Vietnam's clock, the reader's conventions)", () => {
  const moment = new Date("2026-12-01T20:01:00Z"); // 03:01 on 2 December in Hà Nội
  it.each([
    ["vi", false, "02/12/2026"],
    ["en", false, "02/12/2026"],
    ["vi", true, "03:01 02/12/2026"],
    ["en", true, "02/12/2026, 03:01"],
  ] as const)("%s, with time %s → %s", (locale, withTime, expected) => {
    expect(formatDate(locale, moment, withTime).replace(/\s+/g, " ")).toBe(expected);
  });

  it("reads an ISO string as the same moment, and the second call reuses the first's formatter", () => {
    expect(formatDate("vi", moment.toISOString())).toBe(formatDate("vi", moment));
    expect(formatDate("vi", new Date("2026-12-01T16:59:59Z"))).toBe("01/12/2026");
    expect(formatDate("vi", new Date("2026-12-01T17:00:00Z"))).toBe("02/12/2026");
  });

  it.each([
    ["vi", "03:01"],
    ["en", "03:01"],
  ] as const)("time in %s → %s", (locale, expected) => {
    expect(formatTime(locale, moment)).toBe(expected);
  });
});

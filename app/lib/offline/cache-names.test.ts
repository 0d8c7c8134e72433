import { describe, expect, it } from "vitest";
import {
  courseCacheName,
  isAttemptPagePath,
  isPerUserCache,
  offlineCopyComment,
  readOfflineCopyComment,
} from "./cache-names";

describe("isAttemptPagePath", () => {
  it.each([
    ["/attempts/abc123", true],
    ["/attempts/abc123/", true],
    ["/attempts/abc123/result", false],
    ["/attempts/", false],
    ["/courses/x/exam", false],
    ["/attempts/a.b", false],
  ])("%s → %s", (path, expected) => expect(isAttemptPagePath(path)).toBe(expected));
});

describe("isPerUserCache", () => {
  it.each([
    ["hocso-attempts", true],
    [courseCacheName("an-toan"), true],
    ["hocso-build", false],
    ["workbox-precache-v2-http://x/", false],
  ])("%s → %s", (name, expected) => expect(isPerUserCache(name)).toBe(expected));
});

describe("offline copy marker", () => {
  it.each([
    ["2026-12-02T00:00:00.000Z", "2026-12-02T00:00:00.000Z"],
    ["", ""],
  ])("round-trips %s", (savedAt, expected) => {
    const comment = offlineCopyComment(savedAt);
    expect(readOfflineCopyComment(comment.slice(4, -3))).toBe(expected);
  });
  it.each([["other"], ["hocso-offline"], [" hocso-offline-copy:x"]])("ignores %s", (text) =>
    expect(readOfflineCopyComment(text)).toBeNull(),
  );
});

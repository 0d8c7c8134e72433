import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  courseCacheName,
  isAttemptPagePath,
  isPerUserCache,
  OFFLINE_COPY_MARKER,
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

describe("the exam room's script", () => {
  // It is served as a standalone script and spells the marker out; this keeps the two in step.
  it("reads the offline copy comment with OFFLINE_COPY_MARKER", () => {
    const source = readFileSync(fileURLToPath(new URL("../exams/exam-room-client.ts", import.meta.url)), "utf8");
    const spelled = [...source.matchAll(/"(hocso-offline[\w-]*):"/g)].map((match) => match[1]);
    expect(spelled.length).toBeGreaterThan(0);
    expect(new Set(spelled)).toEqual(new Set([OFFLINE_COPY_MARKER]));
  });
});

import { describe, expect, it } from "vitest";
import { coursePath, pathAfterCompletion } from "./paths";

describe("coursePath", () => {
  it.each([
    ["ky-nang-so", null, "/courses/ky-nang-so"],
    ["ky-nang-so", 2, "/courses/ky-nang-so/update/2"],
  ] as const)("%s, update %s → %s", (slug, number, expected) => {
    expect(coursePath(slug, number)).toBe(expected);
  });
});

describe("pathAfterCompletion", () => {
  it.each([
    ["bai-2", "/courses/a/lessons/bai-2"],
    ["", "/courses/a"],
    [null, "/courses/a"],
    ["../admin", "/courses/a"],
    ["https://evil.example", "/courses/a"],
    ["Bai-2", "/courses/a"],
  ])("next %j → %s", (next, expected) => {
    expect(pathAfterCompletion("/courses/a", next)).toBe(expected);
  });

  it("keeps the update's base path", () => {
    expect(pathAfterCompletion("/courses/a/update/3", "moi")).toBe("/courses/a/update/3/lessons/moi");
  });
});

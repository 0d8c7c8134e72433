import { describe, expect, it } from "vitest";
import { parseStringList } from "./stored-json";

describe("parseStringList", () => {
  it.each([
    ["an empty list", [], []],
    ["skills in their stored order", ["1.1", "4.2"], ["1.1", "4.2"]],
  ])("reads %s", (_what, value, expected) => {
    expect(parseStringList(value, "version v1 skills")).toEqual(expected);
  });

  it.each([
    [
      "a number in the list",
      ["1.1", 2],
      /^version v1 skills: stored JSON is not a list of strings \(1: Expected string, received number\)$/,
    ],
    ["an object", { a: "1.1" }, /\(\(root\): Expected array, received object\)$/],
    ["null", null, /\(\(root\): Expected array, received null\)$/],
  ])("names the row and the entry for %s", (_what, value, message) => {
    expect(() => parseStringList(value, "version v1 skills")).toThrow(message);
  });
});

import { describe, expect, it } from "vitest";
import { matchesQuery, normalizeForSearch } from "./search";

describe("normalizeForSearch", () => {
  it.each([
    ["Chữ ký số", "chu ky so"],
    ["CHỮ KÝ SỐ", "chu ky so"],
    ["Đăng ký", "dang ky"],
    ["đ", "d"],
    ["Đ", "d"],
    ["  Dịch   vụ \t công\n trực tuyến  ", "dich vu cong truc tuyen"],
    ["Chữ ký số".normalize("NFD"), "chu ky so"],
    ["Người dùng", "nguoi dung"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });
});

describe("matchesQuery", () => {
  it.each<[string, string, boolean]>([
    ["Chữ ký số", "chu ky so", true],
    ["CHỮ KÝ SỐ", "chu ky so", true],
    ["Chữ ký số", "CHỮ KÝ", true],
    ["Đăng ký tài khoản", "dang ky", true],
    ["Dang ky", "đăng ký", true],
    ["Đà Nẵng", "da nang", true],
    ["Chữ ký số", "  chu    ky   ", true],
    ["Chữ ký số", "so chu", true],
    ["Chữ ký số", "", true],
    ["Chữ ký số", "   ", true],
    ["", "", true],
    // Mixed normalisation forms on either side.
    ["Chữ ký số".normalize("NFD"), "chữ ký".normalize("NFC"), true],
    ["Chữ ký số".normalize("NFC"), "chữ ký".normalize("NFD"), true],
    ["Chữ ký số", "chu ky dien tu", false],
    ["Đăng ký", "dang nhap", false],
    ["", "a", false],
  ])("%j ⊇ %j → %s", (haystack, query, expected) => {
    expect(matchesQuery(haystack, query)).toBe(expected);
  });
});

// Rows found by mutation testing (`npm run test:mutation`). Left alive: the two mutants of
// `if (q === "") return true`: without it, "".split(" ") is [""], and every text includes "".
describe("matchesQuery compares whole words, not letters (mutation rows)", () => {
  it.each<[string, string, boolean]>([
    // Every letter of "sky" occurs in "chu ky so", the word does not.
    ["Chữ ký số", "sky", false],
    ["Chữ ký số", "yk", false],
    ["Chữ ký số", "ky so", true],
    ["Chữ ký số", "ký\u00a0số", true],
    ["Dịch vụ công", "vu\tcong", true],
    ["Dịch vụ công", "cong dịch vụ", true],
  ])("%j ⊇ %j → %s", (haystack, query, expected) => {
    expect(matchesQuery(haystack, query)).toBe(expected);
  });
});

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

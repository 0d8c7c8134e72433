import { describe, expect, it } from "vitest";
import { pickVietnameseVoice, splitForSpeech } from "./speech";

const voice = (name: string, lang: string, extra: { default?: boolean; localService?: boolean } = {}) => ({
  name,
  lang,
  ...extra,
});

describe("pickVietnameseVoice", () => {
  it.each([
    { voices: [], expected: undefined },
    { voices: [voice("en", "en-US"), voice("fr", "fr-FR")], expected: undefined },
    { voices: [voice("en", "en-US"), voice("vi", "vi-VN")], expected: "vi" },
    { voices: [voice("vi bare", "vi"), voice("vi-VN", "vi-VN")], expected: "vi-VN" },
    { voices: [voice("vi_VN android", "vi_VN")], expected: "vi_VN android" },
    {
      voices: [voice("online", "vi-VN"), voice("offline", "vi-VN", { localService: true })],
      expected: "offline",
    },
    { voices: [voice("a", "vi-VN"), voice("b", "vi-VN", { default: true })], expected: "b" },
    { voices: [voice("video", "video-XX")], expected: undefined },
  ])("$expected from $voices.length voices", ({ voices, expected }) => {
    expect(pickVietnameseVoice(voices)?.name).toBe(expected);
  });
});

describe("splitForSpeech", () => {
  it.each([
    ["", []],
    ["   \n\n  ", []],
    ["Xin chào.", ["Xin chào."]],
    ["Câu một. Câu hai!", ["Câu một. Câu hai!"]],
    ["Đoạn một.\n\nĐoạn hai.", ["Đoạn một.", "Đoạn hai."]],
    ["Dòng   có\tkhoảng   trắng.", ["Dòng có khoảng trắng."]],
  ])("%j", (text, expected) => {
    expect(splitForSpeech(text)).toEqual(expected);
  });

  it("cuts at sentence ends before the limit", () => {
    expect(splitForSpeech("Một hai ba. Bốn năm sáu. Bảy tám.", 25)).toEqual(["Một hai ba. Bốn năm sáu.", "Bảy tám."]);
  });

  it("cuts a sentence longer than the limit at spaces, keeping every word", () => {
    const sentence = Array.from({ length: 60 }, (_, i) => `từ${i}`).join(" ");
    const pieces = splitForSpeech(sentence, 50);
    expect(pieces.every((piece) => piece.length <= 50)).toBe(true);
    expect(pieces.join(" ")).toBe(sentence);
  });
});

import { describe, expect, it } from "vitest";
import { captionTracks, isWebVtt } from "./webvtt";

describe("isWebVtt", () => {
  it.each([
    ["WEBVTT\n\n00:00.000 --> 00:02.500\nXin chào", true],
    ["\uFEFFWEBVTT\r\n\r\n00:00:01.000 --> 00:00:03.000 align:start\r\nDòng một", true],
    ["WEBVTT - Phụ đề\n\n1\n01:02:03.000 --> 01:02:04.000\nMột", true],
    ["WEBVTT\n\nNOTE chỉ có ghi chú", false],
    ["WEBVTTX\n\n00:00.000 --> 00:02.000\nSai chữ ký", false],
    ["1\n00:00:00,000 --> 00:00:02,000\nĐây là SRT", false],
    ["WEBVTT\n\n00:00.000 -> 00:02.000\nMũi tên sai", false],
    ["WEBVTT\n\n00:61.000 --> 00:62.000\nGiây sai", false],
    ["", false],
  ])("%j → %s", (text, expected) => {
    expect(isWebVtt(text)).toBe(expected);
  });
});

describe("captionTracks", () => {
  it.each([
    [{}, {}],
    [{ vi: null, en: undefined }, {}],
    [{ en: "WEBVTT\r\n\r\n00:00.000 --> 00:01.000  \r\nHi\r\n\r\n" }, { en: "WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n" }],
    [{ vi: "\uFEFFWEBVTT\n\n00:00.000 --> 00:01.000\nChào" }, { vi: "WEBVTT\n\n00:00.000 --> 00:01.000\nChào\n" }],
  ])("%j", (tracks, expected) => {
    expect(captionTracks(tracks)).toEqual(expected);
  });
});

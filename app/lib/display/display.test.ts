import { describe, expect, it } from "vitest";
import { DEFAULT_DISPLAY, parseDisplayCookie, serializeDisplayCookie, updateDisplay } from "./display";

describe("parseDisplayCookie", () => {
  it.each([
    [null, DEFAULT_DISPLAY],
    ["", DEFAULT_DISPLAY],
    ["display=large.high", { textSize: "large", contrast: "high" }],
    ["lng=en; display=larger.normal; hocso_session=x", { textSize: "larger", contrast: "normal" }],
    ["display=huge.high", { textSize: "normal", contrast: "high" }],
    ["display=large.neon", { textSize: "large", contrast: "normal" }],
    ["mydisplay=large.high", DEFAULT_DISPLAY],
  ])("%s → %o", (header, expected) => {
    expect(parseDisplayCookie(header)).toEqual(expected);
  });
});

describe("updateDisplay", () => {
  it.each([
    [{ textSize: "large" }, { textSize: "large", contrast: "normal" }],
    [{ contrast: "high" }, { textSize: "normal", contrast: "high" }],
    [
      { textSize: "larger", contrast: "high" },
      { textSize: "larger", contrast: "high" },
    ],
    [{ textSize: "gigantic", contrast: 1 }, DEFAULT_DISPLAY],
  ])("%o → %o", (input, expected) => {
    expect(updateDisplay(DEFAULT_DISPLAY, input)).toEqual(expected);
  });

  it("keeps the other preference", () => {
    expect(updateDisplay({ textSize: "larger", contrast: "high" }, { contrast: "normal" })).toEqual({
      textSize: "larger",
      contrast: "normal",
    });
  });
});

describe("serializeDisplayCookie", () => {
  it("round-trips through parseDisplayCookie", () => {
    const cookie = serializeDisplayCookie({ textSize: "large", contrast: "high" });
    expect(cookie).toContain("Max-Age=31536000");
    expect(parseDisplayCookie(cookie.split(";")[0])).toEqual({ textSize: "large", contrast: "high" });
  });
});

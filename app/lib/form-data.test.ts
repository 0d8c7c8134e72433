import { describe, expect, it } from "vitest";
import { fieldErrorsOf, nestedFormData } from "./form-data";

function fd(entries: [string, string][]) {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("nestedFormData", () => {
  it("builds arrays and objects from dotted names", () => {
    expect(
      nestedFormData(
        fd([
          ["key", "q1"],
          ["options.0.text", "A"],
          ["options.0.correct", "on"],
          ["options.1.text", "B"],
          ["pools.0.pool", "default"],
          ["pools.0.draw", "2"],
        ]),
      ),
    ).toEqual({
      key: "q1",
      options: [{ text: "A", correct: "on" }, { text: "B" }],
      pools: [{ pool: "default", draw: "2" }],
    });
  });
  it("keeps every value of a checkbox group", () => {
    expect(
      nestedFormData(
        fd([
          ["skills", "1.1"],
          ["skills", "2.3"],
        ]),
        ["skills"],
      ),
    ).toEqual({ skills: ["1.1", "2.3"] });
    expect(nestedFormData(fd([]), ["skills"])).toEqual({});
  });
  it("keeps the last value of a name posted twice, as a flat form did", () => {
    expect(
      nestedFormData(
        fd([
          ["public", "off"],
          ["public", "on"],
          ["email", "a@b.vn"],
        ]),
      ),
    ).toEqual({ public: "on", email: "a@b.vn" });
  });
  it("ignores names that could pollute prototypes", () => {
    const out = nestedFormData(
      fd([
        ["__proto__.polluted", "x"],
        ["a.constructor.prototype.b", "y"],
        ["ok", "1"],
      ]),
    );
    expect(out).toEqual({ ok: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it("does not mix an index into an object", () => {
    expect(
      nestedFormData(
        fd([
          ["items.0.text", "a"],
          ["items.x", "b"],
        ]),
      ),
    ).toEqual({ items: [{ text: "a" }] });
  });
});

describe("fieldErrorsOf", () => {
  it("keeps the first message per field", () => {
    expect(
      fieldErrorsOf([
        { path: ["a", 0], message: "one" },
        { path: ["a", 0], message: "two" },
        { path: [], message: "form" },
      ]),
    ).toEqual({ "a.0": "one", form: "form" });
  });
});

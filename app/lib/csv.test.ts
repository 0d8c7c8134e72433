import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "~/lib/csv";

describe("csvCell", () => {
  it.each([
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ["+1+1", "'+1+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["Nguyễn Văn A", "Nguyễn Văn A"],
    ["a,b", '"a,b"'],
    ["a;b", '"a;b"'],
    ["line\nbreak", '"line\nbreak"'],
    [-1.5, "-1.5"],
    [null, ""],
  ] as const)("%j → %s", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe("toCsv", () => {
  it("writes a BOM, CRLF lines and the header", () => {
    expect(toCsv(["a", "b"], [["=1", 2]])).toBe("\uFEFFa,b\r\n'=1,2\r\n");
  });
});

import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeCsv, headerKey, parseOfficialsCsv } from "~/lib/organizations/officials-csv.server";

const HEADER = "email,full_name,unit_code,job_role";
const NAME = "Nguyễn Thị Ánh Tuyết";

/** Windows-1258 as Excel writes it: base letters (with â ă ê ô ơ ư đ precomposed) and separate tone marks. */
function toWindows1258(text: string): Buffer {
  const decomposed = text
    .normalize("NFD")
    .replace(/([A-Za-z])([\u0300-\u036f]+)/g, (_match, base: string, marks: string) => {
      const tones = marks.replace(/[\u0302\u0306\u031B]/g, "");
      const shapes = marks.replace(/[^\u0302\u0306\u031B]/g, "");
      return (base + shapes).normalize("NFC") + tones;
    });
  return iconv.encode(decomposed, "windows1258");
}

describe("decodeCsv", () => {
  const csv = `${HEADER}\nanh@example.vn,${NAME},TN-01,chuyên viên\nhung@example.vn,Đặng Quốc Hưng,TN-01,trưởng bộ phận một cửa\n`;
  it.each([
    ["UTF-8", Buffer.from(csv, "utf8"), "utf-8"],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, "utf8")]), "utf-8-bom"],
    ["UTF-16 LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv, "utf16le")]), "utf-16le"],
    ["UTF-16 BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(csv, "utf16be")]), "utf-16be"],
    ["UTF-16 LE without BOM", iconv.encode(csv, "utf16le"), "utf-16le"],
    ["Windows-1258", toWindows1258(csv), "windows-1258"],
  ])("reads %s and normalises to NFC", (_label, bytes, encoding) => {
    const decoded = decodeCsv(new Uint8Array(bytes));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(csv.normalize("NFC"));
    expect(decoded.text).toContain(NAME);
  });

  it("composes decomposed UTF-8 (macOS file names, some exports) to NFC", () => {
    const decoded = decodeCsv(new Uint8Array(Buffer.from(NAME.normalize("NFD"), "utf8")));
    expect(decoded.text).toBe(NAME);
    expect(decoded.text.length).toBe(NAME.length);
  });
});

describe("header names", () => {
  it.each([
    ["Email", "email"],
    ["Họ và tên", "ho_va_ten"],
    ["Mã đơn vị", "ma_don_vi"],
    [" JOB ROLE ", "job_role"],
  ])("headerKey(%s) = %s", (name, key) => {
    expect(headerKey(name)).toBe(key);
  });
});

describe("parseOfficialsCsv", () => {
  it("accepts a clean file, Vietnamese headers and semicolons", () => {
    const result = parseOfficialsCsv(
      `Email;Họ và tên;Mã đơn vị;Vị trí việc làm\r\nAnh@Example.vn;${NAME};tn-01;Chuyên viên\r\n\r\n;;;\r\n`,
    );
    expect(result.issues).toEqual([]);
    expect(result.rows).toEqual([
      { row: 2, email: "anh@example.vn", fullName: NAME, unitCode: "TN-01", jobRole: "chuyên viên" },
    ]);
  });

  it.each([
    ["empty file", "", [{ row: 1, column: null, code: "empty" }]],
    [
      "missing column",
      "email,full_name,unit_code\na@b.vn,X,TN",
      [{ row: 1, column: "job_role", code: "missingColumn" }],
    ],
    [
      "unknown and duplicate columns",
      "email,full_name,unit_code,job_role,phone,email\n",
      [
        { row: 1, column: null, code: "unknownColumn", value: "phone" },
        { row: 1, column: "email", code: "duplicateColumn", value: "email" },
      ],
    ],
    ["unclosed quote", `${HEADER}\na@b.vn,"Nguyễn,TN,cv\n`, [{ row: 2, column: null, code: "malformed" }]],
    ["too few fields", `${HEADER}\na@b.vn,An,TN`, [{ row: 2, column: null, code: "fieldCount", value: "3" }]],
    [
      "bad email",
      `${HEADER}\nnot-an-email,An,TN,cv`,
      [{ row: 2, column: "email", code: "emailInvalid", value: "not-an-email" }],
    ],
    ["missing email", `${HEADER}\n,An,TN,cv`, [{ row: 2, column: "email", code: "emailRequired" }]],
    ["empty name", `${HEADER}\na@b.vn,  ,TN,cv`, [{ row: 2, column: "full_name", code: "nameRequired" }]],
    ["long name", `${HEADER}\na@b.vn,${"x".repeat(121)},TN,cv`, [{ row: 2, column: "full_name", code: "nameTooLong" }]],
    ["missing unit", `${HEADER}\na@b.vn,An,,cv`, [{ row: 2, column: "unit_code", code: "unitRequired" }]],
    [
      "bad unit code",
      `${HEADER}\na@b.vn,An,T N,cv`,
      [{ row: 2, column: "unit_code", code: "unitInvalid", value: "T N" }],
    ],
    ["missing role", `${HEADER}\na@b.vn,An,TN,`, [{ row: 2, column: "job_role", code: "roleRequired" }]],
    [
      "duplicate row",
      `${HEADER}\na@b.vn,An,TN,cv\nA@B.vn,An,tn,cv`,
      [{ row: 3, column: null, code: "duplicateRow", otherRow: 2 }],
    ],
    [
      "one person, two names",
      `${HEADER}\na@b.vn,An,TN,cv\na@b.vn,Bình,HN,cv`,
      [{ row: 3, column: "full_name", code: "nameConflict", value: "Bình", otherRow: 2 }],
    ],
  ])("reports %s by row and column", (_label, text, issues) => {
    expect(parseOfficialsCsv(text).issues).toEqual(issues);
  });

  it("does not take separators inside a quoted header name for the delimiter", () => {
    const result = parseOfficialsCsv(`email,"Họ;và;tên;;;",unit_code,job_role\na@b.vn,An,TN,cv`);
    expect(result).toEqual({
      rows: [{ row: 2, email: "a@b.vn", fullName: "An", unitCode: "TN", jobRole: "cv" }],
      issues: [],
    });
  });

  it("lets one person belong to two units", () => {
    const result = parseOfficialsCsv(`${HEADER}\na@b.vn,An,TN,cv\na@b.vn,An,HN,chuyên viên`);
    expect(result.issues).toEqual([]);
    expect(result.rows.map((row) => row.unitCode)).toEqual(["TN", "HN"]);
  });

  it("reports every bad row, not only the first", () => {
    const result = parseOfficialsCsv(`${HEADER}\nx,An,TN,cv\na@b.vn,,TN,cv\nc@d.vn,Chi,TN,cv`);
    expect(result.issues.map((issue) => [issue.row, issue.code])).toEqual([
      [2, "emailInvalid"],
      [3, "nameRequired"],
    ]);
    expect(result.rows).toHaveLength(1);
  });

  it("refuses more rows than the limit", () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => `u${i}@b.vn,An,TN,cv`).join("\n");
    expect(parseOfficialsCsv(`${HEADER}\n${rows}`).issues[0]?.code).toBe("tooManyRows");
  });
});

import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import writeExcelFile, { type SheetData } from "write-excel-file/node";
import { parseOfficialsCsv } from "~/lib/organizations/officials-csv.server";
import { cellText, checkUnpackedSize, decodeXlsx, detectUploadFormat } from "~/lib/organizations/officials-xlsx.server";

const HEADER = ["email", "full_name", "unit_code", "job_role"];
const NAME = "Nguyễn Thị Ánh Tuyết";

async function xlsx(sheet: SheetData): Promise<Uint8Array> {
  return new Uint8Array(await writeExcelFile(sheet).toBuffer());
}

/** Reads a workbook the way the dry run does: to CSV text, then through the CSV checks. */
async function parseWorkbook(sheet: SheetData) {
  const decoded = await decodeXlsx(await xlsx(sheet));
  if ("issue" in decoded) return { rows: [], issues: [decoded.issue] };
  return parseOfficialsCsv(decoded.text);
}

describe("detectUploadFormat", () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
  const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00]);
  const csv = new TextEncoder().encode(`${HEADER.join(",")}\n`);
  it.each([
    ["a zip, whatever its name", zip, "can-bo.csv", "xlsx"],
    ["a zip without a name", zip, "", "xlsx"],
    ["an OLE2 file (.xls or protected .xlsx)", ole2, "can-bo.xlsx", "xls"],
    ["CSV text", csv, "can-bo.csv", "csv"],
    ["CSV text without a name", csv, "", "csv"],
    ["text named .xlsx", csv, "Can-Bo.XLSX", "xlsx"],
    ["text named .xls (an HTML export, say)", csv, "can-bo.xls", "xls"],
  ])("%s", (_label, bytes, name, format) => {
    expect(detectUploadFormat(bytes, name)).toBe(format);
  });
});

describe("cellText: cells as a CSV would carry them", () => {
  it.each([
    ["text", "Chuyên viên", "Chuyên viên"],
    ["empty", null, ""],
    ["a phone number typed as a number", 912345678, "912345678"],
    ["a 13-digit ID typed as a number", 1234567890123, "1234567890123"],
    ["a big integer Excel shows in E notation", 1.2345678901234e15, "1234567890123400"],
    ["a decimal with float noise", 0.1 + 0.2, "0.3"],
    ["a negative decimal", -12.5, "-12.5"],
    ["a date", new Date(Date.UTC(2026, 10, 24)), "2026-11-24"],
    ["a date and time", new Date(Date.UTC(2026, 0, 5, 8, 30)), "2026-01-05 08:30"],
    ["a time with seconds", new Date(Date.UTC(2026, 0, 5, 8, 30, 15)), "2026-01-05 08:30:15"],
    ["true", true, "TRUE"],
    ["false", false, "FALSE"],
  ])("%s", (_label, cell, text) => {
    expect(cellText(cell)).toBe(text);
  });
});

describe("decodeXlsx with the CSV checks", () => {
  it.each([
    [
      "Vietnamese headers and names, in NFC",
      [
        ["Email", "Họ và tên", "Mã đơn vị", "Vị trí việc làm"],
        ["Anh@Example.vn", NAME.normalize("NFD"), "tn-01", "Chuyên viên"],
        ["hung@example.vn", "Đặng Quốc Hưng", "TN-01", "trưởng bộ phận một cửa"],
      ],
      [
        { row: 2, email: "anh@example.vn", fullName: NAME, unitCode: "TN-01", jobRole: "chuyên viên" },
        {
          row: 3,
          email: "hung@example.vn",
          fullName: "Đặng Quốc Hưng",
          unitCode: "TN-01",
          jobRole: "trưởng bộ phận một cửa",
        },
      ],
    ],
    [
      "numeric cells: a unit code and a job role typed as numbers",
      [HEADER, ["so@example.vn", "Lê Văn Số", 1001, 2024]],
      [{ row: 2, email: "so@example.vn", fullName: "Lê Văn Số", unitCode: "1001", jobRole: "2024" }],
    ],
    [
      "empty rows skipped, later rows keep their sheet numbers",
      [
        HEADER,
        ["a@example.vn", "An", "TN-01", "cv"],
        [null, null, null, null],
        [],
        ["b@example.vn", "Bình", "TN-01", "cv"],
      ],
      [
        { row: 2, email: "a@example.vn", fullName: "An", unitCode: "TN-01", jobRole: "cv" },
        { row: 5, email: "b@example.vn", fullName: "Bình", unitCode: "TN-01", jobRole: "cv" },
      ],
    ],
    [
      "commas, quotes and line breaks inside cells",
      [
        HEADER,
        ["c@example.vn", 'Trần "Út"\nThị, Ba', "TN-01", "cán bộ; một cửa"],
        ["d@example.vn", "Dũng", "TN-01", "cv"],
      ],
      [
        { row: 2, email: "c@example.vn", fullName: 'Trần "Út" Thị, Ba', unitCode: "TN-01", jobRole: "cán bộ; một cửa" },
        { row: 3, email: "d@example.vn", fullName: "Dũng", unitCode: "TN-01", jobRole: "cv" },
      ],
    ],
    [
      "cells right of the header that are empty",
      [
        [...HEADER, null],
        ["e@example.vn", "Em", "TN-01", "cv", null],
      ],
      [{ row: 2, email: "e@example.vn", fullName: "Em", unitCode: "TN-01", jobRole: "cv" }],
    ],
  ] as [string, SheetData, unknown[]][])("reads %s", async (_label, sheet, rows) => {
    expect(await parseWorkbook(sheet)).toEqual({ rows, issues: [] });
  });

  it.each([
    [
      "a missing column, named",
      [HEADER.slice(0, 3), ["a@example.vn", "An", "TN-01"]],
      [{ row: 1, column: "job_role", code: "missingColumn" }],
    ],
    [
      "an unknown column",
      [
        [...HEADER, "Số điện thoại"],
        ["a@example.vn", "An", "TN-01", "cv", 912345678],
      ],
      [{ row: 1, column: null, code: "unknownColumn", value: "Số điện thoại" }],
    ],
    [
      "a bad email on its sheet row",
      [HEADER, ["a@example.vn", "An", "TN-01", "cv"], [], ["khong-hop-le", "Bình", "TN-01", "cv"]],
      [{ row: 4, column: "email", code: "emailInvalid", value: "khong-hop-le" }],
    ],
    [
      "a value right of the header",
      [HEADER, ["a@example.vn", "An", "TN-01", "cv", "thừa"]],
      [{ row: 2, column: null, code: "fieldCount", value: "5" }],
    ],
    [
      "a missing cell",
      [HEADER, ["a@example.vn", null, "TN-01", "cv"]],
      [{ row: 2, column: "full_name", code: "nameRequired" }],
    ],
    ["an empty sheet", [[]], [{ row: 1, column: null, code: "xlsxEmpty" }]],
    [
      "an empty first row",
      [[], HEADER, ["a@example.vn", "An", "TN-01", "cv"]],
      [{ row: 1, column: null, code: "empty" }],
    ],
  ] as [string, SheetData, unknown[]][])("reports %s", async (_label, sheet, issues) => {
    expect((await parseWorkbook(sheet)).issues).toEqual(issues);
  });

  it("refuses more rows than the limit", async () => {
    const sheet: SheetData = [HEADER, ...Array.from({ length: 50_001 }, (_, i) => [`u${i}@b.vn`])];
    expect((await parseWorkbook(sheet)).issues).toEqual([
      { row: 1, column: null, code: "tooManyRows", value: "50000" },
    ]);
  });

  it.each([
    ["a truncated workbook", async () => (await xlsx([HEADER])).slice(0, 300)],
    [
      "a zip that is not a workbook",
      () => Promise.resolve(new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)])),
    ],
    ["text named .xlsx", () => Promise.resolve(new TextEncoder().encode(`${HEADER.join(",")}\n`))],
    ["nothing at all", () => Promise.resolve(new Uint8Array())],
  ])("refuses %s as unreadable, without throwing", async (_label, bytes) => {
    expect(await decodeXlsx(await bytes())).toEqual({ issue: { row: 1, column: null, code: "xlsxUnreadable" } });
  });

  it("names an old .xls file as such", async () => {
    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)]);
    expect(await decodeXlsx(ole2)).toEqual({ issue: { row: 1, column: null, code: "xlsLegacy" } });
  });
});

/** Little-endian header fields: [offset, value, width in bytes]. */
function record(size: number, fields: [number, number, 2 | 4][]): Buffer {
  const buffer = Buffer.alloc(size);
  for (const [offset, value, width] of fields) {
    if (width === 2) buffer.writeUInt16LE(value, offset);
    else buffer.writeUInt32LE(value, offset);
  }
  return buffer;
}

/** A one-entry zip, deflated, as a zip bomb would be built. */
function zipOf(name: string, content: Buffer): Uint8Array {
  const packed = deflateRawSync(content);
  const fileName = Buffer.from(name);
  const local = record(30, [
    [0, 0x04034b50, 4],
    [8, 8, 2],
    [18, packed.length, 4],
    [22, content.length, 4],
    [26, fileName.length, 2],
  ]);
  const central = record(46, [
    [0, 0x02014b50, 4],
    [10, 8, 2],
    [20, packed.length, 4],
    [24, content.length, 4],
    [28, fileName.length, 2],
  ]);
  const end = record(22, [
    [0, 0x06054b50, 4],
    [8, 1, 2],
    [10, 1, 2],
    [12, central.length + fileName.length, 4],
    [16, local.length + fileName.length + packed.length, 4],
  ]);
  return new Uint8Array(Buffer.concat([local, fileName, packed, central, fileName, end]));
}

describe("checkUnpackedSize: no zip bomb reaches read-excel-file", () => {
  const megabyte = 1024 * 1024;
  it.each([
    ["a workbook", () => xlsx([HEADER, ["a@example.vn", NAME, "TN-01", "cv"]]), megabyte, "ok"],
    ["a workbook over a small limit", () => xlsx([HEADER, ["a@example.vn", NAME, "TN-01", "cv"]]), 100, "tooLarge"],
    [
      "a sheet that unpacks past the limit",
      () => Promise.resolve(zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(2 * megabyte))),
      megabyte,
      "tooLarge",
    ],
    [
      "a large part read-excel-file skips",
      () => Promise.resolve(zipOf("xl/media/image1.png", Buffer.alloc(2 * megabyte))),
      megabyte,
      "ok",
    ],
    ["a truncated zip", async () => (await xlsx([HEADER])).slice(0, 300), megabyte, "unreadable"],
  ])("%s", async (_label, bytes, limit, verdict) => {
    expect(checkUnpackedSize(await bytes(), limit)).toBe(verdict);
  });
});

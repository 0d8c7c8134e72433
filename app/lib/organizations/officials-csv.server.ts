// Reading a CSV of officials: encoding detection, header mapping and the row checks that need no
// database. Pure (no Prisma), with table tests beside it; the database checks (unknown units,
// units outside the admin's subtree) are in import.server.ts.
import { parse, type CsvError } from "csv-parse/sync";
import iconv from "iconv-lite";
import { z } from "zod";
import { normalizeJobRole } from "~/lib/organizations/job-role";
import { normalizeUnitCode, UNIT_CODE } from "~/lib/organizations/tree";

export const IMPORT_COLUMNS = ["email", "full_name", "unit_code", "job_role"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const MAX_IMPORT_ROWS = 50_000;

export type Encoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1258";

export type IssueCode =
  | "empty"
  | "malformed"
  | "xlsxUnreadable"
  | "xlsxEmpty"
  | "xlsxTooLarge"
  | "xlsLegacy"
  | "tooManyRows"
  | "missingColumn"
  | "unknownColumn"
  | "duplicateColumn"
  | "fieldCount"
  | "emailRequired"
  | "emailInvalid"
  | "nameRequired"
  | "nameTooLong"
  | "unitRequired"
  | "unitInvalid"
  | "unitUnknown"
  | "unitOutOfScope"
  | "roleRequired"
  | "roleTooLong"
  | "duplicateRow"
  | "nameConflict";

/** One problem, located like a spreadsheet: line 1 is the header. */
export type ImportIssue = {
  row: number;
  column: ImportColumn | null;
  code: IssueCode;
  value?: string;
  otherRow?: number;
};

export type OfficialRow = { row: number; email: string; fullName: string; unitCode: string; jobRole: string };

function hasUtf16Zeros(bytes: Uint8Array, offset: 0 | 1): boolean {
  const sample = Math.min(bytes.length, 400);
  if (sample < 4) return false;
  let zeros = 0;
  for (let i = offset; i < sample; i += 2) if (bytes[i] === 0) zeros++;
  // ASCII-heavy UTF-16 text has a zero in nearly every other byte; real 8-bit text almost never does.
  return zeros > sample / 4;
}

/**
 * Decodes an uploaded file: a BOM decides (UTF-8, UTF-16 LE/BE); without one, UTF-16 is
 * recognised by its zero bytes, then strict UTF-8 is tried, and anything that is not valid
 * UTF-8 is read as Windows-1258 (the Vietnamese ANSI code page of Excel on Windows). Every text is
 * normalised to NFC: Windows-1258 writes tone marks as separate combining characters.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let text: string;
  let encoding: Encoding;
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    encoding = "utf-8-bom";
    text = buffer.subarray(3).toString("utf8");
  } else if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    encoding = "utf-16le";
    text = iconv.decode(buffer.subarray(2), "utf16le");
  } else if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    encoding = "utf-16be";
    text = iconv.decode(buffer.subarray(2), "utf16be");
  } else if (hasUtf16Zeros(buffer, 1)) {
    encoding = "utf-16le";
    text = iconv.decode(buffer, "utf16le");
  } else if (hasUtf16Zeros(buffer, 0)) {
    encoding = "utf-16be";
    text = iconv.decode(buffer, "utf16be");
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
      encoding = "utf-8";
    } catch {
      text = iconv.decode(buffer, "windows1258");
      encoding = "windows-1258";
    }
  }
  return { text: text.normalize("NFC"), encoding };
}

/** Header names as people type them (any case, with or without diacritics, English or Vietnamese). */
const HEADER_ALIASES: Record<string, ImportColumn> = {
  email: "email",
  e_mail: "email",
  thu_dien_tu: "email",
  dia_chi_email: "email",
  full_name: "full_name",
  fullname: "full_name",
  name: "full_name",
  ho_ten: "full_name",
  ho_va_ten: "full_name",
  unit_code: "unit_code",
  unit: "unit_code",
  ma_don_vi: "unit_code",
  don_vi: "unit_code",
  job_role: "job_role",
  role: "job_role",
  vi_tri: "job_role",
  vi_tri_viec_lam: "job_role",
  chuc_danh: "job_role",
};

export function headerKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

function detectDelimiter(text: string): string {
  // Separators inside quoted header names ("Họ; tên") are not separators.
  const firstLine = text.slice(0, text.search(/\r?\n|$/)).replace(/"(?:[^"]|"")*"/g, "");
  const counts = [",", ";", "\t"].map((delimiter) => [delimiter, firstLine.split(delimiter).length - 1] as const);
  return counts.reduce((best, current) => (current[1] > best[1] ? current : best))[0];
}

const emailSchema = z.string().email();

function clean(value: string | undefined): string {
  return (value ?? "").normalize("NFC").trim().replace(/\s+/g, " ");
}

/**
 * Parses decoded CSV text. Returns every row that passed the file-level checks and every
 * issue found, by line and column; the caller imports nothing unless `issues` is empty.
 */
/** The line csv-parse reports for a malformed file (its CsvError carries it untyped). */
function csvErrorLine(error: unknown): number {
  const lines: unknown = (error as CsvError).lines;
  return typeof lines === "number" ? lines : 1;
}

export function parseOfficialsCsv(text: string): { rows: OfficialRow[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  if (!text.trim()) return { rows: [], issues: [{ row: 1, column: null, code: "empty" }] };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    return { rows: [], issues: [{ row: csvErrorLine(error), column: null, code: "malformed" }] };
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], issues: [{ row: 1, column: null, code: "empty" }] };
  if (data.length > MAX_IMPORT_ROWS)
    return { rows: [], issues: [{ row: 1, column: null, code: "tooManyRows", value: String(MAX_IMPORT_ROWS) }] };

  const positions = new Map<ImportColumn, number>();
  header.record.forEach((name, index) => {
    const column = HEADER_ALIASES[headerKey(name)];
    if (!column) issues.push({ row: header.info.lines, column: null, code: "unknownColumn", value: clean(name) });
    else if (positions.has(column))
      issues.push({ row: header.info.lines, column, code: "duplicateColumn", value: clean(name) });
    else positions.set(column, index);
  });
  for (const column of IMPORT_COLUMNS) {
    if (!positions.has(column)) issues.push({ row: header.info.lines, column, code: "missingColumn" });
  }
  if (issues.length > 0) return { rows: [], issues };

  const rows: OfficialRow[] = [];
  const seenPair = new Map<string, number>();
  const seenName = new Map<string, { name: string; row: number }>();
  for (const { record, info } of data) {
    const row = info.lines;
    if (record.length !== header.record.length) {
      issues.push({ row, column: null, code: "fieldCount", value: String(record.length) });
      continue;
    }
    const field = (column: ImportColumn) => clean(record[positions.get(column)!]);
    const email = field("email").toLowerCase();
    const fullName = field("full_name");
    const rawUnit = field("unit_code");
    const unitCode = normalizeUnitCode(rawUnit);
    const jobRole = normalizeJobRole(field("job_role"));
    const before = issues.length;
    if (!email) issues.push({ row, column: "email", code: "emailRequired" });
    else if (email.length > 254 || !emailSchema.safeParse(email).success)
      issues.push({ row, column: "email", code: "emailInvalid", value: email });
    if (!fullName) issues.push({ row, column: "full_name", code: "nameRequired" });
    else if (fullName.length > 120) issues.push({ row, column: "full_name", code: "nameTooLong" });
    if (!unitCode) issues.push({ row, column: "unit_code", code: "unitRequired" });
    else if (!UNIT_CODE.test(unitCode)) issues.push({ row, column: "unit_code", code: "unitInvalid", value: rawUnit });
    if (!jobRole) issues.push({ row, column: "job_role", code: "roleRequired" });
    else if (jobRole.length > 100) issues.push({ row, column: "job_role", code: "roleTooLong" });
    if (issues.length > before) continue;

    // One person may belong to several units (several rows), but only once per unit, under one name.
    const pair = `${email}\u0000${unitCode}`;
    const firstRow = seenPair.get(pair);
    if (firstRow !== undefined) {
      issues.push({ row, column: null, code: "duplicateRow", otherRow: firstRow });
      continue;
    }
    const named = seenName.get(email);
    if (named && named.name !== fullName) {
      issues.push({ row, column: "full_name", code: "nameConflict", value: fullName, otherRow: named.row });
      continue;
    }
    seenPair.set(pair, row);
    if (!named) seenName.set(email, { name: fullName, row });
    rows.push({ row, email, fullName, unitCode, jobRole });
  }
  return { rows, issues };
}

// Reading an Excel workbook (.xlsx) of officials. The first sheet is turned into the CSV text the
// CSV path reads, one line per sheet row, so the same checks, dry run, row numbers (as the
// spreadsheet shows them) and idempotent import apply, and the dry run can echo it back to the
// import like a decoded CSV file.
import { inflateRawSync } from "node:zlib";
import { InvalidInputError, readSheet } from "read-excel-file/node";
import { MAX_IMPORT_ROWS, type ImportIssue } from "~/lib/organizations/officials-csv.server";

export type UploadFormat = "csv" | "xlsx" | "xls";

type Cell = string | number | boolean | Date | null;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
// Legacy .xls (and password-protected .xlsx) are OLE2 compound files.
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, index) => bytes[index] === byte);
}

/**
 * The upload's format, by content first: an .xlsx is a zip archive, an .xls an OLE2 file. A file
 * only named .xlsx or .xls is still taken as such, so that it is refused as a broken workbook
 * rather than read as a CSV of binary noise.
 */
export function detectUploadFormat(bytes: Uint8Array, fileName = ""): UploadFormat {
  if (startsWith(bytes, ZIP_MAGIC)) return "xlsx";
  if (startsWith(bytes, OLE2_MAGIC)) return "xls";
  const name = fileName.toLowerCase();
  if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) return "xlsx";
  if (name.endsWith(".xls")) return "xls";
  return "csv";
}

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * A cell as a CSV exported from it would carry it: numbers in full (an ID or phone number typed
 * as a number keeps every digit, without Excel's 15-digit float noise), dates in ISO 8601 (the
 * file stores them as wall-clock times, which read-excel-file hands over as UTC), booleans as Excel
 * writes them.
 */
export function cellText(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  if (cell instanceof Date) {
    const date = `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
    const seconds = cell.getUTCSeconds();
    if (cell.getUTCHours() === 0 && cell.getUTCMinutes() === 0 && seconds === 0) return date;
    return `${date} ${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}${seconds ? `:${pad(seconds)}` : ""}`;
  }
  const rounded = Number(cell.toPrecision(15));
  return Number.isInteger(rounded) && Math.abs(rounded) < 1e21 ? BigInt(rounded).toString() : String(rounded);
}

// Every field quoted, line breaks inside a cell flattened (the checks collapse whitespace anyway):
// one sheet row stays one CSV line, so CSV line numbers are the sheet's row numbers.
function csvField(text: string): string {
  return `"${text.replace(/[\r\n]+/g, " ").replace(/"/g, '""')}"`;
}

function lastFilled(cells: string[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i].trim()) return i;
  return -1;
}

// The XML of a full 50,000-row sheet unpacks to a few dozen MB; a "zip bomb" unpacks to gigabytes.
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/**
 * Unpacks, within `limit` bytes in all, the parts read-excel-file would read (its filter: the XML
 * parts), before it unpacks them all into memory with no limit of its own. "unreadable" when the
 * zip's directory cannot be followed, which every spreadsheet program writes correctly.
 */
export function checkUnpackedSize(bytes: Uint8Array, limit = MAX_UNPACKED_BYTES): "ok" | "tooLarge" | "unreadable" {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = zip.length - 22;
  while (end >= Math.max(0, zip.length - 22 - 0xffff) && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0 || end < zip.length - 22 - 0xffff) return "unreadable";
  let entry = zip.readUInt32LE(end + 16);
  let budget = limit;
  for (let count = zip.readUInt16LE(end + 10); count > 0; count--) {
    if (entry + 46 > zip.length || zip.readUInt32LE(entry) !== 0x02014b50) return "unreadable";
    const method = zip.readUInt16LE(entry + 10);
    const packedSize = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const name = zip.toString("utf8", entry + 46, entry + 46 + nameLength);
    const local = zip.readUInt32LE(entry + 42);
    entry += 46 + nameLength + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
    if (!name.endsWith(".xml") && !name.endsWith(".xml.rels")) continue;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return "unreadable";
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const packed = zip.subarray(start, start + packedSize);
    if (method === 0) budget -= packed.length;
    else if (method !== 8) return "unreadable";
    else {
      try {
        budget -= inflateRawSync(packed, { maxOutputLength: Math.max(1, budget + 1) }).length;
      } catch (error) {
        return (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? "tooLarge" : "unreadable";
      }
    }
    if (budget < 0) return "tooLarge";
  }
  return "ok";
}

/**
 * Converts the first sheet of a workbook into CSV text for parseOfficialsCsv. The header is the
 * first row; its width is that of its last filled cell, and a data row is cut to it unless it has
 * something beyond, which the CSV checks then report as a cell count mismatch. Empty rows become
 * empty lines, skipped but counted. A file that cannot be read gives one issue instead of text.
 */
export async function decodeXlsx(bytes: Uint8Array): Promise<{ text: string } | { issue: ImportIssue }> {
  let sheet: Cell[][];
  try {
    // Only a zip is checked: anything else is refused by read-excel-file before it unpacks a byte.
    const size = startsWith(bytes, ZIP_MAGIC) ? checkUnpackedSize(bytes) : "ok";
    if (size !== "ok")
      return { issue: { row: 1, column: null, code: size === "tooLarge" ? "xlsxTooLarge" : "xlsxUnreadable" } };
    sheet = (await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as Cell[][];
  } catch (error) {
    // Whatever the library trips on is the file's fault: report it, never let it reach the page as a 500.
    const code =
      error instanceof InvalidInputError && error.code === "XLS_FILE_NOT_SUPPORTED" ? "xlsLegacy" : "xlsxUnreadable";
    return { issue: { row: 1, column: null, code } };
  }
  const rows = sheet.map((cells) => cells.map((cell) => cellText(cell).normalize("NFC")));
  const [header = []] = rows;
  const width = lastFilled(header) + 1;
  if (width === 0)
    return {
      issue: { row: 1, column: null, code: rows.some((cells) => lastFilled(cells) >= 0) ? "empty" : "xlsxEmpty" },
    };
  const dataRows = rows.slice(1).filter((cells) => lastFilled(cells) >= 0).length;
  if (dataRows > MAX_IMPORT_ROWS)
    return { issue: { row: 1, column: null, code: "tooManyRows", value: String(MAX_IMPORT_ROWS) } };
  const lines = rows.map((cells) => {
    const end = lastFilled(cells) + 1;
    if (end === 0) return "";
    return Array.from({ length: Math.max(width, end) }, (_, index) => csvField(cells[index] ?? "")).join(",");
  });
  return { text: `${lines.join("\n")}\n` };
}

// The one CSV writer of every export (compliance, transcript): RFC 4180 quoting, CRLF lines and
// a UTF-8 byte-order mark so spreadsheet programs read Vietnamese. Text that a spreadsheet would
// evaluate (a leading = + - @, tab or carriage return: CSV/formula injection) is prefixed with
// an apostrophe, so a course title or a note can never arrive as a live formula. Numbers are
// written as numbers.

export type CsvValue = string | number | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  const safe = typeof value === "string" && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: CsvValue[], rows: CsvValue[][]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

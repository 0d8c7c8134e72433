/**
 * Printable PDFs: the certificate (A4 landscape) and the yearly credit transcript
 * (A4 portrait).
 *
 * Be Vietnam Pro is embedded (subset) rather than relying on the 14 standard PDF fonts,
 * whose WinAnsi encoding cannot represent most Vietnamese letters; strings are NFC
 * normalised first so each letter maps to one precomposed glyph (and pdftotext / copy
 * and paste give back exactly what was written). The QR code is drawn as vector
 * rectangles so it stays sharp at any print size.
 *
 * Dates are shown in Asia/Ho_Chi_Minh regardless of the server's timezone: a
 * certificate issued at 23:30 in Hà Nội must not print the previous day.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb, type RGB } from "pdf-lib";
import QRCode from "qrcode";

export type PdfLocale = "vi" | "en";

export interface CertificatePdfInput {
  locale: PdfLocale;
  holderName: string;
  courseTitle: string;
  courseVersion: string | number;
  credits: number;
  issuedAt: Date;
  validUntil?: Date | null;
  code: string;
  verifyUrl: string;
  issuerName: string;
}

export interface TranscriptRow {
  date: Date;
  courseTitle: string;
  version: string | number;
  credits: number;
  /** Where the credits come from, e.g. "HọcSố" or an external training provider. */
  source: string;
}

export interface TranscriptPdfInput {
  locale: PdfLocale;
  holderName: string;
  year: number;
  rows: TranscriptRow[];
  total: number;
  /** Credits required for the year, when a requirement applies. */
  requirement?: number | null;
  issuerName?: string;
  /** Printed as the export date; defaults to now. */
  generatedAt?: Date;
}

export const TIME_ZONE = "Asia/Ho_Chi_Minh";
/** A4 in PostScript points (210 × 297 mm). */
export const A4 = { short: 595.28, long: 841.89 } as const;

const COLORS = {
  ink: rgb(0.12, 0.16, 0.22),
  muted: rgb(0.38, 0.42, 0.48),
  brand: rgb(0.06, 0.3, 0.36),
  gold: rgb(0.72, 0.58, 0.24),
  paper: rgb(0.996, 0.988, 0.965),
  stripe: rgb(0.95, 0.965, 0.97),
  white: rgb(1, 1, 1),
};

// ---------------------------------------------------------------------------
// Fonts

type Weight = "regular" | "medium" | "semibold" | "bold";
const FONT_FILES: Record<Weight, string> = {
  regular: "400Regular/BeVietnamPro_400Regular.ttf",
  medium: "500Medium/BeVietnamPro_500Medium.ttf",
  semibold: "600SemiBold/BeVietnamPro_600SemiBold.ttf",
  bold: "700Bold/BeVietnamPro_700Bold.ttf",
};
const FONT_PACKAGE = "@expo-google-fonts/be-vietnam-pro";
const fontCache = new Map<Weight, Promise<Uint8Array>>();

async function readFontFile(rel: string): Promise<Uint8Array> {
  const candidates: string[] = [];
  try {
    candidates.push(createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/${rel}`));
  } catch {
    // Bundled server builds may not resolve from their own location; fall back below.
  }
  candidates.push(path.resolve("node_modules", FONT_PACKAGE, rel));
  for (const file of candidates) {
    try {
      return new Uint8Array(await readFile(file));
    } catch {
      // try the next candidate
    }
  }
  throw new Error(`font ${FONT_PACKAGE}/${rel} not found`);
}

function fontBytes(weight: Weight): Promise<Uint8Array> {
  let p = fontCache.get(weight);
  if (!p) {
    p = readFontFile(FONT_FILES[weight]);
    p.catch(() => fontCache.delete(weight)); // a failed read may succeed after install
    fontCache.set(weight, p);
  }
  return p;
}

type Fonts = Record<Weight, PDFFont>;

async function embedFonts(doc: PDFDocument, weights: Weight[]): Promise<Fonts> {
  doc.registerFontkit(fontkit);
  const fonts = {} as Fonts;
  for (const w of weights) fonts[w] = await doc.embedFont(await fontBytes(w), { subset: true });
  // Weights not requested fall back to the nearest embedded one.
  fonts.medium ??= fonts.regular;
  fonts.semibold ??= fonts.bold ?? fonts.medium;
  return fonts;
}

// ---------------------------------------------------------------------------
// Formatting

function nfc(s: string): string {
  return s.normalize("NFC").replace(/\s+/g, " ").trim();
}

function ymd(d: Date): { y: string; m: string; d: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return { y: get("year"), m: get("month"), d: get("day") };
}

/**
 * vi: dd/MM/yyyy; en: "5 March 2025" (day-month order with the month spelled out is
 * unambiguous to every English reader), or "5 Mar 2025" where space is tight.
 */
export function formatDate(date: Date, locale: PdfLocale, style: "long" | "short" = "long"): string {
  if (locale === "vi") {
    const { y, m, d } = ymd(date);
    return `${d}/${m}/${y}`;
  }
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: style,
    year: "numeric",
  }).format(date);
}

export function formatCredits(n: number, locale: PdfLocale): string {
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 }).format(n);
}

const TEXT = {
  vi: {
    title: "CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC",
    certifies: "Trân trọng chứng nhận",
    completed: "đã hoàn thành khóa học",
    version: "Phiên bản",
    credits: (n: string) => `${n} tín chỉ`,
    issued: "Ngày cấp",
    validUntil: "Có giá trị đến",
    code: "Mã chứng nhận",
    issuer: "Đơn vị cấp",
    scan: "Quét mã để xác minh",
    verifyAt: "Xác minh tại",
    transcriptTitle: (y: number) => `BẢNG TỔNG HỢP TÍN CHỈ NĂM ${y}`,
    learner: "Học viên",
    cols: ["Ngày", "Khóa học", "Phiên bản", "Tín chỉ", "Nguồn"],
    total: "Tổng số tín chỉ",
    requirement: "Yêu cầu trong năm",
    met: "Đã đạt",
    notMet: (missing: string) => `Chưa đạt (còn thiếu ${missing} tín chỉ)`,
    empty: (y: number) => `Chưa có tín chỉ nào trong năm ${y}.`,
    generated: "Ngày xuất",
    page: (i: number, n: number) => `Trang ${i}/${n}`,
  },
  en: {
    title: "CERTIFICATE OF COMPLETION",
    certifies: "This is to certify that",
    completed: "has successfully completed the course",
    version: "Version",
    credits: (n: string) => `${n} ${n === "1" ? "credit" : "credits"}`,
    issued: "Issued on",
    validUntil: "Valid until",
    code: "Certificate code",
    issuer: "Issued by",
    scan: "Scan to verify",
    verifyAt: "Verify at",
    transcriptTitle: (y: number) => `CREDIT TRANSCRIPT ${y}`,
    learner: "Learner",
    cols: ["Date", "Course", "Version", "Credits", "Source"],
    total: "Total credits",
    requirement: "Annual requirement",
    met: "Met",
    notMet: (missing: string) => `Not met (${missing} credits short)`,
    empty: (y: number) => `No credits recorded in ${y}.`,
    generated: "Generated on",
    page: (i: number, n: number) => `Page ${i} of ${n}`,
  },
} as const;

// ---------------------------------------------------------------------------
// Drawing helpers

function drawCentered(page: PDFPage, text: string, y: number, font: PDFFont, size: number, color: RGB) {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (page.getWidth() - width) / 2, y, size, font, color });
}

/** Largest size ≤ `size` (down to `min`) at which `text` fits in `maxWidth`. */
function fitSize(text: string, font: PDFFont, size: number, maxWidth: number, min: number): number {
  let s = size;
  while (s > min && font.widthOfTextAtSize(text, s) > maxWidth) s -= 0.5;
  return s;
}

/** Greedy word wrap; a single over-long word is split by characters. */
function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= maxWidth;
  for (const word of text.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

/** QR code as filled rectangles (one per horizontal run of dark modules). */
function drawQr(page: PDFPage, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + quiet * 2);
  page.drawRectangle({ x, y, width: size, height: size, color: COLORS.white });
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      page.drawRectangle({
        x: x + (quiet + start) * cell,
        // PDF y grows upwards; QR rows grow downwards.
        y: y + size - (quiet + row + 1) * cell,
        width: (col - start) * cell,
        height: cell,
        color: COLORS.ink,
      });
    }
  }
}

function drawDiamond(page: PDFPage, cx: number, cy: number, r: number, color: RGB) {
  page.drawSvgPath(`M 0 ${-r} L ${r} 0 L 0 ${r} L ${-r} 0 Z`, { x: cx, y: cy, color });
}

function setMetadata(doc: PDFDocument, title: string, author: string, locale: PdfLocale, date: Date) {
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setAuthor(author);
  doc.setCreator("HọcSố");
  doc.setProducer("HọcSố");
  doc.setLanguage(locale === "vi" ? "vi-VN" : "en");
  // The document's own dates are the issue date, not whenever it happened to be rendered.
  doc.setCreationDate(date);
  doc.setModificationDate(date);
}

// ---------------------------------------------------------------------------
// Certificate

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const t = TEXT[input.locale];
  const holder = nfc(input.holderName);
  const course = nfc(input.courseTitle);
  const issuerName = nfc(input.issuerName);

  const doc = await PDFDocument.create();
  setMetadata(doc, `${t.title} — ${holder}`, issuerName, input.locale, input.issuedAt);
  const f = await embedFonts(doc, ["regular", "medium", "semibold", "bold"]);
  const page = doc.addPage([A4.long, A4.short]);
  const W = page.getWidth();
  const H = page.getHeight();

  // Paper and frame: a heavy brand-coloured border, a fine gold rule inside it.
  page.drawRectangle({ x: 0, y: 0, width: W, height: H, color: COLORS.paper });
  page.drawRectangle({ x: 18, y: 18, width: W - 36, height: H - 36, borderColor: COLORS.brand, borderWidth: 4 });
  page.drawRectangle({ x: 28, y: 28, width: W - 56, height: H - 56, borderColor: COLORS.gold, borderWidth: 0.8 });
  for (const [cx, cy] of [
    [28, 28],
    [W - 28, 28],
    [28, H - 28],
    [W - 28, H - 28],
  ] as const) {
    drawDiamond(page, cx, cy, 6, COLORS.gold);
  }

  // Brand line.
  const brand = "HọcSố";
  drawCentered(page, brand, H - 86, f.bold, 16, COLORS.brand);
  const bw = f.bold.widthOfTextAtSize(brand, 16);
  page.drawLine({
    start: { x: W / 2 - bw / 2 - 46, y: H - 80 },
    end: { x: W / 2 - bw / 2 - 10, y: H - 80 },
    thickness: 0.8,
    color: COLORS.gold,
  });
  page.drawLine({
    start: { x: W / 2 + bw / 2 + 10, y: H - 80 },
    end: { x: W / 2 + bw / 2 + 46, y: H - 80 },
    thickness: 0.8,
    color: COLORS.gold,
  });

  // Title.
  const titleSize = fitSize(t.title, f.bold, 28, W - 160, 18);
  drawCentered(page, t.title, H - 140, f.bold, titleSize, COLORS.brand);
  drawDiamond(page, W / 2, H - 160, 3.5, COLORS.gold);
  page.drawLine({
    start: { x: W / 2 - 90, y: H - 160 },
    end: { x: W / 2 - 10, y: H - 160 },
    thickness: 0.8,
    color: COLORS.gold,
  });
  page.drawLine({
    start: { x: W / 2 + 10, y: H - 160 },
    end: { x: W / 2 + 90, y: H - 160 },
    thickness: 0.8,
    color: COLORS.gold,
  });

  // Recipient.
  drawCentered(page, t.certifies, H - 200, f.regular, 13, COLORS.muted);
  const nameSize = fitSize(holder, f.semibold, 36, W - 200, 20);
  drawCentered(page, holder, H - 250, f.semibold, nameSize, COLORS.ink);
  page.drawLine({
    start: { x: W / 2 - 200, y: H - 264 },
    end: { x: W / 2 + 200, y: H - 264 },
    thickness: 0.5,
    color: COLORS.gold,
  });

  // Course: up to two lines, shrinking before wrapping further.
  drawCentered(page, t.completed, H - 292, f.regular, 13, COLORS.muted);
  let courseSize = 21;
  let courseLines = wrap(course, f.bold, courseSize, W - 220);
  while (courseLines.length > 2 && courseSize > 13) {
    courseSize -= 1;
    courseLines = wrap(course, f.bold, courseSize, W - 220);
  }
  let y = H - 326;
  for (const line of courseLines) {
    drawCentered(page, line, y, f.bold, courseSize, COLORS.brand);
    y -= courseSize * 1.3;
  }
  const detail = `${t.version} ${String(input.courseVersion)}  ·  ${t.credits(formatCredits(input.credits, input.locale))}`;
  drawCentered(page, detail, y - 6, f.medium, 12, COLORS.ink);

  // Bottom band: dates and code (left), issuer (centre), QR (right).
  const leftX = 78;
  const labelSize = 9;
  const valueSize = 12;
  let by = 150;
  const field = (label: string, value: string, font: PDFFont) => {
    page.drawText(label, { x: leftX, y: by, size: labelSize, font: f.regular, color: COLORS.muted });
    page.drawText(value, { x: leftX, y: by - 15, size: valueSize, font, color: COLORS.ink });
    by -= 38;
  };
  field(t.issued, formatDate(input.issuedAt, input.locale), f.semibold);
  if (input.validUntil) field(t.validUntil, formatDate(input.validUntil, input.locale), f.semibold);
  field(t.code, input.code, f.bold);

  const sigCx = W / 2 + 10;
  page.drawLine({
    start: { x: sigCx - 110, y: 100 },
    end: { x: sigCx + 110, y: 100 },
    thickness: 0.6,
    color: COLORS.muted,
  });
  const issuerSize = fitSize(issuerName, f.semibold, 13, 240, 9);
  page.drawText(issuerName, {
    x: sigCx - f.semibold.widthOfTextAtSize(issuerName, issuerSize) / 2,
    y: 84,
    size: issuerSize,
    font: f.semibold,
    color: COLORS.ink,
  });
  page.drawText(t.issuer, {
    x: sigCx - f.regular.widthOfTextAtSize(t.issuer, labelSize) / 2,
    y: 70,
    size: labelSize,
    font: f.regular,
    color: COLORS.muted,
  });

  const qrSize = 104;
  const qrX = W - 78 - qrSize;
  const qrY = 72;
  drawQr(page, input.verifyUrl, qrX, qrY, qrSize);
  page.drawRectangle({ x: qrX, y: qrY, width: qrSize, height: qrSize, borderColor: COLORS.gold, borderWidth: 0.6 });
  page.drawText(t.scan, {
    x: qrX + (qrSize - f.regular.widthOfTextAtSize(t.scan, 8)) / 2,
    y: qrY - 12,
    size: 8,
    font: f.regular,
    color: COLORS.muted,
  });

  const footer = `${t.verifyAt}: ${input.verifyUrl}`;
  drawCentered(page, footer, 40, f.regular, fitSize(footer, f.regular, 8, W - 120, 5), COLORS.muted);

  return doc.save();
}

// ---------------------------------------------------------------------------
// Transcript

export async function renderTranscriptPdf(input: TranscriptPdfInput): Promise<Uint8Array> {
  const t = TEXT[input.locale];
  const holder = nfc(input.holderName);
  const issuerName = nfc(input.issuerName ?? "HọcSố");
  const generatedAt = input.generatedAt ?? new Date();

  const doc = await PDFDocument.create();
  setMetadata(doc, `${t.transcriptTitle(input.year)} — ${holder}`, issuerName, input.locale, generatedAt);
  const f = await embedFonts(doc, ["regular", "semibold", "bold"]);

  const W = A4.short;
  const H = A4.long;
  const margin = 48;
  const tableW = W - margin * 2;
  // Column widths: date, course (flexible), version, credits, source.
  const widths = [72, 0, 54, 46, 112];
  widths[1] = tableW - widths.reduce((a, b) => a + b, 0);
  const pad = 5;
  const bodySize = 9.5;
  const lineH = bodySize * 1.35;
  const numeric = (i: number) => i === 2 || i === 3;

  const pages: PDFPage[] = [];
  let page!: PDFPage;
  // `y` is the top edge of the next thing to draw.
  let y = 0;

  const header = (first: boolean) => {
    page = doc.addPage([W, H]);
    pages.push(page);
    page.drawRectangle({ x: 0, y: H - 8, width: W, height: 8, color: COLORS.brand });
    page.drawText("HọcSố", { x: margin, y: H - 46, size: 14, font: f.bold, color: COLORS.brand });
    y = H - 66;
    if (first) {
      const title = t.transcriptTitle(input.year);
      const size = fitSize(title, f.bold, 17, tableW, 11);
      page.drawText(title, { x: margin, y: y - size, size, font: f.bold, color: COLORS.ink });
      y -= size + 14;
      page.drawText(`${t.learner}: `, { x: margin, y: y - 11, size: 11, font: f.regular, color: COLORS.muted });
      page.drawText(holder, {
        x: margin + f.regular.widthOfTextAtSize(`${t.learner}: `, 11),
        y: y - 11,
        size: 11,
        font: f.semibold,
        color: COLORS.ink,
      });
      y -= 11 + 8;
      const gen = `${t.generated}: ${formatDate(generatedAt, input.locale)}`;
      page.drawText(gen, { x: margin, y: y - 9, size: 9, font: f.regular, color: COLORS.muted });
      y -= 9 + 16;
    }
    const headH = 20;
    page.drawRectangle({ x: margin, y: y - headH, width: tableW, height: headH, color: COLORS.brand });
    let x = margin;
    t.cols.forEach((c, i) => {
      const cw = widths[i];
      const tw = f.semibold.widthOfTextAtSize(c, 9);
      page.drawText(c, {
        x: numeric(i) ? x + cw - pad - tw : x + pad,
        y: y - 14,
        size: 9,
        font: f.semibold,
        color: COLORS.white,
      });
      x += cw;
    });
    y -= headH;
  };

  header(true);
  const bottomLimit = 80;

  if (input.rows.length === 0) {
    page.drawText(t.empty(input.year), { x: margin + pad, y: y - 18, size: 10, font: f.regular, color: COLORS.muted });
    y -= 28;
  }

  input.rows.forEach((row, index) => {
    const cells = [
      formatDate(row.date, input.locale, "short"),
      nfc(row.courseTitle),
      String(row.version),
      formatCredits(row.credits, input.locale),
      nfc(row.source),
    ];
    const wrapped = cells.map((c, i) => wrap(c, f.regular, bodySize, widths[i] - pad * 2));
    const padY = 5;
    const rowH = Math.max(...wrapped.map((l) => l.length)) * lineH + padY * 2;
    if (y - rowH < bottomLimit) header(false);
    if (index % 2 === 1)
      page.drawRectangle({ x: margin, y: y - rowH, width: tableW, height: rowH, color: COLORS.stripe });
    // Baseline of the first line: top padding plus the font's cap height (~0.72 em).
    const firstBaseline = y - padY - bodySize * 0.95;
    let x = margin;
    wrapped.forEach((lines, i) => {
      const cw = widths[i];
      lines.forEach((line, li) => {
        const tw = f.regular.widthOfTextAtSize(line, bodySize);
        page.drawText(line, {
          x: numeric(i) ? x + cw - pad - tw : x + pad,
          y: firstBaseline - li * lineH,
          size: bodySize,
          font: f.regular,
          color: COLORS.ink,
        });
      });
      x += cw;
    });
    y -= rowH;
  });

  // Totals block (kept together on one page).
  const summaryH = input.requirement != null ? 50 : 28;
  if (y - summaryH < bottomLimit) header(false);
  page.drawLine({ start: { x: margin, y }, end: { x: margin + tableW, y }, thickness: 1, color: COLORS.brand });
  y -= 18;
  const totalText = formatCredits(input.total, input.locale);
  page.drawText(`${t.total}:`, { x: margin + pad, y, size: 11, font: f.semibold, color: COLORS.ink });
  page.drawText(totalText, {
    x: margin + widths[0] + widths[1] + widths[2] + widths[3] - pad - f.bold.widthOfTextAtSize(totalText, 11),
    y,
    size: 11,
    font: f.bold,
    color: COLORS.ink,
  });
  if (input.requirement != null) {
    y -= 20;
    const missing = Math.max(0, input.requirement - input.total);
    const verdict = missing <= 0 ? t.met : t.notMet(formatCredits(missing, input.locale));
    const line = `${t.requirement}: ${formatCredits(input.requirement, input.locale)} — ${verdict}`;
    page.drawText(line, {
      x: margin + pad,
      y,
      size: 10,
      font: f.semibold,
      color: missing <= 0 ? COLORS.brand : rgb(0.7, 0.2, 0.15),
    });
  }

  pages.forEach((p, i) => {
    const label = t.page(i + 1, pages.length);
    p.drawText(label, {
      x: W - margin - f.regular.widthOfTextAtSize(label, 8),
      y: 36,
      size: 8,
      font: f.regular,
      color: COLORS.muted,
    });
    p.drawText(issuerName, { x: margin, y: 36, size: 8, font: f.regular, color: COLORS.muted });
  });

  return doc.save();
}

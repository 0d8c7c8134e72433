import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { A4, formatDate, renderCertificatePdf, renderTranscriptPdf, type CertificatePdfInput } from "./pdf.server";
import { prerequisite } from "../../../tests/support/prerequisite";

const HOLDER = "Nguyễn Thị Ánh Tuyết";
const COURSE = "Chữ ký số và định danh điện tử";

const hasPdftotext = prerequisite(
  "pdftotext",
  spawnSync("pdftotext", ["-v"]).error === undefined,
  "apt-get install poppler-utils",
);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-pdf-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function pdfText(bytes: Uint8Array, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

function certInput(overrides: Partial<CertificatePdfInput> = {}): CertificatePdfInput {
  return {
    locale: "vi",
    holderName: HOLDER,
    courseTitle: COURSE,
    courseVersion: 3,
    credits: 1.5,
    // 17:30 UTC is 00:30 the next day in Hà Nội: the printed date must be the 6th.
    issuedAt: new Date("2025-03-05T17:30:00Z"),
    validUntil: new Date("2027-03-05T02:30:00Z"),
    code: "HS-7K3Q-M9T9",
    verifyUrl: "https://hocso.example.gov.vn/verify/HS-7K3Q-M9T9",
    issuerName: "HọcSố — Nền tảng học tập số",
    ...overrides,
  };
}

describe("formatDate", () => {
  it("uses Asia/Ho_Chi_Minh and dd/MM/yyyy in Vietnamese", () => {
    expect(formatDate(new Date("2025-03-05T17:30:00Z"), "vi")).toBe("06/03/2025");
    expect(formatDate(new Date("2025-03-05T16:59:59Z"), "vi")).toBe("05/03/2025");
    expect(formatDate(new Date("2025-12-31T17:00:00Z"), "vi")).toBe("01/01/2026");
  });
  it("uses day month year in English", () => {
    expect(formatDate(new Date("2025-03-05T17:30:00Z"), "en")).toBe("6 March 2025");
    expect(formatDate(new Date("2025-03-05T17:30:00Z"), "en", "short")).toBe("6 Mar 2025");
  });
});

describe("renderCertificatePdf", () => {
  it("is one A4 landscape page with the fonts embedded", async () => {
    const bytes = await renderCertificatePdf(certInput());
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width).toBeCloseTo(A4.long, 1);
    expect(height).toBeCloseTo(A4.short, 1);
    expect(width).toBeGreaterThan(height);
    expect(doc.getTitle()).toContain(HOLDER);
    // Subset TrueType Be Vietnam Pro, not the standard 14 (which cannot encode Vietnamese).
    const baseFonts: string[] = [];
    let embeddedFiles = 0;
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict)) continue;
      if (obj.get(PDFName.of("FontFile2"))) embeddedFiles++;
      const base = obj.get(PDFName.of("BaseFont"));
      if (obj.get(PDFName.of("Type")) === PDFName.of("Font") && base instanceof PDFName)
        baseFonts.push(base.decodeText());
    }
    expect(embeddedFiles).toBeGreaterThanOrEqual(3);
    expect(baseFonts.length).toBeGreaterThan(0);
    for (const name of baseFonts) expect(name).toMatch(/^BeVietnamPro-/);
    // Four full TTFs would be ~500 KB; subsetting keeps the file small.
    expect(bytes.length).toBeLessThan(120_000);
  });

  it.skipIf(!hasPdftotext)("Vietnamese text survives exactly (pdftotext)", async () => {
    const text = pdfText(await renderCertificatePdf(certInput()), "vi.pdf");
    for (const s of [
      HOLDER,
      COURSE,
      "CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC",
      "Trân trọng chứng nhận",
      "đã hoàn thành khóa học",
      "Phiên bản 3",
      "1,5 tín chỉ",
      "Ngày cấp",
      "06/03/2025",
      "Có giá trị đến",
      "05/03/2027",
      "Mã chứng nhận",
      "HS-7K3Q-M9T9",
      "HọcSố — Nền tảng học tập số",
      "https://hocso.example.gov.vn/verify/HS-7K3Q-M9T9",
    ]) {
      expect(text, s).toContain(s);
    }
  });

  it.skipIf(!hasPdftotext)("decomposed (NFD) input prints as the same precomposed text", async () => {
    const text = pdfText(
      await renderCertificatePdf(
        certInput({ holderName: HOLDER.normalize("NFD"), courseTitle: COURSE.normalize("NFD") }),
      ),
      "nfd.pdf",
    );
    expect(text).toContain(HOLDER);
    expect(text).toContain(COURSE);
  });

  it.skipIf(!hasPdftotext)("English certificate", async () => {
    const text = pdfText(
      await renderCertificatePdf(certInput({ locale: "en", validUntil: null, credits: 1 })),
      "en.pdf",
    );
    for (const s of [
      "CERTIFICATE OF COMPLETION",
      HOLDER,
      COURSE,
      "Version 3",
      "1 credit",
      "6 March 2025",
      "HS-7K3Q-M9T9",
    ]) {
      expect(text, s).toContain(s);
    }
    expect(text).not.toContain("Valid until");
  });

  it.skipIf(!hasPdftotext)("a very long name and course title still fit on the page", async () => {
    const longName = "Công Tôn Nữ Hoàng Thị Thanh Hương Ngọc Diễm Phương Thảo Nguyên";
    const longCourse =
      "Ứng dụng trí tuệ nhân tạo, dữ liệu lớn và điện toán đám mây trong cải cách hành chính và chuyển đổi số cấp cơ sở";
    const bytes = await renderCertificatePdf(certInput({ holderName: longName, courseTitle: longCourse }));
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    const text = pdfText(bytes, "long.pdf").replace(/\s+/g, " ");
    expect(text).toContain(longName);
    expect(text).toContain(longCourse);
  });
});

describe("renderTranscriptPdf", () => {
  const rows = Array.from({ length: 45 }, (_, i) => ({
    date: new Date(Date.UTC(2025, i % 12, 1 + (i % 27), 3)),
    courseTitle: i === 0 ? COURSE : `Khóa học số ${i + 1}: an toàn thông tin cơ bản`,
    version: (i % 3) + 1,
    credits: 2,
    source: i % 4 === 0 ? "Trường Chính trị tỉnh" : "HọcSố",
  }));

  it("is A4 portrait and paginates long lists", async () => {
    const bytes = await renderTranscriptPdf({
      locale: "vi",
      holderName: HOLDER,
      year: 2025,
      rows,
      total: 90,
      requirement: 80,
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    for (const p of doc.getPages()) {
      expect(p.getWidth()).toBeCloseTo(A4.short, 1);
      expect(p.getHeight()).toBeCloseTo(A4.long, 1);
    }
  });

  it.skipIf(!hasPdftotext)("shows rows, total and the requirement verdict", async () => {
    const text = pdfText(
      await renderTranscriptPdf({
        locale: "vi",
        holderName: HOLDER,
        year: 2025,
        rows,
        total: 90,
        requirement: 80,
        generatedAt: new Date("2025-12-31T17:30:00Z"),
      }),
      "transcript.pdf",
    ).replace(/[ \t]*\n[ \t]*/g, " ");
    for (const s of [
      "BẢNG TỔNG HỢP TÍN CHỈ NĂM 2025",
      HOLDER,
      COURSE,
      "Trường Chính trị tỉnh",
      "01/01/2025",
      "Tổng số tín chỉ",
      "90",
      "Đã đạt",
      "Ngày xuất: 01/01/2026",
      "Trang 1/",
    ]) {
      expect(text, s).toContain(s);
    }
  });

  it.skipIf(!hasPdftotext)("empty year, unmet requirement, English", async () => {
    const text = pdfText(
      await renderTranscriptPdf({ locale: "en", holderName: HOLDER, year: 2024, rows: [], total: 0, requirement: 4.5 }),
      "empty.pdf",
    );
    expect(text).toContain("CREDIT TRANSCRIPT 2024");
    expect(text).toContain("No credits recorded in 2024.");
    expect(text).toContain("Not met (4.5 credits short)");
  });
});

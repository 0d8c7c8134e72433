import { describe, expect, it } from "vitest";
import { checkAttachment, cleanFileName } from "./upload";

const bytes = (...values: number[]) => new Uint8Array([...values, 0, 0, 0, 0]);
const PDF = bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const JPEG = bytes(0xff, 0xd8, 0xff, 0xe0);
const zipWith = (entry: string) =>
  new Uint8Array([
    0x50,
    0x4b,
    0x03,
    0x04,
    ...[...`....[Content_Types].xml${entry}document.xml`].map((c) => c.charCodeAt(0)),
  ]);
const EXE = bytes(0x4d, 0x5a, 0x90);

describe("checkAttachment", () => {
  it.each([
    { name: "Hướng dẫn.pdf", data: PDF, result: { ok: true, mimeType: "application/pdf", fileName: "Hướng dẫn.pdf" } },
    { name: "so-do.PNG", data: PNG, result: { ok: true, mimeType: "image/png", fileName: "so-do.PNG" } },
    { name: "anh.jpeg", data: JPEG, result: { ok: true, mimeType: "image/jpeg", fileName: "anh.jpeg" } },
    { name: "anh.jpg", data: JPEG, result: { ok: true, mimeType: "image/jpeg", fileName: "anh.jpg" } },
    {
      name: "mau.docx",
      data: zipWith("word/"),
      result: {
        ok: true,
        mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        fileName: "mau.docx",
      },
    },
    {
      name: "bang.xlsx",
      data: zipWith("xl/"),
      result: {
        ok: true,
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        fileName: "bang.xlsx",
      },
    },
    {
      name: "slide.pptx",
      data: zipWith("ppt/"),
      result: {
        ok: true,
        mimeType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        fileName: "slide.pptx",
      },
    },
    { name: "virus.exe", data: EXE, result: { ok: false, error: "authoring.upload.type" } },
    { name: "virus.pdf", data: EXE, result: { ok: false, error: "authoring.upload.mismatch" } },
    { name: "anh.png", data: JPEG, result: { ok: false, error: "authoring.upload.mismatch" } },
    { name: "fake.docx", data: zipWith("xl/"), result: { ok: false, error: "authoring.upload.mismatch" } },
    { name: "noext", data: PDF, result: { ok: false, error: "authoring.upload.type" } },
    { name: "empty.pdf", data: new Uint8Array(), result: { ok: false, error: "authoring.upload.empty" } },
    { name: ".pdf", data: PDF, result: { ok: false, error: "authoring.upload.name" } },
  ])("$name", ({ name, data, result }) => {
    expect(checkAttachment(name, data)).toEqual(result);
  });

  it("refuses a file above the limit", () => {
    const big = new Uint8Array(1001);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(checkAttachment("big.pdf", big, 1000)).toEqual({ ok: false, error: "authoring.upload.tooLarge" });
    expect(checkAttachment("ok.pdf", big.slice(0, 1000), 1000).ok).toBe(true);
  });
});

describe("cleanFileName", () => {
  it.each([
    ["C:\\Users\\a\\tai-lieu.pdf", "tai-lieu.pdf"],
    ["../../etc/passwd.pdf", "passwd.pdf"],
    ['a"b\u0007.pdf', "ab.pdf"],
  ])("%s → %s", (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });
});

/**
 * Which lesson attachments are accepted: the extension must be on the list AND the first bytes
 * must be that format's signature, so a renamed executable is refused before anything is stored.
 * Pure (bytes in, verdict out).
 */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

type Kind = {
  mime: string;
  magic: number[];
  /** Office files are zips; this entry prefix tells which. */ zipEntry?: string;
};

const ZIP = [0x50, 0x4b, 0x03, 0x04];
export const ATTACHMENT_TYPES: Record<string, Kind> = {
  pdf: { mime: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  png: { mime: "image/png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  jpg: { mime: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  jpeg: { mime: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  docx: {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    magic: ZIP,
    zipEntry: "word/",
  },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: ZIP, zipEntry: "xl/" },
  pptx: {
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    magic: ZIP,
    zipEntry: "ppt/",
  },
};
export const ACCEPT_ATTR = Object.keys(ATTACHMENT_TYPES)
  .map((ext) => `.${ext}`)
  .join(",");

export type UploadVerdict =
  | { ok: true; mimeType: string; fileName: string }
  | {
      ok: false;
      error:
        | "authoring.upload.empty"
        | "authoring.upload.tooLarge"
        | "authoring.upload.type"
        | "authoring.upload.mismatch"
        | "authoring.upload.name";
    };

/** A safe display name: no directories, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return (
    base
      .normalize("NFC")
      // Control characters (U+0000–U+001F, U+007F) and quotes cannot appear in a safe file name.
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[\u0000-\u001f\u007f"]/g, "")
      .trim()
      .slice(-120)
  );
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** True when the ASCII text occurs in the bytes (zip entry names are stored uncompressed). */
function containsAscii(bytes: Uint8Array, text: string): boolean {
  const needle = [...text].map((c) => c.charCodeAt(0));
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function checkAttachment(fileName: string, bytes: Uint8Array, maxBytes = MAX_ATTACHMENT_BYTES): UploadVerdict {
  const name = cleanFileName(fileName);
  if (!name || name.startsWith(".")) return { ok: false, error: "authoring.upload.name" };
  if (bytes.length === 0) return { ok: false, error: "authoring.upload.empty" };
  if (bytes.length > maxBytes) return { ok: false, error: "authoring.upload.tooLarge" };
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  const kind = ATTACHMENT_TYPES[ext];
  if (!kind) return { ok: false, error: "authoring.upload.type" };
  if (!startsWith(bytes, kind.magic)) return { ok: false, error: "authoring.upload.mismatch" };
  if (kind.zipEntry && !containsAscii(bytes, kind.zipEntry)) return { ok: false, error: "authoring.upload.mismatch" };
  return { ok: true, mimeType: kind.mime, fileName: name };
}

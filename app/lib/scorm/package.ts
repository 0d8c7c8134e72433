/**
 * A SCORM package zip, checked before anything is stored: the course import's path rule and
 * upload size, plus limits on entries and on the unpacked size (a zip bomb is refused from its
 * declared sizes before anything is inflated, and again from the bytes actually inflated).
 * Pure (bytes in, verdict out).
 */
import { strFromU8, unzipSync } from "fflate";
import { isUnsafeZipPath, MAX_ZIP_BYTES } from "~/lib/authoring/zip";
import { parseManifest, type ScormManifest, type ScormProblem } from "./manifest";

export const MAX_PACKAGE_ENTRIES = 3000;
export const MAX_PACKAGE_UNPACKED_BYTES = 200 * 1024 * 1024;
/** Media compresses little; text packages about 5×. A far higher ratio is a bomb, not content. */
const MAX_RATIO = 100;

export type ScormPackageFiles = Map<string, Uint8Array>;
export type PackageResult =
  | { ok: true; manifest: ScormManifest; files: ScormPackageFiles; unpackedBytes: number }
  | { ok: false; problem: ScormProblem };

const fail = (code: ScormProblem["code"], params?: ScormProblem["params"]): PackageResult => ({
  ok: false,
  problem: params ? { code, params } : { code },
});

function skipped(name: string): boolean {
  return name.endsWith("/") || name.startsWith("__MACOSX/") || name.split("/").some((part) => part === ".DS_Store");
}

export function readScormPackage(bytes: Uint8Array): PackageResult {
  if (bytes.length > MAX_ZIP_BYTES) return fail("scorm.error.tooBig", { megabytes: MAX_ZIP_BYTES / 1024 / 1024 });
  let problem: ScormProblem | null = null;
  let count = 0;
  let declared = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (problem || skipped(file.name)) return false;
        if (isUnsafeZipPath(file.name)) problem = { code: "scorm.error.unsafePath", params: { name: file.name } };
        else if (/\.zip$/i.test(file.name)) problem = { code: "scorm.error.nestedZip", params: { name: file.name } };
        else {
          count += 1;
          declared += file.originalSize;
          if (count > MAX_PACKAGE_ENTRIES)
            problem = { code: "scorm.error.tooBig", params: { megabytes: MAX_ZIP_BYTES / 1024 / 1024 } };
          else if (declared > MAX_PACKAGE_UNPACKED_BYTES || file.originalSize > MAX_RATIO * Math.max(file.size, 1024))
            problem = { code: "scorm.error.zipBomb", params: { name: file.name } };
        }
        return problem === null;
      },
    });
  } catch {
    return problem ? { ok: false, problem } : fail("scorm.error.notZip");
  }
  if (problem) return { ok: false, problem };
  const names = Object.keys(entries);
  // A package zipped with its folder (a common mistake) is accepted from that folder.
  let prefix = "";
  if (!names.includes("imsmanifest.xml")) {
    const tops = new Set(names.map((n) => n.split("/")[0]));
    const [top] = [...tops];
    if (tops.size !== 1 || !names.includes(`${top}/imsmanifest.xml`)) return fail("scorm.error.noManifest");
    prefix = `${top}/`;
  }
  const files: ScormPackageFiles = new Map();
  let unpackedBytes = 0;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    files.set(name.slice(prefix.length), entries[name]);
    unpackedBytes += entries[name].length;
  }
  if (unpackedBytes > MAX_PACKAGE_UNPACKED_BYTES) return fail("scorm.error.zipBomb", { name: "*" });
  const result = parseManifest(strFromU8(files.get("imsmanifest.xml")!), new Set(files.keys()));
  if (!result.ok) return result;
  return { ok: true, manifest: result.manifest, files, unpackedBytes };
}

const MIME: Record<string, string> = {
  html: "text/html; charset=utf-8",
  htm: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json; charset=utf-8",
  xml: "application/xml; charset=utf-8",
  xsd: "application/xml; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  ico: "image/x-icon",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  wav: "audio/wav",
  ogg: "audio/ogg",
  mp4: "video/mp4",
  webm: "video/webm",
  vtt: "text/vtt; charset=utf-8",
  woff: "font/woff",
  woff2: "font/woff2",
  ttf: "font/ttf",
  otf: "font/otf",
  pdf: "application/pdf",
};

/** The Content-Type a package file is served with; unknown types are served as bytes. */
export function mimeTypeOf(path: string): string {
  const ext = path.split(".").pop()?.toLowerCase() ?? "";
  return MIME[ext] ?? "application/octet-stream";
}

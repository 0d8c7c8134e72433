/**
 * A course folder as a zip and back, with fflate. Pure (bytes in, bytes out). Reading is
 * defensive: entry count and sizes are capped, and paths that could escape the folder are refused.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

export const MAX_ZIP_BYTES = 20 * 1024 * 1024;
const MAX_ENTRIES = 500;
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;
const MAX_TOTAL_BYTES = 50 * 1024 * 1024;
const FIXED_DATE = new Date("2026-01-01T00:00:00Z");

/** `<slug>/<file>` entries, as `content/courses/<slug>/` is laid out; same files give the same bytes. */
export function zipCourseFiles(slug: string, files: Map<string, string>): Uint8Array {
  const tree: Zippable = {};
  for (const [name, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1)))
    tree[`${slug}/${name}`] = [strToU8(text), { mtime: FIXED_DATE }];
  return zipSync(tree, { level: 6 });
}

export const ZIP_ERROR_CODES = [
  "authoring.import.notZip",
  "authoring.import.tooBig",
  "authoring.import.noCourse",
  "authoring.import.unsafePath",
] as const;
export type UnzippedCourse =
  { ok: true; dirName: string; files: Map<string, string> } | { ok: false; error: (typeof ZIP_ERROR_CODES)[number] };

/** A zip entry name that could escape the folder it is unpacked into (shared with SCORM packages). */
export function isUnsafeZipPath(name: string): boolean {
  return (
    name.startsWith("/") ||
    name.includes("\\") ||
    name.split("/").some((part) => part === "..") ||
    /^[A-Za-z]:/.test(name)
  );
}

/**
 * The course folder in a zip: either one top-level folder holding course.yaml (what export
 * writes, the folder name being the slug) or course.yaml at the top, named after the zip file.
 */
export function unzipCourse(bytes: Uint8Array, zipName: string): UnzippedCourse {
  if (bytes.length > MAX_ZIP_BYTES) return { ok: false, error: "authoring.import.tooBig" };
  let entries: Record<string, Uint8Array>;
  let count = 0;
  let total = 0;
  let tooBig = false;
  let badPath = false;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (isUnsafeZipPath(file.name)) badPath = true;
        if (
          badPath ||
          file.name.endsWith("/") ||
          file.name.startsWith("__MACOSX/") ||
          file.name.split("/").some((p) => p.startsWith("."))
        )
          return false;
        count += 1;
        total += file.originalSize;
        if (count > MAX_ENTRIES || file.originalSize > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES) tooBig = true;
        return !tooBig && !badPath;
      },
    });
  } catch {
    return { ok: false, error: "authoring.import.notZip" };
  }
  if (badPath) return { ok: false, error: "authoring.import.unsafePath" };
  if (tooBig) return { ok: false, error: "authoring.import.tooBig" };
  const names = Object.keys(entries);
  let prefix = "";
  let dirName =
    zipName
      .replace(/\.zip$/i, "")
      .split(/[\\/]/)
      .pop() ?? "";
  if (!names.includes("course.yaml")) {
    const tops = new Set(names.map((n) => n.split("/")[0]));
    const [top] = [...tops];
    if (tops.size !== 1 || !names.includes(`${top}/course.yaml`))
      return { ok: false, error: "authoring.import.noCourse" };
    prefix = `${top}/`;
    dirName = top;
  }
  const files = new Map<string, string>();
  for (const name of names) if (name.startsWith(prefix)) files.set(name.slice(prefix.length), strFromU8(entries[name]));
  return { ok: true, dirName, files };
}

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isStaffPath } from "~/lib/i18n/dictionary-parts";
import { learnerEn } from "~/lib/i18n/learner.en";
import { learnerVi } from "~/lib/i18n/learner.vi";
import { vi } from "~/lib/i18n/messages.vi";
import { staffEn } from "~/lib/i18n/staff.en";
import { staffVi } from "~/lib/i18n/staff.vi";

// A page outside the staff areas has only the learner part of the dictionary in the browser: a
// staff key named by its code would show as the raw key after hydration. This walks the
// browser's import graph from every such route (and the root) and lists each staff key it names.
const APP = path.resolve("app");
const STAFF_ROUTE_FILE = /^(author|org|admin)([._]|$)/;

function resolveImport(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(APP, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return undefined;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.ts")])
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  return undefined;
}

/** The files the browser build of these entries contains (`.server` modules are emptied there). */
function browserGraph(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || /\.server\.tsx?$/.test(file)) continue;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(
      /(?:import|export)\s+(type\s+)?[^"';]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g,
    )) {
      if (match[1]) continue;
      const target = resolveImport(file, match[2] ?? match[3]);
      if (target) queue.push(target);
    }
  }
  return seen;
}

const isDictionaryFile = (file: string) => file.startsWith(path.join(APP, "lib/i18n/")) && /\.(vi|en)\.ts$/.test(file);

/** Every `"key"` of the whole dictionary that the files name, with the file. */
function namedKeys(files: Set<string>): { file: string; key: string }[] {
  const keys = new Set(Object.keys(vi));
  const named: { file: string; key: string }[] = [];
  for (const file of files) {
    if (isDictionaryFile(file)) continue;
    for (const [, key] of fs.readFileSync(file, "utf8").matchAll(/["'`]([\w-]+(?:\.[\w-]+)+)["'`]/g))
      if (keys.has(key)) named.push({ file: path.relative(APP, file), key });
  }
  return named;
}

const routeFiles = fs
  .readdirSync(path.join(APP, "routes"))
  .filter((name) => /\.tsx?$/.test(name) && !name.includes(".test."));
const everyPage = [path.join(APP, "root.tsx"), path.join(APP, "entry.client.tsx")];
const learnerGraph = browserGraph([
  ...routeFiles.filter((name) => !STAFF_ROUTE_FILE.test(name)).map((name) => path.join(APP, "routes", name)),
  ...everyPage,
]);
const staffGraph = browserGraph([
  ...routeFiles.filter((name) => STAFF_ROUTE_FILE.test(name)).map((name) => path.join(APP, "routes", name)),
  ...everyPage,
]);

describe("the parts of the dictionary the browser loads", () => {
  it("learner: every key that code outside the staff areas names", () => {
    expect(learnerGraph.size).toBeGreaterThan(50);
    const misplaced = namedKeys(learnerGraph).filter(({ key }) => !(key in learnerVi));
    expect(misplaced.map(({ file, key }) => `${file}: ${key}`)).toEqual([]);
  });

  it("learner and staff: every key that code of the staff areas names", () => {
    expect(staffGraph.size).toBeGreaterThan(50);
    const missing = namedKeys(staffGraph).filter(({ key }) => !(key in learnerVi) && !(key in staffVi));
    expect(missing.map(({ file, key }) => `${file}: ${key}`)).toEqual([]);
  });

  it("do not overlap, and each has its English", () => {
    expect(Object.keys(learnerVi).filter((key) => key in staffVi)).toEqual([]);
    expect(Object.keys(learnerEn).sort()).toEqual(Object.keys(learnerVi).sort());
    expect(Object.keys(staffEn).sort()).toEqual(Object.keys(staffVi).sort());
  });
});

describe("isStaffPath", () => {
  it.each([
    ["/author", true],
    ["/author/courses/x/preview", true],
    ["/org", true],
    ["/org/units/u1", true],
    ["/admin/audit", true],
    ["/authors", false],
    ["/organisation", false],
    ["/courses/org", false],
    ["/", false],
    ["/verify/HS-1234-5678", false],
  ])("%s → %s", (pathname, staff) => {
    expect(isStaffPath(pathname)).toBe(staff);
  });
});

import { describe, expect, it } from "vitest";
import { dynamicImports, formatKB, formatTable, pageAssets, percentile, staticImports, summarize } from "./stats";

describe("percentile (nearest rank)", () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    ["median of 1..100", oneToHundred, 50, 50],
    ["p95 of 1..100", oneToHundred, 95, 95],
    ["p99 of 1..100", oneToHundred, 99, 99],
    ["p100 is the maximum", oneToHundred, 100, 100],
    ["a tiny p is the minimum", oneToHundred, 0.001, 1],
    ["one sample is every percentile", [7], 99, 7],
    ["p50 of two samples is the lower one", [1, 9], 50, 1],
    ["p95 of ten samples is the largest", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95, 10],
    ["p50 of three", [1, 2, 3], 50, 2],
  ])("%s", (_name, samples, p, expected) => {
    expect(percentile(samples, p)).toBe(expected);
  });

  it("is NaN without samples", () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it.each([0, -1, 101, Number.NaN])("refuses p = %s", (p) => {
    expect(() => percentile([1], p)).toThrow(RangeError);
  });
});

describe("summarize", () => {
  it("sorts, picks p50/p95/p99 and rounds to 0.01 ms", () => {
    const samples = Array.from({ length: 200 }, (_, i) => (200 - i) / 3);
    expect(summarize(samples)).toEqual({ p50: 33.33, p95: 63.33, p99: 66 });
  });

  it("does not reorder the caller's array", () => {
    const samples = [3, 1, 2];
    summarize(samples);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe("formatKB", () => {
  it.each([
    [0, "0.0 KB"],
    [1024, "1.0 KB"],
    [122_880, "120.0 KB"],
    [1536, "1.5 KB"],
  ])("%d bytes → %s", (bytes, text) => {
    expect(formatKB(bytes)).toBe(text);
  });
});

describe("formatTable", () => {
  it("aligns columns, right-aligns numbers and prints – for no measurement", () => {
    const text = formatTable([
      {
        scenario: "pages",
        metric: "catalogue /courses",
        requests: 12345,
        rps: 1234.56,
        p50: 3.21,
        p95: 10,
        p99: 22.5,
        errors: 0,
        note: "HTML 6.1 KB",
      },
      {
        scenario: "exam",
        metric: "skipped",
        requests: 0,
        rps: Number.NaN,
        p50: Number.NaN,
        p95: Number.NaN,
        p99: Number.NaN,
        errors: 0,
        note: "not yet",
      },
    ]);
    const lines = text.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^scenario\s+metric\s+requests\s+req\/s\s+p50 ms\s+p95 ms\s+p99 ms\s+errors\s+note$/);
    expect(lines[2]).toContain("1235");
    expect(lines[2]).toContain("22.5");
    expect(lines[3]).toMatch(/skipped\s+0\s+–\s+–\s+–\s+–\s+0\s+not yet$/);
    // Every numeric column ends at the same offset on every line.
    const end = (line: string, token: string) => line.indexOf(token) + token.length;
    expect(end(lines[2], "12345")).toBe(end(lines[0], "requests"));
  });
});

describe("pageAssets", () => {
  const page = "http://127.0.0.1:3900/courses/x";
  const html = `<!DOCTYPE html><html><head>
    <link rel="stylesheet" href="/build/_assets/tailwind-ABC.css"/>
    <link rel="modulepreload" href="/build/manifest-1.js"/>
    <link rel="modulepreload" href="/build/entry.client-2.js"/>
    <link rel="modulepreload" href="/build/_shared/chunk-3.js"/>
    <link rel="icon" href="/favicon.ico"/>
    <link rel="modulepreload" href="https://cdn.example/x.js"/>
    </head><body>
    <script nonce="n">window.__remixContext = {"url":"import(\\"nope\\")"};</script>
    <script type="module" async nonce="n">import "/build/manifest-1.js";
import * as route0 from "/build/root-4.js";
import * as route1 from "/build/routes/courses-5.js";
window.__remixRouteModules = {"root":route0};
import("/build/entry.client-2.js");</script>
    <script src="/build/legacy-6.js" defer></script>
    <script src="/public-not-build.js"></script>
    </body></html>`;

  it("finds preloaded, imported and sourced scripts under /build/ only, once each", () => {
    const { scripts, styles } = pageAssets(html, page);
    expect(scripts.sort()).toEqual(
      [
        "http://127.0.0.1:3900/build/_shared/chunk-3.js",
        "http://127.0.0.1:3900/build/entry.client-2.js",
        "http://127.0.0.1:3900/build/legacy-6.js",
        "http://127.0.0.1:3900/build/manifest-1.js",
        "http://127.0.0.1:3900/build/root-4.js",
        "http://127.0.0.1:3900/build/routes/courses-5.js",
      ].sort(),
    );
    expect(styles).toEqual(["http://127.0.0.1:3900/build/_assets/tailwind-ABC.css"]);
  });

  it("accepts single quotes and unquoted attributes", () => {
    const { scripts } = pageAssets(
      `<link href='/build/a.js' rel='modulepreload'><script src=/build/b.js></script>`,
      page,
    );
    expect(scripts.sort()).toEqual(["http://127.0.0.1:3900/build/a.js", "http://127.0.0.1:3900/build/b.js"]);
  });

  it("counts the exam room's own script, which is served outside /build/", () => {
    const { scripts } = pageAssets(
      `<script src="/exam-room/attempt-1a2b.js" defer></script><script src="/other/c.js"></script>`,
      page,
    );
    expect(scripts).toEqual(["http://127.0.0.1:3900/exam-room/attempt-1a2b.js"]);
  });
});

describe("staticImports / dynamicImports", () => {
  const minified = `import{a as e,b as t}from"/build/_shared/chunk-A.js";import"./side-effect.js";export*from"./re.js";export{x}from'./named.js';const m=()=>import("/build/_shared/hls-B.js");var s="import";`;

  it("finds static imports and re-exports, not import()", () => {
    expect(staticImports(minified)).toEqual(["/build/_shared/chunk-A.js", "./side-effect.js", "./re.js", "./named.js"]);
  });

  it("finds import() with a literal argument", () => {
    expect(dynamicImports(minified)).toEqual(["/build/_shared/hls-B.js"]);
  });

  it("handles multi-line, unminified imports", () => {
    expect(staticImports(`import {\n  a,\n  b,\n} from "./x.js";\nimport * as y from './y.js';`)).toEqual([
      "./x.js",
      "./y.js",
    ]);
  });
});

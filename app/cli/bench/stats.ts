// Pure helpers of `npm run bench`: percentiles, the results table, and which JavaScript a page
// loads. No I/O here, so that they can be table-tested (stats.test.ts).
import type { BenchRow } from "./types";

/**
 * The p-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest sample that at
 * least p % of the samples do not exceed. Nearest rank always returns a measured value, which
 * keeps small samples (a 200-request TTFB probe) honest; NaN for no samples.
 */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const n = sortedAscending.length;
  if (n === 0) return Number.NaN;
  return sortedAscending[Math.min(n, Math.ceil((p / 100) * n)) - 1];
}

export type LatencySummary = { p50: number; p95: number; p99: number };

/** p50/p95/p99 of unsorted samples in milliseconds, rounded to 0.01 ms. */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => round(percentile(sorted, p), 2);
  return { p50: at(50), p95: at(95), p99: at(99) };
}

export function round(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Bytes as KB with one decimal (1 KB = 1024 bytes, like browser dev tools). */
export function formatKB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

const COLUMNS = ["scenario", "metric", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "note"] as const;
const NUMERIC = new Set<string>(["requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"]);

function cell(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "–";
}

/** The results as an aligned plain-text table (numbers right-aligned, the note left as is). */
export function formatTable(rows: readonly BenchRow[]): string {
  const body = rows.map((row) => [
    row.scenario,
    row.metric,
    String(row.requests),
    cell(row.rps, row.rps >= 100 ? 0 : 1),
    cell(row.p50, 1),
    cell(row.p95, 1),
    cell(row.p99, 1),
    String(row.errors),
    row.note ?? "",
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...body.map((line) => line[i].length)));
  const render = (line: readonly string[]) =>
    line
      .map((text, i) =>
        i === line.length - 1 ? text : NUMERIC.has(COLUMNS[i]) ? text.padStart(widths[i]) : text.padEnd(widths[i]),
      )
      .join("  ")
      .trimEnd();
  const rule = widths
    .map((width, i) => "-".repeat(i === widths.length - 1 ? Math.max(4, Math.min(width, 40)) : width))
    .join("  ");
  return [render(COLUMNS), rule, ...body.map(render)].join("\n");
}

/** Where the app serves scripts: the Remix build, and the exam room's own scripts (served before Remix). */
export function isScriptPath(pathname: string): boolean {
  return pathname.startsWith("/build/") || pathname.startsWith("/exam-room/");
}

/**
 * The JavaScript and CSS a server-rendered page asks the browser for, as absolute URLs under
 * `/build/` or `/exam-room/`: `<script src>`, `<link rel="modulepreload">`, every import in the inline module
 * scripts (Remix's bootstrap loads the client entry with `import()`; it always runs), and
 * stylesheets. Dynamic `import()` inside the fetched modules is the caller's to ignore: it
 * loads only when used (hls.js for an HLS video), which is the point of splitting it off.
 */
export function pageAssets(html: string, pageUrl: string): { scripts: string[]; styles: string[] } {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const keep = (href: string | undefined, into: Set<string>) => {
    if (!href) return;
    const url = new URL(decodeEntities(href), pageUrl);
    if (url.origin === new URL(pageUrl).origin && isScriptPath(url.pathname)) into.add(url.href);
  };
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) keep(attribute(tag, "src"), scripts);
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = (attribute(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    if (rel.includes("modulepreload")) keep(attribute(tag, "href"), scripts);
    else if (rel.includes("stylesheet")) keep(attribute(tag, "href"), styles);
  }
  for (const [, body] of html.matchAll(/<script\b[^>]*\btype=["']?module["']?[^>]*>([\s\S]*?)<\/script>/gi)) {
    for (const specifier of [...staticImports(body ?? ""), ...dynamicImports(body ?? "")]) keep(specifier, scripts);
  }
  return { scripts: [...scripts], styles: [...styles] };
}

/**
 * Specifiers of the static imports and re-exports in an ES module (`import x from "…"`,
 * `import "…"`, `export * from "…"`), not of `import("…")`. A regular expression is enough for
 * bundler output; a false match only costs one extra fetch that the caller checks.
 */
export function staticImports(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(
    /(?:^|[\s;{}()])(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?(["'])([^"'\n]+)\1/g,
  )) {
    found.add(match[2]);
  }
  return [...found];
}

/** Specifiers of `import("…")` calls with a literal argument. */
export function dynamicImports(source: string): string[] {
  return [...new Set([...source.matchAll(/\bimport\s*\(\s*(["'])([^"'\n]+)\1\s*\)/g)].map((match) => match[2]))];
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");
}

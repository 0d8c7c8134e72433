// Bench scenario "pages": what a citizen opens first — the catalogue, a diacritic-free search,
// a course page, and a lesson page as an enrolled learner — under keep-alive load, with each
// page's weight (HTML + JS gzip), and the lesson page's time to first byte against its budget.
// Scenario "weight": the lesson and attempt pages' weight against the 3G budgets, without load.
import fs from "node:fs";
import { BROWSER_HEADERS, loadTest, logIn, pageWeight, postForm, ttfbProbe, type PageWeight } from "./runner.server";
import { formatKB, round } from "./stats";
import type { BenchContext, BenchRow, BenchScenario } from "./types";

const COURSE_SLUG = "ky-nang-so-cho-cong-dan";
const CONNECTIONS = 50;

/**
 * Budgets from issue 3 ("Performance") and issue 12 item 19 (a cheap phone on 3G). The JS
 * budget counts every script the page loads, its dictionary included, compressed as a current
 * browser receives it (brotli where the server sends it); it applies to the lesson and the
 * attempt page.
 */
export const BUDGETS = {
  lessonTtfbP50Ms: 20,
  pageJsCompressedBytes: 100 * 1024,
  pageJsFiles: 10,
  htmlGzipBytes: 15 * 1024,
  precacheGzipBytes: 300 * 1024,
} as const;

type Endpoint = { metric: string; path: string; headers: Record<string, string> };

export const pagesScenario: BenchScenario = {
  name: "pages",
  description: `catalogue, search, course and lesson pages: ${CONNECTIONS} keep-alive connections, req/s and latency, HTML + JS gzip, lesson TTFB`,
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const seconds = ctx.quick ? 3 : 10;
    // Unmeasured ramp-up before each window: JIT warm-up, a cold connection pool, and the
    // backlog the previous endpoint's load left in the server.
    const warmupSeconds = ctx.quick ? 1 : 2;
    const cookie = await enrolledLearner(ctx);
    const lessonPath = await firstLessonPath(ctx.baseUrl, cookie);
    const endpoints: Endpoint[] = [
      { metric: "catalogue /courses", path: "/courses", headers: { ...BROWSER_HEADERS } },
      { metric: "search ?q=chu+ky+so", path: "/courses?q=chu+ky+so", headers: { ...BROWSER_HEADERS } },
      { metric: "course page", path: `/courses/${COURSE_SLUG}`, headers: { ...BROWSER_HEADERS } },
      { metric: "lesson page (learner)", path: lessonPath, headers: { ...BROWSER_HEADERS, cookie } },
    ];

    const rows: BenchRow[] = [];
    for (const endpoint of endpoints) {
      const url = new URL(endpoint.path, ctx.baseUrl).href;
      const weight = await pageWeight(url, endpoint.headers);
      if (weight.status !== 200) throw new Error(`GET ${endpoint.path} answered ${weight.status} before the load test`);
      ctx.log(`${endpoint.metric}: ${seconds} s with ${CONNECTIONS} connections`);
      const result = await loadTest({
        url,
        headers: endpoint.headers,
        connections: CONNECTIONS,
        seconds,
        warmupSeconds,
      });
      const notes = [weightNote(weight)];
      if (endpoint.path.startsWith("/courses?") || endpoint.path === "/courses")
        notes.push(`${listedCourses(weight.html)} courses listed`);
      const statuses = Object.keys(result.statusCodes).filter((code) => code !== "200");
      if (statuses.length > 0)
        notes.push(
          `status ${Object.entries(result.statusCodes)
            .map(([code, n]) => `${code}×${n}`)
            .join(" ")}`,
        );
      rows.push({
        scenario: "pages",
        metric: endpoint.metric,
        requests: result.requests,
        rps: result.rps,
        p50: result.p50,
        p95: result.p95,
        p99: result.p99,
        errors: result.errors,
        note: notes.join("; "),
      });
    }

    // TTFB on an otherwise idle server, one request at a time: the budget is about how fast
    // one learner's page starts arriving, not about throughput. When autocannon stops, up to
    // CONNECTIONS requests are still queued in the server; the pause lets them drain so that
    // the first samples do not wait behind them.
    await new Promise((resolve) => setTimeout(resolve, ctx.quick ? 1_000 : 2_000));
    const lessonUrl = new URL(lessonPath, ctx.baseUrl).href;
    const ttfbCount = ctx.quick ? 100 : 200;
    ctx.log(`lesson page TTFB: ${ttfbCount} sequential requests`);
    const ttfb = await ttfbProbe(
      lessonUrl,
      { ...BROWSER_HEADERS, cookie },
      { count: ttfbCount, warmup: 20, maxSeconds: ctx.quick ? 10 : 30 },
    );
    rows.push({
      scenario: "pages",
      metric: "lesson page TTFB (sequential)",
      requests: ttfb.requests,
      rps: ttfb.rps,
      p50: ttfb.p50,
      p95: ttfb.p95,
      p99: ttfb.p99,
      errors: ttfb.errors,
      note: `gzip, one connection; ${budgetNote("TTFB p50", ttfb.p50, BUDGETS.lessonTtfbP50Ms, (ms) => `${round(ms, 1)} ms`)}`,
    });
    rows.push(offlineWeightRow());
    return rows;
  },
};

/**
 * Page weight only, no load: what a learner's phone downloads for the lesson page and the
 * attempt page on a cold cache, against the budgets. `npm run bench -- --only weight` runs it
 * alone (a few seconds; the "pages" scenario runs the load tests).
 */
export const weightScenario: BenchScenario = {
  name: "weight",
  description: "page weight of the lesson and attempt pages (HTML, JS with the dictionary, CSS) against the 3G budgets",
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const cookie = await enrolledLearner(ctx);
    const lessonPath = await firstLessonPath(ctx.baseUrl, cookie);
    const attemptPath = await startedAttemptPath(ctx.baseUrl, cookie);
    const rows: BenchRow[] = [];
    for (const [metric, path] of [
      ["lesson page weight", lessonPath],
      ["attempt page weight", attemptPath],
    ] as const) {
      const weight = await pageWeight(new URL(path, ctx.baseUrl).href, { ...BROWSER_HEADERS, cookie });
      if (weight.status !== 200) throw new Error(`GET ${path} answered ${weight.status}`);
      // A sum with missing files would pass the budget for the wrong reason.
      const budgets =
        weight.failed.length === 0
          ? [
              atMostNote("JS", weight.jsBrowserBytes, BUDGETS.pageJsCompressedBytes, formatKB),
              atMostNote("JS files", weight.jsFiles, BUDGETS.pageJsFiles, String),
              atMostNote("HTML", weight.htmlBytes, BUDGETS.htmlGzipBytes, formatKB),
            ].join("; ")
          : "budget JS: not measured";
      rows.push({
        scenario: "weight",
        metric,
        requests: 1 + weight.jsFiles,
        rps: 0,
        p50: 0,
        p95: 0,
        p99: 0,
        errors: weight.failed.length,
        note: `${weightNote(weight)}; JS ${formatKB(weight.jsBrowserBytes)} ${weight.jsBrowserEncodings.join("+")}; ${budgets}`,
      });
    }
    return rows;
  },
};

/** Starts the course's exam as the learner (the button on the exam page) and returns the attempt page's path. */
async function startedAttemptPath(baseUrl: string, cookie: string): Promise<string> {
  const response = await postForm(baseUrl, `/courses/${COURSE_SLUG}/exam`, { intent: "start" }, cookie);
  const location = response.headers.get("location") ?? "";
  if (response.status < 300 || response.status > 399 || !/^\/attempts\/[\w-]+$/.test(location))
    throw new Error(`starting the exam of ${COURSE_SLUG} failed: HTTP ${response.status} ${location}`);
  return location;
}

/**
 * A learner created directly in the database (the bench process points at the server's
 * database), then logged in and enrolled over HTTP like a browser. Returns the Cookie header.
 */
async function enrolledLearner(ctx: BenchContext): Promise<string> {
  // Imported here, not at the top: the database client is created on import and must see the
  // DATABASE_URL the runner sets for this run.
  const { createUser, uniqueEmail } = await import("~/lib/fixtures/factories.server");
  const user = await createUser({ email: uniqueEmail("bench"), fullName: "Nguyễn Văn Bền" });
  const cookie = await logIn(ctx.baseUrl, user.email, user.password);
  const enrolment = await postForm(ctx.baseUrl, `/courses/${COURSE_SLUG}`, {}, cookie);
  if (enrolment.status < 300 || enrolment.status > 399)
    throw new Error(`enrolment in ${COURSE_SLUG} failed: HTTP ${enrolment.status}`);
  ctx.log(`learner ${user.email} logged in and enrolled in ${COURSE_SLUG}`);
  return cookie;
}

/** The first lesson linked from the course page (the syllabus links lessons once enrolled). */
async function firstLessonPath(baseUrl: string, cookie: string): Promise<string> {
  const response = await fetch(new URL(`/courses/${COURSE_SLUG}`, baseUrl), {
    headers: { ...BROWSER_HEADERS, cookie },
    signal: AbortSignal.timeout(15_000),
  });
  const html = await response.text();
  const match = new RegExp(`href="(/courses/${COURSE_SLUG}/lessons/[a-z0-9-]+)"`).exec(html);
  if (!match) throw new Error(`the course page (HTTP ${response.status}) links no lesson: is the learner enrolled?`);
  return match[1];
}

/** The service worker and what it precaches on install, gzip, as the build measured them (.ci/build-sw.mjs). */
function offlineWeightRow(): BenchRow {
  const sizes = JSON.parse(fs.readFileSync("build/offline-size.json", "utf8")) as {
    swGzipBytes: number;
    precacheGzipBytes: number;
    precacheFiles: number;
  };
  return {
    scenario: "pages",
    metric: "service worker + precache",
    requests: 0,
    rps: 0,
    p50: 0,
    p95: 0,
    p99: 0,
    errors: 0,
    note: `sw.js ${formatKB(sizes.swGzipBytes)} gzip; precache ${formatKB(sizes.precacheGzipBytes)} gzip (${sizes.precacheFiles} files); ${budgetNote("precache", sizes.precacheGzipBytes, BUDGETS.precacheGzipBytes, formatKB)}`,
  };
}

function weightNote(weight: PageWeight): string {
  const parts = [
    `HTML ${formatKB(weight.htmlBytes)}${weight.htmlCompressed ? "" : " (uncompressed!)"} + JS ${formatKB(weight.jsBytes)} gzip (${weight.jsFiles} files), CSS ${formatKB(weight.cssBytes)}`,
  ];
  // Typically the build was replaced under the running server (its manifest names files that
  // are gone): say so briefly rather than list every file.
  if (weight.failed.length > 0)
    parts.push(
      `${weight.failed.length} assets failed to load, e.g. ${weight.failed[0]}: was build/ rebuilt during the run?`,
    );
  return parts.join("; ");
}

/** Distinct course pages linked from a catalogue page: a search that finds nothing shows here. */
function listedCourses(html: string): number {
  return new Set([...html.matchAll(/href="\/courses\/([a-z0-9-]+)"/g)].map((match) => match[1])).size;
}

function budgetNote(what: string, value: number, limit: number, format: (n: number) => string): string {
  return `budget ${what} < ${format(limit)}: ${value < limit ? "met" : `MISSED (${format(value)})`}`;
}

function atMostNote(what: string, value: number, limit: number, format: (n: number) => string): string {
  return `budget ${what} ≤ ${format(limit)}: ${value <= limit ? "met" : `MISSED (${format(value)})`}`;
}

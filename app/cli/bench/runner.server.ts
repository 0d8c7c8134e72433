// HTTP helpers for bench scenarios: a load test (autocannon), a sequential time-to-first-byte
// probe, page weight, and logging in as a learner. Every request goes to the loopback address
// of the server the bench started, and every loop is bounded in count and in time.
import http from "node:http";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";
import { partsFor } from "~/lib/i18n/dictionary-parts";
import { dynamicImports, isScriptPath, pageAssets, staticImports, summarize, type LatencySummary } from "./stats";

/**
 * A phone browser's request headers: a non-bot user agent gets the streamed render (bots wait
 * for the whole document, see entry.server.tsx) and gzip makes the server compress, as it
 * does for real visitors.
 */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = {
  "user-agent":
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 hocso-bench",
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "accept-encoding": "gzip",
  "accept-language": "vi-VN,vi;q=0.9",
};

/** Refuses any URL that is not on the loopback address: the bench never loads another host. */
export function assertLoopback(url: string): URL {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" || parsed.hostname !== "127.0.0.1")
    throw new Error(`bench traffic goes only to http://127.0.0.1, not ${parsed.origin}`);
  return parsed;
}

// autocannon ships no type declarations; this is the part of its API the bench uses.
type AutocannonOptions = {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  duration: number;
  timeout: number;
  sampleInt: number;
  requests?: { setupRequest: (request: AutocannonRequest) => AutocannonRequest }[];
};
type AutocannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type AutocannonInstance = PromiseLike<unknown> & {
  on(
    event: "response",
    listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
  ): void;
  /** Connection errors and timeouts, one event per failed request. */
  on(event: "reqError", listener: (error: Error) => void): void;
  stop(): void;
};
const autocannon = createRequire(import.meta.url)("autocannon") as (options: AutocannonOptions) => AutocannonInstance;

// Load tests in flight, so that an interrupted bench (Ctrl-C) can stop its traffic at once
// instead of leaving it to run against a server that is shutting down.
const running = new Set<AutocannonInstance>();
let interrupted = false;

/** Stops every load test in flight and refuses new traffic (for the runner's signal handler). */
export function stopAllTraffic(): void {
  interrupted = true;
  for (const instance of running) instance.stop();
}

function assertNotInterrupted(): void {
  if (interrupted) throw new Error("bench interrupted");
}

export type LoadTestResult = LatencySummary & {
  /** Responses received in the measured window. */
  requests: number;
  rps: number;
  /** Connection errors, timeouts and non-2xx responses in the measured window. */
  errors: number;
  statusCodes: Record<string, number>;
};

export type LoadTestOptions = {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Concurrent keep-alive connections. */
  connections?: number;
  /** Length of the measured window. */
  seconds: number;
  /** Unmeasured ramp-up before the window (at least; see loadTest). Default 1 s. */
  warmupSeconds?: number;
  /** Request these paths of `url`'s origin in turn instead of `url` itself (e.g. many certificates). */
  paths?: readonly string[];
};

/** The longest the ramp-up may wait for every connection to have had an answer. */
const MAX_RAMP_SECONDS = 15;
/** The longest the window may be stretched to collect enough answers. */
const MAX_STRETCH_SECONDS = 15;

/**
 * Keep-alive load, measured over a steady-state window of at least `seconds`.
 *
 * The window opens after `warmupSeconds`, and only once every connection has had an answer:
 * at the start all connections send at once and, on a slow page, the server interleaves
 * them so that their answers arrive together after about connections × service time.
 * Counting from the first second would understate the throughput. For the same reason the
 * window stays open, beyond `seconds` if need be (at most MAX_STRETCH_SECONDS more), until it
 * holds two answers per connection; a window shorter than one such wave can see no answer
 * at all on an overloaded machine.
 *
 * Latencies are collected per response (autocannon's own summary has no p95), 2xx and errors
 * alike, because an error that comes back fast still happened; `errors` says how many.
 */
export async function loadTest({
  url,
  method = "GET",
  headers = {},
  body,
  connections = 50,
  seconds,
  warmupSeconds = 1,
  paths,
}: LoadTestOptions): Promise<LoadTestResult> {
  assertLoopback(url);
  assertNotInterrupted();
  if (!(seconds > 0 && seconds <= 120)) throw new RangeError(`load test duration out of range: ${seconds} s`);
  if (!(warmupSeconds >= 0 && warmupSeconds <= MAX_RAMP_SECONDS))
    throw new RangeError(`warm-up out of range: ${warmupSeconds} s`);

  const started = performance.now();
  const minAnswers = 2 * connections;
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let closing = false;
  let answered = 0;
  let answeredInWindow = 0;
  const latencies: number[] = [];
  let nextPath = 0;
  const statusCodes: Record<string, number> = {};
  let errors = 0;

  // autocannon's own duration is only the outer bound; closing the window stops it. It looks
  // at a stop request once per sample interval: 100 ms instead of 1 s ends the run promptly.
  const instance = autocannon({
    url,
    method,
    headers,
    body,
    connections,
    duration: MAX_RAMP_SECONDS + seconds + MAX_STRETCH_SECONDS + 1,
    timeout: 10,
    sampleInt: 100,
    ...(paths && paths.length > 0
      ? {
          requests: [
            { setupRequest: (request: AutocannonRequest) => ({ ...request, path: paths[nextPath++ % paths.length] }) },
          ],
        }
      : {}),
  });
  const timers: NodeJS.Timeout[] = [];
  const close = () => {
    if (windowEnd !== Number.POSITIVE_INFINITY) return;
    windowEnd = performance.now();
    instance.stop();
  };
  const openWindow = () => {
    if (windowStart !== Number.POSITIVE_INFINITY) return;
    windowStart = performance.now();
    timers.push(
      setTimeout(() => {
        closing = true;
        if (answeredInWindow >= minAnswers) close();
      }, seconds * 1000),
      setTimeout(close, (seconds + MAX_STRETCH_SECONDS) * 1000),
    );
  };
  timers.push(
    setTimeout(() => {
      if (answered >= connections) openWindow();
    }, warmupSeconds * 1000),
    setTimeout(openWindow, MAX_RAMP_SECONDS * 1000),
  );
  const inWindow = (now: number) => now >= windowStart && now <= windowEnd;
  const counted = (now: number) => {
    answered += 1;
    if (answered >= connections && now - started >= warmupSeconds * 1000) openWindow();
    if (!inWindow(now)) return false;
    answeredInWindow += 1;
    if (closing && answeredInWindow >= minAnswers) close();
    return true;
  };

  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    if (!counted(performance.now())) return;
    latencies.push(responseTime);
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode < 200 || statusCode > 299) errors += 1;
  });
  instance.on("reqError", () => {
    if (counted(performance.now())) errors += 1;
  });
  running.add(instance);
  try {
    await instance;
    assertNotInterrupted();
    const measured = (Math.min(performance.now(), windowEnd) - windowStart) / 1000;
    return {
      requests: latencies.length,
      rps: measured > 0 ? Math.round((latencies.length / measured) * 10) / 10 : 0,
      ...summarize(latencies),
      errors,
      statusCodes,
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    running.delete(instance);
  }
}

export type RawResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Bytes as transferred (compressed when the server compressed). */
  wireBytes: number;
  /** The decoded body. */
  body: Buffer;
  /** Milliseconds from sending the request to the response headers (the first byte). */
  ttfbMs: number;
};

/** One GET with node:http, so that the compressed size on the wire can be counted (fetch decodes transparently). */
export function getRaw(
  url: string,
  headers: Record<string, string>,
  agent?: http.Agent,
  timeoutMs = 10_000,
): Promise<RawResponse> {
  assertLoopback(url);
  assertNotInterrupted();
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { headers, agent }, (response) => {
      const ttfbMs = performance.now() - started;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const raw = Buffer.concat(chunks);
        const encoding = String(response.headers["content-encoding"] ?? "").toLowerCase();
        try {
          const body =
            encoding === "gzip"
              ? zlib.gunzipSync(raw)
              : encoding === "br"
                ? zlib.brotliDecompressSync(raw)
                : encoding === "deflate"
                  ? zlib.inflateSync(raw)
                  : raw;
          resolve({ status: response.statusCode ?? 0, headers: response.headers, wireBytes: raw.length, body, ttfbMs });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`GET ${url}: no response in ${timeoutMs} ms`)));
    request.on("error", reject);
  });
}

export type TtfbResult = LatencySummary & { requests: number; rps: number; errors: number };

/**
 * Time to first byte measured one request at a time on one keep-alive connection, so that
 * the figure is the server's own latency and not queueing behind other load. `warmup`
 * unmeasured requests open the connection first. Stops at `count` measured requests or
 * `maxSeconds`, whichever comes first.
 */
export async function ttfbProbe(
  url: string,
  headers: Record<string, string>,
  { count = 200, warmup = 0, maxSeconds = 20 } = {},
): Promise<TtfbResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  let errors = 0;
  const deadline = performance.now() + maxSeconds * 1000;
  let started = performance.now();
  try {
    for (let i = 0; i < warmup && performance.now() < deadline; i++)
      await getRaw(url, headers, agent).catch(() => undefined);
    started = performance.now();
    for (let i = 0; i < count && performance.now() < deadline; i++) {
      try {
        const response = await getRaw(url, headers, agent);
        samples.push(response.ttfbMs);
        if (response.status < 200 || response.status > 299) errors += 1;
      } catch (error) {
        if (interrupted) throw error;
        errors += 1;
      }
    }
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: samples.length + errors,
    rps: Math.round(((samples.length + errors) / seconds) * 10) / 10,
    errors,
    ...summarize(samples),
  };
}

export type PageWeight = {
  status: number;
  html: string;
  /** HTML bytes as transferred with Accept-Encoding: gzip. */
  htmlBytes: number;
  htmlCompressed: boolean;
  /** Sum over the page's JavaScript files (its dictionary included), as transferred with Accept-Encoding: gzip. */
  jsBytes: number;
  /** The same files as a current browser receives them (Accept-Encoding: gzip, deflate, br). */
  jsBrowserBytes: number;
  /** Content-Encoding values of those browser-like responses, e.g. ["br"] or ["br", "gzip"]. */
  jsBrowserEncodings: string[];
  jsFiles: number;
  cssBytes: number;
  /** Assets that did not load (status ≠ 200); they make the sums an underestimate. */
  failed: string[];
};

const MAX_ASSETS = 200;

/**
 * What a browser downloads for the page on a cold cache: the HTML, then every script it
 * preloads or imports statically — following static imports inside those files too, in case
 * one is not preloaded — and its stylesheets. Sizes are the bytes on the wire with gzip
 * (the server leaves files under its compression threshold as they are).
 */
export async function pageWeight(url: string, headers: Record<string, string>): Promise<PageWeight> {
  const page = await getRaw(url, headers);
  const html = page.body.toString("utf8");
  const assetHeaders = { "user-agent": headers["user-agent"] ?? "", "accept-encoding": "gzip" };
  const { scripts, styles } = pageAssets(html, url);
  const language = /<html\b[^>]*\blang="(\w+)"/.exec(html)?.[1] ?? "vi";
  const dictionaryParts = partsFor(new URL(url).pathname);
  const browserHeaders = { ...assetHeaders, "accept-encoding": "gzip, deflate, br" };
  const failed: string[] = [];
  let jsBytes = 0;
  let jsBrowserBytes = 0;
  const jsBrowserEncodings = new Set<string>();
  const seen = new Set<string>(scripts);
  const queue = [...scripts];
  while (queue.length > 0 && seen.size <= MAX_ASSETS) {
    const scriptUrl = queue.shift()!;
    const response = await getRaw(scriptUrl, assetHeaders);
    if (response.status !== 200) {
      failed.push(`${new URL(scriptUrl).pathname} (${response.status})`);
      continue;
    }
    jsBytes += response.wireBytes;
    const browser = await getRaw(scriptUrl, browserHeaders);
    jsBrowserBytes += browser.wireBytes;
    jsBrowserEncodings.add(String(browser.headers["content-encoding"] ?? "identity"));
    const source = response.body.toString("utf8");
    // The client entry imports the page's parts of its language's dictionary before hydrating:
    // they always load.
    const dictionary = dynamicImports(source).filter((specifier) =>
      dictionaryParts.some((part) => new RegExp(`(^|/)${part}\\.${language}-[\\w-]+\\.js$`).test(specifier)),
    );
    for (const specifier of [...staticImports(source), ...dictionary]) {
      const next = new URL(specifier, scriptUrl);
      if (next.origin !== new URL(url).origin || !isScriptPath(next.pathname) || seen.has(next.href)) continue;
      seen.add(next.href);
      queue.push(next.href);
    }
  }
  let cssBytes = 0;
  for (const styleUrl of styles) {
    const response = await getRaw(styleUrl, assetHeaders);
    if (response.status === 200) cssBytes += response.wireBytes;
    else failed.push(`${new URL(styleUrl).pathname} (${response.status})`);
  }
  return {
    status: page.status,
    html,
    htmlBytes: page.wireBytes,
    htmlCompressed: String(page.headers["content-encoding"] ?? "") === "gzip",
    jsBytes,
    jsBrowserBytes,
    jsBrowserEncodings: [...jsBrowserEncodings].sort(),
    jsFiles: seen.size,
    cssBytes,
    failed,
  };
}

/** A form POST the way a browser sends it (Origin header: the server refuses cross-site writes). */
export async function postForm(
  baseUrl: string,
  path: string,
  fields: Record<string, string>,
  cookie?: string,
): Promise<Response> {
  const url = new URL(path, baseUrl);
  assertLoopback(url.href);
  assertNotInterrupted();
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...BROWSER_HEADERS,
      "content-type": "application/x-www-form-urlencoded",
      origin: new URL(baseUrl).origin,
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(fields).toString(),
    signal: AbortSignal.timeout(15_000),
  });
}

/** Logs in over HTTP and returns the `Cookie` header value carrying the session. */
export async function logIn(
  baseUrl: string,
  email: string,
  password: string,
  cookieName = "hocso_session",
): Promise<string> {
  const response = await postForm(baseUrl, "/login", { email, password });
  const session = response.headers.getSetCookie().find((line) => line.startsWith(`${cookieName}=`));
  if (response.status < 300 || response.status > 399 || !session) {
    throw new Error(`login as ${email} failed: HTTP ${response.status}${session ? "" : `, no ${cookieName} cookie`}`);
  }
  return session.split(";")[0];
}

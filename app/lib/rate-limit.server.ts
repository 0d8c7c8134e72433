import { env } from "~/lib/env.server";
import { inClusterWorker, onPrimaryMessage, sendToPrimary, type RateLimitResult } from "~/lib/cluster.server";

// A fixed-window limiter per key (e.g. per client IP) kept in memory. It protects public
// endpoints from scraping. In a cluster the counters live in the primary, so the limit holds
// for the whole instance whichever worker a request lands on; with several instances each
// enforces its own (a balancer in front can add a global one, see README "Deployment").
const windows = new Map<string, { start: number; count: number }>();

export function rateLimit(key: string, limit: number, windowMs: number, now = Date.now()): RateLimitResult {
  const current = windows.get(key);
  if (!current || now - current.start >= windowMs) {
    if (windows.size > 50_000) windows.clear();
    windows.set(key, { start: now, count: 1 });
    return { ok: true };
  }
  current.count += 1;
  if (current.count <= limit) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.ceil((current.start + windowMs - now) / 1000) };
}

let nextRequestId = 0;
const awaitingPrimary = new Map<number, (result: RateLimitResult) => void>();

/** Counts one request: here, or in the primary when this process is one of its workers. */
export function countRequest(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
  if (!inClusterWorker) return Promise.resolve(rateLimit(key, limit, windowMs));
  if (nextRequestId === 0)
    onPrimaryMessage((message) => {
      if (message.hocso !== "rate-limit-result") return;
      awaitingPrimary.get(message.id)?.(message.result);
      awaitingPrimary.delete(message.id);
    });
  const id = ++nextRequestId;
  return new Promise((resolve) => {
    awaitingPrimary.set(id, resolve);
    sendToPrimary({ hocso: "rate-limit", id, key, limit, windowMs });
  });
}

const VERIFY_LIMIT = env.verifyRateLimit;

/** Public verification: VERIFY_RATE_LIMIT requests per minute per client address (default 120). */
export function verificationAllowed(ip: string) {
  return countRequest(`verify:${ip}`, VERIFY_LIMIT, 60_000);
}

/** The same limit for Remix routes: throws a 429 response. */
export async function limitVerification(ip: string) {
  const result = await verificationAllowed(ip);
  if (!result.ok) {
    throw new Response("Too many requests", {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

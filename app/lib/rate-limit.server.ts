import { env } from "~/lib/env.server";

// A fixed-window limiter per key (e.g. per client IP) kept in process memory. It protects
// public endpoints from scraping; with several instances each enforces its own share.
const windows = new Map<string, { start: number; count: number }>();

export function rateLimit(
  key: string,
  limit: number,
  windowMs: number,
  now = Date.now(),
): { ok: true } | { ok: false; retryAfterSeconds: number } {
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

const VERIFY_LIMIT = env.verifyRateLimit;

/** Public verification: VERIFY_RATE_LIMIT requests per minute per client address (default 120). */
export function verificationAllowed(ip: string) {
  return rateLimit(`verify:${ip}`, VERIFY_LIMIT, 60_000);
}

/** The same limit for Remix routes: throws a 429 response. */
export function limitVerification(ip: string) {
  const result = verificationAllowed(ip);
  if (!result.ok) {
    throw new Response("Too many requests", {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

import { describe, expect, it } from "vitest";
import { rateLimit } from "./rate-limit.server";

describe("rateLimit", () => {
  it("allows the limit within a window, refuses past it, and opens again in the next window", () => {
    const key = `test-${Math.random()}`;
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(rateLimit(key, 3, 60_000, t0 + i).ok).toBe(true);
    expect(rateLimit(key, 3, 60_000, t0 + 10)).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(rateLimit(key, 3, 60_000, t0 + 59_000)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(rateLimit(key, 3, 60_000, t0 + 60_000).ok).toBe(true);
  });

  it("keeps keys apart", () => {
    const a = `a-${Math.random()}`;
    const b = `b-${Math.random()}`;
    expect(rateLimit(a, 1, 1000, 0).ok).toBe(true);
    expect(rateLimit(a, 1, 1000, 1).ok).toBe(false);
    expect(rateLimit(b, 1, 1000, 1).ok).toBe(true);
  });
});

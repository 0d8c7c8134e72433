import { describe, expect, it } from "vitest";
import { isCrossSiteWrite, maxBodyBytesFor, securityHeaders } from "./security";

describe("isCrossSiteWrite", () => {
  const own = "http://localhost:3000";
  it.each([
    ["GET", "https://evil.example", undefined, false],
    ["HEAD", undefined, "cross-site", false],
    ["POST", own, undefined, false],
    ["POST", "https://evil.example", undefined, true],
    ["POST", "http://localhost:3001", undefined, true],
    ["POST", "null", undefined, true],
    ["POST", undefined, "cross-site", true],
    ["POST", undefined, "same-origin", false],
    ["POST", undefined, undefined, false],
    ["DELETE", "https://evil.example", "cross-site", true],
  ] as const)("%s from %s (sec-fetch-site %s) → refused: %s", (method, origin, site, refused) => {
    expect(isCrossSiteWrite(method, origin, site, own)).toBe(refused);
  });
});

describe("securityHeaders", () => {
  it("allows scripts only with the request nonce and forbids framing", () => {
    const headers = securityHeaders("abc123", "/");
    expect(headers["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc123'");
    expect(headers["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });
});

describe("maxBodyBytesFor", () => {
  it.each([
    ["/login", 1024 * 1024],
    ["/author/courses/x/attachments", 25 * 1024 * 1024],
    ["/admin/users/import", 25 * 1024 * 1024],
    ["/importer-info", 1024 * 1024],
  ])("%s → %d", (pathname, limit) => {
    expect(maxBodyBytesFor(pathname)).toBe(limit);
  });
});

describe("HSTS", () => {
  it("is sent over HTTPS only", () => {
    expect(securityHeaders("n", "/", true)["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
    expect(securityHeaders("n", "/", false)["Strict-Transport-Security"]).toBeUndefined();
  });
});

describe("the dev loop's live-reload socket", () => {
  const connectSrc = (liveReloadOrigin?: string) =>
    /connect-src [^;]*/.exec(securityHeaders("n", "/", false, liveReloadOrigin)["Content-Security-Policy"])?.[0];

  it.each([
    ["without remix dev (production)", undefined, "connect-src 'self' https:"],
    ["under remix dev", "http://localhost:3001", "connect-src 'self' https: ws://localhost:3001"],
  ])("connect-src %s", (_when, origin, expected) => {
    expect(connectSrc(origin)).toBe(expected);
  });
});

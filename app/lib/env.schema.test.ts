import { describe, expect, it } from "vitest";
import { parseEnv, parseTrustProxy } from "~/lib/env.schema";

const PRODUCTION = {
  NODE_ENV: "production",
  PUBLIC_URL: "https://hocso.example.gov.vn/",
  SESSION_SECRET: "s".repeat(32),
};

describe("parseEnv", () => {
  it("accepts a complete production configuration and normalises it", () => {
    const result = parseEnv({ ...PRODUCTION, VERIFY_RATE_LIMIT: "60", TRUST_PROXY: "1" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.publicUrl).toBe("https://hocso.example.gov.vn");
    expect(result.env.verifyRateLimit).toBe(60);
    expect(result.env.trustProxy).toBe(1);
  });

  it("defaults outside production: no proxy, localhost address, no secret (generated per process)", () => {
    const result = parseEnv({ PORT: "4100" });
    expect(result.ok && result.env).toMatchObject({
      trustProxy: false,
      publicUrl: "http://localhost:4100",
      sessionSecret: null,
      verifyRateLimit: 120,
    });
  });

  it.each([
    [{ VERIFY_RATE_LIMIT: "abc" }, "VERIFY_RATE_LIMIT: must be a whole number"],
    [{ VERIFY_RATE_LIMIT: "0" }, "VERIFY_RATE_LIMIT: must be at least 1"],
    [{ TRUST_PROXY: "yes please" }, "TRUST_PROXY: must be a hop count"],
    [{ PORT: "70000" }, "PORT: must be a port number"],
    [{ PUBLIC_URL: "hocso.example.gov.vn" }, "PUBLIC_URL: must be an absolute http(s) URL"],
    [{ PUBLIC_URL: "https://evil@hocso.example.gov.vn" }, "PUBLIC_URL: must be an absolute http(s) URL"],
    [{ SESSION_SECRET: "short" }, "SESSION_SECRET: must be at least 32 characters"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must start with file:"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL:"],
    [{ REMINDER_OFFSETS_DAYS: "7;1" }, "REMINDER_OFFSETS_DAYS:"],
    [{ PUBLIC_URL: undefined }, "PUBLIC_URL: required in production"],
    [{ SESSION_SECRET: undefined }, "SESSION_SECRET: required in production"],
    [{ XAPI_ENDPOINT: "lrs.example.gov.vn/xapi" }, "XAPI_ENDPOINT: must be the LRS's absolute http(s) base URL"],
    [{ XAPI_ENDPOINT: "https://key:secret@lrs.example.gov.vn" }, "XAPI_ENDPOINT: must be the LRS's absolute"],
    [{ XAPI_ENDPOINT: "https://lrs.example.gov.vn", XAPI_USERNAME: "key" }, "XAPI_PASSWORD: required when"],
    [{ XAPI_ENDPOINT: "https://lrs.example.gov.vn", XAPI_PASSWORD: "pw" }, "XAPI_USERNAME: required when"],
    [{ XAPI_USERNAME: "key", XAPI_PASSWORD: "pw" }, "XAPI_ENDPOINT: required when XAPI_USERNAME, XAPI_PASSWORD is set"],
    [{ XAPI_ENDPOINT: "https://lrs.example.gov.vn", XAPI_ACTOR_MBOX: "yes" }, "XAPI_ACTOR_MBOX:"],
  ])("refuses %o with a message naming the variable", (override, message) => {
    const result = parseEnv({ ...PRODUCTION, ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain(message);
  });

  it("reports every problem at once, and never echoes the secret", () => {
    const result = parseEnv({ NODE_ENV: "production", VERIFY_RATE_LIMIT: "abc", SESSION_SECRET: "tiny-secret" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((line) => line.split(":")[0])).toEqual([
      "SESSION_SECRET",
      "VERIFY_RATE_LIMIT",
      "PUBLIC_URL",
    ]);
    expect(result.problems.join("\n")).not.toContain("tiny-secret");
  });
});

describe("the xAPI configuration", () => {
  it("is off without an endpoint", () => {
    const result = parseEnv({});
    expect(result.ok && result.env.xapi).toBeNull();
  });

  it("normalises the endpoint and keeps credentials and the actor choice", () => {
    const result = parseEnv({
      XAPI_ENDPOINT: "https://lrs.example.gov.vn/xapi/",
      XAPI_USERNAME: "hocso",
      XAPI_PASSWORD: "mật-khẩu",
      XAPI_ACTOR_MBOX: "1",
    });
    expect(result.ok && result.env.xapi).toEqual({
      endpoint: "https://lrs.example.gov.vn/xapi",
      username: "hocso",
      password: "mật-khẩu",
      actorMbox: true,
    });
  });

  it("never echoes the LRS password", () => {
    const result = parseEnv({ XAPI_PASSWORD: "lrs-password-value" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join("\n")).not.toContain("lrs-password-value");
  });
});

describe("parseTrustProxy", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["false", false],
    ["0", false],
    ["true", true],
    ["1", 1],
    ["2", 2],
    ["loopback", ["loopback"]],
    ["loopback, 10.0.0.0/8", ["loopback", "10.0.0.0/8"]],
    ["::1,fd00::/8,192.168.1.10", ["::1", "fd00::/8", "192.168.1.10"]],
  ] as const)("%s → %o", (raw, value) => {
    expect(parseTrustProxy(raw)).toEqual({ ok: true, value });
  });

  it.each(["yes", "10.0.0.0/33", "300.1.1.1", "-1", "loopback;1", "1.5"])("refuses %s", (raw) => {
    expect(parseTrustProxy(raw).ok).toBe(false);
  });
});

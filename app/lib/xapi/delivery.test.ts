import { describe, expect, it } from "vitest";
import { classifyLrsResponse, lrsErrorText, retryDelayMs } from "~/lib/xapi/delivery";

describe("classifyLrsResponse", () => {
  it.each([
    [200, 5, "sent"],
    [204, 1, "sent"],
    [409, 1, "sent"],
    [409, 3, "split"],
    [400, 3, "split"],
    [400, 1, "rejected"],
    [413, 1, "rejected"],
    [401, 1, "retry"],
    [403, 4, "retry"],
    [404, 1, "retry"],
    [408, 1, "retry"],
    [429, 2, "retry"],
    [500, 1, "retry"],
    [503, 20, "retry"],
    [302, 1, "retry"],
  ] as const)("HTTP %d for %d statement(s) → %s", (status, size, outcome) => {
    expect(classifyLrsResponse(status, size)).toBe(outcome);
  });
});

describe("retryDelayMs", () => {
  it.each([
    [1, 15_000],
    [2, 30_000],
    [3, 60_000],
    [9, 3_600_000],
    [40, 3_600_000],
  ])("after attempt %d waits %d ms", (attempt, ms) => {
    expect(retryDelayMs(attempt)).toBe(ms);
  });
});

describe("lrsErrorText", () => {
  it("names the status and shortens long bodies", () => {
    expect(lrsErrorText(503, "Service\n Unavailable")).toBe("HTTP 503: Service Unavailable");
    expect(lrsErrorText(null, "connect ECONNREFUSED 127.0.0.1:9")).toBe("connect ECONNREFUSED 127.0.0.1:9");
    expect(lrsErrorText(400, "x".repeat(900))).toHaveLength(500);
  });
});

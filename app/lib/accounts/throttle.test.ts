import { describe, expect, it } from "vitest";
import {
  ACCOUNT_CEILING,
  ADDRESS_CEILING,
  FREE_PAIR_FAILURES,
  MAX_DELAY_MS,
  WINDOW_MS,
  pairDelayMs,
  waitBeforeAttempt,
} from "~/lib/accounts/throttle";

const now = new Date("2026-12-01T10:00:00Z");
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);

describe("pairDelayMs", () => {
  it.each([
    [0, 0],
    [FREE_PAIR_FAILURES - 1, 0],
    [FREE_PAIR_FAILURES, 2000],
    [FREE_PAIR_FAILURES + 1, 4000],
    [FREE_PAIR_FAILURES + 3, 16000],
    [FREE_PAIR_FAILURES + 30, MAX_DELAY_MS],
  ])("%i failures → %i ms", (failures, delay) => {
    expect(pairDelayMs(failures)).toBe(delay);
  });
});

describe("waitBeforeAttempt", () => {
  const base = { pairFailures: 0, lastPairFailureAt: null, accountFailures: 0, addressFailures: 0 };
  it.each([
    ["a clean pair", base, 0],
    ["a few failures, no delay yet", { ...base, pairFailures: 2, lastPairFailureAt: secondsAgo(0) }, 0],
    ["a growing delay for the pair", { ...base, pairFailures: 4, lastPairFailureAt: secondsAgo(1) }, 3000],
    ["the delay has passed", { ...base, pairFailures: 4, lastPairFailureAt: secondsAgo(5) }, 0],
    [
      "account at its ceiling: an address that failed on it waits",
      { ...base, pairFailures: 1, lastPairFailureAt: secondsAgo(600), accountFailures: ACCOUNT_CEILING },
      WINDOW_MS,
    ],
    [
      "account at its ceiling: a clean address may still try (the owner is never locked out)",
      { ...base, accountFailures: ACCOUNT_CEILING * 10 },
      0,
    ],
    ["an address spraying many accounts", { ...base, addressFailures: ADDRESS_CEILING }, WINDOW_MS],
  ] as const)("%s", (_, counts, wait) => {
    expect(waitBeforeAttempt(counts, now)).toBe(wait);
  });
});

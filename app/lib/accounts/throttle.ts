// Login throttling without lockout (OWASP Authentication Cheat Sheet, "Login Throttling"):
// - each (account, address) pair gets a few free tries, then a delay that doubles with every
//   further failure (2 s, 4 s, 8 s … up to 15 min). Only that pair waits: the owner elsewhere
//   is never locked out by someone guessing from another address;
// - per account, a ceiling over all addresses (distributed guessing). It stops addresses that
//   have already failed on this account; a clean address (no failure on the account within the
//   window) is still let through to try the correct password, so an attacker cannot lock the
//   owner out by spraying failures from many addresses;
// - per address, a high ceiling over all accounts (password spraying), so that one office
//   behind a NAT is not shut out by a few typos.
// Pure: the database side (throttle.server.ts) counts the rows.

export const WINDOW_MS = 15 * 60 * 1000;
export const FREE_PAIR_FAILURES = 3;
export const MAX_DELAY_MS = 15 * 60 * 1000;
export const ACCOUNT_CEILING = 20;
export const ADDRESS_CEILING = 100;

/** The delay a pair must wait after its `failures`-th failure within the window. */
export function pairDelayMs(failures: number): number {
  if (failures < FREE_PAIR_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, 2000 * 2 ** (failures - FREE_PAIR_FAILURES));
}

export type ThrottleCounts = {
  /** Failures of this (account, address) pair in the window, and when the latest was. */
  pairFailures: number;
  lastPairFailureAt: Date | null;
  /** Failures on this account from any address in the window. */
  accountFailures: number;
  /** Failures from this address on any account in the window. */
  addressFailures: number;
};

/** Milliseconds this attempt must wait before its password is even checked; 0 = check it. */
export function waitBeforeAttempt(counts: ThrottleCounts, now: Date): number {
  if (counts.addressFailures >= ADDRESS_CEILING) return WINDOW_MS;
  if (counts.accountFailures >= ACCOUNT_CEILING && counts.pairFailures > 0) return WINDOW_MS;
  if (!counts.lastPairFailureAt) return 0;
  return Math.max(0, counts.lastPairFailureAt.getTime() + pairDelayMs(counts.pairFailures) - now.getTime());
}

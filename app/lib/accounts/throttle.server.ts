import { WINDOW_MS, waitBeforeAttempt } from "~/lib/accounts/throttle";
import { prisma } from "~/lib/db.server";

// Failures are rows in the database (not process memory) so that the limits hold across
// several app instances. One failure writes three rows: per pair, per account, per address.
function keys(email: string, ip: string) {
  return { pair: `pair:${email}|${ip}`, account: `email:${email}`, address: `ip:${ip}` };
}

/** Minutes this (account, address) must wait before its password is checked, else 0. */
export async function throttledForMinutes(email: string, ip: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const key = keys(email, ip);
  const [pair, accountFailures, addressFailures] = await Promise.all([
    prisma.loginFailure.findMany({
      where: { key: key.pair, at: { gt: since } },
      select: { at: true },
      orderBy: { at: "desc" },
    }),
    prisma.loginFailure.count({ where: { key: key.account, at: { gt: since } } }),
    prisma.loginFailure.count({ where: { key: key.address, at: { gt: since } } }),
  ]);
  const waitMs = waitBeforeAttempt(
    { pairFailures: pair.length, lastPairFailureAt: pair[0]?.at ?? null, accountFailures, addressFailures },
    now,
  );
  return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 60_000)) : 0;
}

export async function recordFailure(email: string, ip: string): Promise<void> {
  const key = keys(email, ip);
  await prisma.loginFailure.createMany({ data: [key.pair, key.account, key.address].map((value) => ({ key: value })) });
}

/** A correct password ends the account's and this pair's failures (the address's stay). */
export async function clearFailures(email: string, ip: string): Promise<void> {
  const key = keys(email, ip);
  await prisma.loginFailure.deleteMany({ where: { key: { in: [key.pair, key.account] } } });
}

import { prisma } from "~/lib/db.server";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

// Failures are rows in the database (not process memory) so that the limit holds across
// several app instances.
function keys(email: string, ip: string) {
  return [`email:${email}`, `ip:${ip}`];
}

/** Minutes to wait if the account or the address is locked, else 0. */
export async function lockedForMinutes(email: string, ip: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  let waitMs = 0;
  for (const key of keys(email, ip)) {
    const failures = await prisma.loginFailure.findMany({
      where: { key, at: { gt: since } },
      select: { at: true },
      orderBy: { at: "desc" },
      take: MAX_FAILURES,
    });
    if (failures.length >= MAX_FAILURES) {
      // Unlocks when the oldest of the last MAX_FAILURES leaves the window.
      const oldest = failures[failures.length - 1].at.getTime();
      waitMs = Math.max(waitMs, oldest + WINDOW_MS - now.getTime());
    }
  }
  return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 60_000)) : 0;
}

export async function recordFailure(email: string, ip: string): Promise<void> {
  await prisma.loginFailure.createMany({ data: keys(email, ip).map((key) => ({ key })) });
}

export async function clearFailures(email: string): Promise<void> {
  await prisma.loginFailure.deleteMany({ where: { key: `email:${email}` } });
}

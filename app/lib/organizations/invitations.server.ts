import { createOneTimeTokens } from "~/lib/accounts/auth.server";
import { sendMails, type Mail } from "~/lib/accounts/mail.server";
import { prisma } from "~/lib/db.server";
import { publicLink } from "~/lib/env.server";
import { serverTranslator } from "~/lib/i18n/i18n.server";
import { registerJob, runJobSoon, yieldToEventLoop } from "~/lib/jobs.server";
import { logger } from "~/lib/logger.server";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
// A claimed invitation not sent within this time is taken again (its instance died, or the mail
// failed and waits this long before the next try).
export const INVITE_CLAIM_TIMEOUT_MS = 10 * 60 * 1000;
// After this many tries the invitation is dropped; importing the file again queues it anew.
export const INVITE_MAX_ATTEMPTS = 5;
const CLAIM_BATCH = 200;
// Invitations turned into outbox messages per transaction: a handful of statements each, so that
// on SQLite the write lock is held for milliseconds, not for the whole batch.
const QUEUE_CHUNK = 20;
// Between two transactions the job steps aside: on SQLite a request waiting for the write lock
// (an autosave) sleeps in SQLite's busy handler and would otherwise find it taken again at once.
const PAUSE_BETWEEN_CHUNKS_MS = 10;
// A loaded machine must not expire a chunk's transaction half-way (Prisma's default is 5 s).
const CHUNK_TRANSACTION = { maxWait: 30_000, timeout: 30_000 };

/**
 * Queues an invitation for each of these accounts that has none queued yet. Runs inside the
 * import's transaction, so the invitations exist exactly when the accounts do.
 */
export async function queueInvitations(
  tx: Pick<typeof prisma, "pendingInvitation">,
  userIds: string[],
): Promise<number> {
  let queued = 0;
  for (let i = 0; i < userIds.length; i += 500) {
    const part = userIds.slice(i, i + 500);
    const already = new Set(
      (await tx.pendingInvitation.findMany({ where: { userId: { in: part } }, select: { userId: true } })).map(
        (row) => row.userId,
      ),
    );
    const fresh = part.filter((id) => !already.has(id));
    if (fresh.length) await tx.pendingInvitation.createMany({ data: fresh.map((userId) => ({ userId })) });
    queued += fresh.length;
  }
  return queued;
}

/**
 * Turns one batch of queued invitations into outbox messages (the mail sender delivers them).
 * Each row is claimed with a conditional update first, so several app instances running this at
 * once never queue the same invitation twice. A queued invitation is deleted in the transaction
 * that writes its token and mail; a failed one stays claimed and is tried again after the claim
 * timeout. Accounts that set a password in the meantime get no mail.
 */
export async function sendPendingInvitations(
  now = new Date(),
): Promise<{ claimed: number; sent: number; failed: number }> {
  const stale = new Date(now.getTime() - INVITE_CLAIM_TIMEOUT_MS);
  const due = await prisma.pendingInvitation.findMany({
    where: { OR: [{ claimedAt: null }, { claimedAt: { lt: stale } }] },
    orderBy: { createdAt: "asc" },
    take: CLAIM_BATCH,
    select: {
      id: true,
      claimedAt: true,
      attempts: true,
      user: { select: { id: true, email: true, fullName: true, locale: true, passwordHash: true } },
    },
  });
  // One conditional update claims the whole batch (each row only if still unclaimed or stale),
  // then the rows carrying this run's claim time are the ones won.
  const ids = due.map((invitation) => invitation.id);
  await prisma.pendingInvitation.updateMany({
    where: { id: { in: ids }, OR: [{ claimedAt: null }, { claimedAt: { lt: stale } }] },
    data: { claimedAt: now, attempts: { increment: 1 } },
  });
  const wonIds = new Set(
    (await prisma.pendingInvitation.findMany({ where: { id: { in: ids }, claimedAt: now }, select: { id: true } })).map(
      (row) => row.id,
    ),
  );
  const won = due.filter((invitation) => wonIds.has(invitation.id));
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < won.length; i += QUEUE_CHUNK) {
    const chunk = won.slice(i, i + QUEUE_CHUNK);
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_CHUNKS_MS));
    try {
      // Tokens, mails and the end of the pending invitations commit together: each invitation
      // becomes exactly one outbox message, which the mail sender delivers.
      sent += await prisma.$transaction(async (tx) => {
        // Still ours? Another instance takes a claim only once it is stale; the delete of each
        // row succeeds once, whoever else holds a claim with the same time stamp.
        const ours = new Set<string>();
        for (const invitation of chunk) {
          const ended = await tx.pendingInvitation.deleteMany({ where: { id: invitation.id, claimedAt: now } });
          if (ended.count === 1) ours.add(invitation.id);
        }
        const invitees = chunk.filter((invitation) => ours.has(invitation.id) && invitation.user.passwordHash === null);
        const tokens = await createOneTimeTokens(
          invitees.map((invitation) => invitation.user.id),
          "invite",
          INVITE_TTL_MS,
          tx,
        );
        const mails = invitees.map(({ user }, index): Mail => {
          const locale = user.locale === "en" ? "en" : "vi";
          const { t } = serverTranslator(locale);
          return {
            to: user.email,
            toName: user.fullName,
            locale,
            subject: t("org.mail.invite.subject"),
            text: t("org.mail.invite.body", {
              name: user.fullName,
              link: publicLink(`/activate?token=${tokens[index] ?? ""}`),
              days: 7,
            }),
          };
        });
        await sendMails(mails, tx);
        return mails.length;
      }, CHUNK_TRANSACTION);
    } catch (error) {
      failed += chunk.length;
      const givenUp = chunk.filter((invitation) => invitation.attempts + 1 >= INVITE_MAX_ATTEMPTS);
      logger.error({ err: error, invitations: chunk.length, givenUp: givenUp.length }, "invitations not queued");
      if (givenUp.length)
        await prisma.pendingInvitation.deleteMany({
          where: { id: { in: givenUp.map((invitation) => invitation.id) } },
        });
    }
    await yieldToEventLoop();
  }
  return { claimed: won.length, sent, failed };
}

let draining: Promise<number> | null = null;

/**
 * Sends queued invitations until none is left to claim; returns how many were sent. Calls while
 * one is running share it, so an import that starts it right after its commit and the periodic
 * job never run two loops in one process.
 */
export function drainInvitations(): Promise<number> {
  draining ??= (async () => {
    try {
      let sent = 0;
      for (;;) {
        const batch = await sendPendingInvitations();
        sent += batch.sent;
        if (batch.claimed === 0) return sent;
      }
    } finally {
      draining = null;
    }
  })();
  return draining;
}

const INVITATIONS_JOB = "organizations.invitations";

/**
 * Starts sending now, without waiting, where this instance runs its jobs (the job worker in a
 * cluster): the import request returns while the mails go out, and no HTTP worker sends them.
 */
export function startSendingInvitations() {
  runJobSoon(INVITATIONS_JOB);
}

// Picks up what an instance left (a restart, a failed mail) and invitations queued elsewhere.
registerJob({ name: INVITATIONS_JOB, everyMs: 60 * 1000, run: () => drainInvitations() });

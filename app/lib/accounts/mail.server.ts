import crypto from "node:crypto";
import os from "node:os";
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { z } from "zod";
import {
  afterFailure,
  classifyDeliveryError,
  deliveryErrorText,
  isConnectionFailure,
  isOutboxState,
  mailHtml,
  messageIdFor,
  type OutboxState,
} from "~/lib/accounts/mail";
import { recordAudit } from "~/lib/audit/audit.server";
import { prisma } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { Locale } from "~/lib/i18n/i18n";
import { registerJob } from "~/lib/jobs.server";
import { logger } from "~/lib/logger.server";

export type Mail = {
  to: string;
  /** The recipient's name, shown as the display name of the To address. */
  toName?: string;
  subject: string;
  text: string;
  /** The recipient's language: the HTML part's `lang` and the Content-Language header. */
  locale: Locale;
  headers?: Record<string, string>;
};

/** The outbox table alone, so that callers can pass their own transaction client. */
export type OutboxClient = Pick<typeof prisma, "outboxMessage">;

const headersSchema = z.record(z.string(), z.string());

/**
 * Queues a mail in the outbox; it never talks to SMTP. Pass the caller's transaction client so
 * that the mail exists exactly when what caused it does (a reset token, an invitation, a
 * reminder's bookkeeping). The sender job delivers it when SMTP_URL is set; without SMTP_URL
 * the row stays as the development outbox at /admin/outbox.
 */
export async function sendMail(mail: Mail, client: OutboxClient = prisma): Promise<void> {
  await sendMails([mail], client);
}

/** Queues several mails with one statement (a background job's batch: a short transaction). */
export async function sendMails(mails: Mail[], client: OutboxClient = prisma): Promise<void> {
  if (mails.length === 0) return;
  await client.outboxMessage.createMany({
    data: mails.map((mail) => {
      const id = crypto.randomUUID();
      return {
        id,
        to: mail.to,
        toName: mail.toName ?? null,
        subject: mail.subject,
        text: mail.text,
        html: mailHtml(mail.text, mail.locale),
        locale: mail.locale,
        headers: mail.headers ? JSON.stringify(headersSchema.parse(mail.headers)) : null,
        messageId: messageIdFor(id, env.mailFrom),
      };
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// The sender

/** Messages claimed at a time. Each is sent in turn, so a batch is a bounded amount of work. */
export const SENDER_BATCH_SIZE = 20;
/** How long a claim holds. A sender that died mid-batch leaves its claims; they expire after this. */
export const SENDER_CLAIM_MS = 5 * 60 * 1000;
/** One job run stops claiming new batches after this long, leaving the rest to the next run. */
const SENDER_RUN_BUDGET_MS = 20 * 1000;

export type DeliveryOptions = {
  smtpUrl: string;
  batchSize?: number;
  claimMs?: number;
  /** The clock, for tests of the back-off. */
  now?: () => Date;
};

export type DeliveryRun = { sent: number; retrying: number; failed: number };

/** Transport options from SMTP_URL: `smtp://[user:pass@]host[:port]` (STARTTLS when offered) or `smtps://`. */
export function smtpTransportOptions(smtpUrl: string): SMTPPool.Options {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  return {
    pool: true,
    // One connection and one message in flight per sender: a sender killed mid-batch can have
    // sent at most one message it had not yet marked as sent.
    maxConnections: 1,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}

const instanceName = `${os.hostname()}:${process.pid}`;

const dueWhere = (now: Date) => ({
  OR: [
    { state: "queued", nextAttemptAt: { lte: now } },
    // A sender that died (or stalled past its claim) left these: take them again.
    { state: "sending", claimedUntil: { lt: now } },
  ],
});

/**
 * Claims up to `batchSize` due messages for this sender. The conditional UPDATE re-checks the
 * due condition, so of several senders (instances) racing for a row exactly one gets it; the
 * claim token then names the rows this one won. Counting the attempt at claim time means a
 * message that kills its sender every time still ends as failed.
 */
async function claimBatch(now: Date, batchSize: number, claimMs: number) {
  const candidates = await prisma.outboxMessage.findMany({
    where: dueWhere(now),
    orderBy: { nextAttemptAt: "asc" },
    take: batchSize,
    select: { id: true },
  });
  if (candidates.length === 0) return { claimToken: "", messages: [] };
  const claimToken = `${instanceName}:${crypto.randomUUID()}`;
  await prisma.outboxMessage.updateMany({
    where: { id: { in: candidates.map((row) => row.id) }, ...dueWhere(now) },
    data: {
      state: "sending",
      claimedBy: claimToken,
      claimedUntil: new Date(now.getTime() + claimMs),
      attempts: { increment: 1 },
    },
  });
  const messages = await prisma.outboxMessage.findMany({
    where: { claimedBy: claimToken, state: "sending" },
    orderBy: { nextAttemptAt: "asc" },
    select: {
      id: true,
      to: true,
      toName: true,
      subject: true,
      text: true,
      html: true,
      locale: true,
      headers: true,
      messageId: true,
      attempts: true,
    },
  });
  return { claimToken, messages };
}

function storedHeaders(id: string, json: string | null): Record<string, string> {
  if (!json) return {};
  const parsed = headersSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`OutboxMessage ${id}: headers are not a string map`);
  return parsed.data;
}

/**
 * Delivers due messages over SMTP, batch after batch, until none is due or the run's time budget
 * is spent. A temporary failure (refused connection, 4xx) is retried with exponential back-off;
 * a 5xx reply or the last attempt marks the message failed with the server's answer.
 */
export async function deliverOutbox(options: DeliveryOptions): Promise<DeliveryRun> {
  const clock = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? SENDER_BATCH_SIZE;
  const claimMs = options.claimMs ?? SENDER_CLAIM_MS;
  const run: DeliveryRun = { sent: 0, retrying: 0, failed: 0 };
  const transport = nodemailer.createTransport(smtpTransportOptions(options.smtpUrl));
  const started = Date.now();
  let unreachable = false;
  try {
    while (!unreachable && Date.now() - started < SENDER_RUN_BUDGET_MS) {
      const { claimToken, messages } = await claimBatch(clock(), batchSize, claimMs);
      if (messages.length === 0) break;
      for (const message of messages) {
        const mine = { id: message.id, claimedBy: claimToken, state: "sending" };
        try {
          await transport.sendMail({
            from: env.mailFrom,
            to: message.toName ? { name: message.toName, address: message.to } : message.to,
            subject: message.subject,
            text: message.text,
            html: message.html ?? undefined,
            messageId: message.messageId,
            headers: {
              ...storedHeaders(message.id, message.headers),
              "Content-Language": message.locale,
              // RFC 3834: no vacation auto-replies to these.
              "Auto-Submitted": "auto-generated",
            },
          });
          await prisma.outboxMessage.updateMany({
            where: mine,
            data: { state: "sent", sentAt: clock(), lastError: null, claimedBy: null, claimedUntil: null },
          });
          run.sent++;
        } catch (error) {
          const kind = classifyDeliveryError(error);
          const outcome = afterFailure(kind, message.attempts, clock());
          const lastError = deliveryErrorText(error);
          await prisma.outboxMessage.updateMany({
            where: mine,
            data: {
              state: outcome.state,
              lastError,
              claimedBy: null,
              claimedUntil: null,
              ...(outcome.state === "queued" ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
            },
          });
          if (outcome.state === "failed") run.failed++;
          else run.retrying++;
          if (isConnectionFailure(error)) {
            // Unreachable: one connection attempt per run is enough. The rest of the batch goes
            // back as it was, without an attempt counted against it.
            await prisma.outboxMessage.updateMany({
              where: { claimedBy: claimToken, state: "sending" },
              data: { state: "queued", claimedBy: null, claimedUntil: null, attempts: { decrement: 1 } },
            });
            unreachable = true;
          }
          // A retry is routine while SMTP is away; a message given up on needs someone to look.
          logger[outcome.state === "failed" ? "warn" : "info"](
            { messageId: message.messageId, attempt: message.attempts, kind, state: outcome.state, error: lastError },
            "mail not delivered",
          );
        }
        if (unreachable) break;
      }
    }
  } finally {
    transport.close();
  }
  if (run.sent || run.retrying || run.failed) logger.info(run, "outbox delivery");
  return run;
}

// Every instance with SMTP_URL runs the sender; the claims keep them from sending a message
// twice. Without SMTP_URL there is no sender and the outbox is the development outbox.
registerJob({
  name: "mail.outbox",
  everyMs: 10 * 1000,
  run: () => (env.smtpUrl ? deliverOutbox({ smtpUrl: env.smtpUrl }) : Promise.resolve(null)),
});

// ---------------------------------------------------------------------------------------------
// Administration

export async function listOutbox({
  page,
  pageSize,
  state,
}: {
  page: number;
  pageSize: number;
  state: OutboxState | null;
}) {
  const where = state ? { state } : {};
  const [total, rows] = await Promise.all([
    prisma.outboxMessage.count({ where }),
    prisma.outboxMessage.findMany({
      where,
      select: {
        id: true,
        to: true,
        toName: true,
        subject: true,
        text: true,
        state: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        sentAt: true,
        createdAt: true,
      },
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  const messages = rows.map((row) => {
    if (!isOutboxState(row.state)) throw new Error(`OutboxMessage ${row.id}: unknown state ${row.state}`);
    return { ...row, state: row.state };
  });
  return { total, messages };
}

/**
 * Queues a failed message again, with a fresh set of attempts and the same Message-ID, and
 * records who did it. Only a failed message can be sent again.
 */
export async function resendFailedMail(
  actorId: string,
  id: string,
  ip: string | null,
): Promise<{ ok: true; to: string } | { ok: false; error: "admin.outbox.notFailed" }> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.outboxMessage.findFirst({
      where: { id, state: "failed" },
      select: { to: true, messageId: true, attempts: true, lastError: true },
    });
    if (!row) return { ok: false as const, error: "admin.outbox.notFailed" as const };
    const queued = await tx.outboxMessage.updateMany({
      where: { id, state: "failed" },
      data: { state: "queued", attempts: 0, nextAttemptAt: new Date() },
    });
    if (queued.count !== 1) return { ok: false as const, error: "admin.outbox.notFailed" as const };
    await recordAudit(
      {
        actorId,
        action: "mail.resend",
        targetType: "outboxMessage",
        targetId: id,
        before: { state: "failed", attempts: row.attempts, lastError: row.lastError },
        after: { state: "queued", to: row.to, messageId: row.messageId },
        ip,
      },
      tx,
    );
    return { ok: true as const, to: row.to };
  });
}

export async function latestMailTo(to: string) {
  return prisma.outboxMessage.findFirst({
    where: { to },
    select: { id: true, subject: true, text: true, html: true, messageId: true, state: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
}

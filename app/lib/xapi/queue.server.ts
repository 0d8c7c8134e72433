import os from "node:os";
import { z } from "zod";
import { recordAudit } from "~/lib/audit/audit.server";
import { prisma } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { XapiConfig } from "~/lib/env.schema";
import { registerJob, runJobSoon } from "~/lib/jobs.server";
import { logger } from "~/lib/logger.server";
import { classifyLrsResponse, lrsErrorText, retryDelayMs } from "~/lib/xapi/delivery";
import { buildStatement, type CourseRef, type XapiEvent } from "~/lib/xapi/statements";

// The xAPI queue: statements are written with the event that made them and sent to the LRS by
// one background job at a time, in order (README, "xAPI"). Without XAPI_ENDPOINT nothing here
// touches the database.

/** The tables queueing needs, so that callers can pass their own transaction client. */
export type XapiClient = Pick<typeof prisma, "xapiStatement" | "user" | "courseVersion" | "lesson" | "attempt">;

export const XAPI_JOB = "xapi.sender";

export function xapiEnabled(config: XapiConfig | null = env.xapi): config is XapiConfig {
  return config !== null;
}

/** The course of a version as statements name it (one read, only when xAPI is on). */
export async function courseRefOf(client: XapiClient, versionId: string): Promise<CourseRef> {
  const version = await client.courseVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: { number: true, titleVi: true, titleEn: true, course: { select: { slug: true } } },
  });
  return {
    slug: version.course.slug,
    versionNumber: version.number,
    titleVi: version.titleVi,
    titleEn: version.titleEn,
  };
}

/** A learner completed a lesson (video, text, SCORM or synced from a device). */
export async function lessonCompletedEvent(
  client: XapiClient,
  userId: string,
  lessonId: string,
  at: Date,
): Promise<XapiEvent> {
  const lesson = await client.lesson.findUniqueOrThrow({
    where: { id: lessonId },
    select: { key: true, titleVi: true, titleEn: true, versionId: true },
  });
  return {
    kind: "lesson-completed",
    userId,
    lessonId,
    at,
    course: await courseRefOf(client, lesson.versionId),
    lesson: { key: lesson.key, titleVi: lesson.titleVi, titleEn: lesson.titleEn },
  };
}

async function attemptFacts(client: XapiClient, attemptId: string) {
  const attempt = await client.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: {
      userId: true,
      number: true,
      startedAt: true,
      submittedAt: true,
      exam: { select: { titleVi: true, titleEn: true, versionId: true } },
    },
  });
  return { ...attempt, course: await courseRefOf(client, attempt.exam.versionId) };
}

/** A learner started an attempt at a course's exam. */
export async function examStartedEvent(client: XapiClient, attemptId: string): Promise<XapiEvent> {
  const attempt = await attemptFacts(client, attemptId);
  return {
    kind: "exam-started",
    attemptId,
    attemptNumber: attempt.number,
    userId: attempt.userId,
    at: attempt.startedAt,
    course: attempt.course,
    exam: { titleVi: attempt.exam.titleVi, titleEn: attempt.exam.titleEn },
  };
}

/** An attempt was submitted and graded: its score and whether it passed. */
export async function examGradedEvent(
  client: XapiClient,
  attemptId: string,
  grade: { earned: number; max: number; passed: boolean },
): Promise<XapiEvent> {
  const attempt = await attemptFacts(client, attemptId);
  return {
    kind: "exam-graded",
    attemptId,
    attemptNumber: attempt.number,
    userId: attempt.userId,
    at: attempt.submittedAt ?? attempt.startedAt,
    startedAt: attempt.startedAt,
    course: attempt.course,
    exam: { titleVi: attempt.exam.titleVi, titleEn: attempt.exam.titleEn },
    ...grade,
  };
}

/**
 * Queues the statements for these events: one insert. Pass the transaction client of the event
 * so that a statement exists exactly when its event does. Does nothing when xAPI is off; `events`
 * may be a function so that what it needs to read is only read when xAPI is on.
 */
export async function queueXapi(
  events: XapiEvent[] | (() => Promise<XapiEvent[]>),
  client: XapiClient = prisma,
  config: XapiConfig | null = env.xapi,
): Promise<void> {
  if (!xapiEnabled(config)) return;
  const list = typeof events === "function" ? await events() : events;
  if (list.length === 0) return;
  const emails = config.actorMbox ? await emailsOf(client, list) : new Map<string, string>();
  await client.xapiStatement.createMany({
    data: list.map((event) => {
      const statement = buildStatement(event, { publicUrl: env.publicUrl, actorEmail: emails.get(event.userId) });
      return { id: statement.id, statementJson: JSON.stringify(statement), createdAt: event.at };
    }),
  });
}

async function emailsOf(client: XapiClient, events: XapiEvent[]): Promise<Map<string, string>> {
  const users = await client.user.findMany({
    where: { id: { in: [...new Set(events.map((event) => event.userId))] } },
    select: { id: true, email: true },
  });
  return new Map(users.map((user) => [user.id, user.email]));
}

/**
 * For an event written without a transaction (the exam room's hot statements, heartbeats, a
 * device's sync): queues its statement right after it. A failure here is logged, never the
 * learner's: the event stands, its statement is lost (README, "xAPI", limits).
 */
export async function queueXapiAfter(events: () => Promise<XapiEvent[]>): Promise<void> {
  if (!xapiEnabled()) return;
  try {
    await queueXapi(events);
    sendXapiSoon();
  } catch (error) {
    logger.error({ err: error }, "xapi statement not queued");
  }
}

/** Runs the sender soon after a statement was queued, rather than at its next interval. */
export function sendXapiSoon() {
  if (xapiEnabled()) runJobSoon(XAPI_JOB);
}

// ---------------------------------------------------------------------------------------------
// The lease: statements must go out in order, so one sender at a time across all instances.

const LEASE_NAME = "xapi.sender";
const instanceName = `${os.hostname()}:${process.pid}`;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return e.code === "P2002" || e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

/** Takes or renews the lease; false when another holder's lease is still running. */
export async function takeLease(name: string, holder: string, ms: number, now: Date): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ms);
  const renewed = await prisma.jobLease.updateMany({
    where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
    data: { holder, expiresAt },
  });
  if (renewed.count === 1) return true;
  try {
    await prisma.jobLease.create({ data: { name, holder, expiresAt }, select: { name: true } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

async function releaseLease(name: string, holder: string) {
  await prisma.jobLease.updateMany({ where: { name, holder }, data: { expiresAt: new Date(0) } });
}

// ---------------------------------------------------------------------------------------------
// The sender

export const XAPI_BATCH_SIZE = 50;
const REQUEST_TIMEOUT_MS = 15 * 1000;
const LEASE_MS = 60 * 1000;
/** One run stops starting new batches after this long, leaving the rest to the next run. */
const RUN_BUDGET_MS = 30 * 1000;

export type XapiSendOptions = {
  config: XapiConfig;
  batchSize?: number;
  timeoutMs?: number;
  /** Who holds the lease; two senders in one test process need different names. */
  holder?: string;
  /** The clock, for tests of the back-off. */
  now?: () => Date;
};

export type XapiSendRun = { sent: number; rejected: number; retrying: boolean; leased: boolean };

const storedStatement = z.object({ id: z.string().uuid() }).passthrough();

type Row = { sequence: number; id: string; statementJson: string; attempts: number };

/** The stored JSON, checked at the boundary: an object with the UUID it is queued under. */
function parseStored(row: Row): Record<string, unknown> {
  const parsed = storedStatement.safeParse(JSON.parse(row.statementJson));
  if (!parsed.success || parsed.data.id !== row.id) throw new Error(`XapiStatement ${row.sequence}: not a statement`);
  return parsed.data;
}

type Posted = { status: number; detail: string } | { status: null; detail: string };

async function post(config: XapiConfig, statements: unknown[], timeoutMs: number): Promise<Posted> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json; charset=utf-8",
    "X-Experience-API-Version": "1.0.3",
  };
  if (config.username !== null && config.password !== null)
    headers.Authorization = `Basic ${Buffer.from(`${config.username}:${config.password}`, "utf8").toString("base64")}`;
  try {
    const response = await fetch(`${config.endpoint}/statements`, {
      method: "POST",
      headers,
      body: JSON.stringify(statements),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "manual",
    });
    const detail = response.ok ? "" : (await response.text().catch(() => "")).slice(0, 300);
    if (response.ok) await response.body?.cancel().catch(() => undefined);
    return { status: response.status, detail };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const name = (error as { name?: string }).name;
    const text =
      name === "TimeoutError"
        ? `no answer within ${timeoutMs / 1000} s`
        : (cause?.message ?? (error as Error).message ?? "request failed");
    return { status: null, detail: cause?.code && !text.includes(cause.code) ? `${cause.code}: ${text}` : text };
  }
}

/**
 * Sends due statements in sequence order, a batch at a time, until none is due, the LRS fails or
 * the run's budget is spent. The first unsent statement gates the rest: while it waits for its
 * retry, nothing after it goes, so the LRS receives statements in the order they happened.
 */
export async function sendXapiQueue(options: XapiSendOptions): Promise<XapiSendRun> {
  const clock = options.now ?? (() => new Date());
  const holder = options.holder ?? instanceName;
  const batchSize = options.batchSize ?? XAPI_BATCH_SIZE;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const run: XapiSendRun = { sent: 0, rejected: 0, retrying: false, leased: false };
  if (!(await takeLease(LEASE_NAME, holder, LEASE_MS, clock()))) return run;
  run.leased = true;
  const started = Date.now();
  try {
    while (Date.now() - started < RUN_BUDGET_MS) {
      const now = clock();
      const rows = await prisma.xapiStatement.findMany({
        where: { sentAt: null, rejectedAt: null },
        orderBy: { sequence: "asc" },
        take: batchSize,
        select: { sequence: true, id: true, statementJson: true, attempts: true, nextAttemptAt: true },
      });
      if (rows.length === 0 || rows[0].nextAttemptAt > now) break;
      const batch = await withoutCopies(rows, now);
      if (batch.length === 0) continue;
      const outcome = await sendBatch(options.config, batch, { timeoutMs, clock, holder });
      run.sent += outcome.sent;
      run.rejected += outcome.rejected;
      if (outcome.retrying || outcome.leaseLost) {
        run.retrying = outcome.retrying;
        break;
      }
    }
  } finally {
    await releaseLease(LEASE_NAME, holder);
  }
  if (run.sent || run.rejected || run.retrying) logger.info(run, "xapi delivery");
  return run;
}

/**
 * Marks as sent every row whose statement id was sent before (an event queued twice), so the
 * LRS never gets a statement a second time from us after it accepted it. A second copy within
 * the rows ends the batch before it: the next round finds its first copy sent.
 */
async function withoutCopies(rows: Row[], now: Date): Promise<Row[]> {
  const alreadySent = new Set(
    (
      await prisma.xapiStatement.findMany({
        where: { id: { in: rows.map((row) => row.id) }, sentAt: { not: null } },
        select: { id: true },
      })
    ).map((row) => row.id),
  );
  const copies = rows.filter((row) => alreadySent.has(row.id)).map((row) => row.sequence);
  if (copies.length)
    await prisma.xapiStatement.updateMany({
      where: { sequence: { in: copies }, sentAt: null },
      data: { sentAt: now, lastError: null },
    });
  const seen = new Set<string>();
  const batch: Row[] = [];
  for (const row of rows) {
    if (alreadySent.has(row.id)) continue;
    if (seen.has(row.id)) break;
    seen.add(row.id);
    batch.push(row);
  }
  return batch;
}

type BatchOutcome = { sent: number; rejected: number; retrying: boolean; leaseLost: boolean };

async function sendBatch(
  config: XapiConfig,
  batch: Row[],
  context: { timeoutMs: number; clock: () => Date; holder: string },
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { sent: 0, rejected: 0, retrying: false, leaseLost: false };
  let groups: Row[][] = [batch];
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index];
    // The lease is renewed before every request, so a slow LRS cannot let a second sender in.
    if (!(await takeLease(LEASE_NAME, context.holder, LEASE_MS, context.clock()))) {
      outcome.leaseLost = true;
      return outcome;
    }
    const answer = await post(config, group.map(parseStored), context.timeoutMs);
    const kind = answer.status === null ? "retry" : classifyLrsResponse(answer.status, group.length);
    const sequences = group.map((row) => row.sequence);
    const now = context.clock();
    if (kind === "sent") {
      await prisma.xapiStatement.updateMany({
        where: { sequence: { in: sequences }, sentAt: null },
        data: { sentAt: now, lastError: null },
      });
      outcome.sent += group.length;
    } else if (kind === "split") {
      groups = [...groups.slice(0, index + 1), ...group.map((row) => [row]), ...groups.slice(index + 1)];
    } else if (kind === "rejected") {
      await prisma.xapiStatement.updateMany({
        where: { sequence: { in: sequences } },
        data: { rejectedAt: now, attempts: { increment: 1 }, lastError: lrsErrorText(answer.status, answer.detail) },
      });
      outcome.rejected += group.length;
      logger.warn({ statementId: group[0].id, error: answer.detail }, "xapi statement rejected by the LRS");
    } else {
      // Everything from here on waits: the rows of this request and of the requests after it.
      const waiting = groups.slice(index).flat();
      const attempt = waiting[0].attempts + 1;
      await prisma.xapiStatement.updateMany({
        where: { sequence: { in: waiting.map((row) => row.sequence) } },
        data: {
          attempts: { increment: 1 },
          lastError: lrsErrorText(answer.status, answer.detail),
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt)),
        },
      });
      outcome.retrying = true;
      logger.info({ attempt, error: lrsErrorText(answer.status, answer.detail) }, "xapi statements not delivered");
      return outcome;
    }
  }
  return outcome;
}

// Every instance with XAPI_ENDPOINT runs the job; the lease lets one of them send at a time.
registerJob({
  name: XAPI_JOB,
  everyMs: 10 * 1000,
  run: () => (env.xapi ? sendXapiQueue({ config: env.xapi }) : Promise.resolve(null)),
});

// ---------------------------------------------------------------------------------------------
// Administration

const shownStatement = z.object({
  verb: z.object({ id: z.string(), display: z.record(z.string(), z.string()).optional() }),
  object: z.object({ id: z.string() }),
});

function summaryOf(json: string): { verb: string; object: string } {
  const parsed = shownStatement.safeParse(JSON.parse(json));
  if (!parsed.success) return { verb: "?", object: "?" };
  return { verb: parsed.data.verb.display?.["en-US"] ?? parsed.data.verb.id, object: parsed.data.object.id };
}

const FAILURES_SHOWN = 50;

/** What /admin/xapi shows: the queue's size and age, and the statements that failed. */
export async function xapiQueueOverview() {
  const pendingWhere = { sentAt: null, rejectedAt: null };
  const [pending, sent, rejected, oldest, failures] = await Promise.all([
    prisma.xapiStatement.count({ where: pendingWhere }),
    prisma.xapiStatement.count({ where: { sentAt: { not: null } } }),
    prisma.xapiStatement.count({ where: { rejectedAt: { not: null }, sentAt: null } }),
    prisma.xapiStatement.findFirst({
      where: pendingWhere,
      orderBy: { sequence: "asc" },
      select: { createdAt: true, nextAttemptAt: true },
    }),
    prisma.xapiStatement.findMany({
      where: { sentAt: null, lastError: { not: null } },
      orderBy: { sequence: "asc" },
      take: FAILURES_SHOWN,
      select: {
        sequence: true,
        id: true,
        statementJson: true,
        attempts: true,
        lastError: true,
        nextAttemptAt: true,
        rejectedAt: true,
        createdAt: true,
      },
    }),
  ]);
  return {
    configured: xapiEnabled(),
    endpoint: env.xapi?.endpoint ?? null,
    pending,
    sent,
    rejected,
    oldestPendingAt: oldest?.createdAt ?? null,
    nextAttemptAt: oldest?.nextAttemptAt ?? null,
    failures: failures.map(({ statementJson, ...row }) => ({ ...row, ...summaryOf(statementJson) })),
  };
}

/**
 * "Retry now": every unsent statement is due at once, those the LRS rejected included (after a
 * fix on its side), and the sender runs soon. Recorded in the audit log.
 */
export async function retryXapiNow(actorId: string, ip: string | null): Promise<{ queued: number }> {
  const now = new Date();
  const queued = await prisma.$transaction(async (tx) => {
    const result = await tx.xapiStatement.updateMany({
      where: { sentAt: null },
      data: { nextAttemptAt: now, rejectedAt: null },
    });
    await recordAudit(
      { actorId, action: "xapi.retry", targetType: "xapiQueue", after: { queued: result.count }, ip },
      tx,
    );
    return result.count;
  });
  sendXapiSoon();
  return { queued };
}

import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/lib/db.server";
import { completeLesson, enroll } from "~/lib/courses/courses.server";
import { saveAnswer, startAttempt, submitAttempt } from "~/lib/exams/attempts.server";
import { createUser, deleteUsers } from "~/lib/fixtures/factories.server";
import { action as xapiAction, loader as xapiLoader } from "~/routes/admin.xapi";
import { queueXapi, sendXapiQueue, xapiQueueOverview } from "~/lib/xapi/queue.server";
import type { XapiConfig } from "~/lib/env.schema";
import { VERBS, type XapiEvent } from "~/lib/xapi/statements";
import { correctLearnerValue, createExamCourse, deleteCourses, snapshotOf, type ExamCourse } from "./exams-fixtures";
import { signedIn, tracker } from "./organizations.fixtures";
import { startLrs, testClock, type Lrs } from "./xapi-fixtures";

// Records out: the domains queue xAPI statements, the sender delivers them to a real HTTP LRS
// (tests/integration/xapi-fixtures.ts) through outages. This file runs with XAPI_ENDPOINT set,
// before the app's configuration is read; xapi-off.test.ts checks the default (off).
vi.hoisted(() => {
  process.env.XAPI_ENDPOINT = "http://127.0.0.1:9/xapi";
  process.env.XAPI_USERNAME = "hocso";
  process.env.XAPI_PASSWORD = "mật-khẩu-lrs";
});

const t = tracker();
const context = { requestId: "test", cspNonce: "" };
const users: string[] = [];
const courses: string[] = [];
let lrs: Lrs;
let config: XapiConfig;
let course: ExamCourse;

beforeAll(async () => {
  lrs = await startLrs();
  config = {
    endpoint: lrs.url,
    username: lrs.credentials.username,
    password: lrs.credentials.password,
    actorMbox: false,
  };
  course = await createExamCourse({
    maxAttempts: 0,
    cooldownMinutes: 0,
    pools: [
      { pool: "dich-vu-cong", draw: 8 },
      { pool: "an-toan-giao-dich", draw: 8 },
    ],
  });
  courses.push(course.slug);
});
beforeEach(async () => {
  await prisma.xapiStatement.deleteMany({});
  await prisma.jobLease.deleteMany({});
  lrs.stored.length = 0;
  lrs.requests.length = 0;
  lrs.setMode("up");
});
afterAll(async () => {
  await lrs.stop();
  await prisma.xapiStatement.deleteMany({});
  await prisma.jobLease.deleteMany({});
  await deleteUsers(users);
  await deleteCourses(courses);
  await t.cleanup();
});

async function queuedIds(): Promise<string[]> {
  const rows = await prisma.xapiStatement.findMany({ orderBy: { sequence: "asc" }, select: { id: true } });
  return rows.map((row) => row.id);
}

/** A learner's whole course: enrol, every lesson, the exam passed, completion and certificate. */
async function learnerJourney() {
  const user = await createUser({ fullName: "Lê Thị Xuân Mai" });
  users.push(user.id);
  await enroll(user.id, course.slug);
  const lessons = await prisma.lesson.findMany({
    where: { versionId: course.versionId },
    orderBy: { position: "asc" },
    select: { id: true, key: true, videoSrc: true },
  });
  for (const lesson of lessons) {
    if (lesson.videoSrc)
      // A video completes by watching (heartbeats, tested with the player); here it is only a prerequisite.
      await prisma.lessonProgress.create({ data: { userId: user.id, lessonId: lesson.id, completedAt: new Date() } });
    else await completeLesson(user.id, course.slug, lesson.key);
  }
  const started = await startAttempt(user.id, course.slug);
  if (!started.ok) throw new Error(`start refused: ${started.reason}`);
  const { questions } = await snapshotOf(started.attemptId);
  for (const q of questions) await saveAnswer(user.id, started.attemptId, q.key, correctLearnerValue(q));
  await submitAttempt(user.id, started.attemptId);
  return { user, textLessons: lessons.filter((lesson) => !lesson.videoSrc).length };
}

function syntheticEvents(count: number, userId = "learner-1"): XapiEvent[] {
  const start = Date.now();
  return Array.from({ length: count }, (_, index) => ({
    kind: "enrolled" as const,
    enrollmentId: `enr-${crypto.randomUUID()}`,
    userId,
    at: new Date(start + index),
    course: { slug: "khoa-hoc", versionNumber: 1, titleVi: "Khóa học số", titleEn: "Digital course" },
  }));
}

describe("the statements of a learner's course", () => {
  it("are queued with each event, in the order the events happened", async () => {
    const { user, textLessons } = await learnerJourney();
    const rows = await prisma.xapiStatement.findMany({ orderBy: { sequence: "asc" }, select: { statementJson: true } });
    const statements = rows.map((row) => JSON.parse(row.statementJson) as { verb: { id: string }; actor: unknown });
    expect(statements.map((statement) => statement.verb.id)).toEqual([
      VERBS.registered.id,
      ...Array.from({ length: textLessons }, () => VERBS.completed.id),
      VERBS.attempted.id,
      VERBS.passed.id,
      VERBS.completed.id,
      VERBS.earned.id,
    ]);
    for (const statement of statements)
      expect(statement.actor).toEqual({
        objectType: "Agent",
        account: { homePage: "https://hocso.test", name: user.id },
      });
    // Completing a lesson again makes no second statement.
    const lesson = await prisma.lesson.findFirstOrThrow({
      where: { versionId: course.versionId, videoSrc: null },
      select: { key: true },
    });
    await completeLesson(user.id, course.slug, lesson.key);
    await enroll(user.id, course.slug);
    expect(await prisma.xapiStatement.count()).toBe(rows.length);
  });

  it("arrive at the LRS exactly once each, in order, valid, after an outage", async () => {
    await learnerJourney();
    const expected = await queuedIds();
    const clock = testClock();

    lrs.setMode("unavailable");
    expect(await sendXapiQueue({ config, now: clock.now })).toMatchObject({ sent: 0, retrying: true });
    const waiting = await prisma.xapiStatement.findFirstOrThrow({
      orderBy: { sequence: "asc" },
      select: { attempts: true, lastError: true, nextAttemptAt: true },
    });
    expect(waiting.attempts).toBe(1);
    expect(waiting.lastError).toContain("HTTP 503");
    expect(waiting.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 15_000);
    // Before the back-off has passed, nothing is tried.
    const requestsSoFar = lrs.requests.length;
    expect(await sendXapiQueue({ config, now: clock.now })).toMatchObject({ sent: 0, retrying: false });
    expect(lrs.requests.length).toBe(requestsSoFar);

    lrs.setMode("drop");
    clock.advance(16_000);
    expect(await sendXapiQueue({ config, now: clock.now })).toMatchObject({ sent: 0, retrying: true });
    const second = await prisma.xapiStatement.findFirstOrThrow({
      orderBy: { sequence: "asc" },
      select: { attempts: true, nextAttemptAt: true, lastError: true },
    });
    expect(second.attempts).toBe(2);
    expect(second.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 30_000);
    expect(lrs.stored).toHaveLength(0);

    const overview = await xapiQueueOverview();
    expect(overview).toMatchObject({ configured: true, pending: expected.length, sent: 0 });
    expect(overview.failures[0].lastError).toBeTruthy();

    lrs.setMode("up");
    clock.advance(31_000);
    expect(await sendXapiQueue({ config, now: clock.now })).toMatchObject({ sent: expected.length, retrying: false });
    expect(lrs.stored.map((row) => row.id)).toEqual(expected);
    expect(lrs.requests.every((request) => request.version === "1.0.3")).toBe(true);

    // Nothing is sent twice: a later run finds nothing, and a row queued again for a sent id is skipped.
    expect(await sendXapiQueue({ config, now: clock.now })).toMatchObject({ sent: 0 });
    const first = await prisma.xapiStatement.findFirstOrThrow({
      orderBy: { sequence: "asc" },
      select: { id: true, statementJson: true },
    });
    await prisma.xapiStatement.create({ data: { id: first.id, statementJson: first.statementJson } });
    const before = lrs.requests.length;
    await sendXapiQueue({ config, now: clock.now });
    expect(lrs.requests.length).toBe(before);
    expect(lrs.stored.map((row) => row.id)).toEqual(expected);
    expect(await prisma.xapiStatement.count({ where: { sentAt: null } })).toBe(0);
  });
});

describe("the sender", () => {
  it("treats a duplicate id as sent after a crash between the LRS's answer and the bookkeeping", async () => {
    await queueXapi(syntheticEvents(5));
    await sendXapiQueue({ config });
    expect(lrs.stored).toHaveLength(5);
    // As if the sender died before marking the last three: they are posted again.
    const rows = await prisma.xapiStatement.findMany({ orderBy: { sequence: "asc" }, select: { sequence: true } });
    await prisma.xapiStatement.updateMany({
      where: { sequence: { in: rows.slice(2).map((row) => row.sequence) } },
      data: { sentAt: null },
    });
    await queueXapi(syntheticEvents(2));
    expect(await sendXapiQueue({ config })).toMatchObject({ sent: 5, rejected: 0, retrying: false });
    // The batch got 409 as a whole; one by one, the duplicates count as sent and the new ones go.
    expect(lrs.requests.map((request) => request.status)).toEqual([200, 409, 409, 409, 409, 200, 200]);
    expect(lrs.stored).toHaveLength(7);
    expect(new Set(lrs.stored.map((row) => row.id)).size).toBe(7);
  });

  it("sets aside a statement the LRS refuses, sends the others, and retries it on request", async () => {
    await queueXapi(syntheticEvents(2));
    // A statement the LRS's validator refuses (its verb id is not an IRI).
    const badId = crypto.randomUUID();
    await prisma.xapiStatement.create({
      data: {
        id: badId,
        statementJson: JSON.stringify({ id: badId, actor: {}, verb: { id: "not an IRI" }, object: {} }),
      },
    });
    await queueXapi(syntheticEvents(2));

    expect(await sendXapiQueue({ config })).toMatchObject({ sent: 4, rejected: 1, retrying: false });
    expect(lrs.stored).toHaveLength(4);
    const overview = await xapiQueueOverview();
    expect(overview).toMatchObject({ pending: 0, rejected: 1, sent: 4 });
    expect(overview.failures).toHaveLength(1);
    expect(overview.failures[0].id).toBe(badId);
    expect(overview.failures[0].lastError).toContain("HTTP 400");

    const admin = await t.user({ role: "admin" });
    const request = await signedIn(admin, "http://localhost/admin/xapi");
    const page = await xapiLoader({ request, params: {}, context });
    expect(page).toMatchObject({ rejected: 1, endpoint: "http://127.0.0.1:9/xapi" });

    const empty = await signedIn(admin, "http://localhost/admin/xapi");
    const refused = await xapiAction({
      request: new Request(empty.url, { method: "POST", headers: empty.headers, body: new URLSearchParams() }),
      params: {},
      context,
    });
    expect(refused).toMatchObject({ init: { status: 400 } });

    const form = await signedIn(admin, "http://localhost/admin/xapi");
    const retried = await xapiAction({
      request: new Request(form.url, {
        method: "POST",
        headers: form.headers,
        body: new URLSearchParams({ intent: "retry" }),
      }),
      params: {},
      context,
    });
    expect(retried).toMatchObject({ ok: true, queued: 1 });
    expect(await prisma.xapiStatement.count({ where: { rejectedAt: null, sentAt: null } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { actorId: admin.id, action: "xapi.retry" } })).toBe(1);
  });

  it("gives up on a request the LRS never answers and tries again later", async () => {
    await queueXapi(syntheticEvents(1));
    lrs.setMode("hang");
    const run = await sendXapiQueue({ config, timeoutMs: 300 });
    expect(run).toMatchObject({ sent: 0, retrying: true });
    const row = await prisma.xapiStatement.findFirstOrThrow({ select: { lastError: true, sentAt: true } });
    expect(row).toEqual({ lastError: "no answer within 0.3 s", sentAt: null });
  });

  it("sends from one instance at a time: two senders at once deliver each statement once, in order", async () => {
    await queueXapi(syntheticEvents(30));
    const expected = await queuedIds();
    const runs = await Promise.all([
      sendXapiQueue({ config, holder: "instance-a", batchSize: 5 }),
      sendXapiQueue({ config, holder: "instance-b", batchSize: 5 }),
    ]);
    const leased = runs.filter((run) => run.leased);
    expect(leased.length).toBeGreaterThanOrEqual(1);
    // Whatever the second could not send waits for the next run.
    await sendXapiQueue({ config, holder: "instance-b", batchSize: 5 });
    expect(lrs.stored.map((row) => row.id)).toEqual(expected);
  });

  it("takes over the lease of an instance that died holding it", async () => {
    await queueXapi(syntheticEvents(3));
    await prisma.jobLease.create({
      data: { name: "xapi.sender", holder: "dead-instance", expiresAt: new Date(Date.now() + 60_000) },
    });
    expect(await sendXapiQueue({ config, holder: "survivor" })).toMatchObject({ leased: false, sent: 0 });
    const later = testClock(new Date(Date.now() + 61_000));
    expect(await sendXapiQueue({ config, holder: "survivor", now: later.now })).toMatchObject({
      leased: true,
      sent: 3,
    });
  });

  it("authenticates with the configured credentials (a wrong password is retried, not dropped)", async () => {
    await queueXapi(syntheticEvents(1));
    expect(await sendXapiQueue({ config: { ...config, password: "sai" } })).toMatchObject({ retrying: true, sent: 0 });
    expect(lrs.requests.map((request) => request.status)).toEqual([401]);
  });
});

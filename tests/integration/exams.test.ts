import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readHotSession } from "~/lib/accounts/session.server";
import { prisma } from "~/lib/db.server";
import { handleAnswerSave } from "~/lib/exams/answer-endpoint.server";
import { handleExamStart } from "~/lib/exams/start-endpoint.server";
import {
  getAttemptForLearner,
  getAttemptResult,
  getExamOverview,
  saveAnswer,
  saveAnswersFromForm,
  startAttempt,
  storeAnswer,
  submitAttempt,
  sweepAttempts,
} from "~/lib/exams/attempts.server";
import { fieldName } from "~/lib/exams/exams.schema";
import { ANSWER_GRACE_MS } from "~/lib/exams/policy";
import { toLearnerQuestion } from "~/lib/exams/question";
import { createUser, deleteUsers } from "~/lib/fixtures/factories.server";
import { handleAttemptForm, handleAttemptPage, handleResultPage } from "~/lib/exams/exam-room.server";
import {
  correctLearnerValue,
  createExamCourse,
  deleteCourses,
  enrolledLearner,
  sessionCookie,
  snapshotOf,
  wrongLearnerValue,
  type ExamCourse,
} from "./exams-fixtures";
import { serveLocally } from "./local-server";

const users: string[] = [];
const courses: string[] = [];
let course: ExamCourse;
let closeEndpoint: () => Promise<void>;
let endpointUrl: string;
let closeRoom: () => Promise<void>;
let roomUrl: string;

// Every question drawn: the tests below need one question of each kind, whatever the seed.
const ALL_QUESTIONS = [
  { pool: "dich-vu-cong", draw: 8 },
  { pool: "an-toan-giao-dich", draw: 8 },
];

beforeAll(async () => {
  course = await createExamCourse({ maxAttempts: 0, cooldownMinutes: 0, review: "full", pools: ALL_QUESTIONS });
  courses.push(course.slug);
  ({ base: endpointUrl, close: closeEndpoint } = await serveLocally(handleAnswerSave));
  // The exam room's pages as app/server/main.ts mounts them.
  ({ base: roomUrl, close: closeRoom } = await serveLocally((req, res) =>
    req.method === "POST"
      ? handleAttemptForm(req, res)
      : /\/result$/.test(req.url ?? "")
        ? handleResultPage(req, res)
        : handleAttemptPage(req, res),
  ));
});

afterAll(async () => {
  await closeEndpoint();
  await closeRoom();
  await deleteUsers(users);
  await deleteCourses(courses);
});

async function learner(versionId = course.versionId) {
  const user = await enrolledLearner(versionId);
  users.push(user.id);
  return user;
}

async function started(userId: string, slug = course.slug, now?: Date) {
  const result = await startAttempt(userId, slug, now);
  if (!result.ok) throw new Error(`start refused: ${result.reason}`);
  return result.attemptId;
}

function post(attemptId: string, cookie: string | null, body: unknown) {
  return fetch(`${endpointUrl}/api/attempts/${attemptId}/answers`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** A request to the exam room's pages, as a browser sends it (redirects not followed). */
function roomRequest(path: string, cookie: string, form?: Record<string, string | string[]>) {
  if (!form) return fetch(`${roomUrl}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return fetch(`${roomUrl}${path}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
    redirect: "manual",
  });
}

async function answerAll(userId: string, attemptId: string, pick: "correct" | "wrong") {
  const { questions } = await snapshotOf(attemptId);
  for (const q of questions) {
    const result = await saveAnswer(
      userId,
      attemptId,
      q.key,
      pick === "correct" ? correctLearnerValue(q) : wrongLearnerValue(q),
    );
    expect(result, q.key).toEqual({ ok: true });
  }
}

describe("starting an attempt", () => {
  it("freezes the drawn questions with a seed and a server deadline", async () => {
    const seedRules = await createExamCourse();
    courses.push(seedRules.slug);
    const user = await learner(seedRules.versionId);
    const before = Date.now();
    const attemptId = await started(user.id, seedRules.slug);
    const row = await prisma.attempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { number: true, state: true, seed: true, startedAt: true, deadline: true, snapshot: true },
    });
    expect(row).toMatchObject({ number: 1, state: "in_progress" });
    expect(row.deadline.getTime() - row.startedAt.getTime()).toBe(20 * 60_000);
    expect(row.startedAt.getTime()).toBeGreaterThanOrEqual(before - 5);
    const questions = row.snapshot as unknown as { key: string; pool: string }[];
    expect(questions).toHaveLength(9);
    expect(questions.filter((q) => q.pool === "dich-vu-cong")).toHaveLength(4);
    expect(questions.filter((q) => q.pool === "an-toan-giao-dich")).toHaveLength(5);
    expect(new Set(questions.map((q) => q.key)).size).toBe(9);
  });

  it("resumes the open attempt instead of starting a second one", async () => {
    const user = await learner();
    const first = await started(user.id);
    expect(await startAttempt(user.id, course.slug)).toEqual({ ok: true, attemptId: first, resumed: true });
    expect(await prisma.attempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("gives one attempt for ten simultaneous starts", async () => {
    const user = await learner();
    const results = await Promise.all(Array.from({ length: 10 }, () => startAttempt(user.id, course.slug)));
    const ids = new Set(results.map((r) => (r.ok ? r.attemptId : r.reason)));
    expect(ids.size).toBe(1);
    expect(await prisma.attempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("the hot paths read the session through the session module: valid, unknown and expired", async () => {
    const user = await learner();
    const { sessionId, cookie } = await sessionCookie(user.id);
    expect(await readHotSession(cookie)).toEqual({ sessionId, userId: user.id });
    expect(await readHotSession(`theme=dark; ${cookie}; lang=vi`)).toEqual({ sessionId, userId: user.id });
    expect(await readHotSession("hocso_session=khong-phai-phien")).toBeNull();
    expect(await readHotSession(null)).toBeNull();
    await prisma.session.update({
      where: { id: sessionId },
      data: { expiresAt: new Date(Date.now() - 1000) },
      select: { id: true },
    });
    expect(await readHotSession(cookie)).toBeNull();
  });

  it("refuses a learner who is not enrolled, and an unknown course", async () => {
    const stranger = await enrolledLearner((await createExamCourse()).versionId);
    users.push(stranger.id);
    expect(await startAttempt(stranger.id, course.slug)).toEqual({ ok: false, reason: "not-enrolled" });
    expect(await startAttempt(stranger.id, "khong-co-khoa-hoc-nay")).toEqual({ ok: false, reason: "not-found" });
  });

  it("refuses beyond the attempt limit, also when posting directly", async () => {
    const limited = await createExamCourse({ maxAttempts: 2, cooldownMinutes: 0 });
    courses.push(limited.slug);
    const user = await learner(limited.versionId);
    for (let i = 0; i < 2; i++) {
      const attemptId = await started(user.id, limited.slug);
      expect((await submitAttempt(user.id, attemptId)).ok).toBe(true);
    }
    expect(await startAttempt(user.id, limited.slug)).toEqual({ ok: false, reason: "limit", used: 2, max: 2 });
    expect(await prisma.attempt.count({ where: { userId: user.id } })).toBe(2);
    const overview = await getExamOverview(user.id, limited.slug, "vi");
    expect(overview?.blocked).toEqual({ reason: "limit" });
  });

  it("refuses during the cooldown with the time of the next possible attempt", async () => {
    const cooling = await createExamCourse({ maxAttempts: 0, cooldownMinutes: 5 });
    courses.push(cooling.slug);
    const user = await learner(cooling.versionId);
    const first = await started(user.id, cooling.slug);
    await submitAttempt(user.id, first);
    const { submittedAt } = await prisma.attempt.findUniqueOrThrow({
      where: { id: first },
      select: { submittedAt: true },
    });
    const refused = await startAttempt(user.id, cooling.slug);
    expect(refused).toEqual({
      ok: false,
      reason: "cooldown",
      nextAttemptAt: new Date(submittedAt!.getTime() + 5 * 60_000),
    });

    expect(await prisma.attempt.count({ where: { userId: user.id } })).toBe(1);

    await prisma.attempt.update({
      where: { id: first },
      data: { submittedAt: new Date(Date.now() - 5 * 60_000 - 1000) },
      select: { id: true },
    });
    const second = await startAttempt(user.id, cooling.slug);
    expect(second).toMatchObject({ ok: true, resumed: false });
  });
});

describe("saving answers", () => {
  it("is idempotent and keeps the latest value", async () => {
    const user = await learner();
    const attemptId = await started(user.id);
    const { questions, seed } = await snapshotOf(attemptId);
    const single = questions.find((q) => q.type === "single" || q.type === "truefalse")!;
    const value = correctLearnerValue(single);
    for (let i = 0; i < 3; i++) expect(await saveAnswer(user.id, attemptId, single.key, value)).toEqual({ ok: true });
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(1);
    expect(await saveAnswer(user.id, attemptId, single.key, wrongLearnerValue(single))).toEqual({ ok: true });
    const view = await getAttemptForLearner(user.id, attemptId, "vi");
    expect(view.ok && view.value.saved[single.key]?.value).toEqual(wrongLearnerValue(single));
    expect(seed).toBeGreaterThanOrEqual(0);
  });

  it("group commit: concurrent saves are written together, each answered for itself; the last value of a question wins", async () => {
    const [first, second, stranger] = [await learner(), await learner(), await learner()];
    const [a, b] = [await started(first.id), await started(second.id)];
    const { questions } = await snapshotOf(a);
    const key = questions[0].key;
    const writes = await Promise.all([
      ...questions.map((q, i) => storeAnswer(a, first.id, q.key, JSON.stringify(`a${i}`), new Date())),
      storeAnswer(b, second.id, key, JSON.stringify("b-1"), new Date()),
      storeAnswer(b, stranger.id, key, JSON.stringify("not yours"), new Date()),
      storeAnswer(b, second.id, key, JSON.stringify("b-2"), new Date()),
    ]);
    expect(writes).toEqual([...questions.map(() => true), true, false, true]);
    expect(await prisma.attemptAnswer.count({ where: { attemptId: a } })).toBe(questions.length);
    const stored = await prisma.attemptAnswer.findUniqueOrThrow({
      where: { attemptId_questionKey: { attemptId: b, questionKey: key } },
      select: { value: true },
    });
    expect(stored.value).toBe(JSON.stringify("b-2"));
  });

  it("saves through the JSON endpoint with one statement and answers each refusal precisely", async () => {
    const owner = await learner();
    const other = await learner();
    const attemptId = await started(owner.id);
    const { questions } = await snapshotOf(attemptId);
    const q = questions.find((question) => question.type === "single")!;
    const { cookie } = await sessionCookie(owner.id);
    const { cookie: otherCookie } = await sessionCookie(other.id);

    const ok = await post(attemptId, cookie, { questionKey: q.key, value: correctLearnerValue(q) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ saved: true });
    const again = await post(attemptId, cookie, { questionKey: q.key, value: correctLearnerValue(q) });
    expect(again.status).toBe(200);
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(1);

    expect((await post(attemptId, null, { questionKey: q.key, value: "x" })).status).toBe(401);
    expect(
      (await post(attemptId, "hocso_session=not-a-session", { questionKey: q.key, value: correctLearnerValue(q) }))
        .status,
    ).toBe(401);
    expect((await post(attemptId, otherCookie, { questionKey: q.key, value: correctLearnerValue(q) })).status).toBe(
      403,
    );
    expect((await post(attemptId, otherCookie, { questionKey: q.key, value: "tampered" })).status).toBe(403);
    expect((await post("khong-ton-tai", cookie, { questionKey: q.key, value: "x" })).status).toBe(404);
    expect((await post(attemptId, cookie, "{not json")).status).toBe(400);
    expect((await post(attemptId, cookie, { questionKey: q.key, value: "x", extra: 1 })).status).toBe(400);
    expect((await post(attemptId, cookie, { questionKey: q.key, value: "x".repeat(40_000) })).status).toBe(413);
  });

  it("refuses tampered option ids and question keys (422) and stores nothing", async () => {
    const user = await learner();
    const attemptId = await started(user.id);
    const { questions } = await snapshotOf(attemptId);
    const { cookie } = await sessionCookie(user.id);
    // The draw is random: tamper with whichever kinds of question this attempt has.
    const single = questions.find((q) => q.type === "single")!;
    const multiple = questions.find((q) => q.type === "multiple");
    const matching = questions.find((q) => q.type === "matching");
    const ordering = questions.find((q) => q.type === "ordering");
    for (const body of [
      { questionKey: single.key, value: "a" },
      { questionKey: single.key, value: single.type === "single" ? single.options[0].text : "" },
      ...(multiple ? [{ questionKey: multiple.key, value: ["a", "b"] }] : []),
      ...(matching ? [{ questionKey: matching.key, value: { a: "a" } }] : []),
      ...(ordering ? [{ questionKey: ordering.key, value: ["a", "b", "c", "d"] }] : []),
      { questionKey: "cau-hoi-khong-co-trong-bai", value: "a" },
    ]) {
      expect((await post(attemptId, cookie, body)).status, JSON.stringify(body)).toBe(422);
    }
    expect(await saveAnswer(user.id, attemptId, single.key, "b")).toEqual({ ok: false, status: 422 });
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(0);
  });

  it("accepts answers within the grace period and refuses them after it (410), submitting the attempt", async () => {
    const user = await learner();
    const attemptId = await started(user.id);
    const { questions } = await snapshotOf(attemptId);
    const { cookie } = await sessionCookie(user.id);
    const [first, second] = questions;
    await prisma.attempt.update({
      where: { id: attemptId },
      data: { deadline: new Date(Date.now() - ANSWER_GRACE_MS / 2) },
      select: { id: true },
    });
    expect((await post(attemptId, cookie, { questionKey: first.key, value: correctLearnerValue(first) })).status).toBe(
      200,
    );
    await prisma.attempt.update({
      where: { id: attemptId },
      data: { deadline: new Date(Date.now() - ANSWER_GRACE_MS - 1000) },
      select: { id: true },
    });
    expect(
      (await post(attemptId, cookie, { questionKey: second.key, value: correctLearnerValue(second) })).status,
    ).toBe(410);
    const row = await prisma.attempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { state: true, autoSubmitted: true },
    });
    expect(row).toEqual({ state: "graded", autoSubmitted: true });
    expect(
      (await post(attemptId, cookie, { questionKey: second.key, value: correctLearnerValue(second) })).status,
    ).toBe(409);
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(1);
  });

  it("saves the whole-page form: changed answers only, and reports an order with a repeated position", async () => {
    const user = await learner();
    const attemptId = await started(user.id);
    const { questions, seed } = await snapshotOf(attemptId);
    const form = new FormData();
    form.set("fields", "all");
    for (const q of questions) {
      const view = toLearnerQuestion(q, seed);
      const value = correctLearnerValue(q);
      if (q.type === "ordering") for (const item of view.items!) form.set(fieldName(q.key, item.id), "1");
      else if (q.type === "matching")
        for (const [left, right] of Object.entries(value as Record<string, string>))
          form.set(fieldName(q.key, left), right);
      else if (q.type === "multiple") for (const id of value as string[]) form.append(fieldName(q.key), id);
      else form.set(fieldName(q.key), String(value));
    }
    const result = await saveAnswersFromForm(user.id, attemptId, form);
    const orderingKeys = questions.filter((q) => q.type === "ordering").map((q) => q.key);
    expect(result.ok && result.errors).toEqual(
      Object.fromEntries(orderingKeys.map((key) => [key, "exams.error.orderDuplicate"])),
    );
    expect(result.ok && result.saved).toBe(questions.length - orderingKeys.length);
    const again = await saveAnswersFromForm(user.id, attemptId, form);
    expect(again.ok && again.saved).toBe(0);
  });
});

describe("submitting", () => {
  it("grades exactly once whether submitted twice, concurrently, or after the automatic submission", async () => {
    const user = await learner();
    const attemptId = await started(user.id);
    await answerAll(user.id, attemptId, "correct");
    const results = await Promise.all(Array.from({ length: 6 }, () => submitAttempt(user.id, attemptId)));
    expect(results.filter((r) => r.ok && r.submittedNow)).toHaveLength(1);
    expect(await submitAttempt(user.id, attemptId)).toEqual({ ok: true, submittedNow: false });
    const row = await prisma.attempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { state: true, percent: true, passed: true, autoSubmitted: true },
    });
    expect(row).toEqual({ state: "graded", percent: 100, passed: true, autoSubmitted: false });
  });

  it("races a click against the deadline sweep: one result", async () => {
    const user = await learner();
    const attemptId = await started(user.id);
    await answerAll(user.id, attemptId, "wrong");
    await prisma.attempt.update({
      where: { id: attemptId },
      data: { deadline: new Date(Date.now() - ANSWER_GRACE_MS - 5000) },
      select: { id: true },
    });
    const [click, sweep] = await Promise.all([submitAttempt(user.id, attemptId), sweepAttempts()]);
    expect(Number(click.ok && click.submittedNow) + (sweep.submitted >= 1 ? 1 : 0)).toBeGreaterThanOrEqual(1);
    const row = await prisma.attempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { state: true, passed: true, autoSubmitted: true },
    });
    expect(row).toEqual({ state: "graded", passed: false, autoSubmitted: true });
    expect(await submitAttempt(user.id, attemptId)).toEqual({ ok: true, submittedNow: false });
  });

  it("the sweep submits expired attempts, leaves running ones alone, and grades one left half-submitted", async () => {
    const expiredUser = await learner();
    const runningUser = await learner();
    const stuckUser = await learner();
    const expired = await started(expiredUser.id);
    const running = await started(runningUser.id);
    const stuck = await started(stuckUser.id);
    await answerAll(expiredUser.id, expired, "correct");
    await prisma.attempt.update({
      where: { id: expired },
      data: { deadline: new Date(Date.now() - ANSWER_GRACE_MS - 60_000) },
      select: { id: true },
    });
    // A crash between "submitted" and "graded" leaves this state behind.
    await prisma.attempt.update({
      where: { id: stuck },
      data: { state: "submitted", submittedAt: new Date(Date.now() - 5 * 60_000) },
      select: { id: true },
    });
    const swept = await sweepAttempts();
    expect(swept.submitted).toBeGreaterThanOrEqual(1);
    expect(swept.graded).toBeGreaterThanOrEqual(1);
    const rows = await prisma.attempt.findMany({
      where: { id: { in: [expired, running, stuck] } },
      select: { id: true, state: true, autoSubmitted: true, passed: true },
    });
    const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
    expect(byId[expired]).toMatchObject({ state: "graded", autoSubmitted: true, passed: true });
    expect(byId[running]).toMatchObject({ state: "in_progress" });
    expect(byId[stuck]).toMatchObject({ state: "graded", passed: false });
    expect((await sweepAttempts()).submitted).toBe(0);
  });

  it("submits an expired attempt when its page is opened, and sends the learner to the result", async () => {
    const user = await learner();
    const attemptId = await started(user.id);
    await prisma.attempt.update({
      where: { id: attemptId },
      data: { deadline: new Date(Date.now() - ANSWER_GRACE_MS - 1000) },
      select: { id: true },
    });
    const { cookie } = await sessionCookie(user.id);
    const response = await roomRequest(`/attempts/${attemptId}`, cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/attempts/${attemptId}/result`);
    expect((await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { state: true } })).state).toBe(
      "graded",
    );
  });

  it("submits through the page's form without JavaScript, saving the posted answers first", async () => {
    const user = await learner();
    const attemptId = await started(user.id);
    const { questions, seed } = await snapshotOf(attemptId);
    const { cookie } = await sessionCookie(user.id);
    const form: Record<string, string | string[]> = { fields: "all", intent: "submit" };
    for (const q of questions) {
      const view = toLearnerQuestion(q, seed);
      const value = correctLearnerValue(q);
      if (q.type === "ordering")
        (value as string[]).forEach((id, index) => (form[fieldName(q.key, id)] = String(index + 1)));
      else if (q.type === "matching")
        for (const left of view.left!) form[fieldName(q.key, left.id)] = (value as Record<string, string>)[left.id]!;
      else if (q.type === "multiple") form[fieldName(q.key)] = value as string[];
      else form[fieldName(q.key)] = String(value);
    }
    const response = await roomRequest(`/attempts/${attemptId}`, cookie, form);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/attempts/${attemptId}/result`);
    const row = await prisma.attempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { state: true, percent: true },
    });
    expect(row).toEqual({ state: "graded", percent: 100 });
  });
});

describe("privacy", () => {
  it("another learner cannot open, answer, submit or read an attempt", async () => {
    const owner = await learner();
    const other = await learner();
    const attemptId = await started(owner.id);
    const { questions } = await snapshotOf(attemptId);
    expect(await getAttemptForLearner(other.id, attemptId, "vi")).toEqual({ ok: false, status: 403 });
    expect(await saveAnswer(other.id, attemptId, questions[0].key, correctLearnerValue(questions[0]))).toEqual({
      ok: false,
      status: 403,
    });
    expect(await submitAttempt(other.id, attemptId)).toEqual({ ok: false, status: 403 });
    expect(await getAttemptForLearner(other.id, "khong-ton-tai", "vi")).toEqual({ ok: false, status: 404 });

    const { cookie } = await sessionCookie(other.id);
    expect((await roomRequest(`/attempts/${attemptId}`, cookie)).status).toBe(403);
    expect((await roomRequest(`/attempts/${attemptId}`, cookie, { intent: "submit", fields: "all" })).status).toBe(403);
    await submitAttempt(owner.id, attemptId);
    expect(await getAttemptResult(other.id, attemptId, "vi")).toEqual({ ok: false, status: 403 });
    expect((await roomRequest(`/attempts/${attemptId}/result`, cookie)).status).toBe(403);
    expect((await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { state: true } })).state).toBe(
      "graded",
    );
  });

  it("never sends answer keys in the learner's attempt data (the answer-key leak test)", async () => {
    const user = await learner();
    const attemptId = await started(user.id);
    const { questions } = await snapshotOf(attemptId);
    const { cookie } = await sessionCookie(user.id);
    const response = await roomRequest(`/attempts/${attemptId}`, cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    const json = /<script type="application\/json" id="exam-room-config">([^<]*)<\/script>/.exec(html)?.[1] ?? "";
    expect(json, "the page's script data").toContain(attemptId);
    for (const key of [
      "weight",
      "answers",
      "answer",
      "explanation",
      "feedback",
      "feedbackTrue",
      "feedbackFalse",
      "pairs",
      "tolerance",
      "min",
      "max",
      "correct",
      "diacriticsMatter",
      "pool",
      "lessons",
      "snapshot",
      "seed",
      "results",
    ]) {
      expect(json, `key "${key}"`).not.toContain(`"${key}":`);
    }
    for (const q of questions) {
      expect(html, "every question is on the page").toContain(`data-key="${q.key}"`);
      if (q.explanation) expect(html).not.toContain(q.explanation.slice(0, 40));
      if (q.type === "single" || q.type === "multiple")
        for (const option of q.options) if (option.feedback) expect(html).not.toContain(option.feedback);
      if (q.type === "short") for (const accepted of q.answers) expect(html).not.toContain(`value="${accepted.text}"`);
      // Options and items are shown under ids derived from their text, never the stored "a", "b", "c".
      for (const id of html.matchAll(new RegExp(`name="q\\.${q.key}(?:\\.([^"]+))?" value="([^"]*)"`, "g")))
        if (q.type === "single" || q.type === "multiple") expect(id[2], q.key).not.toMatch(/^[a-z]{1,2}$/);
      if (q.type === "ordering")
        for (const sub of html.matchAll(new RegExp(`name="q\\.${q.key}\\.([^"]+)"`, "g")))
          expect(sub[1], q.key).not.toMatch(/^[a-z]{1,2}$/);
      if (q.type === "ordering") {
        const shown = [...q.items].sort((a, b) => html.indexOf(`>${a.text}<`) - html.indexOf(`>${b.text}<`));
        expect(
          shown.map((item) => item.text),
          "ordering items are shuffled",
        ).not.toEqual(q.items.map((item) => item.text));
      }
    }
  });
});

describe("results and review policies", () => {
  it("follows the policy: score only, own answers, or everything", async () => {
    const shown: Record<string, unknown> = {};
    for (const review of ["score", "answers", "full"] as const) {
      const policyCourse = await createExamCourse({ maxAttempts: 0, cooldownMinutes: 0, review });
      courses.push(policyCourse.slug);
      const user = await learner(policyCourse.versionId);
      const attemptId = await started(user.id, policyCourse.slug);
      await answerAll(user.id, attemptId, "wrong");
      await submitAttempt(user.id, attemptId);
      const result = await getAttemptResult(user.id, attemptId, "vi");
      if (!result.ok) throw new Error("no result");
      shown[review] = result.value;
      expect(result.value).toMatchObject({ policy: review, passed: false, percent: 0 });
    }
    const score = JSON.stringify(shown.score);
    expect(shown.score).not.toHaveProperty("questions");
    expect(score).not.toContain("promptHtml");
    const answers = shown.answers as { questions: Record<string, unknown>[] };
    expect(answers.questions).toHaveLength(9);
    for (const q of answers.questions) {
      expect(q).toHaveProperty("yourAnswer");
      expect(q).not.toHaveProperty("correctAnswer");
      expect(q).not.toHaveProperty("explanationHtml");
      expect(q).not.toHaveProperty("feedback");
    }
    const full = shown.full as { questions: Record<string, unknown>[] };
    for (const q of full.questions) expect(q).toHaveProperty("correctAnswer");
    expect(full.questions.some((q) => "explanationHtml" in q)).toBe(true);
  });

  it("shows the result page only once submitted, and lists the attempt in the history", async () => {
    const user = await learner();
    const attemptId = await started(user.id);
    expect(await getAttemptResult(user.id, attemptId, "vi")).toEqual({ ok: false, status: 409, state: "open" });
    await answerAll(user.id, attemptId, "correct");
    await submitAttempt(user.id, attemptId);
    const overview = await getExamOverview(user.id, course.slug, "vi");
    expect(overview?.attempts).toEqual([
      expect.objectContaining({ id: attemptId, number: 1, state: "graded", percent: 100, passed: true }),
    ]);
    expect(overview?.passed).toBe(true);
  });
});

describe("POST /courses/:slug/exam (the start outside Remix)", () => {
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ base, close } = await serveLocally(handleExamStart));
  });
  afterAll(() => close());

  const start = (slug: string, cookie: string | null, body = "intent=start") =>
    fetch(`${base}/courses/${slug}/exam`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
      body,
    });

  it("starts the signed-in learner's attempt and redirects to it; pressing again resumes the same one", async () => {
    const user = await learner();
    const { cookie } = await sessionCookie(user.id);
    const first = await start(course.slug, cookie);
    expect(first.status).toBe(302);
    const attemptId = /^\/attempts\/([\w-]+)$/.exec(first.headers.get("location") ?? "")?.[1];
    expect(attemptId).toBeTruthy();
    expect(
      await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId! }, select: { userId: true, state: true } }),
    ).toEqual({ userId: user.id, state: "in_progress" });
    const again = await start(course.slug, cookie);
    expect(again.headers.get("location")).toBe(`/attempts/${attemptId}`);
    expect(await prisma.attempt.count({ where: { userId: user.id } })).toBe(1);
  });

  it("sends a visitor without a session to the login page, and comes back to the exam afterwards", async () => {
    const reply = await start(course.slug, null);
    expect(reply.status).toBe(303);
    expect(reply.headers.get("location")).toBe(
      `/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}/exam`)}`,
    );
  });

  it("sends every refusal back to the exam page (which explains it) and starts nothing", async () => {
    const limited = await createExamCourse({ maxAttempts: 1, cooldownMinutes: 0 });
    courses.push(limited.slug);
    const user = await learner(limited.versionId);
    const { cookie } = await sessionCookie(user.id);
    await submitAttempt(user.id, await started(user.id, limited.slug));
    const refused = await start(limited.slug, cookie);
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toBe(`/courses/${limited.slug}/exam`);
    expect(await prisma.attempt.count({ where: { userId: user.id } })).toBe(1);

    const stranger = await createUser({ fullName: "Người chưa ghi danh" });
    users.push(stranger.id);
    const notEnrolled = await start(course.slug, (await sessionCookie(stranger.id)).cookie);
    expect(notEnrolled.status).toBe(303);
    expect(await prisma.attempt.count({ where: { userId: stranger.id } })).toBe(0);
  });

  it("refuses beyond the attempt limit and during the cooldown when posted directly, and the exam page says why", async () => {
    const limited = await createExamCourse({ maxAttempts: 2, cooldownMinutes: 0 });
    const cooling = await createExamCourse({ maxAttempts: 0, cooldownMinutes: 5 });
    courses.push(limited.slug, cooling.slug);
    const user = await learner(limited.versionId);
    await prisma.enrollment.create({ data: { userId: user.id, versionId: cooling.versionId }, select: { id: true } });
    const { cookie } = await sessionCookie(user.id);
    for (let i = 0; i < 2; i++) await submitAttempt(user.id, await started(user.id, limited.slug));
    const overLimit = await start(limited.slug, cookie);
    expect(overLimit.status).toBe(303);
    expect(overLimit.headers.get("location")).toBe(`/courses/${limited.slug}/exam`);
    expect(await prisma.attempt.count({ where: { userId: user.id, exam: { versionId: limited.versionId } } })).toBe(2);
    expect((await getExamOverview(user.id, limited.slug, "vi"))?.blocked).toEqual({ reason: "limit" });

    const first = await started(user.id, cooling.slug);
    await submitAttempt(user.id, first);
    const { submittedAt } = await prisma.attempt.findUniqueOrThrow({
      where: { id: first },
      select: { submittedAt: true },
    });
    const cooldown = await start(cooling.slug, cookie);
    expect(cooldown.status).toBe(303);
    expect(cooldown.headers.get("location")).toBe(`/courses/${cooling.slug}/exam`);
    expect(await prisma.attempt.count({ where: { userId: user.id, exam: { versionId: cooling.versionId } } })).toBe(1);
    expect((await getExamOverview(user.id, cooling.slug, "vi"))?.blocked).toEqual({
      reason: "cooldown",
      nextAttemptAt: new Date(submittedAt!.getTime() + 5 * 60_000).toISOString(),
    });
  });

  it("sends a visitor whose session has expired to the login page", async () => {
    const user = await learner();
    const { cookie, sessionId } = await sessionCookie(user.id);
    await prisma.session.update({ where: { id: sessionId }, data: { expiresAt: new Date(0) }, select: { id: true } });
    const reply = await start(course.slug, cookie);
    expect(reply.status).toBe(303);
    expect(reply.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect(await prisma.attempt.count({ where: { userId: user.id } })).toBe(0);
  });

  it("answers 400 to anything but the start form", async () => {
    const user = await learner();
    const { cookie } = await sessionCookie(user.id);
    expect((await start(course.slug, cookie, "intent=submit")).status).toBe(400);
    expect((await start(course.slug, cookie, `intent=start&padding=${"x".repeat(2000)}`)).status).toBe(400);
    expect(await prisma.attempt.count({ where: { userId: user.id } })).toBe(0);
  });
});

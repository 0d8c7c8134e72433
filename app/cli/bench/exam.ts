// Bench scenario "exam": N virtual learners start the seed course's exam within T seconds (the
// synchronised start), open it, autosave their answers with think time, then all submit. Then,
// in the same run, the raw database limit: the same statements without HTTP, in a loop, so the
// HTTP figures read as a fraction of what the database itself allows.
import crypto from "node:crypto";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { assertLoopback, BROWSER_HEADERS, loadTest } from "./runner.server";
import { round, summarize } from "./stats";
import type { BenchContext, BenchRow, BenchScenario } from "./types";

const COURSE_SLUG = "ky-nang-so-cho-cong-dan";
const TARGETS = { startP95Ms: 500, saveRps: 2000, saveP95Ms: 100 } as const;
const REQUEST_TIMEOUT_MS = 15_000;
/** Answers changed once more after the first pass (the learner changing their mind). */
const CHANGES_PER_LEARNER = 3;

type Sample = { ms: number; ok: boolean };
type Phase = { samples: Sample[]; first: number; last: number };
type Learner = { userId: string; sessionId: string; cookie: string; attemptId?: string };
type Reply = { status: number; location?: string; body: string };

function newPhase(): Phase {
  return { samples: [], first: Number.POSITIVE_INFINITY, last: 0 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One keep-alive request with node:http (fetch would add its own queueing and overhead to the figures). */
function send(
  agent: http.Agent,
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        agent,
        headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error(`${method} ${url}: timeout`)));
    request.on("error", reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

/** Times a request into a phase; a connection error or an unexpected status counts as an error. */
async function timed(phase: Phase, expected: number, run: () => Promise<Reply>): Promise<Reply | null> {
  const started = performance.now();
  phase.first = Math.min(phase.first, started);
  try {
    const reply = await run();
    const done = performance.now();
    phase.last = Math.max(phase.last, done);
    phase.samples.push({ ms: done - started, ok: reply.status === expected });
    return reply.status === expected ? reply : null;
  } catch {
    const done = performance.now();
    phase.last = Math.max(phase.last, done);
    phase.samples.push({ ms: done - started, ok: false });
    return null;
  }
}

function row(metric: string, phase: Phase, note: string): BenchRow {
  const seconds = (phase.last - phase.first) / 1000;
  return {
    scenario: "exam",
    metric,
    requests: phase.samples.length,
    rps: seconds > 0 ? round(phase.samples.length / seconds, 1) : Number.NaN,
    ...summarize(phase.samples.map((s) => s.ms)),
    errors: phase.samples.filter((s) => !s.ok).length,
    note,
  };
}

const met = (ok: boolean) => (ok ? "met" : "NOT met");

/** Runs a query per slice of ids: databases cap the number of bound parameters in one statement. */
async function inChunks<T>(ids: string[], query: (slice: string[]) => Promise<T[]>, size = 500): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < ids.length; start += size) results.push(...(await query(ids.slice(start, start + size))));
  return results;
}

export const examScenario: BenchScenario = {
  name: "exam",
  description:
    "synchronised start of the seed exam, autosave with think time, submit; plus the raw database limit without HTTP",
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const learners = ctx.quick ? 500 : 5000;
    const startWindowMs = ctx.quick ? 1_000 : 10_000;
    // Think time chosen so the learners together offer a little more than the saves/s target.
    const offeredSaveRate = TARGETS.saveRps * 1.25;
    const thinkMeanMs = (learners / offeredSaveRate) * 1000;
    const base = assertLoopback(ctx.baseUrl);
    const origin = base.origin;

    // The runner points this process at the server's database before any scenario runs.
    process.env.DATABASE_URL ??= ctx.databaseUrl;
    const { prisma } = await import("~/lib/db.server");
    const { env } = await import("~/lib/env.server");
    if (env.databaseUrl !== ctx.databaseUrl)
      throw new Error(`this process uses ${env.databaseUrl}, the server ${ctx.databaseUrl}`);
    const { drawQuestions } = await import("~/lib/exams/draw");
    const { toLearnerQuestion } = await import("~/lib/exams/question");
    const { parseQuestion } = await import("~/lib/exams/question.schema");
    const { startAttempt, storeAnswer } = await import("~/lib/exams/attempts.server");

    const version = await prisma.courseVersion.findFirst({
      where: { course: { slug: COURSE_SLUG }, status: "published", kind: "full" },
      orderBy: { number: "desc" },
      select: {
        id: true,
        exam: { select: { id: true, pools: true } },
        questions: { select: { key: true, spec: true } },
      },
    });
    if (!version?.exam) throw new Error(`the seed course ${COURSE_SLUG} has no published exam`);
    const bank = version.questions.map((q) => parseQuestion(q.spec, `question '${q.key}' of version ${version.id}`));
    const pools = version.exam.pools as { pool: string; draw: number }[];

    // Learners straight in the database: enrolled, each with a session (no password hashing).
    const runId = crypto.randomBytes(4).toString("hex");
    const emailPrefix = `bench-exam-${runId}-`;
    const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    const makeLearners = async (count: number, tag: string): Promise<Learner[]> => {
      const created: Learner[] = [];
      for (let offset = 0; offset < count; offset += 500) {
        const batch = Array.from({ length: Math.min(500, count - offset) }, (_, i) => ({
          userId: `bench${runId}${tag}${offset + i}`,
          sessionId: crypto.randomBytes(20).toString("hex"),
        }));
        await prisma.user.createMany({
          data: batch.map((l, i) => ({
            id: l.userId,
            email: `${emailPrefix}${tag}${offset + i}@bench.hocso.vn`,
            fullName: `Học viên thử tải ${offset + i}`,
          })),
        });
        await prisma.enrollment.createMany({ data: batch.map((l) => ({ userId: l.userId, versionId: version.id })) });
        await prisma.session.createMany({ data: batch.map((l) => ({ id: l.sessionId, userId: l.userId, expiresAt })) });
        created.push(...batch.map((l) => ({ ...l, cookie: `hocso_session=${l.sessionId}` })));
      }
      return created;
    };

    const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
    const rows: BenchRow[] = [];
    try {
      // The framework's own floor on this machine, to read the exam figures against: a Remix
      // route that does one query (the health check), at saturation.
      const floor = await loadTest({ url: `${origin}/healthz`, connections: 50, seconds: ctx.quick ? 2 : 5 });
      rows.push({
        scenario: "exam",
        metric: "floor: Remix route + 1 query (/healthz)",
        requests: floor.requests,
        rps: floor.rps,
        p50: floor.p50,
        p95: floor.p95,
        p99: floor.p99,
        errors: floor.errors,
        note: "50 connections; for comparison",
      });

      const people = await makeLearners(learners, "h");
      ctx.log(
        `${learners} learners enrolled with sessions; start window ${startWindowMs / 1000} s, think time ≈ ${Math.round(thinkMeanMs)} ms`,
      );
      const formHeaders = (cookie: string) => ({
        cookie,
        origin,
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": "hocso-bench",
      });
      const jsonHeaders = (cookie: string) => ({
        cookie,
        origin,
        "content-type": "application/json",
        "user-agent": "hocso-bench",
      });
      // The start form is a plain HTML post (with or without JavaScript): after its redirect the
      // browser loads the attempt page as a document, compressed, as a phone would.
      const pageHeaders = (cookie: string) => ({ ...BROWSER_HEADERS, cookie });

      // 1. The synchronised start: every learner presses "start" at a random moment of the window, then opens the attempt.
      const start = newPhase();
      const open = newPhase();
      const t0 = performance.now();
      await Promise.all(
        people.map(async (learner) => {
          await sleep(Math.random() * startWindowMs);
          const reply = await timed(start, 302, () =>
            send(agent, `${origin}/courses/${COURSE_SLUG}/exam`, "POST", formHeaders(learner.cookie), "intent=start"),
          );
          const attemptId = reply?.location ? /\/attempts\/([\w-]+)$/.exec(reply.location)?.[1] : undefined;
          if (!attemptId) return;
          learner.attemptId = attemptId;
          await timed(open, 200, () =>
            send(agent, `${origin}/attempts/${attemptId}`, "GET", pageHeaders(learner.cookie)),
          );
        }),
      );
      ctx.log(`start phase: ${Math.round(performance.now() - t0)} ms`);

      // 1b. The same synchronised start by other learners, without the page load after it: what
      // the start endpoint itself sustains, apart from rendering the attempt pages.
      const startOnly = newPhase();
      const others = await makeLearners(learners, "s");
      await Promise.all(
        others.map(async (learner) => {
          await sleep(Math.random() * startWindowMs);
          await timed(startOnly, 302, () =>
            send(agent, `${origin}/courses/${COURSE_SLUG}/exam`, "POST", formHeaders(learner.cookie), "intent=start"),
          );
        }),
      );
      const started = people.filter((l) => l.attemptId);
      const seeds = new Map(
        (
          await inChunks(
            started.map((l) => l.attemptId!),
            (ids) => prisma.attempt.findMany({ where: { id: { in: ids } }, select: { id: true, seed: true } }),
          )
        ).map((a) => [a.id, a.seed]),
      );

      // 2. Autosave: each learner answers every question, then changes a few answers, with think time in between.
      const save = newPhase();
      const answerFor = (q: ReturnType<typeof toLearnerQuestion>, pass: number): unknown => {
        switch (q.type) {
          case "single":
            return q.options![pass % q.options!.length].id;
          case "multiple":
            return q.options!.slice(0, 1 + (pass % q.options!.length)).map((o) => o.id);
          case "truefalse":
            return pass % 2 === 0;
          case "matching":
            return Object.fromEntries(q.left!.map((left, i) => [left.id, q.right![(i + pass) % q.right!.length].id]));
          case "ordering":
            return [...q.items!.slice(pass % q.items!.length), ...q.items!.slice(0, pass % q.items!.length)].map(
              (item) => item.id,
            );
          default:
            return String(100 + pass);
        }
      };
      const t1 = performance.now();
      await Promise.all(
        started.map(async (learner) => {
          const views = drawQuestions(bank, pools, seeds.get(learner.attemptId!)!).map((q) =>
            toLearnerQuestion(q, seeds.get(learner.attemptId!)!),
          );
          const plan = [
            ...views.map((q) => ({ q, pass: 0 })),
            ...views.slice(0, CHANGES_PER_LEARNER).map((q) => ({ q, pass: 1 })),
          ];
          await sleep(Math.random() * thinkMeanMs);
          for (const { q, pass } of plan) {
            await timed(save, 200, () =>
              send(
                agent,
                `${origin}/api/attempts/${learner.attemptId}/answers`,
                "POST",
                jsonHeaders(learner.cookie),
                JSON.stringify({ questionKey: q.key, value: answerFor(q, pass) }),
              ),
            );
            await sleep(thinkMeanMs * (0.5 + Math.random()));
          }
        }),
      );
      ctx.log(`autosave phase: ${Math.round(performance.now() - t1)} ms`);

      // 3. Saves at saturation: keep-alive connections posting as fast as the server answers.
      const target = started[0];
      let burst: Awaited<ReturnType<typeof loadTest>> | null = null;
      if (target) {
        const q = drawQuestions(bank, pools, seeds.get(target.attemptId!)!)[0];
        const view = toLearnerQuestion(q, seeds.get(target.attemptId!)!);
        burst = await loadTest({
          url: `${origin}/api/attempts/${target.attemptId}/answers`,
          method: "POST",
          headers: jsonHeaders(target.cookie),
          body: JSON.stringify({ questionKey: q.key, value: answerFor(view, 0) }),
          connections: 50,
          seconds: ctx.quick ? 3 : 10,
        });
      }

      // 4. The raw database limit: the autosave statement itself, in a loop in this process.
      const rawCount = ctx.quick ? 5_000 : 20_000;
      const rawSave = newPhase();
      for (let i = 0; i < rawCount; i++) {
        const learner = started[i % started.length];
        const began = performance.now();
        rawSave.first = Math.min(rawSave.first, began);
        const ok = await storeAnswer(
          learner.attemptId!,
          learner.userId,
          `bench-raw-${i % 9}`,
          JSON.stringify(String(i)),
          new Date(),
        );
        const done = performance.now();
        rawSave.last = done;
        rawSave.samples.push({ ms: done - began, ok });
      }
      await inChunks(
        started.map((l) => l.attemptId!),
        async (ids) => [
          await prisma.attemptAnswer.deleteMany({
            where: { attemptId: { in: ids }, questionKey: { startsWith: "bench-raw-" } },
          }),
        ],
      );

      // 5. Everyone submits within the same window.
      const submit = newPhase();
      await Promise.all(
        started.map(async (learner) => {
          await sleep(Math.random() * startWindowMs);
          await timed(submit, 302, () =>
            send(
              agent,
              `${origin}/attempts/${learner.attemptId}`,
              "POST",
              formHeaders(learner.cookie),
              "intent=submit",
            ),
          );
        }),
      );

      // 6. Starting without HTTP: the same domain call for fresh learners, one after another.
      const rawLearners = await makeLearners(ctx.quick ? 500 : 2000, "r");
      const rawStart = newPhase();
      for (const learner of rawLearners) {
        const began = performance.now();
        rawStart.first = Math.min(rawStart.first, began);
        const result = await startAttempt(learner.userId, COURSE_SLUG);
        const done = performance.now();
        rawStart.last = done;
        rawStart.samples.push({ ms: done - began, ok: result.ok });
      }

      const startRow = row("start (POST → 302), then its page", start, "");
      const errors = startRow.errors;
      startRow.note = `${learners} learners within ${startWindowMs / 1000} s; target p95 < ${TARGETS.startP95Ms} ms, 0 errors: ${met(startRow.p95 < TARGETS.startP95Ms && errors === 0 && start.samples.length === learners)}`;
      const startOnlyRow = row("start alone (POST → 302, no page load)", startOnly, "");
      startOnlyRow.note = `${learners} other learners within ${startWindowMs / 1000} s; target p95 < ${TARGETS.startP95Ms} ms, 0 errors: ${met(startOnlyRow.p95 < TARGETS.startP95Ms && startOnlyRow.errors === 0 && startOnly.samples.length === learners)}`;
      const rawStartRow = row(
        "start, no HTTP (startAttempt loop)",
        rawStart,
        "the same domain call in this process, one at a time",
      );
      const saveRow = row(
        "autosave with think time",
        save,
        `offered ≈ ${Math.round(offeredSaveRate)}/s; p95 target < ${TARGETS.saveP95Ms} ms: ${met(summarize(save.samples.map((s) => s.ms)).p95 < TARGETS.saveP95Ms)}`,
      );
      const rawSaveRow = row("autosave statement, no HTTP", rawSave, "storeAnswer loop, one at a time");
      rows.push(
        startRow,
        startOnlyRow,
        row("open attempt (GET page)", open, "the attempt page as a document (gzip), as after the start redirect"),
        saveRow,
      );
      if (burst) {
        rows.push({
          scenario: "exam",
          metric: "autosave at saturation",
          requests: burst.requests,
          rps: burst.rps,
          p50: burst.p50,
          p95: burst.p95,
          p99: burst.p99,
          errors: burst.errors,
          note: `50 connections; target ≥ ${TARGETS.saveRps}/s with p95 < ${TARGETS.saveP95Ms} ms: ${met(burst.rps >= TARGETS.saveRps && burst.p95 < TARGETS.saveP95Ms && burst.errors === 0)}; ${Math.round((burst.rps / Math.max(rawSaveRow.rps, 1)) * 100)}% of the raw limit`,
        });
      }
      rows.push(
        rawSaveRow,
        row("submit (POST → 302)", submit, `${started.length} attempts graded within ${startWindowMs / 1000} s`),
        rawStartRow,
      );
      return rows;
    } finally {
      agent.destroy();
      await prisma.user.deleteMany({ where: { email: { startsWith: emailPrefix } } });
    }
  },
};

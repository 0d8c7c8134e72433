import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// Two production instances (build/server.js) on one PostgreSQL database behind HAProxy, run with
// the repository's own config (.ci/haproxy/hocso.cfg). A signed-in learner is in the middle of an
// exam, started and autosaved through the real endpoints, when one instance is SIGKILLed with its
// whole process group (primary and workers, as when its machine dies). The learner carries on
// through the other instance, every acknowledged answer is stored, and submitting (twice at once,
// as an impatient learner does) gives exactly one grade.

const HAPROXY_CONFIG = path.resolve(".ci/haproxy/hocso.cfg");
const haproxyMissing = spawnSync("haproxy", ["-v"]).error !== undefined;
const unavailable = [
  inject("multiInstanceUnavailable"),
  haproxyMissing ? "haproxy is not installed (apt-get install haproxy; .ci/run installs it)" : "",
]
  .filter(Boolean)
  .join("; ");
// In CI a missing database or balancer is a failure, never a silent skip.
const mustRun = process.env.CI === "true";

/** A free loopback port in this project's range for the test servers (any free one past it). */
async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from}`);
}

type Running = { name: string; child: ChildProcess; output: () => string };

function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Running {
  // Its own process group, so that one signal reaches the primary and every worker at once.
  const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(chunk.toString("utf8"));
    if (lines.length > 200) lines.shift();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return { name, child, output: () => lines.join("") };
}

const exited = (running: Running) =>
  running.child.exitCode !== null || running.child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => running.child.once("exit", () => resolve()));

function killGroup(running: Running, signal: NodeJS.Signals) {
  try {
    process.kill(-running.child.pid!, signal);
  } catch {
    // already gone
  }
}

async function waitFor(what: string, ready: () => Promise<boolean>, processes: Running[], timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = processes.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    if (dead) throw new Error(`${dead.name} exited while waiting for ${what}:\n${dead.output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what}: not ready after ${timeoutMs} ms\n${processes.map((p) => p.output()).join("\n")}`);
}

describe.skipIf(!mustRun && unavailable !== "")(
  `two instances behind HAProxy on PostgreSQL${unavailable ? ` (skipped here: ${unavailable})` : ""}`,
  () => {
    const processes: Running[] = [];
    let fixtures: typeof import("../integration/exams-fixtures");
    let factories: typeof import("~/lib/fixtures/factories.server");
    let db: typeof import("~/lib/db.server");
    let course: { slug: string; versionId: string } | undefined;
    const users: string[] = [];

    beforeAll(async () => {
      if (unavailable) throw new Error(`the multi-instance test cannot run: ${unavailable}`);
      fixtures = await import("../integration/exams-fixtures");
      factories = await import("~/lib/fixtures/factories.server");
      db = await import("~/lib/db.server");
      if (!fixtures.hasBuild()) throw new Error("build/server.js is missing: run `npm run build` first");
      course = await fixtures.createExamCourse({ maxAttempts: 0, cooldownMinutes: 0, timeLimitMinutes: 30 });
    });

    afterAll(async () => {
      for (const running of processes) killGroup(running, "SIGKILL");
      await Promise.all(processes.map(exited));
      if (db) {
        await factories.deleteUsers(users);
        if (course) await fixtures.deleteCourses([course.slug]);
        await db.disconnectDatabase();
      }
    });

    it("a learner mid-exam carries on through the other instance when one is killed; nothing acknowledged is lost, one grade", async () => {
      const { prisma } = db;
      const balancerPort = await freePort(41250);
      const appPorts = [await freePort(balancerPort + 1), 0];
      appPorts[1] = await freePort(appPorts[0] + 1);
      const base = `http://127.0.0.1:${balancerPort}`;
      const instanceEnv = (port: number, workers: number, jobs: boolean): NodeJS.ProcessEnv => ({
        ...process.env,
        PORT: String(port),
        PUBLIC_URL: base,
        WEB_CONCURRENCY: String(workers),
        HOCSO_JOBS: jobs ? "1" : "0",
        HOCSO_QUIET_START: "1",
        LOG_REQUESTS: "0",
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
        SESSION_SECRET: process.env.SESSION_SECRET || "test-secret-for-the-failover-test",
      });
      // The instance that dies is a cluster (2 HTTP workers and the job worker); the survivor
      // serves in-process, with the jobs switched off as on every instance but one.
      const doomed = launch(
        "instance app1",
        process.execPath,
        [fixtures.BUILD_SERVER],
        instanceEnv(appPorts[0], 2, true),
      );
      const survivor = launch(
        "instance app2",
        process.execPath,
        [fixtures.BUILD_SERVER],
        instanceEnv(appPorts[1], 1, false),
      );
      processes.push(doomed, survivor);
      const balancer = launch("haproxy", "haproxy", ["-db", "-f", HAPROXY_CONFIG], {
        ...process.env,
        HOCSO_LB_BIND: `127.0.0.1:${balancerPort}`,
        HOCSO_APP1: `127.0.0.1:${appPorts[0]}`,
        HOCSO_APP2: `127.0.0.1:${appPorts[1]}`,
      });
      processes.push(balancer);
      for (const port of appPorts)
        await waitFor(
          `the instance on port ${port}`,
          async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok,
          processes,
        );
      // Both instances in rotation: two requests in a row land on both.
      await waitFor(
        "both instances behind the balancer",
        async () => {
          const seen = new Set<string>();
          for (let i = 0; i < 4; i++) seen.add((await fetch(`${base}/healthz`)).headers.get("x-hocso-instance") ?? "");
          return seen.has("app1") && seen.has("app2");
        },
        processes,
      );

      const learner = await fixtures.enrolledLearner(course!.versionId, "Phạm Thị Chuyển Máy");
      users.push(learner.id);
      const cookie = await fixtures.logInOverHttp(base, learner.email, learner.password);
      const start = await fetch(`${base}/courses/${course!.slug}/exam`, {
        method: "POST",
        headers: { Cookie: cookie },
        body: new URLSearchParams({ intent: "start" }),
        redirect: "manual",
      });
      expect(start.status).toBe(302);
      const attemptId = /\/attempts\/([\w-]+)$/.exec(start.headers.get("location") ?? "")?.[1];
      expect(attemptId).toBeTruthy();
      const { questions } = await fixtures.snapshotOf(attemptId!);
      expect(questions.length).toBeGreaterThanOrEqual(4);

      // Each question: first a wrong answer, then the right one (the learner changes their mind);
      // one request in flight per question, as the page does.
      const acknowledged = new Map<string, string>();
      const servedBy = new Set<string>();
      const failures: string[] = [];
      let acks = 0;
      let killed: Promise<void> | undefined;
      const killAfter = questions.length; // half of the 2 saves per question
      await Promise.all(
        questions.map(async (q) => {
          for (const value of [fixtures.wrongLearnerValue(q), fixtures.correctLearnerValue(q)]) {
            const response = await fetch(`${base}/api/attempts/${attemptId}/answers`, {
              method: "POST",
              headers: { Cookie: cookie, "Content-Type": "application/json" },
              body: JSON.stringify({ questionKey: q.key, value }),
            }).catch((error: Error) => error);
            if (response instanceof Error || response.status !== 200) {
              failures.push(`${q.key}: ${response instanceof Error ? response.message : response.status}`);
              return;
            }
            servedBy.add(response.headers.get("x-hocso-instance") ?? "");
            acknowledged.set(q.key, JSON.stringify(value));
            acks += 1;
            if (acks === killAfter) {
              killGroup(doomed, "SIGKILL");
              killed = exited(doomed);
            }
          }
        }),
      );
      await killed;
      expect(doomed.child.signalCode).toBe("SIGKILL");
      // The balancer replays what the dead instance never answered: the learner saw no error.
      expect(failures).toEqual([]);
      expect(servedBy).toEqual(new Set(["app1", "app2"]));
      expect(acks).toBe(2 * questions.length);

      // Every acknowledged answer is in the database (the last one acknowledged per question).
      const { toLearnerAnswerValue } = await import("~/lib/exams/question");
      const stored = new Map(
        (
          await prisma.attemptAnswer.findMany({
            where: { attemptId: attemptId! },
            select: { questionKey: true, value: true },
          })
        ).map((row) => [row.questionKey, row.value]),
      );
      for (const q of questions) {
        const row = stored.get(q.key);
        expect(row, `${q.key} was acknowledged but is missing`).toBeDefined();
        expect(JSON.stringify(toLearnerAnswerValue(q, JSON.parse(row!) as never)), q.key).toBe(acknowledged.get(q.key));
      }

      // The learner reloads the page and submits, twice at once; only the survivor answers now.
      const page = await fetch(`${base}/attempts/${attemptId}`, { headers: { Cookie: cookie } });
      expect(page.status).toBe(200);
      expect(page.headers.get("x-hocso-instance")).toBe("app2");
      const submit = () =>
        fetch(`${base}/attempts/${attemptId}`, {
          method: "POST",
          headers: { Cookie: cookie },
          body: new URLSearchParams({ intent: "submit" }),
          redirect: "manual",
        });
      const submits = await Promise.all([submit(), submit()]);
      for (const response of submits) {
        // 303 See Other: the exam room answers a form post the way browsers expect after POST.
        expect(response.status).toBe(303);
        expect(response.headers.get("location")).toBe(`/attempts/${attemptId}/result`);
      }
      // Exactly one grade, from every answer the learner gave (all right: full marks).
      const attempts = await prisma.attempt.findMany({
        where: { userId: learner.id },
        select: { id: true, state: true, autoSubmitted: true, percent: true, passed: true },
      });
      expect(attempts).toEqual([{ id: attemptId, state: "graded", autoSubmitted: false, percent: 100, passed: true }]);
      expect((await fetch(`${base}/attempts/${attemptId}/result`, { headers: { Cookie: cookie } })).status).toBe(200);
    });
  },
);

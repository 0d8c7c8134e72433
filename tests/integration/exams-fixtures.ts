// Shared set-up of the exam tests: a private copy of the seed course (its own slug, its own
// exam rules), enrolled learners with sessions, and the production server as a child process.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { startSession } from "~/lib/accounts/session.server";
import { prisma } from "~/lib/db.server";
import { type AnswerValue, type Question, matchingRightId, toLearnerAnswerValue } from "~/lib/exams/question";
import { createUser } from "~/lib/fixtures/factories.server";

export { createExamCourse, deleteCourses, SEED_COURSE_DIR, type ExamCourse } from "~/lib/fixtures/factories.server";

export async function enrolledLearner(versionId: string, fullName = "Trần Thị Học Viên") {
  const user = await createUser({ fullName });
  await prisma.enrollment.create({ data: { userId: user.id, versionId }, select: { id: true } });
  return user;
}

/** A real (Lucia) session for the user: the cookie header value and the raw session id. */
export async function sessionCookie(userId: string): Promise<{ cookie: string; sessionId: string }> {
  const setCookie = await startSession(new Request("http://localhost/"), userId);
  const cookie = setCookie.split(";")[0];
  return { cookie, sessionId: cookie.slice(cookie.indexOf("=") + 1) };
}

export async function snapshotOf(attemptId: string): Promise<{ questions: Question[]; seed: number }> {
  const row = await prisma.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { snapshot: true, seed: true },
  });
  return { questions: row.snapshot as unknown as Question[], seed: row.seed };
}

/** The right answer to a frozen question, as the learner would post it (public ids). */
export function correctLearnerValue(q: Question): unknown {
  let canonical: AnswerValue;
  switch (q.type) {
    case "single":
      canonical = q.options.find((o) => o.weight === 1)!.id;
      break;
    case "multiple":
      canonical = q.options.filter((o) => o.weight > 0).map((o) => o.id);
      break;
    case "truefalse":
      return q.answer;
    case "short":
      return q.answers[0].text;
    case "numeric": {
      const first = q.answers[0];
      return String(first.kind === "tolerance" ? first.value : first.min);
    }
    case "matching":
      return Object.fromEntries(q.pairs.map((p) => [p.id, matchingRightId(p.right)]));
    case "ordering":
      canonical = q.items.map((item) => item.id);
      break;
  }
  return toLearnerAnswerValue(q, canonical);
}

/** A wrong (but well-formed) answer, as the learner would post it. */
export function wrongLearnerValue(q: Question): unknown {
  switch (q.type) {
    case "single":
      return toLearnerAnswerValue(q, q.options.find((o) => o.weight <= 0)!.id);
    case "multiple":
      return toLearnerAnswerValue(
        q,
        q.options.filter((o) => o.weight <= 0).map((o) => o.id),
      );
    case "truefalse":
      return !q.answer;
    case "short":
      return "không biết";
    case "numeric":
      return "987654";
    case "matching":
      return {};
    case "ordering":
      return toLearnerAnswerValue(
        q,
        [...q.items.slice(1), q.items[0]].map((item) => item.id),
      );
  }
}

// ─── The production server, for the HTTP-level tests ─────────────────────────

export const BUILD_SERVER = path.resolve("build/server.js");
export const hasBuild = () => fs.existsSync(BUILD_SERVER) && fs.existsSync(path.resolve("build/index.js"));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port")),
      );
    });
  });
}

export type ServerProcess = {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
};

/** `node build/server.js` on the test database; resolves once /healthz answers. */
export async function startServer(port: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BUILD_SERVER], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      HOCSO_QUIET_START: "1",
      HOCSO_JOBS: "0",
      LOG_REQUESTS: "0",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      SESSION_SECRET: process.env.SESSION_SECRET || "test-secret-for-the-exam-tests-0123456789",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(chunk.toString("utf8"));
    if (lines.length > 200) lines.shift();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    child,
    baseUrl,
    output: () => lines.join(""),
    kill: async (signal = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server exited before it was ready:\n${server.output()}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) })).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.kill("SIGKILL");
  throw new Error(`the server did not become ready:\n${server.output()}`);
}

/** Logs in over HTTP like a browser without JavaScript and returns the session cookie. */
export async function logInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith("hocso_session="));
  if (response.status !== 302 || !cookie) throw new Error(`login failed: ${response.status}`);
  return cookie.split(";")[0];
}

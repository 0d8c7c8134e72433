// Does a background job stall request serving? Starts the production server on a fresh SQLite
// database with the demo seed and its background jobs on, imports 4,000 officials through the
// real import endpoint (which queues their invitation mails and starts the invitation job), and
// meanwhile times /healthz and a learner's autosave, one after the other, until every invitation
// is out. It measures; it asserts nothing (README "Performance").
//
//   node --import tsx app/cli/bench/job-stall.ts [--workers N] [--rows 4000] [--server build/server.js]
//
// `--server` may name another checkout's build (run from that checkout's directory), to compare.
import { spawn } from "node:child_process";
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { toLearnerQuestion } from "~/lib/exams/question";
import { parseSnapshot } from "~/lib/exams/question.schema";
import { percentile } from "./stats";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
};
const workers = option("workers", String(os.availableParallelism()));
const rows = Number(option("rows", "4000"));
const serverFile = path.resolve(option("server", "build/server.js"));
const port = Number(option("port", "41210"));
const base = `http://127.0.0.1:${port}`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-job-stall-"));

Object.assign(process.env, {
  DATABASE_URL: `file:${path.join(tmp, "stall.db")}`,
  SIGNING_KEYS_FILE: path.join(tmp, "keys.json"),
  UPLOADS_DIR: path.join(tmp, "uploads"),
  SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
  PORT: String(port),
  PUBLIC_URL: base,
  NODE_ENV: "production",
  LOG_REQUESTS: "0",
  LOG_LEVEL: "warn",
  HOCSO_QUIET_START: "1",
  HOCSO_JOBS: "1",
  SMTP_URL: "",
  WEB_CONCURRENCY: workers,
});

for (const [command, commandArgs] of [
  ["npx", ["prisma", "migrate", "deploy"]],
  [process.execPath, ["--import", "tsx", "app/cli/seed.ts"]],
] as const) {
  const result = spawnSync(command, [...commandArgs], { stdio: ["ignore", "ignore", "inherit"], env: process.env });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} failed`);
}

const { prisma } = await import("~/lib/db.server");
const server = spawn(process.execPath, [serverFile], {
  cwd: path.dirname(path.dirname(serverFile)),
  env: process.env,
  stdio: ["ignore", "inherit", "inherit"],
  detached: true,
});
const stopServer = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    // gone already
  }
};
process.on("exit", stopServer);

async function until(ready: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("timed out");
}

async function logIn(email: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password: "hocso-demo-2026" }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith("hocso_session="));
  if (!cookie) throw new Error(`login of ${email} failed: ${response.status}`);
  return cookie.split(";")[0];
}

try {
  await until(async () => (await fetch(`${base}/healthz`)).ok, 120_000);
  const admin = await logIn("quantri.thainguyen@hocso.vn");
  const learner = await logIn("hocvien@hocso.vn");
  const slug = "ky-nang-so-cho-cong-dan";
  const [version, learnerRow] = await Promise.all([
    prisma.courseVersion.findFirstOrThrow({
      where: { course: { slug }, status: "published" },
      orderBy: { number: "desc" },
      select: { id: true },
    }),
    prisma.user.findUniqueOrThrow({ where: { email: "hocvien@hocso.vn" }, select: { id: true } }),
  ]);
  if (
    !(await prisma.enrollment.findFirst({
      where: { userId: learnerRow.id, versionId: version.id },
      select: { id: true },
    }))
  )
    await prisma.enrollment.create({ data: { userId: learnerRow.id, versionId: version.id }, select: { id: true } });
  const start = await fetch(`${base}/courses/${slug}/exam`, {
    method: "POST",
    headers: { Cookie: learner },
    body: new URLSearchParams({ intent: "start" }),
    redirect: "manual",
  });
  const attemptId = /\/attempts\/([\w-]+)$/.exec(start.headers.get("location") ?? "")?.[1];
  if (!attemptId) throw new Error(`could not start the exam: ${start.status} ${start.headers.get("location")}`);
  const attempt = await prisma.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { snapshot: true, seed: true },
  });
  // The draw is random: probe with whichever question takes a value this loop can alternate.
  const question =
    parseSnapshot(attempt.snapshot, attemptId)
      .map((q) => toLearnerQuestion(q, attempt.seed))
      .find((q) => q.type === "truefalse" || q.type === "single" || q.type === "short") ?? null;
  if (!question) throw new Error("the seed exam drew no true/false, single-choice or short-answer question");
  const probeValue = (n: number): unknown =>
    question.type === "truefalse"
      ? n % 2 === 0
      : question.type === "single"
        ? question.options![n % question.options!.length].id
        : `answer ${n}`;

  const adminUnit = await prisma.orgAdmin.findFirstOrThrow({
    where: { user: { email: "quantri.thainguyen@hocso.vn" } },
    select: { org: { select: { code: true } } },
  });
  const tag = crypto.randomUUID().slice(0, 6);
  const csv = [
    "email,full_name,unit_code,job_role",
    ...Array.from(
      { length: rows },
      (_, i) => `can-bo-${tag}-${i}@example.test,Cán bộ ${i},${adminUnit.org.code},chuyên viên`,
    ),
  ].join("\n");

  const probes = { healthz: [] as number[], autosave: [] as number[] };
  let probing = true;
  const probe = (async () => {
    for (let n = 0; probing; n++) {
      let started = performance.now();
      await (await fetch(`${base}/healthz`)).arrayBuffer();
      probes.healthz.push(performance.now() - started);
      started = performance.now();
      const saved = await fetch(`${base}/api/attempts/${attemptId}/answers`, {
        method: "POST",
        headers: { Cookie: learner, "Content-Type": "application/json" },
        body: JSON.stringify({ questionKey: question.key, value: probeValue(n) }),
      });
      await saved.arrayBuffer();
      if (saved.status !== 200) throw new Error(`autosave answered ${saved.status}`);
      probes.autosave.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();

  const importStarted = performance.now();
  const imported = await fetch(`${base}/org/import/run`, {
    method: "POST",
    headers: { Cookie: admin },
    body: new URLSearchParams({ intent: "import", payload: csv }),
  });
  const lines = (await imported.text()).trim().split("\n");
  const last = JSON.parse(lines.at(-1) ?? "{}") as { type?: string };
  if (last.type !== "result") throw new Error(`import failed: ${lines.at(-1)}`);
  const importSeconds = (performance.now() - importStarted) / 1000;
  // From here on the invitation job sends; count only the probes taken while it does.
  probes.healthz.length = 0;
  probes.autosave.length = 0;
  const sendStarted = performance.now();
  await until(
    async () => (await prisma.outboxMessage.count({ where: { to: { startsWith: `can-bo-${tag}-` } } })) >= rows,
    300_000,
  );
  const sendSeconds = (performance.now() - sendStarted) / 1000;
  probing = false;
  await probe;

  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      n: sorted.length,
      p50: Math.round(percentile(sorted, 50)),
      p95: Math.round(percentile(sorted, 95)),
      max: Math.round(sorted.at(-1) ?? 0),
    };
  };
  process.stdout.write(
    `${JSON.stringify(
      {
        server: serverFile,
        workers: Number(workers),
        rows,
        importSeconds: Math.round(importSeconds * 10) / 10,
        invitationsOutSeconds: Math.round(sendSeconds * 10) / 10,
        healthzMsDuringJob: summary(probes.healthz),
        autosaveMsDuringJob: summary(probes.autosave),
        loadAverage: os.loadavg().map((value) => Math.round(value * 10) / 10),
      },
      null,
      2,
    )}\n`,
  );
} finally {
  stopServer();
  await prisma.$disconnect();
  fs.rmSync(tmp, { recursive: true, force: true });
}

/**
 * `npm run bench`: performance figures for the production build on this machine.
 *
 *   npm run bench -- [--quick] [--json FILE] [--postgres URL] [--only pages,weight,examday] [--workers N]
 *
 * Prepares a fresh database (SQLite in a temporary directory, or a PostgreSQL database created
 * on the server at URL and dropped afterwards), applies the migrations, loads the demo seed,
 * starts `node build/server.js` on a free loopback port, runs the registered scenarios in
 * order and prints one table (progress goes to stderr, the table to stdout). It measures; it
 * asserts nothing. Exit code 1 when the server cannot start or a scenario throws, 2 for usage
 * errors. The server and the load generator share this machine's cores, so anything else
 * running skews the figures; the header prints the load average at the start to show it.
 */
import crypto from "node:crypto";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pagesScenario, weightScenario } from "./bench/pages";
import { stopAllTraffic } from "./bench/runner.server";
import { formatTable } from "./bench/stats";
import type { BenchContext, BenchRow, BenchScenario } from "./bench/types";

const USAGE = `Usage: npm run bench -- [--quick] [--json FILE] [--postgres URL] [--only NAME,NAME] [--workers N]

  --quick          short run (the whole bench in under a minute)
  --json FILE      also write the rows and the machine description as JSON
  --postgres URL   run on a fresh PostgreSQL database created on that server (dropped after)
  --only NAMES     run only these scenarios (comma-separated)
  --workers N      server worker processes (WEB_CONCURRENCY; default: one per core)
`;

class UsageError extends Error {}

type Args = { quick: boolean; json?: string; postgres?: string; only?: string[]; workers: number };

function parseArgs(argv: string[]): Args | "help" {
  const args: Args = { quick: false, workers: os.availableParallelism() };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--")
      ? (argv[i].split(/=(.*)/s, 2) as [string, string | undefined])
      : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (!v || v.startsWith("--")) throw new UsageError(`missing value for ${flag}`);
      return v;
    };
    if (flag === "-h" || flag === "--help") return "help";
    else if (flag === "--quick") args.quick = true;
    else if (flag === "--json") args.json = value();
    else if (flag === "--postgres") args.postgres = value();
    else if (flag === "--workers") {
      args.workers = Number(value());
      if (!Number.isInteger(args.workers) || args.workers < 1 || args.workers > 64)
        throw new UsageError("--workers needs a whole number from 1 to 64");
    } else if (flag === "--only")
      args.only = value()
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean);
    else throw new UsageError(`unknown argument: ${argv[i]}`);
  }
  if (args.postgres && !/^postgres(ql)?:\/\//.test(args.postgres))
    throw new UsageError("--postgres needs a postgresql:// URL");
  return args;
}

const ROOT = path.resolve(fileURLToPath(new URL("../..", import.meta.url)));
const started = Date.now();

function log(line: string) {
  process.stderr.write(`bench: ${line}\n`);
}

/** A URL with any password hidden, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

// ---------------------------------------------------------------------------------------------
// Scenario registry: pages is part of this CLI; the exam day, verify and compliance scenarios are written
// separately and join the run as soon as their files exist.

type Entry = { name: string; scenario?: BenchScenario; skipped?: string };

async function loadRegistry(): Promise<Entry[]> {
  const entries: Entry[] = [
    { name: pagesScenario.name, scenario: pagesScenario },
    { name: weightScenario.name, scenario: weightScenario },
  ];
  for (const [file, exportName] of [
    ["verify.ts", "verifyScenario"],
    ["compliance.ts", "complianceScenario"],
    ["examday.ts", "examdayScenario"],
  ] as const) {
    const fallbackName = file.replace(/\.ts$/, "");
    const url = new URL(`./bench/${file}`, import.meta.url);
    if (!fs.existsSync(fileURLToPath(url))) {
      entries.push({ name: fallbackName, skipped: `app/cli/bench/${file} does not exist yet` });
      continue;
    }
    // A file that exists but fails to load is an error, not a skip: it would hide a broken scenario.
    const module = (await import(url.href)) as Record<string, unknown>;
    const scenario = module[exportName] as BenchScenario | undefined;
    if (!scenario || typeof scenario.run !== "function" || typeof scenario.name !== "string") {
      throw new Error(`app/cli/bench/${file} does not export ${exportName} (a BenchScenario)`);
    }
    entries.push({ name: scenario.name, scenario });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Database, build and server

type Database = { url: string; provider: "sqlite" | "postgresql"; version?: string; drop: () => Promise<void> };

// pg is typed only when @types/pg is installed; this is all the bench needs of it.
type PgClient = {
  connect(): Promise<unknown>;
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
};
type Pg = { Client: new (config: { connectionString: string; connectionTimeoutMillis?: number }) => PgClient };

async function createPostgresDatabase(serverUrl: string): Promise<Database> {
  const pg = createRequire(import.meta.url)("pg") as Pg;
  const name = `hocso_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  let version: string | undefined;
  try {
    const serverVersion = (await admin.query("SHOW server_version")).rows[0]?.server_version;
    version = typeof serverVersion === "string" ? serverVersion : "";
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  log(`created PostgreSQL database ${name} on ${redact(serverUrl)}`);
  return {
    url: url.toString(),
    provider: "postgresql",
    version,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
      await client.connect();
      try {
        // FORCE: a connection the server or the bench left open must not keep the database alive.
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        log(`dropped PostgreSQL database ${name}`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs a command to completion (bounded in time); its output is shown only if it fails. */
function runStep(label: string, command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): string {
  const stepStarted = Date.now();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const reason = result.error
      ? result.error.message
      : result.signal
        ? `killed by ${result.signal}`
        : `exit code ${result.status}`;
    throw new Error(`${label} failed (${reason}):\n${result.stdout ?? ""}${result.stderr ?? ""}`);
  }
  log(`${label}: done in ${((Date.now() - stepStarted) / 1000).toFixed(1)} s`);
  return result.stdout ?? "";
}

/** A free loopback port, or BENCH_PORT when set (a machine where each user has one assigned port). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(Number(process.env.BENCH_PORT ?? 0), "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port")),
      );
    });
  });
}

type Server = { child: ChildProcess; output: () => string; stop: (graceMs?: number) => Promise<void> };

function startServer(env: NodeJS.ProcessEnv): Server {
  // BENCH_SERVER_NODE_ARGS passes flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "build/server.js"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Keep only the tail of the server's output (for the error message if it dies), and keep
  // reading it so that a full pipe never blocks the server.
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    tail.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: Server = {
    child,
    output: () => tail.join("\n"),
    stop: async (graceMs = 12_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      // The server drains in-flight requests on SIGTERM and forces itself out after 10 s.
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return server;
}

async function waitUntilReady(server: Server, baseUrl: string, stopWaiting: () => boolean): Promise<void> {
  const { child } = server;
  // Generous: on a shared, busy machine loading the build alone can take tens of seconds.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !stopWaiting()) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${server.output()}`,
      );
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    stopWaiting() ? "interrupted" : `the server did not answer ${baseUrl}/healthz within 120 s:\n${server.output()}`,
  );
}

/** CPU ms (user + system) of a process and all its descendants, from /proc (Linux); reaped children count via cutime/cstime. */
function processTreeCpuMs(rootPid: number): number {
  const ticksPerSecond = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: parse after its closing one.
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: utime + stime + cutime + cstime });
    } catch {
      // the process ended while we looked
    }
  }
  let ticks = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.ppid === pid) queue.push(child);
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** The 1-minute load average when the bench started: other work on the machine skews every figure. */
const loadAtStart = Math.round(os.loadavg()[0] * 100) / 100;

function machineInfo(database: Database) {
  const cpus = os.cpus();
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" });
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    database: database.provider,
    ...(database.version ? { databaseVersion: database.version } : {}),
    date: new Date().toISOString(),
    loadAverage: { atStart: loadAtStart, atEnd: Math.round(os.loadavg()[0] * 100) / 100 },
    ...(commit.status === 0 ? { commit: commit.stdout.trim() + (dirty.stdout?.trim() ? " (modified tree)" : "") } : {}),
  };
}

function placeholderRow(scenario: string, metric: string, note: string): BenchRow {
  return {
    scenario,
    metric,
    requests: 0,
    rps: Number.NaN,
    p50: Number.NaN,
    p95: Number.NaN,
    p99: Number.NaN,
    errors: 0,
    note,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------

async function main(args: Args): Promise<number> {
  // Same precedence as every entry point (app/server/load-env.ts): real variables win over .env.
  if (fs.existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-bench-"));
  let database: Database | undefined;
  let server: Server | undefined;
  let benchDbLoaded = false;
  let interrupted = false;

  // Runs once, whether the run ends, fails or is interrupted; every caller awaits the same promise.
  let cleaning: Promise<void> | undefined;
  const cleanup = (graceMs = 12_000) =>
    (cleaning ??= (async () => {
      await server?.stop(graceMs).catch((error: unknown) => log(`stopping the server: ${String(error)}`));
      if (benchDbLoaded) {
        const db = await import("~/lib/db.server");
        await withTimeout(db.disconnectDatabase(), 5_000, "closing the bench's database connections").catch(
          () => undefined,
        );
      }
      await database?.drop().catch((error: unknown) => log(`dropping the database: ${String(error)}`));
      fs.rmSync(tmp, { recursive: true, force: true });
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping the traffic and cleaning up`);
    stopAllTraffic();
    void cleanup(3_000).finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    const sqliteUrl = `file:${path.join(tmp, "bench.db")}`;
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    database = args.postgres
      ? await createPostgresDatabase(args.postgres)
      : { url: sqliteUrl, provider: "sqlite", drop: () => Promise.resolve() };

    // One environment for the migration, the seed, the server and this process (whose scenarios
    // write to the same database): everything of this run lives in the temporary directory.
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      SIGNING_KEYS_FILE: path.join(tmp, "keys", "signing-keys.json"),
      UPLOADS_DIR: path.join(tmp, "uploads"),
      NODE_ENV: "production",
      LOG_REQUESTS: "0",
      HOCSO_QUIET_START: "1",
      HOCSO_JOBS: "0",
      HOCSO_DEMO: "0",
      // The production server runs this many worker processes (app/server/main.ts).
      WEB_CONCURRENCY: String(args.workers),
      // No real mail and no third-party analytics from a benchmark, whatever .env says.
      SMTP_URL: "",
      MUX_ENV_KEY: "",
      // All bench traffic comes from one address: a per-address limit would measure the
      // limiter (429s), not the endpoint behind it.
      VERIFY_RATE_LIMIT: "1000000000",
      // Warnings and errors only: the server output is kept just to explain a crash.
      LOG_LEVEL: "warn",
    });
    process.env.SESSION_SECRET ||= crypto.randomBytes(32).toString("base64url");
    // The bench measures build/ (built here when missing), never a build named elsewhere.
    delete process.env.REMIX_BUILD;

    const registry = await loadRegistry();
    if (args.only) {
      const unknown = args.only.filter((name) => !registry.some((entry) => entry.name === name));
      if (unknown.length > 0)
        throw new UsageError(
          `unknown scenario ${unknown.join(", ")} (known: ${registry.map((entry) => entry.name).join(", ")})`,
        );
    }
    const selected = registry.filter((entry) => !args.only || args.only.includes(entry.name));

    if (!fs.existsSync(path.join(ROOT, "build/server.js")) || !fs.existsSync(path.join(ROOT, "build/index.js"))) {
      log("no production build: running npm run build");
      runStep("npm run build", "npm", ["run", "--silent", "build"], process.env, 300_000);
    }
    runStep(`migrations (${database.provider})`, "npx", ["prisma", "migrate", "deploy"], process.env, 180_000);
    const seedOutput = runStep(
      "demo seed",
      process.execPath,
      ["--import", "tsx", "app/cli/seed.ts"],
      process.env,
      300_000,
    );
    const seedSummary = /seed done: (.*)/.exec(seedOutput)?.[1];
    if (seedSummary) log(`seed: ${seedSummary}`);

    // Assigned before the wait, so that cleanup stops it even if it never becomes ready.
    server = startServer(process.env);
    await waitUntilReady(server, baseUrl, () => interrupted);
    log(`server ready at ${baseUrl} (${database.provider})`);

    const rows: BenchRow[] = [];
    const reports: Record<string, Record<string, unknown>> = {};
    let failures = 0;
    const serverPid = server.child.pid!;
    for (const entry of selected) {
      if (interrupted) break;
      if (!entry.scenario) {
        log(`${entry.name}: skipped (${entry.skipped})`);
        rows.push(placeholderRow(entry.name, "skipped", entry.skipped ?? ""));
        continue;
      }
      const scenario = entry.scenario;
      log(`${scenario.name}: ${scenario.description}`);
      const ctx: BenchContext = {
        baseUrl,
        databaseUrl: database.url,
        quick: args.quick,
        log: (line) => process.stderr.write(`  [${scenario.name}] ${line}\n`),
        workers: args.workers,
        serverCpuMs: () => processTreeCpuMs(serverPid),
        report: (name, figures) => {
          reports[name] = figures;
        },
      };
      benchDbLoaded = true; // a scenario may open the database from this process
      const scenarioStarted = Date.now();
      try {
        const result = await withTimeout(
          scenario.run(ctx),
          args.quick ? 300_000 : 900_000,
          `scenario ${scenario.name}`,
        );
        rows.push(...result);
        log(`${scenario.name}: done in ${((Date.now() - scenarioStarted) / 1000).toFixed(1)} s`);
      } catch (error) {
        if (interrupted) break;
        failures += 1;
        const message = error instanceof Error ? error.message : String(error);
        log(`${scenario.name} FAILED: ${error instanceof Error ? (error.stack ?? message) : message}`);
        // The whole message on one line (Prisma's start with an empty line and end with the cause).
        const oneLine = message
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean)
          .join(" ");
        rows.push(
          placeholderRow(scenario.name, "FAILED", oneLine.length > 240 ? `${oneLine.slice(0, 237)}...` : oneLine),
        );
      }
      if (server.child.exitCode !== null || server.child.signalCode !== null) {
        failures += 1;
        log(`the server died during ${scenario.name}:\n${server.output()}`);
        break;
      }
    }

    if (interrupted) return 130;
    const machine = machineInfo(database);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    process.stdout.write(
      `\nHọcSố bench · ${machine.date} · ${args.quick ? "quick" : "full"} · ${args.workers} worker(s) · ${machine.database}${machine.databaseVersion ? ` ${machine.databaseVersion}` : ""}\n` +
        `${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, Node ${machine.node}, ${machine.os}${machine.commit ? `, commit ${machine.commit}` : ""}\n` +
        `load average ${machine.loadAverage.atStart} at start, ${machine.loadAverage.atEnd} at end` +
        // The server and the load generator already share the cores; anything else running
        // makes every figure pessimistic, so say so next to the figures.
        // (The figure at the end includes the bench's own load, so only the one at start is judged.)
        `${machine.loadAverage.atStart > machine.cores / 2 ? " — the machine was already busy when the bench started: figures are pessimistic" : ""}\n\n` +
        `${formatTable(rows)}\n\n` +
        `latencies in ms; errors = connection errors + timeouts + non-2xx; sizes as transferred with gzip; ${seconds} s in all\n`,
    );
    if (args.json) {
      const file = path.resolve(args.json);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // NaN (no measurement: a skipped or failed scenario) becomes null in JSON.
      fs.writeFileSync(
        file,
        `${JSON.stringify({ machine, options: { quick: args.quick, only: args.only ?? null, workers: args.workers, seconds }, rows, ...reports }, null, 2)}\n`,
      );
      log(`wrote ${file}`);
    }
    return failures > 0 ? 1 : 0;
  } finally {
    await cleanup();
  }
}

let code: number;
try {
  const args = parseArgs(process.argv.slice(2));
  if (args === "help") {
    process.stdout.write(USAGE);
    code = 0;
  } else {
    code = await main(args);
  }
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}`);
    code = 2;
  } else {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    code = 1;
  }
}
// Explicit exit: a scenario that timed out may still hold sockets or timers open.
process.exit(code);

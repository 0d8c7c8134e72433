import "./load-env";
import cluster, { type Worker } from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import pino from "pino";
import { isClusterMessage, type ClusterMessage } from "../lib/cluster.server";
import { env } from "../lib/env.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../lib/fixtures/accounts";
import { normaliseAddress } from "../lib/client-address";
import { rateLimit } from "../lib/rate-limit.server";
import { precompressedAssets } from "./precompressed";
import { isCrossSiteWrite, limitRequestBody, maxBodyBytesFor, securityHeaders } from "./security";

const logger = pino(
  { level: env.logLevel, base: { service: "hocso-http" }, timestamp: pino.stdTimeFunctions.isoTime },
  pino.destination({ sync: false }),
);

type HocsoBuild = ServerBuild & {
  entry: {
    module: ServerBuild["entry"]["module"] & {
      startBackgroundJobs?: () => void;
      stopBackgroundJobs?: () => void;
      disconnectDatabase?: () => Promise<void>;
      handleAnswerSave?: (req: Request, res: Response) => Promise<void>;
      handleVerifyByCode?: (req: Request, res: Response) => Promise<void>;
      handleExamStart?: (req: Request, res: Response) => Promise<void>;
      handleAttemptPage?: (req: Request, res: Response) => Promise<void>;
      handleAttemptForm?: (req: Request, res: Response) => Promise<void>;
      handleResultPage?: (req: Request, res: Response) => Promise<void>;
      handleExamRoomScript?: (req: Request, res: Response) => boolean;
      handleScormContent?: (req: Request, res: Response) => Promise<void>;
    };
  };
};

const port = env.port;
const publicUrl = env.publicUrl;
const jobsEnabled = env.runJobs;
// `npm run dev` runs this server under `remix dev --manual`, which sets REMIX_DEV_ORIGIN.
const liveReloadOrigin = env.nodeEnv === "development" ? process.env.REMIX_DEV_ORIGIN : undefined;
// What this process is: the primary forks the workers and names each one's role. The dev loop
// serves from one process, the one that re-imports the build on every rebuild.
const role = cluster.isPrimary ? (env.webConcurrency > 1 && !liveReloadOrigin ? "primary" : "single") : env.clusterRole;

/** The build; a query naming its modification time makes `import` load a rebuilt one afresh. */
async function loadBuild(): Promise<HocsoBuild> {
  const url = pathToFileURL(env.remixBuild);
  if (liveReloadOrigin) url.search = `?t=${fs.statSync(env.remixBuild).mtimeMs}`;
  return (await import(url.href)) as HocsoBuild;
}

/**
 * Remix's manual dev mode: on every rebuild, import the new build and tell `remix dev` it is
 * served (broadcastDevReady), which reloads the open pages. The process itself keeps running.
 */
function watchBuild(onBuild: (build: HocsoBuild) => void) {
  let pending: NodeJS.Timeout | undefined;
  // The compiler replaces the file, so the folder is watched, not the file.
  fs.watch(path.dirname(env.remixBuild), (_event, file) => {
    if (file !== path.basename(env.remixBuild)) return;
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (!fs.existsSync(env.remixBuild)) return;
      loadBuild()
        .then(async (build) => {
          onBuild(build);
          await broadcastDevReady(build);
        })
        .catch((error: unknown) => logger.error({ error: String(error) }, "dev: the rebuilt build did not load"));
    }, 100);
  });
}

/** `workers`: the HTTP processes serving (one when this process serves alone, as under `npm run dev`). */
function printBanner(workers: number) {
  logger.info({ port, url: publicUrl, workers }, "HọcSố is listening");
  if (env.quietStart) return;
  process.stdout.write(`\nHọcSố is running at ${publicUrl}\n`);
  if (env.demo) {
    process.stdout.write(`Demo accounts (password: ${DEMO_PASSWORD}):\n`);
    for (const account of DEMO_ACCOUNTS) process.stdout.write(`  ${account.label.padEnd(32)} ${account.email}\n`);
  }
}

/** The HTTP server: in-process, or one of the primary's HTTP workers (which share its port). */
async function serveHttp({ runJobs }: { runJobs: boolean }) {
  let build = await loadBuild();
  const logRequests = env.logRequests;

  const app = express();
  app.disable("x-powered-by");
  // Only a configured proxy (TRUST_PROXY) may set the client address and X-Forwarded-Proto;
  // without one, X-Forwarded-* headers are ignored, so no client can forge its address.
  app.set("trust proxy", env.trustProxy);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get("x-request-id");
    const requestId = incoming && /^[\w.-]{8,100}$/.test(incoming) ? incoming : crypto.randomUUID();
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.requestId = requestId;
    res.locals.cspNonce = nonce;
    res.setHeader("X-Request-Id", requestId);
    const https = req.secure || env.publicUrl.startsWith("https:");
    for (const [name, value] of Object.entries(securityHeaders(nonce, req.path, https, liveReloadOrigin)))
      res.setHeader(name, value);
    // The client address, for throttling and the audit log; set here so that no client can forge it.
    req.headers["x-hocso-client-ip"] = normaliseAddress(req.ip ?? req.socket.remoteAddress);
    if (logRequests) {
      const started = process.hrtime.bigint();
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        logger.info(
          { requestId, method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
          "request",
        );
      });
    }
    next();
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      isCrossSiteWrite(req.method, req.get("origin"), req.get("sec-fetch-site"), `${req.protocol}://${req.get("host")}`)
    ) {
      res.status(403).type("text/plain").send("Cross-origin request refused");
      return;
    }
    if (limitRequestBody(req, res, maxBodyBytesFor(req.path))) next();
  });

  // Exam autosave: a small JSON endpoint outside Remix (one SQL statement per answer; see answer-endpoint.server.ts).
  app.post("/api/attempts/:attemptId/answers", (req, res, next) =>
    build.entry.module.handleAnswerSave ? void build.entry.module.handleAnswerSave(req, res) : next(),
  );
  // "Start the exam": the synchronised start, outside Remix (see start-endpoint.server.ts).
  app.post("/courses/:slug/exam", (req, res, next) =>
    build.entry.module.handleExamStart ? void build.entry.module.handleExamStart(req, res) : next(),
  );
  // The exam room's pages (attempt, its form, result) and their scripts, outside Remix (see exam-room.server.ts).
  // Remix's own data requests (`….data`, a client-side navigation) go on to its hand-off routes.
  // Each handler is looked up on the current build, which `npm run dev` replaces on every rebuild.
  const page =
    (name: "handleAttemptPage" | "handleAttemptForm" | "handleResultPage") =>
    (req: Request, res: Response, next: NextFunction) => {
      const handler = build.entry.module[name];
      return handler && !req.path.endsWith(".data") ? void handler(req, res) : next();
    };
  app.get("/attempts/:attemptId", page("handleAttemptPage"));
  app.post("/attempts/:attemptId", page("handleAttemptForm"));
  app.get("/attempts/:attemptId/result", page("handleResultPage"));
  app.get("/exam-room/:file", (req, res, next) =>
    build.entry.module.handleExamRoomScript?.(req, res) ? undefined : next(),
  );
  // Verification by code: public JSON at QR-scan rates, outside Remix (see verify-endpoint.server.ts).
  app.get("/api/verify/:code", (req, res, next) =>
    build.entry.module.handleVerifyByCode ? void build.entry.module.handleVerifyByCode(req, res) : next(),
  );
  // SCORM package files for the sandboxed player frame (see content-endpoint.server.ts).
  app.get("/scorm-content/*", (req, res, next) =>
    build.entry.module.handleScormContent ? void build.entry.module.handleScormContent(req, res) : next(),
  );
  app.use("/build", precompressedAssets("public/build"));
  app.use(compression());
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // The service worker must be revalidated on every check, or a release would reach browsers late.
  app.get("/sw.js", (_req, res, next) => {
    res.setHeader("Cache-Control", "no-cache");
    next();
  });
  app.use(express.static("public", { maxAge: "1h" }));

  const remixFor = (current: HocsoBuild) =>
    createRequestHandler({
      build: current,
      mode: env.nodeEnv,
      getLoadContext: (_req, res) => ({
        requestId: String(res.locals.requestId),
        cspNonce: String(res.locals.cspNonce),
      }),
    });
  let remix = remixFor(build);
  app.all("*", (req, res, next) => void remix(req, res, next));
  if (liveReloadOrigin)
    watchBuild((rebuilt) => {
      build = rebuilt;
      remix = remixFor(rebuilt);
    });

  const server = app.listen(port, () => {
    if (role === "single") printBanner(1);
    if (liveReloadOrigin) void broadcastDevReady(build);
  });
  server.keepAliveTimeout = 65_000;

  if (runJobs) build.entry.module.startBackgroundJobs?.();

  let shuttingDown = false;
  const closeDatabase = async () => {
    await build.entry.module.disconnectDatabase?.();
    logger.flush();
    process.exit(0);
  };
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal, role }, "shutting down: finishing in-flight requests");
    build.entry.module.stopBackgroundJobs?.();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(() => void closeDatabase());
    server.closeIdleConnections?.();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

/** The cluster's job worker: no HTTP, only the background jobs of this instance. */
async function runJobsOnly() {
  const build = await loadBuild();
  build.entry.module.startBackgroundJobs?.();
  // The IPC channel keeps this process alive; a job in flight is abandoned on shutdown, and its
  // claimed rows are taken again after their claim timeout (the jobs are at-least-once).
  const shutdown = async () => {
    build.entry.module.stopBackgroundJobs?.();
    await build.entry.module.disconnectDatabase?.();
    logger.flush();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => void shutdown());
}

// A worker that dies within this time of its start is restarted only after a pause, so that a
// worker that cannot start (a bad build, no database) does not spin the CPU.
const QUICK_DEATH_MS = 5_000;
const SHUTDOWN_GRACE_MS = 12_000;

/**
 * The primary serves nothing itself: it forks `workers` HTTP workers and one job worker,
 * restarts any that dies, relays their messages, holds the instance's rate-limit counters, and
 * on SIGTERM lets every worker finish its requests before it exits.
 */
function superviseWorkers(workers: number) {
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
  const roles = new Map<Worker, { role: "http" | "jobs"; startedAt: number }>();
  const httpWorkers = () => [...roles].filter(([, info]) => info.role === "http").map(([worker]) => worker);
  let shuttingDown = false;
  let listening = 0;

  const fork = (workerRole: "http" | "jobs") => {
    const worker = cluster.fork({ HOCSO_ROLE: workerRole });
    roles.set(worker, { role: workerRole, startedAt: Date.now() });
    worker.on("message", (message: unknown) => {
      if (isClusterMessage(message)) relay(worker, message);
    });
    if (workerRole === "http")
      worker.once("listening", () => {
        listening += 1;
        if (listening === workers) printBanner(workers);
      });
  };

  const relay = (from: Worker, message: ClusterMessage) => {
    if (message.hocso === "rate-limit") {
      from.send({
        hocso: "rate-limit-result",
        id: message.id,
        result: rateLimit(message.key, message.limit, message.windowMs),
      } satisfies ClusterMessage);
    } else if (message.hocso === "run-job") {
      for (const [worker, info] of roles) if (info.role === "jobs") worker.send(message);
    } else if (message.hocso === "broadcast") {
      for (const worker of httpWorkers()) if (worker !== from) worker.send(message);
    }
  };

  cluster.on("exit", (worker, code, signal) => {
    const info = roles.get(worker);
    roles.delete(worker);
    if (shuttingDown || !info) return;
    logger.error({ role: info.role, pid: worker.process.pid, code, signal }, "worker died: starting another");
    const delay = Date.now() - info.startedAt < QUICK_DEATH_MS ? 1_000 : 0;
    setTimeout(() => !shuttingDown && fork(info.role), delay);
  });

  for (let i = 0; i < workers; i++) fork("http");
  if (jobsEnabled) fork("jobs");

  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal, workers: roles.size }, "shutting down the workers");
    for (const worker of roles.keys()) worker.process.kill("SIGTERM");
    const force = setTimeout(() => {
      for (const worker of roles.keys()) worker.process.kill("SIGKILL");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    const done = () => {
      if (roles.size > 0) return;
      logger.flush();
      process.exit(0);
    };
    cluster.on("exit", done);
    done();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

if (role === "primary") superviseWorkers(env.webConcurrency);
else if (role === "jobs") await runJobsOnly();
else await serveHttp({ runJobs: role === "single" && jobsEnabled });

import "./load-env";
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import pino from "pino";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../lib/fixtures/accounts";
import { isCrossSiteWrite, maxBodyBytesFor, securityHeaders } from "./security";

const logger = pino(
  { level: process.env.LOG_LEVEL ?? "info", base: { service: "hocso-http" }, timestamp: pino.stdTimeFunctions.isoTime },
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
    };
  };
};

const buildPath = path.resolve(process.env.REMIX_BUILD ?? "build/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as HocsoBuild;
const port = Number(process.env.PORT ?? 3000);
const logRequests = process.env.LOG_REQUESTS !== "0";

const app = express();
app.disable("x-powered-by");
// req.protocol follows X-Forwarded-Proto from a reverse proxy: the session cookie is Secure
// exactly when the user reaches the site over HTTPS.
app.set("trust proxy", process.env.TRUST_PROXY ?? true);

app.use((req: Request, res: Response, next: NextFunction) => {
  const incoming = req.get("x-request-id");
  const requestId = incoming && /^[\w.-]{8,100}$/.test(incoming) ? incoming : crypto.randomUUID();
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.requestId = requestId;
  res.locals.cspNonce = nonce;
  res.setHeader("X-Request-Id", requestId);
  for (const [name, value] of Object.entries(securityHeaders(nonce, req.path))) res.setHeader(name, value);
  // The client address, for throttling and the audit log; set here so that no client can forge it.
  req.headers["x-hocso-client-ip"] = req.ip ?? "unknown";
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
  const length = Number(req.get("content-length") ?? 0);
  if (length > maxBodyBytesFor(req.path)) {
    res
      .status(413)
      .type("text/plain")
      .send(`Request body too large (limit ${Math.round(maxBodyBytesFor(req.path) / 1024)} KB)`);
    return;
  }
  next();
});

// Exam autosave: a small JSON endpoint outside Remix (one SQL statement per answer; see answer-endpoint.server.ts).
app.post("/api/attempts/:attemptId/answers", (req, res, next) =>
  build.entry.module.handleAnswerSave ? void build.entry.module.handleAnswerSave(req, res) : next(),
);
// "Start the exam": the synchronised start, outside Remix (see start-endpoint.server.ts).
app.post("/courses/:slug/exam", (req, res, next) =>
  build.entry.module.handleExamStart ? void build.entry.module.handleExamStart(req, res) : next(),
);
// Verification by code: public JSON at QR-scan rates, outside Remix (see verify-endpoint.server.ts).
app.get("/api/verify/:code", (req, res, next) =>
  build.entry.module.handleVerifyByCode ? void build.entry.module.handleVerifyByCode(req, res) : next(),
);
app.use(compression());
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV ?? "production",
    getLoadContext: (_req, res) => ({ requestId: String(res.locals.requestId), cspNonce: String(res.locals.cspNonce) }),
  }),
);

const server = app.listen(port, () => {
  const url = process.env.PUBLIC_URL ?? `http://localhost:${port}`;
  logger.info({ port, url }, "HọcSố is listening");
  if (process.env.HOCSO_QUIET_START === "1") return;
  process.stdout.write(`\nHọcSố is running at ${url}\n`);
  if (process.env.HOCSO_DEMO === "1") {
    process.stdout.write(`Demo accounts (password: ${DEMO_PASSWORD}):\n`);
    for (const account of DEMO_ACCOUNTS) process.stdout.write(`  ${account.label.padEnd(32)} ${account.email}\n`);
  }
});
server.keepAliveTimeout = 65_000;

if (process.env.HOCSO_JOBS !== "0") build.entry.module.startBackgroundJobs?.();

let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, "shutting down: finishing in-flight requests");
  build.entry.module.stopBackgroundJobs?.();
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(async () => {
    await build.entry.module.disconnectDatabase?.();
    logger.flush();
    process.exit(0);
  });
  server.closeIdleConnections?.();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

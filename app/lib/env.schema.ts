import net from "node:net";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

// Every environment variable the application reads, validated once at start-up. Pure: no
// side effects, so the start-up check (app/server/load-env.ts) can run it before anything else
// and tests can feed it any environment.

/** Express's `trust proxy` value: false (no proxy), a hop count, or names/addresses/CIDRs. */
export type TrustProxy = boolean | number | string[];

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrCidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split("/");
  if (rest.length || !address) return false;
  const family = net.isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY: unset = no proxy; `1` = one hop; `loopback`, addresses and CIDRs, comma-separated; true/false. */
export function parseTrustProxy(raw: string | undefined): { ok: true; value: TrustProxy } | { ok: false } {
  const text = raw?.trim().toLowerCase() ?? "";
  if (text === "" || text === "false") return { ok: true, value: false };
  if (text === "true") return { ok: true, value: true };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 32 ? { ok: true, value: hops === 0 ? false : hops } : { ok: false };
  }
  const parts = text.split(",").map((part) => part.trim());
  if (parts.every((part) => PROXY_NAMES.has(part) || isAddressOrCidr(part))) return { ok: true, value: parts };
  return { ok: false };
}

const flag = z.enum(["0", "1"]).optional();
const positiveInteger = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .optional()
    .transform((value) => value ?? fallback);
/** An absolute http(s) URL without query, fragment or credentials; a path is allowed. */
const plainHttpUrl = (message: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && !url.search && !url.hash && !url.username;
      } catch {
        return false;
      }
    }, message);
const httpUrl = plainHttpUrl(
  "must be an absolute http(s) URL without query, fragment or credentials, e.g. https://hocso.example.gov.vn",
);

// The LRS's statements resource lives under this URL; a path (e.g. /xapi) is allowed.
const lrsUrl = plainHttpUrl(
  "must be the LRS's absolute http(s) base URL without query, fragment or credentials, e.g. https://lrs.example.gov.vn/xapi",
);

/** Variables whose values are never echoed into a problem line (logs). */
const SECRET_NAMES = new Set(["SESSION_SECRET", "XAPI_PASSWORD"]);

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).optional().default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .optional()
    .default("file:./data/hocso.db"),
  DATABASE_POOL_SIZE: positiveInteger(10).refine((value) => value >= 1 && value <= 1000, "must be 1–1000"),
  PORT: positiveInteger(3000).refine((value) => value >= 1 && value <= 65535, "must be a port number 1–65535"),
  PUBLIC_URL: httpUrl.optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters (npm run setup generates one)").optional(),
  TRUST_PROXY: z
    .string()
    .refine(
      (value) => parseTrustProxy(value).ok,
      "must be a hop count (1), loopback, addresses or CIDRs (10.0.0.0/8,::1), true or false",
    )
    .optional(),
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().trim().min(3).optional().default("HọcSố <no-reply@hocso.local>"),
  SIGNING_KEYS_FILE: z.string().trim().min(1).optional().default("data/keys/signing-keys.json"),
  UPLOADS_DIR: z.string().trim().min(1).optional().default("data/uploads"),
  MUX_ENV_KEY: z.string().trim().optional().default(""),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional().default("info"),
  LOG_REQUESTS: flag,
  REMINDER_OFFSETS_DAYS: z
    .string()
    .trim()
    .regex(/^\d{1,3}(\s*,\s*\d{1,3})*$/, "must be a comma-separated list of days, e.g. 7,1")
    .optional(),
  VERIFY_RATE_LIMIT: positiveInteger(120).refine((value) => value >= 1, "must be at least 1"),
  VERIFY_CACHE_SECONDS: positiveInteger(5),
  REMIX_BUILD: z.string().trim().min(1).optional().default("build/index.js"),
  HOCSO_JOBS: flag,
  // Learning records out as xAPI statements (README, "xAPI"); unset = nothing is queued.
  XAPI_ENDPOINT: lrsUrl.optional(),
  XAPI_USERNAME: z.string().trim().min(1).optional(),
  XAPI_PASSWORD: z.string().min(1).optional(),
  XAPI_ACTOR_MBOX: flag,
  // HTTP worker processes of one instance (node:cluster); unset = one per core, 1 = in-process.
  WEB_CONCURRENCY: positiveInteger(0).refine((value) => value <= 64, "must be 1–64 (unset: one per core)"),
  // Set by the cluster's primary for the processes it forks; never by hand.
  HOCSO_ROLE: z.enum(["http", "jobs"]).optional(),
  HOCSO_DEMO: flag,
  HOCSO_QUIET_START: flag,
});

/** What production needs on top of well-formed values; checked even when other variables are malformed. */
function productionProblems(raw: Record<string, string | undefined>): string[] {
  if ((raw.NODE_ENV ?? "development") !== "production") return [];
  const problems: string[] = [];
  if (!raw.PUBLIC_URL)
    problems.push("PUBLIC_URL: required in production: every link in mails, QR codes and did:web is built from it");
  if (!raw.SESSION_SECRET) problems.push("SESSION_SECRET: required in production (npm run setup writes one into .env)");
  return problems;
}

/** The xAPI variables only make sense together: credentials in pairs, and only with an endpoint. */
function xapiProblems(raw: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (raw.XAPI_USERNAME && !raw.XAPI_PASSWORD) problems.push("XAPI_PASSWORD: required when XAPI_USERNAME is set");
  if (raw.XAPI_PASSWORD && !raw.XAPI_USERNAME) problems.push("XAPI_USERNAME: required when XAPI_PASSWORD is set");
  const dependent = ["XAPI_USERNAME", "XAPI_PASSWORD", "XAPI_ACTOR_MBOX"].filter((name) => raw[name]);
  if (dependent.length && !raw.XAPI_ENDPOINT)
    problems.push(`XAPI_ENDPOINT: required when ${dependent.join(", ")} is set (the LRS to send statements to)`);
  return problems;
}

export type Env = ReturnType<typeof toEnv>;

/** Where and how statements are sent; null = xAPI is off and nothing is queued. */
export type XapiConfig = {
  /** The LRS base URL without a trailing slash; statements go to `${endpoint}/statements`. */
  endpoint: string;
  username: string | null;
  password: string | null;
  /** Identify learners by `mailto:` e-mail instead of their account on PUBLIC_URL. */
  actorMbox: boolean;
};

function toXapi(raw: z.output<typeof schema>): XapiConfig | null {
  if (!raw.XAPI_ENDPOINT) return null;
  return {
    endpoint: raw.XAPI_ENDPOINT.replace(/\/+$/, ""),
    username: raw.XAPI_USERNAME ?? null,
    password: raw.XAPI_PASSWORD ?? null,
    actorMbox: raw.XAPI_ACTOR_MBOX === "1",
  };
}

function toEnv(raw: z.output<typeof schema>) {
  const trustProxy = parseTrustProxy(raw.TRUST_PROXY);
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, "");
  return {
    nodeEnv: raw.NODE_ENV,
    isProduction: raw.NODE_ENV === "production",
    databaseUrl: raw.DATABASE_URL,
    isPostgres: /^postgres(ql)?:/.test(raw.DATABASE_URL),
    databasePoolSize: raw.DATABASE_POOL_SIZE,
    port: raw.PORT,
    /** Origin (and optional path prefix) of the deployment, no trailing slash. */
    publicUrl,
    /** Outside production a missing secret is generated per process: one-time links then only work until restart. */
    sessionSecret: raw.SESSION_SECRET ?? null,
    trustProxy: trustProxy.ok ? trustProxy.value : false,
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    signingKeysFile: path.resolve(raw.SIGNING_KEYS_FILE),
    uploadsDir: path.resolve(raw.UPLOADS_DIR),
    muxEnvKey: raw.MUX_ENV_KEY,
    logLevel: raw.LOG_LEVEL,
    logRequests: raw.LOG_REQUESTS !== "0",
    reminderOffsetsDays: raw.REMINDER_OFFSETS_DAYS,
    verifyRateLimit: raw.VERIFY_RATE_LIMIT,
    verifyCacheSeconds: raw.VERIFY_CACHE_SECONDS,
    remixBuild: path.resolve(raw.REMIX_BUILD),
    runJobs: raw.HOCSO_JOBS !== "0",
    webConcurrency: raw.WEB_CONCURRENCY || os.availableParallelism(),
    clusterRole: raw.HOCSO_ROLE,
    demo: raw.HOCSO_DEMO === "1",
    quietStart: raw.HOCSO_QUIET_START === "1",
    xapi: toXapi(raw),
  };
}

export type EnvResult = { ok: true; env: Env } | { ok: false; problems: string[] };

/** Validates an environment; on failure, one line per missing or malformed variable. */
export function parseEnv(source: Record<string, string | undefined>): EnvResult {
  // An empty value means "unset", as in most .env conventions.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(cleaned);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const name = issue.path.join(".") || "environment";
        // A secret's value is never echoed into logs.
        const shown =
          typeof cleaned[name] === "string" && !SECRET_NAMES.has(name) ? ` (got ${JSON.stringify(cleaned[name])})` : "";
        return `${name}: ${issue.message}${shown}`;
      });
  problems.push(...productionProblems(cleaned), ...xapiProblems(cleaned));
  if (result.success && problems.length === 0) return { ok: true, env: toEnv(result.data) };
  return { ok: false, problems };
}

export function formatEnvProblems(problems: string[]): string {
  return `HọcSố cannot start: the configuration is invalid.\n${problems.map((line) => `  - ${line}`).join("\n")}\n`;
}

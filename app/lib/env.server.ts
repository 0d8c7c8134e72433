import crypto from "node:crypto";
import path from "node:path";
import { formatEnvProblems, parseEnv, type Env } from "~/lib/env.schema";

// The application's configuration: every variable is read here, once, through one zod schema
// (env.schema.ts). The server's entry point runs the same check first and exits with one line
// per problem, so reaching this throw means a tool imported the app without that check.
function loadEnv(): Env & { sessionSecret: string } {
  const result = parseEnv(process.env);
  if (!result.ok) throw new Error(formatEnvProblems(result.problems));
  // Production refuses to start without a secret (see env.schema.ts); elsewhere a random one
  // per process keeps tokens unforgeable, never a shared hard-coded value.
  return { ...result.env, sessionSecret: result.env.sessionSecret ?? crypto.randomBytes(32).toString("base64url") };
}

export const env = loadEnv();

/** An absolute link on this deployment, always from PUBLIC_URL (never from request headers). */
export function publicLink(pathAndQuery: string): string {
  return `${env.publicUrl}${pathAndQuery.startsWith("/") ? "" : "/"}${pathAndQuery}`;
}

/** Absolute file path of a `file:` SQLite URL, relative paths resolved from the working directory. */
export function sqliteFilePath(url: string): string {
  const withoutScheme = url.replace(/^file:/, "");
  return path.resolve(withoutScheme);
}

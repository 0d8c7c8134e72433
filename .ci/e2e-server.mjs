// Starts the production build for the browser tests on a fresh SQLite database with the demo seed.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";

// Production mode needs its address and a secret (app/lib/env.schema.ts); one of each per run.
process.env.PUBLIC_URL ??= `http://localhost:${process.env.PORT ?? 3000}`;
process.env.SESSION_SECRET ??= crypto.randomBytes(32).toString("base64url");

const url = process.env.DATABASE_URL ?? "file:./data/e2e.db";
const file = url.replace(/^file:/, "");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
fs.mkdirSync("data", { recursive: true });

for (const [command, args] of [
  ["npx", ["prisma", "migrate", "deploy"]],
  ["node", ["--import", "tsx", "app/cli/seed.ts"]],
]) {
  const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "inherit"], env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
process.env.HOCSO_QUIET_START = "1";
process.env.LOG_REQUESTS = "0";
await import("../build/server.js");

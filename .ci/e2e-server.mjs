// Starts the production build for the browser tests on a fresh SQLite database with the demo seed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

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

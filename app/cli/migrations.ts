import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Runs `prisma migrate deploy` for the given database (creating the SQLite folder first). */
export function applyMigrations(url: string, { quiet = false } = {}): void {
  if (!/^postgres(ql)?:/.test(url)) {
    fs.mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, ""))), { recursive: true });
  }
  const result = spawnSync("npx", ["prisma", "migrate", "deploy"], {
    stdio: quiet ? ["ignore", "ignore", "pipe"] : "inherit",
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    if (quiet && result.stderr) process.stderr.write(result.stderr);
    throw new Error(`prisma migrate deploy failed for ${url.replace(/\/\/[^@]*@/, "//***@")}`);
  }
}

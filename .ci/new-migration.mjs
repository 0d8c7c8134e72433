// Usage: npm run db:new-migration -- <name>
// Writes prisma/{sqlite,postgres}/migrations/<timestamp>_<name>/migration.sql from the difference
// between the committed migrations (replayed on a shadow database) and prisma/models.prisma.
// `prisma migrate dev` cannot be used: it needs the native schema engine (see README).
// SQLite needs nothing running; PostgreSQL needs PG_URL (a role that may CREATE DATABASE).
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const name = process.argv[2]?.replace(/[^a-zA-Z0-9_]/g, "_");
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
const timestamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const flavours = {
  sqlite: "file:./data/new-migration.db",
  postgres: process.env.PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
};
fs.mkdirSync("data", { recursive: true });
for (const [flavour, url] of Object.entries(flavours)) {
  const result = spawnSync(
    "npx",
    [
      "prisma",
      "migrate",
      "diff",
      "--from-migrations",
      `prisma/${flavour}/migrations`,
      "--to-schema-datamodel",
      `prisma/${flavour}`,
      "--script",
      "--exit-code",
    ],
    { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" },
  );
  if (result.status === 0) {
    console.log(`${flavour}: no changes`);
    continue;
  }
  if (result.status !== 2) {
    console.error(`${flavour}: prisma migrate diff failed\n${result.stderr}`);
    process.exit(1);
  }
  const dir = `prisma/${flavour}/migrations/${timestamp}_${name}`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${dir}/migration.sql`, result.stdout);
  console.log(`${flavour}: wrote ${dir}/migration.sql`);
}

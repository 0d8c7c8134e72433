import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { envFileDefaults } from "~/cli/setup-env";

// `npm run setup` (after npm install): .env with generated secrets if absent, the SQLite
// database from the committed migrations, signing keys, the demo seed, a production build.

function ensureEnvFile() {
  const defaults = envFileDefaults({ PORT: process.env.PORT, PUBLIC_URL: process.env.PUBLIC_URL });
  const existing = fs.existsSync(".env") ? fs.readFileSync(".env", "utf8") : "";
  const present = new Set(existing.split("\n").map((line) => line.split("=")[0]?.trim()));
  const missing = Object.entries(defaults).filter(([key]) => !present.has(key));
  if (missing.length === 0) return;
  const block = missing.map(([key, value]) => `${key}=${value}`).join("\n");
  fs.writeFileSync(".env", `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}${block}\n`, { mode: 0o600 });
  step(`.env: added ${missing.map(([key]) => key).join(", ")}`);
}

function step(message: string) {
  process.stdout.write(`• ${message}\n`);
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    process.stderr.write(`\nSetup failed at: ${command} ${args.join(" ")}\n`);
    process.exit(result.status ?? 1);
  }
}

ensureEnvFile();
// The same start-up check as every entry point: .env loaded, the configuration validated.
await import("~/server/load-env");
const { env } = await import("~/lib/env.server");
fs.mkdirSync("data", { recursive: true });

step("Applying database migrations");
const { applyMigrations } = await import("~/cli/migrations");
applyMigrations(env.databaseUrl, { quiet: true });

step("Loading the demo seed (accounts, courses, organisations)");
run("node", ["--import", "tsx", "app/cli/seed.ts"]);

step("Building the production bundle");
run("npm", ["run", "--silent", "build"]);

const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("~/lib/fixtures/accounts");
process.stdout.write(
  `\nHọcSố is ready. Start it with: npm start  →  ${env.publicUrl}\n\nDemo accounts (password: ${DEMO_PASSWORD}):\n`,
);
for (const account of DEMO_ACCOUNTS)
  process.stdout.write(`  ${account.label.padEnd(32)} ${account.email}  (${account.fullName})\n`);
process.stdout.write("\n");

// `npm test`: the whole suite — lint (ESLint with zero warnings, Prettier, knip), vitest (unit +
// data layer on SQLite, and the data layer again on PostgreSQL when TEST_POSTGRES_URL is set; the
// multi-instance failover test behind HAProxy runs in the first run, on a PostgreSQL database of
// its own) and Playwright in Debian's chromium — ending with one line "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

const ARTIFACTS = "tests/.artifacts";
fs.rmSync(ARTIFACTS, { recursive: true, force: true });
fs.mkdirSync(ARTIFACTS, { recursive: true });
const totals = { passed: 0, failed: 0 };
const started = Date.now();

function run(label, command, args, env = {}) {
  process.stdout.write(`\n━━ ${label}\n`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function countVitest(file, label) {
  if (!fs.existsSync(file)) {
    totals.failed += 1;
    process.stdout.write(`${label}: no report (the run crashed) — counted as a failure\n`);
    return;
  }
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  // A test file that failed to load has no failed tests but is a failure all the same.
  totals.failed += report.testResults.filter(
    (suite) => suite.status === "failed" && suite.assertionResults.length === 0,
  ).length;
}

function countPlaywright(file) {
  if (!fs.existsSync(file)) {
    totals.failed += 1;
    process.stdout.write("playwright: no report (the run crashed) — counted as a failure\n");
    return;
  }
  const { stats, errors } = JSON.parse(fs.readFileSync(file, "utf8"));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected + (errors?.length ?? 0);
}

// Lint is one check: a problem anywhere in the tree fails it, and the suites still run.
if (run("lint (eslint + prettier)", "npm", ["run", "--silent", "lint"]) === 0) totals.passed += 1;
else {
  totals.failed += 1;
  process.stdout.write("lint: failed — counted as a failure (`npm run lint` lists the problems)\n");
}

if (run("build", "npm", ["run", "--silent", "build"]) !== 0) {
  process.stdout.write(`\n${totals.passed} passed, ${totals.failed + 1} failed\n`);
  process.exit(1);
}

run("vitest (unit + data layer on SQLite + multi-instance on PostgreSQL)", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${ARTIFACTS}/vitest-sqlite.json`,
]);
countVitest(`${ARTIFACTS}/vitest-sqlite.json`, "vitest sqlite");

if (process.env.TEST_POSTGRES_URL) {
  const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
  const database = `hocso_test_${process.pid}_${Date.now()}`;
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const url = new URL(process.env.TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  try {
    run(
      "vitest (data layer on PostgreSQL)",
      "npx",
      [
        "vitest",
        "run",
        "--project",
        "data",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${ARTIFACTS}/vitest-postgres.json`,
      ],
      { TEST_DATABASE_URL: url.toString() },
    );
    countVitest(`${ARTIFACTS}/vitest-postgres.json`, "vitest postgres");
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
} else {
  process.stdout.write("\n(TEST_POSTGRES_URL is not set: the data layer was tested on SQLite only)\n");
}

run("playwright (chromium)", "npx", ["playwright", "test"]);
countPlaywright(`${ARTIFACTS}/playwright.json`);

process.stdout.write(`\nSuite finished in ${Math.round((Date.now() - started) / 1000)} s\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);

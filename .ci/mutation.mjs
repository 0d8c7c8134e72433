// `npm run test:mutation`: StrykerJS on the pure rules, one module at a time against the test
// table beside it, in incremental mode (state under .cache/stryker/, git-ignored), then one
// score table. A module below its minimum score fails the run.
//
//   npm run test:mutation                         every module below
//   npm run test:mutation -- app/lib/exams/policy.ts   only the modules named
//   npm run test:mutation -- --changed            only modules whose source or test changed in
//                                                 the last commit (what .ci/run does)
//   --concurrency N                               Stryker workers (default 1: shared machine)
import { spawnSync } from "node:child_process";
import fs from "node:fs";

/** Each pure rule, the test table beside it, and the lowest mutation score it may have. */
const MODULES = [
  { file: "app/lib/exams/grading.ts", min: 95 },
  { file: "app/lib/exams/policy.ts", min: 95 },
  { file: "app/lib/certificates/code.ts", min: 95 },
  { file: "app/lib/organizations/compliance-math.ts", min: 95 },
  { file: "app/lib/certificates/status-list.ts", min: 95 },
  { file: "app/lib/exams/draw.ts", min: 90 },
  { file: "app/lib/exams/rng.ts", min: 90 },
  { file: "app/lib/credits/completion-rule.ts", min: 90 },
  { file: "app/lib/content/search.ts", min: 90 },
  { file: "app/lib/exams/answer-ui.ts", min: 90 },
  { file: "app/lib/exams/aiken.ts", min: 90 },
  { file: "app/lib/exams/gift.ts", min: 90 },
  { file: "app/lib/courses/lesson-diff.ts", min: 90 },
  { file: "app/lib/courses/progress-sync.ts", min: 90 },
  { file: "app/lib/exams/offline-attempt.ts", min: 90 },
].map((m) => ({ ...m, test: m.file.replace(/\.ts$/, ".test.ts") }));

const slugOf = (file) =>
  file
    .replace(/^app\/lib\//, "")
    .replace(/\.tsx?$/, "")
    .replaceAll("/", "__");

function git(args) {
  const result = spawnSync("git", args, { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Files changed by the last commit, or null when there is no previous commit to compare with. */
function changedInLastCommit() {
  if (git(["rev-parse", "--verify", "--quiet", "HEAD~1^{commit}"]) === null) return null;
  const out = git(["diff", "--name-only", "HEAD~1", "HEAD"]);
  return out === null ? null : out.split("\n").filter(Boolean);
}

function score(report, file) {
  const entry = Object.entries(report.files).find(([name]) => name.endsWith(file))?.[1];
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  for (const mutant of entry?.mutants ?? []) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  return { ...counts, valid, score: valid === 0 ? 100 : (100 * detected) / valid };
}

const args = process.argv.slice(2);
let concurrency = 1;
let changedOnly = false;
const named = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--concurrency") concurrency = Number(args[++i]);
  else if (args[i] === "--changed") changedOnly = true;
  else named.push(args[i]);
}

let selected = MODULES;
if (named.length > 0) {
  const unknown = named.filter((n) => !MODULES.some((m) => m.file === n));
  if (unknown.length > 0) {
    console.error(
      `not a mutation-tested module: ${unknown.join(", ")}\nknown: ${MODULES.map((m) => m.file).join(", ")}`,
    );
    process.exit(2);
  }
  selected = MODULES.filter((m) => named.includes(m.file));
} else if (changedOnly) {
  const changed = changedInLastCommit();
  if (changed === null) {
    console.log("mutation: no previous commit to compare with (first commit or shallow clone) — skipped");
    process.exit(0);
  }
  selected = MODULES.filter((m) => changed.includes(m.file) || changed.includes(m.test));
  if (selected.length === 0) {
    console.log("mutation: the last commit changed no mutation-tested module — skipped");
    process.exit(0);
  }
}

const rows = [];
for (const mod of selected) {
  const slug = slugOf(mod.file);
  const reportFile = `.cache/stryker/reports/${slug}.json`;
  fs.rmSync(reportFile, { force: true });
  process.stdout.write(`\n━━ mutation: ${mod.file} (tests: ${mod.test})\n`);
  const started = Date.now();
  const run = spawnSync("npx", ["stryker", "run", "stryker.config.mjs"], {
    stdio: "inherit",
    env: {
      ...process.env,
      STRYKER_MODULE: mod.file,
      STRYKER_CONCURRENCY: String(concurrency),
      MUTATION_TEST_FILES: mod.test,
    },
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (run.status !== 0 || !fs.existsSync(reportFile)) {
    rows.push({ mod, failed: true, seconds });
    continue;
  }
  rows.push({ mod, seconds, ...score(JSON.parse(fs.readFileSync(reportFile, "utf8")), mod.file) });
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const width = Math.max(...rows.map((r) => r.mod.file.length));
console.log(`\nMutation scores (killed + timed out) / (all − ignored − errors):\n`);
console.log(
  `${pad("module", width)}  ${lpad("score", 7)}  ${lpad("min", 4)}  ${lpad("killed", 6)}  ${lpad("survived", 8)}  ${lpad("no cov", 6)}  ${lpad("time", 5)}`,
);
let failures = 0;
for (const r of rows) {
  if (r.failed) {
    failures++;
    console.log(
      `${pad(r.mod.file, width)}  ${lpad("FAILED", 7)}  ${lpad(r.mod.min, 4)}  (Stryker did not finish; see its output above)`,
    );
    continue;
  }
  const ok = r.score >= r.mod.min;
  if (!ok) failures++;
  console.log(
    `${pad(r.mod.file, width)}  ${lpad(r.score.toFixed(2), 6)}%  ${lpad(r.mod.min, 4)}  ${lpad(r.Killed + r.Timeout, 6)}  ${lpad(r.Survived, 8)}  ${lpad(r.NoCoverage, 6)}  ${lpad(`${r.seconds}s`, 5)}${ok ? "" : "  BELOW MINIMUM"}`,
  );
}
console.log(
  failures === 0
    ? "\nmutation: every module meets its minimum"
    : `\nmutation: ${failures} module(s) below minimum or failed`,
);
process.exit(failures === 0 ? 0 : 1);

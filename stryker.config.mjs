// StrykerJS configuration for `npm run test:mutation` (driven by .ci/mutation.mjs, which runs
// Stryker once per module with STRYKER_MODULE set). Everything it writes stays under .cache/.
const mutate = process.env.STRYKER_MODULE ?? "app/lib/exams/grading.ts";
const slug = mutate
  .replace(/^app\/lib\//, "")
  .replace(/\.tsx?$/, "")
  .replaceAll("/", "__");

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: ".ci/vitest.mutation.config.mjs", related: false },
  mutate: [mutate],
  coverageAnalysis: "perTest",
  // Two cores are shared by everyone on this machine; .ci/mutation.mjs may raise it.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  incremental: true,
  incrementalFile: `.cache/stryker/incremental/${slug}.json`,
  reporters: ["json", "clear-text"],
  jsonReporter: { fileName: `.cache/stryker/reports/${slug}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: ".cache/stryker/tmp",
  cleanTempDir: "always",
  // The sandbox needs the sources and the configs, not the build, data or test artefacts.
  ignorePatterns: [
    "/build",
    "/public",
    "/data",
    "/tests",
    "/content",
    "/prisma",
    "/.cache",
    "/test-results",
    "/playwright-report",
  ],
  thresholds: { high: 95, low: 90, break: null },
  timeoutMS: 10000,
  logLevel: "warn",
};

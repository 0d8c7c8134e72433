import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The vitest project Stryker runs: only the unit test files named in MUTATION_TEST_FILES
// (comma-separated; `.ci/mutation.mjs` sets it to the test file beside the mutated module),
// so each pure rule is judged by its own table, and the data-layer setup never runs.
const root = fileURLToPath(new URL("..", import.meta.url));
const include = (process.env.MUTATION_TEST_FILES ?? "app/**/*.test.ts").split(",").filter(Boolean);

export default defineConfig({
  root,
  resolve: { alias: { "~": fileURLToPath(new URL("../app", import.meta.url)) } },
  test: { include, environment: "node" },
});

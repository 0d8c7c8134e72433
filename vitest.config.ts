import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Data-layer tests run against a real database: a fresh SQLite file per run, or the
// PostgreSQL database named by TEST_DATABASE_URL (`npm test` creates one per run).
process.env.DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? `file:${path.join(os.tmpdir(), `hocso-vitest-${process.pid}.db`)}`;
process.env.SIGNING_KEYS_FILE ??= path.join(os.tmpdir(), `hocso-vitest-keys-${process.pid}.json`);
process.env.LOG_LEVEL ??= "warn";
// A fixed secret and address for the run: the tests check links and tokens built from them.
process.env.SESSION_SECRET ??= "vitest-session-secret-0123456789abcdef";
process.env.PUBLIC_URL ??= "https://hocso.test";

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };

// The multi-instance tests run several servers on a PostgreSQL database of their own, created
// in TEST_POSTGRES_URL's server by tests/multi-instance/global-setup.ts (and dropped after).
process.env.HOCSO_MULTI_INSTANCE_URL ??= (() => {
  if (!process.env.TEST_POSTGRES_URL) return "";
  const url = new URL(process.env.TEST_POSTGRES_URL);
  url.pathname = `/hocso_multi_${process.pid}_${Date.now()}`;
  return url.toString();
})();

export default defineConfig({
  resolve: { alias },
  test: {
    pool: "forks",
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["app/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "data",
          include: ["tests/integration/**/*.test.ts", "tests/security/**/*.test.ts"],
          globalSetup: ["tests/integration/global-setup.ts"],
          env: {
            DATABASE_URL: process.env.DATABASE_URL,
            SIGNING_KEYS_FILE: process.env.SIGNING_KEYS_FILE,
            SESSION_SECRET: process.env.SESSION_SECRET,
            PUBLIC_URL: process.env.PUBLIC_URL,
          },
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "multi-instance",
          include: ["tests/multi-instance/**/*.test.ts"],
          globalSetup: ["tests/multi-instance/global-setup.ts"],
          env: { DATABASE_URL: process.env.HOCSO_MULTI_INSTANCE_URL, SIGNING_KEYS_FILE: process.env.SIGNING_KEYS_FILE },
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});

import { defineConfig } from "@playwright/test";

// The browser tests run against production builds on fresh SQLite databases with the demo seed:
// one server and one database per worker, so spec files run side by side without sharing data.
// Test fixtures write to their worker's database to create and remove their own users.
const WORKERS = Math.max(1, Number(process.env.E2E_WORKERS ?? 2));
const BASE_PORT = Number(process.env.E2E_PORT ?? 3200);
const BASE_DATABASE = process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db";
const BASE_KEYS = process.env.SIGNING_KEYS_FILE ?? "data/e2e-keys/signing-keys.json";

function workerSetting(index: number) {
  const suffix = index === 0 ? "" : `-w${index}`;
  return {
    port: BASE_PORT + index,
    databaseUrl: BASE_DATABASE.replace(/(\.db)?$/, `${suffix}$1`),
    signingKeysFile: BASE_KEYS.replace(/\/([^/]+)$/, `${suffix}/$1`),
  };
}

// Inside a worker, Playwright sets TEST_PARALLEL_INDEX (0 … workers − 1) before loading this file.
const own = workerSetting(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
process.env.DATABASE_URL = own.databaseUrl;
process.env.SIGNING_KEYS_FILE = own.signingKeysFile;
process.env.LOG_LEVEL ??= "warn";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: WORKERS,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "tests/.artifacts/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${own.port}`,
    browserName: "chromium",
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--autoplay-policy=no-user-gesture-required",
      ],
    },
    trace: "retain-on-failure",
  },
  webServer: Array.from({ length: WORKERS }, (_, index) => {
    const worker = workerSetting(index);
    return {
      command: "node .ci/e2e-server.mjs",
      url: `http://localhost:${worker.port}/healthz`,
      env: { PORT: String(worker.port), DATABASE_URL: worker.databaseUrl, SIGNING_KEYS_FILE: worker.signingKeysFile },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "ignore" as const,
      stderr: "pipe" as const,
    };
  }),
});

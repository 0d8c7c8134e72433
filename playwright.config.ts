import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3200);
// The browser tests run against a production build on a fresh SQLite database with the demo
// seed; test fixtures write to the same database to create and remove their own users.
process.env.DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:./data/e2e.db";
process.env.SIGNING_KEYS_FILE ??= "data/e2e-keys/signing-keys.json";
process.env.LOG_LEVEL ??= "warn";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "tests/.artifacts/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
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
  webServer: {
    command: "node .ci/e2e-server.mjs",
    url: `http://localhost:${PORT}/healthz`,
    env: {
      PORT: String(PORT),
      DATABASE_URL: process.env.DATABASE_URL,
      SIGNING_KEYS_FILE: process.env.SIGNING_KEYS_FILE,
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});

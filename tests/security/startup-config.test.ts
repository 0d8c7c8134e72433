import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The server's first import (app/server/load-env.ts) validates the whole configuration and
// stops the process. Run from an empty directory, so no .env of the machine leaks in.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = path.join(ROOT, "node_modules/tsx/dist/loader.mjs");
const ENTRY = path.join(ROOT, "app/server/load-env.ts");
const GOOD = { NODE_ENV: "production", PUBLIC_URL: "https://hocso.example.gov.vn", SESSION_SECRET: "x".repeat(40) };

function start(env: Record<string, string | undefined>) {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-sec-env-"));
  try {
    const clean = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined)) as Record<
      string,
      string
    >;
    const result = spawnSync(process.execPath, ["--import", TSX, ENTRY], {
      cwd,
      // spawn leaves out variables whose value is undefined (NODE_ENV unset is one of the cases).
      env: { PATH: process.env.PATH ?? "", ...clean, NODE_ENV: clean.NODE_ENV as "production" },
      encoding: "utf8",
      timeout: 30_000,
    });
    return { status: result.status, stderr: result.stderr };
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

describe("start-up refuses a bad configuration", () => {
  it("starts with a complete production configuration", () => {
    expect(start(GOOD)).toEqual({ status: 0, stderr: "" });
  });

  it.each([
    ["VERIFY_RATE_LIMIT=abc", { VERIFY_RATE_LIMIT: "abc" }, "VERIFY_RATE_LIMIT: must be a whole number"],
    ["TRUST_PROXY=maybe", { TRUST_PROXY: "maybe" }, "TRUST_PROXY: must be a hop count"],
    ["PUBLIC_URL missing in production", { PUBLIC_URL: undefined }, "PUBLIC_URL: required in production"],
    ["SESSION_SECRET missing in production", { SESSION_SECRET: undefined }, "SESSION_SECRET: required in production"],
    [
      "NODE_ENV unset counts as production",
      { NODE_ENV: undefined, SESSION_SECRET: undefined },
      "SESSION_SECRET: required",
    ],
    ["PUBLIC_URL not a URL", { PUBLIC_URL: "localhost:3000" }, "PUBLIC_URL: must be an absolute http(s) URL"],
    ["PORT not a number", { PORT: "http" }, "PORT: must be a whole number"],
  ])("%s → exit 1 with one line naming it", (_, override, message) => {
    const { status, stderr } = start({ ...GOOD, ...override });
    expect(status).toBe(1);
    expect(stderr).toContain("HọcSố cannot start");
    expect(stderr.split("\n").filter((line) => line.startsWith("  - "))).toEqual([expect.stringContaining(message)]);
  });

  it("TRUST_PROXY=false (which used to crash the server) is accepted", () => {
    expect(start({ ...GOOD, TRUST_PROXY: "false" }).status).toBe(0);
  });
});

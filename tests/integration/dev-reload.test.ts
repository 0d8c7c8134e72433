// `npm run dev` (remix dev --manual + the Express server): an edit to a route is served by the
// same process, without a restart. It runs in a copy of the project in a temporary folder, so the
// dev build never overwrites the production build the other tests use, and the probe route never
// appears in the source tree.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";

const PORT = Number(process.env.DEV_RELOAD_PORT ?? 3297);
const root = path.resolve(".");
const copy = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-dev-reload-"));
const probe = path.join(copy, "app/routes/dev-reload-probe.ts");
const probeRoute = (token: string) =>
  `export const loader = () => new Response(${JSON.stringify(token)}, { headers: { "Cache-Control": "no-store" } });\n`;

let dev: ChildProcess | undefined;
let output = "";

afterAll(() => {
  if (dev?.pid && dev.exitCode === null) process.kill(-dev.pid, "SIGTERM");
  fs.rmSync(copy, { recursive: true, force: true });
});

function copyProject() {
  for (const entry of ["app", "content", "package.json", "remix.config.js", "tsconfig.json", "tailwind.config.ts"])
    fs.cpSync(path.join(root, entry), path.join(copy, entry), {
      recursive: true,
      // The Prisma clients are large and only read: linked, like node_modules.
      filter: (source) => source !== path.join(root, "app/generated"),
    });
  fs.cpSync(path.join(root, "public"), path.join(copy, "public"), {
    recursive: true,
    filter: (source) => source !== path.join(root, "public/build"),
  });
  fs.symlinkSync(path.join(root, "app/generated"), path.join(copy, "app/generated"));
  fs.symlinkSync(path.join(root, "node_modules"), path.join(copy, "node_modules"));
}

async function waitForText(url: string, expected: string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < until) {
    if (dev?.exitCode !== null) throw new Error(`npm run dev exited (${dev?.exitCode}):\n${output.slice(-2000)}`);
    try {
      const response = await fetch(url);
      last = `${response.status} ${await response.text()}`;
      if (response.ok && last.endsWith(expected)) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} never answered "${expected}" (last: ${last.slice(0, 200)}):\n${output.slice(-2000)}`);
}

test(
  "the dev server serves a route's edit from the same process, without a restart",
  { timeout: 300_000 },
  async () => {
    copyProject();
    fs.writeFileSync(probe, probeRoute("first edit"));
    dev = spawn("npm", ["run", "dev"], {
      cwd: copy,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "development",
        PORT: String(PORT),
        PUBLIC_URL: `http://127.0.0.1:${PORT}`,
        DATABASE_URL: `file:${path.join(copy, "dev.db")}`,
        SIGNING_KEYS_FILE: path.join(copy, "signing-keys.json"),
        UPLOADS_DIR: path.join(copy, "uploads"),
        HOCSO_JOBS: "0",
        HOCSO_QUIET_START: "1",
        LOG_LEVEL: "info",
      },
    });
    dev.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    dev.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const url = `http://127.0.0.1:${PORT}/dev-reload-probe`;
    await waitForText(url, "first edit", 180_000);

    fs.writeFileSync(probe, probeRoute("second edit"));
    await waitForText(url, "second edit", 90_000);
    // remix dev prints "[info] rebuilt" on a terminal and " info  rebuilt" in colour elsewhere.
    expect(output).toMatch(/info\b.*rebuilt/);
    expect(dev.exitCode).toBeNull();
    // Not restarted: the server said it was listening once, before the first edit was served.
    expect(output.match(/HọcSố is listening/g)).toHaveLength(1);
  },
);

import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOneTimeToken, requestPasswordReset, resetPassword } from "~/lib/accounts/auth.server";
import { latestMailTo } from "~/lib/accounts/mail.server";
import { FREE_PAIR_FAILURES } from "~/lib/accounts/throttle";
import { prisma } from "~/lib/db.server";
import { createUser, deleteUsers, uniqueEmail } from "~/lib/fixtures/factories.server";
import { freePort, hasBuild, startServer, type ServerProcess } from "../integration/exams-fixtures";

// Attacks on the trust boundary, sent as real HTTP to the production build (npm test builds it
// first): forged headers, oversized and malformed bodies, redirect bypasses, token reuse,
// lockout of a victim by a third party.

const VERIFY_LIMIT = 5;
let server: ServerProcess;
const created: string[] = [];

beforeAll(async () => {
  if (!hasBuild()) throw new Error("tests/security needs the production build: run `npm run build` first");
  process.env.VERIFY_RATE_LIMIT = String(VERIFY_LIMIT);
  server = await startServer(await freePort());
  delete process.env.VERIFY_RATE_LIMIT;
}, 120_000);
afterAll(async () => {
  await server?.kill();
  await deleteUsers(created);
});

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: string; sentBytes: number };

/** One request with any headers (Host included); a body given as chunks is sent chunked. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string | Buffer[]): Promise<Raw> {
  const url = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          sentBytes,
        }),
      );
      res.on("error", reject);
    });
    req.on("error", (error: NodeJS.ErrnoException & { sentBytes?: number }) => {
      error.sentBytes = sentBytes;
      reject(error);
    });
    if (Array.isArray(body)) {
      let index = 0;
      const pump = () => {
        while (index < body.length) {
          const chunk = body[index++];
          sentBytes += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      req.on("response", () => (index = body.length));
      pump();
    } else req.end(body);
  });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

describe("finding 1: links in mails come from PUBLIC_URL, never from the request's headers", () => {
  it("a reset requested with a poisoned Host and X-Forwarded-Host mails a link to PUBLIC_URL", async () => {
    const user = await createUser();
    created.push(user.id);
    const response = await raw(
      "POST",
      "/forgot-password",
      { ...FORM, Host: "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" },
      form({ email: user.email }),
    );
    expect(response.status).toBe(200);
    const mail = await latestMailTo(user.email);
    expect(mail?.text).toContain(`${server.baseUrl}/reset-password?token=`);
    expect(mail?.text).not.toContain("evil.example");
  });
});

describe("finding 2: a forged X-Forwarded-For changes nothing without a trusted proxy", () => {
  it("the verification limit holds across forged addresses", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < VERIFY_LIMIT + 3; i++) {
      statuses.push((await raw("GET", "/api/verify/HS-0000-0000", { "X-Forwarded-For": `203.0.113.${i}` })).status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(3);
  });

  it("login failures are counted against the real address, not the forged one", async () => {
    const user = await createUser();
    created.push(user.id);
    for (let i = 0; i < FREE_PAIR_FAILURES + 1; i++) {
      await raw(
        "POST",
        "/login",
        { ...FORM, "X-Forwarded-For": `198.51.100.${i}` },
        form({ email: user.email, password: "wrong-wrong-1" }),
      );
    }
    const pairs = await prisma.loginFailure.findMany({
      where: { key: { startsWith: `pair:${user.email}|` } },
      select: { key: true },
    });
    expect(new Set(pairs.map((row) => row.key))).toEqual(new Set([`pair:${user.email}|127.0.0.1`]));
    // …so the guessing address is throttled whatever it claims to be.
    const next = await raw(
      "POST",
      "/login",
      { ...FORM, "X-Forwarded-For": "192.0.2.77" },
      form({ email: user.email, password: user.password }),
    );
    expect(next.status).toBe(429);
  });
});

describe("finding 5: a third party cannot lock the owner out", () => {
  it("failures from another address leave the owner's address free", async () => {
    const user = await createUser();
    created.push(user.id);
    // The attacker's failures from many addresses (written as the server would record them).
    await prisma.loginFailure.createMany({
      data: Array.from({ length: 40 }, (_, i) => [
        { key: `pair:${user.email}|10.66.0.${i}` },
        { key: `email:${user.email}` },
        { key: `ip:10.66.0.${i}` },
      ]).flat(),
    });
    const owner = await raw("POST", "/login", FORM, form({ email: user.email, password: user.password }));
    expect(owner.status).toBe(302);
  });
});

describe("finding 4: body limits apply to the bytes received, chunked too", () => {
  const chunks = (count: number) => Array.from({ length: count }, () => Buffer.alloc(64 * 1024, 0x61));

  it.each([
    // Far over the limit: loopback socket buffers can take several MB that the server never
    // reads, so a body only a little over the limit could be "sent" in full before the 413.
    ["a form route", "/login", 480], // 30 MB against 1 MB
    ["an upload route", "/author/courses/x/lessons/y/attachments/upload", 1200], // 75 MB against 25 MB
  ])("%s answers 413 to a chunked body over its limit, before reading it all", async (_, path, count) => {
    const body = chunks(count);
    const total = body.reduce((sum, chunk) => sum + chunk.length, 0);
    // The server answers 413 and closes while the client is still sending: depending on timing
    // the client reads the 413 or sees the reset. Either way it stopped reading long before the end.
    const outcome = await raw("POST", path, { ...FORM, "Transfer-Encoding": "chunked" }, body).catch(
      (error: NodeJS.ErrnoException & { sentBytes?: number }) => error,
    );
    if (outcome instanceof Error) {
      expect(["ECONNRESET", "EPIPE"]).toContain(outcome.code);
      expect(outcome.sentBytes).toBeLessThan(total);
    } else if (outcome.status === 413) {
      expect(outcome.headers.connection).toBe("close");
      expect(outcome.sentBytes).toBeLessThan(total);
    } else {
      // Anonymous on the upload route: the sign-in redirect may win the race against the limit;
      // it too comes before the body has been read.
      expect(outcome.status).toBe(302);
      expect(outcome.sentBytes).toBeLessThan(total);
    }
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
  });

  it("an early 413 on a declared length closes the keep-alive connection instead of hanging it", async () => {
    const url = new URL(server.baseUrl);
    const socket = net.connect(Number(url.port), url.hostname);
    const received: Buffer[] = [];
    socket.on("data", (chunk) => received.push(chunk));
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.write(
      "POST /login HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000000\r\n\r\nemail=a",
    );
    await Promise.race([
      closed,
      new Promise((_, reject) => setTimeout(() => reject(new Error("connection hung")), 10_000)),
    ]);
    expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1\.1 413/);
  });
});

describe("finding 6: redirectTo after login stays on this site", () => {
  it.each([
    "/%09/evil.example",
    "/\t/evil.example",
    "/%0A/x",
    "/\n/x",
    "//evil.example",
    "/\\evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "javascript:alert(1)",
    "https://evil.example/",
    "http:evil.example",
  ])("%j → the default page, never a 500", async (redirectTo) => {
    const user = await createUser();
    created.push(user.id);
    const response = await raw(
      "POST",
      "/login",
      FORM,
      form({ email: user.email, password: user.password, redirectTo }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/learning");
  });

  it("a same-site path is kept", async () => {
    const user = await createUser();
    created.push(user.id);
    const response = await raw(
      "POST",
      "/login",
      FORM,
      form({ email: user.email, password: user.password, redirectTo: "/courses?q=ky%20nang" }),
    );
    expect(response.headers.location).toBe("/courses?q=ky%20nang");
  });
});

describe("finding 10: wrong content types and malformed bodies are client errors", () => {
  it.each(["/login", "/register", "/forgot-password", "/reset-password"])("JSON to %s → 415", async (path) => {
    const response = await raw(
      "POST",
      path,
      { "Content-Type": "application/json" },
      JSON.stringify({ email: "a@b.vn" }),
    );
    expect(response.status).toBe(415);
  });

  it("a truncated multipart body → 400", async () => {
    const response = await raw(
      "POST",
      "/forgot-password",
      { "Content-Type": "multipart/form-data; boundary=XYZ" },
      '--XYZ\r\nContent-Disposition: form-data; name="email"\r\n\r\nabc',
    );
    expect(response.status).toBe(400);
  });

  it("a NUL byte in a name is a field error and stores nothing", async () => {
    const email = uniqueEmail("nul");
    const response = await raw(
      "POST",
      "/register",
      FORM,
      form({ fullName: "Nguyễn\u0000Văn", email, password: "mật-khẩu-đủ-dài" }),
    );
    expect(response.status).toBe(400);
    expect(await prisma.user.findUnique({ where: { email }, select: { id: true } })).toBeNull();
  });
});

describe("finding 7: reset links", () => {
  it("using one token ends every other outstanding link of the account", async () => {
    const user = await createUser();
    created.push(user.id);
    const older = await createOneTimeToken(user.id, "reset");
    const newer = await createOneTimeToken(user.id, "reset");
    expect(await resetPassword(newer, "mật-khẩu-mới-2026")).toEqual({ ok: true });
    expect(await resetPassword(older, "lại-mật-khẩu-2026")).toEqual({ ok: false, error: "errors.reset.invalid" });
  });

  it("15 requests for one account send at most 3 mails", async () => {
    const user = await createUser();
    created.push(user.id);
    for (let i = 0; i < 15; i++) await requestPasswordReset(user.email, "vi", `10.88.${i}.1`);
    expect(await prisma.outboxMessage.count({ where: { to: user.email } })).toBe(3);
  });
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import validateStatement from "@learninglocker/xapi-validation";

export type LrsMode = "up" | "unavailable" | "drop" | "hang";

type Stored = { id: string; statement: Record<string, unknown> };

/**
 * A minimal LRS statements resource (xAPI 1.0.3, part 3, 2.1) on a loopback port: POST
 * /statements with one statement or an array. Every statement is checked with Learning Locker's
 * validator (a library the app does not use); a batch with an invalid statement is refused with
 * 400, and one whose id the store already has with 409, storing nothing of it, as conformant
 * LRSs do. It can be told to answer 503, to drop connections or to never answer, and to recover.
 */
export async function startLrs(credentials = { username: "hocso", password: "mật-khẩu-lrs" }) {
  const stored: Stored[] = [];
  const requests: { status: number; count: number; version: string | undefined }[] = [];
  let mode: LrsMode = "up";
  const expectedAuth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;

  const server = http.createServer((request, response) => {
    if (mode === "drop") {
      request.socket.destroy();
      return;
    }
    if (mode === "hang") return;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const answer = (status: number, body: unknown, count = 0) => {
        requests.push({ status, count, version: request.headers["x-experience-api-version"] as string | undefined });
        response.writeHead(status, { "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3" });
        response.end(JSON.stringify(body));
      };
      if (mode === "unavailable") return answer(503, { message: "maintenance" });
      if (request.method !== "POST" || request.url !== "/xapi/statements") return answer(404, { message: "not found" });
      if (request.headers.authorization !== expectedAuth) return answer(401, { message: "unauthorised" });
      if (request.headers["x-experience-api-version"] !== "1.0.3") return answer(400, { message: "version header" });
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return answer(400, { message: "not JSON" });
      }
      const statements = (Array.isArray(body) ? body : [body]) as Record<string, unknown>[];
      const problems = statements.flatMap((statement) => validateStatement(statement));
      if (problems.length) {
        const named = problems.map((problem) => ({ path: problem.path.join("."), name: problem.name }));
        return answer(400, { message: "invalid statement", problems: named }, statements.length);
      }
      const ids = statements.map((statement) => String(statement.id));
      if (new Set(ids).size !== ids.length || ids.some((id) => stored.some((row) => row.id === id)))
        return answer(409, { message: "conflict" }, statements.length);
      for (const statement of statements) stored.push({ id: String(statement.id), statement });
      answer(200, ids, statements.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/xapi`,
    credentials,
    stored,
    requests,
    setMode(next: LrsMode) {
      mode = next;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Lrs = Awaited<ReturnType<typeof startLrs>>;

/** A clock the test moves on, so that back-off waits pass instantly. */
export function testClock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

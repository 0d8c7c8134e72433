// The bare limit for the examday bench: a node:http server with the database driver and
// nothing else (no framework, no ORM, no session, no validation), running the exam room's
// answer upsert and the attempt page's read. The bench divides the app's CPU per request by
// this one's, so each figure also reads as "× the bare minimum". Started by examday.ts on a
// loopback port with the bench database; prints its port on stdout.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";

const url = process.env.DATABASE_URL ?? "";
const require = createRequire(import.meta.url);

type Run = {
  upsert(attemptId: string, questionKey: string, value: string): Promise<void>;
  page(attemptId: string): Promise<unknown>;
};

function driver(): Run {
  if (/^postgres(ql)?:/.test(url)) {
    const pg = require("pg") as typeof import("pg");
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return {
      async upsert(attemptId, questionKey, value) {
        await pool.query(
          `INSERT INTO "AttemptAnswer" ("attemptId", "questionKey", "value", "savedAt") VALUES ($1, $2, $3, now())
           ON CONFLICT ("attemptId", "questionKey") DO UPDATE SET "value" = excluded."value", "savedAt" = excluded."savedAt"`,
          [attemptId, questionKey, value],
        );
      },
      async page(attemptId) {
        const attempt = await pool.query(`SELECT "snapshot", "deadline" FROM "Attempt" WHERE "id" = $1`, [attemptId]);
        const answers = await pool.query(`SELECT "questionKey", "value" FROM "AttemptAnswer" WHERE "attemptId" = $1`, [
          attemptId,
        ]);
        return { attempt: attempt.rows[0] as unknown, answers: answers.rows };
      },
    };
  }
  // better-sqlite3 ships no types; this is the part of its API used here.
  type Statement = {
    run(...params: unknown[]): unknown;
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  };
  type Connection = { pragma(text: string): unknown; prepare(sql: string): Statement };
  const Database = require("better-sqlite3") as new (file: string, options: { timeout: number }) => Connection;
  const db = new Database(url.replace(/^file:/, ""), { timeout: 10_000 });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const upsert = db.prepare(
    `INSERT INTO "AttemptAnswer" ("attemptId", "questionKey", "value", "savedAt") VALUES (?, ?, ?, ?)
     ON CONFLICT ("attemptId", "questionKey") DO UPDATE SET "value" = excluded."value", "savedAt" = excluded."savedAt"`,
  );
  const attempt = db.prepare(`SELECT "snapshot", "deadline" FROM "Attempt" WHERE "id" = ?`);
  const answers = db.prepare(`SELECT "questionKey", "value" FROM "AttemptAnswer" WHERE "attemptId" = ?`);
  return {
    upsert: (attemptId, questionKey, value) => {
      upsert.run(attemptId, questionKey, value, new Date().toISOString());
      return Promise.resolve();
    },
    page: (attemptId) => Promise.resolve({ attempt: attempt.get(attemptId), answers: answers.all(attemptId) }),
  };
}

const run = driver();

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const server = http.createServer((req, res) => {
  void (async () => {
    try {
      const [, kind, attemptId] = (req.url ?? "").split("/");
      let body: string;
      if (kind === "save" && attemptId) {
        const { questionKey, value } = JSON.parse(await readBody(req)) as { questionKey: string; value: unknown };
        await run.upsert(attemptId, questionKey, JSON.stringify(value));
        body = '{"saved":true}';
      } else if (kind === "page" && attemptId) {
        body = JSON.stringify(await run.page(attemptId));
      } else if (kind === "cpu") {
        const usage = process.cpuUsage();
        body = JSON.stringify({ ms: (usage.user + usage.system) / 1000 });
      } else {
        res.statusCode = 404;
        res.end();
        return;
      }
      res.setHeader("Content-Type", "application/json");
      res.end(body);
    } catch {
      res.statusCode = 500;
      res.end();
    }
  })();
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on("SIGTERM", () => process.exit(0));

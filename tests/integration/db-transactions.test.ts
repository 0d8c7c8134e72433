import crypto from "node:crypto";
import { createRequire } from "node:module";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isPostgres, prisma } from "~/lib/db.server";
import { sqliteFilePath } from "~/lib/env.server";

// Cluster workers and instances share one database. A transaction that has read must still be
// able to write after another process committed in the meantime (on SQLite a deferred BEGIN
// fails that write with "database is locked" at once, whatever the busy timeout).

type SqliteConnection = { prepare(sql: string): { run(...params: unknown[]): unknown }; close(): void };
// better-sqlite3 ships no types; this test needs two of its calls.
const Database = createRequire(import.meta.url)("better-sqlite3") as new (
  file: string,
  options: { timeout: number },
) => SqliteConnection;

const url = process.env.DATABASE_URL!;
const marker = `db-tx-${crypto.randomUUID()}@example.test`;

/** A write from another connection, as another process would make it; false if it had to wait. */
async function writeFromAnotherConnection(): Promise<boolean> {
  const id = crypto.randomUUID();
  if (isPostgres) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO "OutboxMessage" ("id", "to", "subject", "text", "messageId") VALUES ($1, $2, 'other', '', $1)`,
        [id, marker],
      );
      return true;
    } finally {
      await client.end();
    }
  }
  // No busy timeout: this connection must not wait for the lock the transaction holds (the
  // test would then wait on itself).
  const db = new Database(sqliteFilePath(url), { timeout: 0 });
  try {
    db.prepare(
      `INSERT INTO "OutboxMessage" ("id", "to", "subject", "text", "messageId") VALUES (?, ?, 'other', '', ?)`,
    ).run(id, marker, id);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return false;
    throw error;
  } finally {
    db.close();
  }
}

afterAll(async () => {
  await prisma.outboxMessage.deleteMany({ where: { to: marker } });
});

describe("transactions across processes", () => {
  it("a transaction that read before another connection committed still commits its own write", async () => {
    await prisma.$transaction(async (tx) => {
      await tx.outboxMessage.count({ where: { to: marker } });
      await writeFromAnotherConnection();
      await tx.outboxMessage.create({
        data: { to: marker, subject: "mine", text: "", messageId: crypto.randomUUID() },
        select: { id: true },
      });
    });
    expect(await prisma.outboxMessage.count({ where: { to: marker, subject: "mine" } })).toBe(1);
    // The other connection's write gets its turn once the transaction has ended.
    expect(await writeFromAnotherConnection()).toBe(true);
  });
});

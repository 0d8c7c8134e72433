// Each run-time patch of Prisma's driver adapters in app/lib/db.server.ts has a test here that
// fails if the behaviour it patches changes, e.g. after `npm update prisma`. (The CLI patches in
// prisma.config.ts are exercised by migrations.test.ts, which replays every migration on a
// shadow database of each provider.)
import { afterAll, describe, expect, it } from "vitest";
import { hotExecute, hotQuery, hotSql, prisma } from "~/lib/db.server";

const RUN = `patch-${process.pid}-${Date.now()}`;

afterAll(async () => {
  await prisma.loginFailure.deleteMany({ where: { key: { startsWith: RUN } } });
});

const insertFailure = (key: string) =>
  hotExecute(hotSql`INSERT INTO "LoginFailure" ("id", "key", "at") VALUES (${key}, ${key}, ${new Date()})`);
const countFailures = async (key: string) =>
  Number(
    (await hotQuery<{ n: number | bigint }>(hotSql`SELECT COUNT(*) AS "n" FROM "LoginFailure" WHERE "key" = ${key}`))[0]
      ?.n ?? 0,
  );

describe("hot statements and open Prisma transactions (trackTransactions)", () => {
  it("a hot write issued during a transaction that rolls back is kept", async () => {
    // SQLite has one connection: without the patch the hot INSERT would run inside the open
    // transaction and vanish with its rollback.
    const inside = `${RUN}-tx`;
    const hot = `${RUN}-hot`;
    let pending: Promise<number> | undefined;
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.loginFailure.create({ data: { id: inside, key: inside } });
        pending = insertFailure(hot);
        // Give the hot statement every chance to run while the transaction is still open.
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await pending).toBe(1);
    expect(await countFailures(inside)).toBe(0);
    expect(await countFailures(hot)).toBe(1);
  });
});

describe("compiled statements are reused on SQLite (reuseStatements)", () => {
  it("the same SQL text through Prisma and the hot path gives the same rows each time", async () => {
    const key = `${RUN}-reuse`;
    await insertFailure(key);
    for (let i = 0; i < 3; i++) {
      expect(await countFailures(key)).toBe(1);
      expect(await prisma.loginFailure.count({ where: { key } })).toBe(1);
    }
  });

  it("the adapter still keeps the better-sqlite3 database where the patch reads it", async () => {
    // db.server.ts reaches into the adapter's connection (`connection.client.prepare`); if an
    // upgrade renames it, startup fails with a TypeError there rather than running unpatched.
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    const connection = await new PrismaBetterSQLite3({ url: ":memory:" }).connect();
    try {
      const client = (connection as unknown as { client?: { prepare?: unknown } }).client;
      expect(typeof client?.prepare).toBe("function");
      expect(typeof (connection as unknown as { startTransaction?: unknown }).startTransaction).toBe("function");
    } finally {
      await connection.dispose();
    }
  });
});

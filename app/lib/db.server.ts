import type { PrismaClient } from "~/generated/sqlite/client";
import { env, sqliteFilePath } from "~/lib/env.server";

// Both generated clients expose the same model API (one logical schema); the SQLite one names
// the type. Which one runs is decided by DATABASE_URL.
export type Db = PrismaClient;
export type { Prisma } from "~/generated/sqlite/client";

async function createClient(url: string): Promise<Db> {
  if (/^postgres(ql)?:/.test(url)) {
    const [{ PrismaClient: PgClient }, { PrismaPg }] = await Promise.all([
      import("~/generated/postgres/client"),
      import("@prisma/adapter-pg"),
    ]);
    const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    return new PgClient({ adapter }) as unknown as Db;
  }
  const [{ PrismaClient: SqliteClient }, { PrismaBetterSQLite3 }] = await Promise.all([
    import("~/generated/sqlite/client"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  // busy timeout: concurrent writers wait for the lock instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 10_000 });
  const client = new SqliteClient({ adapter });
  // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes
  // (only an OS crash can lose the last commits), which is the failure the exam must survive.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return client;
}

const globalForDb = globalThis as unknown as { __hocsoDb?: Db };
export const prisma: Db = globalForDb.__hocsoDb ?? (await createClient(env.databaseUrl));
globalForDb.__hocsoDb = prisma;

export const isPostgres = env.isPostgres;

/** A database round-trip, for the health check. */
export async function pingDatabase(): Promise<boolean> {
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

export async function disconnectDatabase() {
  await prisma.$disconnect();
}

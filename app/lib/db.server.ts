import type { PrismaClient } from "~/generated/sqlite/client";
import { env, sqliteFilePath } from "~/lib/env.server";

// Both generated clients expose the same model API (one logical schema); the SQLite one names
// the type. Which one runs is decided by DATABASE_URL.
export type Db = PrismaClient;
export type { Prisma } from "~/generated/sqlite/client";

async function createClient(url: string): Promise<Db> {
  if (/^postgres(ql)?:/.test(url)) {
    const [{ PrismaClient: PgClient }, { PrismaPg }, { default: pg }] = await Promise.all([
      import("~/generated/postgres/client"),
      import("@prisma/adapter-pg"),
      import("pg"),
    ]);
    // One pool for Prisma and for the hot statements (see hotQuery).
    const pool = new pg.Pool({ connectionString: url, max: env.databasePoolSize });
    hotDriver = postgresDriver(pool, pg.types);
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    return new PgClient({ adapter }) as unknown as Db;
  }
  const [{ PrismaClient: SqliteClient }, { PrismaBetterSQLite3 }] = await Promise.all([
    import("~/generated/sqlite/client"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  // busy timeout: concurrent writers wait for the lock instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 10_000 });
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connection = await connect();
    const db = (connection as unknown as { client: SqliteDatabase }).client;
    const compile = reuseStatements(db);
    hotDriver = sqliteDriver(compile, trackTransactions(connection));
    return connection;
  };
  const client = new SqliteClient({ adapter });
  // WAL lets readers proceed during a write; NORMAL sync is durable across process crashes
  // (only an OS crash can lose the last commits), which is the failure the exam must survive.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return client;
}

type SqliteStatement = {
  reader: boolean;
  columns(): unknown[];
  run(...params: unknown[]): unknown;
  raw(toggle?: boolean): { all(...params: unknown[]): unknown[] };
};
type SqliteDatabase = { prepare(sql: string): unknown };

const MAX_PREPARED_STATEMENTS = 1_000;

// The run-time patches of the driver adapters live in this file (README → Design decisions); each
// has a test in tests/integration/prisma-patches.test.ts that fails if the patched behaviour
// changes after an upgrade of prisma / @prisma/adapter-* (checked with 6.19.3).

// The adapter opens every transaction with a deferred BEGIN. When several processes share the
// file (cluster workers, a second instance), a deferred transaction that read before another
// process committed a write cannot become a writer any more: SQLite fails it at once with
// SQLITE_BUSY ("database is locked"), without waiting out the busy timeout. Taking the write
// lock at BEGIN makes a transaction wait its turn instead (tests/integration/db-transactions.test.ts).
const BEGIN_WRITE = "BEGIN IMMEDIATE";

/**
 * Patch (@prisma/adapter-better-sqlite3 6.19.3): the SQLite adapter compiles every statement again for every query (`prepare(sql).bind(args)`),
 * which costs more than running the small statements of the hot paths. Keep the compiled ones
 * per SQL text and hand the adapter a bound view of them: the bound parameters are passed at
 * each run instead, so one compiled statement serves every call. The adapter runs a statement
 * to completion synchronously, so a shared statement is never in use twice at once.
 */
function reuseStatements(db: SqliteDatabase): (sql: string) => SqliteStatement {
  const prepare = db.prepare.bind(db) as (sql: string) => SqliteStatement;
  const compiled = new Map<string, SqliteStatement>();
  db.prepare = (sql: string) => {
    let statement = compiled.get(sql);
    if (!statement) {
      statement = prepare(sql === "BEGIN" ? BEGIN_WRITE : sql);
      if (compiled.size >= MAX_PREPARED_STATEMENTS) compiled.clear();
      compiled.set(sql, statement);
    }
    const shared = statement;
    const bound = (params: unknown[]) => ({
      reader: shared.reader,
      columns: () => shared.columns(),
      run: () => shared.run(params),
      raw: () => ({ all: () => shared.raw(true).all(params) }),
    });
    return {
      reader: shared.reader,
      columns: () => shared.columns(),
      run: () => shared.run(),
      bind: (params: unknown[]) => bound(params),
    };
  };
  return prepare;
}

// ─── Hot statements ───────────────────────────────────────────────────────────
//
// Prisma 6 compiles every query on the main thread before running it (its WebAssembly query
// compiler; Prisma 7.4 caches the plans), which costs more than the tiny statements run at the
// moments everybody acts at once: starting an exam, autosaving an answer, scanning a
// certificate. Those few statements run on the driver directly, through the same connection
// (SQLite) or pool (PostgreSQL) Prisma uses. Everything else goes through Prisma.

export type HotStatement = { sqlite: string; postgres: string; values: unknown[] };
type HotDriver = {
  query(statement: HotStatement): Promise<Record<string, unknown>[]>;
  execute(statement: HotStatement): Promise<number>;
  transaction(statements: HotStatement[]): Promise<number[]>;
};
let hotDriver: HotDriver | undefined;

const RAW_SQL = Symbol("raw SQL");
/** A constant piece of SQL text for hotSql, per dialect (never built from input). */
export type HotRawSql = { [RAW_SQL]: { sqlite: string; postgres: string } };
export function hotRawSql(sqlite: string, postgres: string = sqlite): HotRawSql {
  return { [RAW_SQL]: { sqlite, postgres } };
}
const isRawSql = (value: unknown): value is HotRawSql =>
  typeof value === "object" && value !== null && RAW_SQL in value;

/**
 * A statement for hotQuery/hotExecute: `hotSql\`SELECT … WHERE "id" = ${id}\`` (values are
 * bound, never spliced; only a `hotRawSql` constant is inserted as text).
 */
export function hotSql(strings: TemplateStringsArray, ...values: unknown[]): HotStatement {
  let sqlite = strings[0];
  let postgres = strings[0];
  const bound: unknown[] = [];
  values.forEach((value, index) => {
    if (isRawSql(value)) {
      sqlite += value[RAW_SQL].sqlite;
      postgres += value[RAW_SQL].postgres;
    } else {
      bound.push(value);
      sqlite += "?";
      postgres += `$${bound.length}`;
    }
    sqlite += strings[index + 1];
    postgres += strings[index + 1];
  });
  return { sqlite, postgres, values: bound };
}

/**
 * Rows of a hot statement. Column values come as the driver gives them: on SQLite integers are
 * bigint, booleans 0/1 and date-times ISO strings; on PostgreSQL dates are Date. Callers
 * normalise with Number(), Boolean() and new Date().
 */
export async function hotQuery<Row>(statement: HotStatement): Promise<Row[]> {
  if (!hotDriver) await prisma.$connect();
  return (await hotDriver!.query(statement)) as Row[];
}

/** The number of rows a hot INSERT/UPDATE/DELETE changed. */
export async function hotExecute(statement: HotStatement): Promise<number> {
  if (!hotDriver) await prisma.$connect();
  return hotDriver!.execute(statement);
}

/**
 * Runs hot INSERT/UPDATE/DELETE statements in one transaction (all or none) and returns the
 * rows each changed: one commit — one WAL flush on PostgreSQL — for all of them (group commit).
 */
export async function hotTransaction(statements: HotStatement[]): Promise<number[]> {
  if (statements.length === 0) return [];
  if (!hotDriver) await prisma.$connect();
  return hotDriver!.transaction(statements);
}

type TransactionStarter = {
  startTransaction(...args: unknown[]): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
};

/**
 * Patch (@prisma/adapter-better-sqlite3 6.19.3, by design of one connection): SQLite has one
 * connection: a statement issued while a Prisma transaction is open would run
 * inside it and vanish if it rolled back. Hot statements wait for the open transaction to end.
 */
function trackTransactions(connection: TransactionStarter): () => Promise<void> {
  let open = 0;
  const waiting: (() => void)[] = [];
  const start = connection.startTransaction.bind(connection);
  connection.startTransaction = async (...args: unknown[]) => {
    const transaction = await start(...args);
    open += 1;
    const finish = (end: () => Promise<void>) => async () => {
      try {
        await end();
      } finally {
        open -= 1;
        if (open === 0) for (const resume of waiting.splice(0)) resume();
      }
    };
    transaction.commit = finish(transaction.commit.bind(transaction));
    transaction.rollback = finish(transaction.rollback.bind(transaction));
    return transaction;
  };
  return async () => {
    while (open > 0) await new Promise<void>((resume) => waiting.push(resume));
  };
}

type CompiledStatement = {
  all(params: unknown[]): Record<string, unknown>[];
  run(params: unknown[]): { changes: number };
};

function sqliteDriver(compile: (sql: string) => unknown, noOpenTransaction: () => Promise<void>): HotDriver {
  // Compiled apart from the adapter's (which switches its statements to rows as arrays).
  const compiled = new Map<string, CompiledStatement>();
  const statementFor = (sql: string) => {
    let statement = compiled.get(sql);
    if (!statement) {
      statement = compile(sql) as CompiledStatement;
      compiled.set(sql, statement);
    }
    return statement;
  };
  const bindable = (value: unknown) =>
    value instanceof Date
      ? value.toISOString().replace("Z", "+00:00")
      : typeof value === "boolean"
        ? Number(value)
        : value;
  return {
    async query({ sqlite, values }) {
      await noOpenTransaction();
      return statementFor(sqlite).all(values.map(bindable));
    },
    async execute({ sqlite, values }) {
      await noOpenTransaction();
      return statementFor(sqlite).run(values.map(bindable)).changes;
    },
    async transaction(statements) {
      await noOpenTransaction();
      // better-sqlite3 runs synchronously: nothing else can use the connection in between.
      statementFor("BEGIN IMMEDIATE").run([]);
      try {
        const changes = statements.map(({ sqlite, values }) => statementFor(sqlite).run(values.map(bindable)).changes);
        statementFor("COMMIT").run([]);
        return changes;
      } catch (error) {
        statementFor("ROLLBACK").run([]);
        throw error;
      }
    },
  };
}

type PgQueryable = {
  query(config: {
    text: string;
    values: unknown[];
    types: unknown;
  }): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
};
type PgPool = PgQueryable & {
  connect(): Promise<PgQueryable & { query(text: string): Promise<unknown>; release(error?: Error): void }>;
};

type PgTypes = { getTypeParser(oid: number, format?: "text"): unknown };

function postgresDriver(pool: PgPool, pgTypes: PgTypes): HotDriver {
  const TIMESTAMP_WITHOUT_ZONE = 1114;
  // Prisma writes date-times as UTC into "timestamp(3)" columns; read them back as UTC too.
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === TIMESTAMP_WITHOUT_ZONE
        ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
        : pgTypes.getTypeParser(oid, format as "text"),
  };
  const bindable = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  return {
    async query({ postgres, values }) {
      return (await pool.query({ text: postgres, values: values.map(bindable), types })).rows;
    },
    async execute({ postgres, values }) {
      return (await pool.query({ text: postgres, values: values.map(bindable), types })).rowCount ?? 0;
    },
    async transaction(statements) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const changes: number[] = [];
        for (const { postgres, values } of statements)
          changes.push((await client.query({ text: postgres, values: values.map(bindable), types })).rowCount ?? 0);
        await client.query("COMMIT");
        client.release();
        return changes;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        client.release(error instanceof Error ? error : undefined);
        throw error;
      }
    },
  };
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

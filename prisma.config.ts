// Never let the CLI try to download native engines (Prisma's binary host is unreachable here).
// engine:"js" + engineType "client" need none; these only stop fallback download attempts.
const self = fileURLToPath(import.meta.url); // any existing file will do
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= self;
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= self;
process.env.DATABASE_URL ??= "file:./data/hocso.db";

// The CLI's patches live here, one per defect of Prisma 6.19.3's WebAssembly schema engine path
// with driver adapters (each names its defect; migrations.test.ts runs every migrate path they
// touch on both providers, so an upgrade that changes them fails there). README → Design decisions.

// Workaround (prisma 6.19.3 + @prisma/adapter-pg 6.19.3): the wasm schema engine leaves 10s/60s timers armed (advisory-lock /
// timeout guards), so `migrate deploy|reset` linger 10s and `db push` 60s after finishing.
// Unref long timers in the CLI process; pending sockets/queries still keep it alive.
const nativeSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = nativeSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 5000) t.unref();
  return t;
}) as typeof setTimeout;

import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL;
const flavor = /^postgres(ql)?:/.test(url) ? "postgres" : "sqlite";

// Workaround (prisma 6.19.3 wasm schema engine + @prisma/adapter-better-sqlite3): migrations are replayed on the SQLite
// shadow DB via executeRaw, which better-sqlite3 limits to ONE statement -> P3006.
// Route arg-less executeRaw on the shadow connection to executeScript (db.exec).
function sqliteAdapter(url: string) {
  const factory = new PrismaBetterSQLite3({ url });
  const connectShadow = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const conn = await connectShadow();
    const executeRaw = conn.executeRaw.bind(conn);
    conn.executeRaw = async (q) => (q.args.length === 0 ? (await conn.executeScript(q.sql), 0) : executeRaw(q));
    return conn;
  };
  return factory;
}

// Workaround (prisma/orm#27403): the wasm schema engine introspects Postgres catalog
// columns of type "name"/"char", which @prisma/adapter-pg rejects
// ("Column type 'name' could not be deserialized"). Report them as text.
const PG_TEXT = 25,
  PG_CHAR = 18,
  PG_NAME = 19;
function patchPgConn<T>(conn: T): T {
  const c = conn as unknown as { performIO: (q: unknown) => Promise<{ fields: { dataTypeID: number }[] }> };
  const performIO = c.performIO.bind(conn);
  c.performIO = async (q) => {
    const res = await performIO(q);
    for (const f of res.fields ?? []) if (f.dataTypeID === PG_NAME || f.dataTypeID === PG_CHAR) f.dataTypeID = PG_TEXT;
    return res;
  };
  return conn;
}
// Workaround (@prisma/adapter-pg 6.19.3): adapter-pg builds the shadow DB pool as {...config, database: shadow}, but with
// {connectionString} node-postgres lets the URL's database win -> "shadow" == main DB
// (P3006 'type "Role" already exists'). Pass discrete fields instead.
function pgConfig(connectionString: string) {
  const u = new URL(connectionString);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    database: u.pathname.slice(1),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    allowExitOnIdle: true,
    idleTimeoutMillis: 200, // else CLI commands linger ~10s (pg idle timeout)
  };
}
// Workaround (@prisma/adapter-pg 6.19.3, the same symptom as prisma/orm#22845): adapter-pg's own shadow DB drops the database before closing its pool
// ('database ... is being accessed by other users'). Manage the shadow DB ourselves.
function pgAdapter(connectionString: string) {
  const cfg = pgConfig(connectionString);
  const factory = new PrismaPg(cfg);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patchPgConn(await connect());
  factory.connectToShadowDb = async () => {
    const admin = await factory.connect();
    const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = patchPgConn(await new PrismaPg({ ...cfg, database: name }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  };
  return factory;
}

export default defineConfig({
  schema: `prisma/${flavor}`, // folder: datasource.prisma + models.prisma (symlink to ../models.prisma)
  migrations: { path: `prisma/${flavor}/migrations` },
  engine: "js",
  experimental: { adapter: true },
  adapter: () => Promise.resolve(flavor === "postgres" ? pgAdapter(url) : sqliteAdapter(url)),
});

import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../app/cli/migrations";

declare module "vitest" {
  export interface ProvidedContext {
    /** Why the multi-instance tests cannot run here, or "" when their database is ready. */
    multiInstanceUnavailable: string;
  }
}

async function admin(url: string, sql: string) {
  const target = new URL(url);
  target.pathname = "/postgres";
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates and migrates the PostgreSQL database the instances share (HOCSO_MULTI_INSTANCE_URL, the
 * project's DATABASE_URL: see vitest.config.ts). A failure is handed to the tests rather than thrown, so
 * that it shows as a failed test (in CI) or a skip with its reason (locally), never as nothing.
 */
export default async function setup(project: TestProject) {
  const url = process.env.HOCSO_MULTI_INSTANCE_URL ?? "";
  const database = url ? new URL(url).pathname.slice(1) : "";
  let unavailable = "";
  if (!url.startsWith("postgres")) unavailable = "TEST_POSTGRES_URL is not set";
  else {
    try {
      await admin(url, `CREATE DATABASE "${database}"`);
      applyMigrations(url, { quiet: true });
    } catch (error) {
      unavailable = `PostgreSQL at TEST_POSTGRES_URL is unavailable: ${(error as Error).message}`;
    }
  }
  project.provide("multiInstanceUnavailable", unavailable);
  return async () => {
    if (url.startsWith("postgres") && !unavailable)
      await admin(url, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  };
}

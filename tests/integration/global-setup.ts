import fs from "node:fs";
import { applyMigrations } from "../../app/cli/migrations";

/** Applies the committed migrations to the fresh test database; removes a SQLite file afterwards. */
export default function setup() {
  const url = process.env.DATABASE_URL!;
  applyMigrations(url, { quiet: true });
  return () => {
    if (url.startsWith("file:")) {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(url.slice(5) + suffix, { force: true });
    }
  };
}

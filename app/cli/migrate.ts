import "~/server/load-env";
import { applyMigrations } from "~/cli/migrations";

// `npm run db:migrate`: applies the committed migrations to whichever database DATABASE_URL names.
const url = process.env.DATABASE_URL ?? "file:./data/hocso.db";
applyMigrations(url);

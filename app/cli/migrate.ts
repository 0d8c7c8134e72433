import "~/server/load-env";
import { applyMigrations } from "~/cli/migrations";
import { env } from "~/lib/env.server";

// `npm run db:migrate`: applies the committed migrations to whichever database DATABASE_URL names.
applyMigrations(env.databaseUrl);

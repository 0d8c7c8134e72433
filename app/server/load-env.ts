import fs from "node:fs";
import { formatEnvProblems, parseEnv } from "../lib/env.schema";

// Imported first by every entry point: `.env` (written by `npm run setup`) fills in what the
// environment does not already set; real environment variables always win. Then the whole
// configuration is validated, and a bad one stops the process before anything starts.
if (fs.existsSync(".env")) process.loadEnvFile(".env");
process.env.NODE_ENV ??= "production";
const checked = parseEnv(process.env);
if (!checked.ok) {
  process.stderr.write(formatEnvProblems(checked.problems));
  process.exit(1);
}

import fs from "node:fs";

// Imported first by every entry point: `.env` (written by `npm run setup`) fills in what the
// environment does not already set; real environment variables always win.
if (fs.existsSync(".env")) process.loadEnvFile(".env");
process.env.NODE_ENV ??= "production";

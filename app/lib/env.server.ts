import os from "node:os";
import path from "node:path";

// Configuration is read once at start-up; every variable has a safe default for the
// SQLite demo so that `npm run setup && npm start` needs nothing else.
function readEnv() {
  const rawUrl = process.env.DATABASE_URL ?? "file:./data/hocso.db";
  const port = Number(process.env.PORT ?? 3000);
  const workers = Number(process.env.WEB_CONCURRENCY ?? os.availableParallelism());
  return {
    databaseUrl: rawUrl,
    isPostgres: /^postgres(ql)?:/.test(rawUrl),
    port: Number.isInteger(port) && port > 0 ? port : 3000,
    // HTTP worker processes of one instance (node:cluster); 1 serves in-process, without a cluster.
    webConcurrency: Number.isInteger(workers) && workers > 0 ? workers : os.availableParallelism(),
    publicUrl: process.env.PUBLIC_URL?.replace(/\/$/, ""),
    sessionSecret: process.env.SESSION_SECRET ?? "",
    smtpUrl: process.env.SMTP_URL,
    mailFrom: process.env.MAIL_FROM ?? "HọcSố <no-reply@hocso.local>",
    signingKeysFile: path.resolve(process.env.SIGNING_KEYS_FILE ?? "data/keys/signing-keys.json"),
    uploadsDir: path.resolve(process.env.UPLOADS_DIR ?? "data/uploads"),
    muxEnvKey: process.env.MUX_ENV_KEY ?? "",
    logLevel: process.env.LOG_LEVEL ?? "info",
    isProduction: process.env.NODE_ENV === "production",
  };
}

export const env = readEnv();

/** Absolute file path of a `file:` SQLite URL, relative paths resolved from the working directory. */
export function sqliteFilePath(url: string): string {
  const withoutScheme = url.replace(/^file:/, "");
  return path.resolve(withoutScheme);
}

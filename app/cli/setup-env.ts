import crypto from "node:crypto";

/**
 * The variables `npm run setup` writes into a new `.env`: PORT and PUBLIC_URL come from the
 * environment setup runs in (so `PORT=3930 npm run setup` serves on 3930); PUBLIC_URL is only
 * written when given, otherwise the server derives it from PORT.
 */
export function envFileDefaults(environment: { PORT?: string; PUBLIC_URL?: string }): Record<string, string> {
  const port = environment.PORT?.trim() || "3000";
  return {
    DATABASE_URL: "file:./data/hocso.db",
    PORT: port,
    // Production refuses to start without PUBLIC_URL: every link in mails and QR codes is built from it.
    PUBLIC_URL: environment.PUBLIC_URL?.trim() || `http://localhost:${port}`,
    SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
    SIGNING_KEYS_FILE: "data/keys/signing-keys.json",
    HOCSO_DEMO: "1",
  };
}

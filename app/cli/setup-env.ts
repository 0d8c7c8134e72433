import crypto from "node:crypto";

/**
 * The variables `npm run setup` writes into a new `.env`: PORT and PUBLIC_URL come from the
 * environment setup runs in (so `PORT=3930 npm run setup` serves on 3930); PUBLIC_URL is only
 * written when given, otherwise the server derives it from PORT.
 */
export function envFileDefaults(environment: { PORT?: string; PUBLIC_URL?: string }): Record<string, string> {
  return {
    DATABASE_URL: "file:./data/hocso.db",
    PORT: environment.PORT?.trim() || "3000",
    ...(environment.PUBLIC_URL?.trim() ? { PUBLIC_URL: environment.PUBLIC_URL.trim() } : {}),
    SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
    SIGNING_KEYS_FILE: "data/keys/signing-keys.json",
    HOCSO_DEMO: "1",
  };
}

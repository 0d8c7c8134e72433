import "~/server/load-env";
import { rotateKeys } from "~/lib/certificates/keys.server";
import { env } from "~/lib/env.server";

// `npm run keys:rotate`: new signing keys for new certificates; the retired public keys stay in
// jwks.json and did.json so every certificate issued before still verifies. Restart the app
// (every instance) afterwards; copy the key file to every instance first.
const file = env.signingKeysFile;
const keyFile = await rotateKeys(file);
const active = keyFile.keys.filter((key) => key.status === "active").map((key) => `${key.alg} ${key.kid}`);
process.stdout.write(
  `Rotated keys in ${file}\nActive: ${active.join(", ")}\nPublished (incl. retired): ${keyFile.keys.length}\nRestart every instance to sign with the new keys.\n`,
);

/**
 * Issuer signing keys, kept in a JSON file outside the database.
 *
 * Why a file: a database dump or a read-only SQL injection must not be enough to forge
 * certificates, and operators back the key file up (and restore it) separately.
 *
 * Two key pairs are active at any time:
 *  - RSA-2048 / RS256 signs the VC-JWT (the algorithm Open Badges 3.0 requires everyone
 *    to support);
 *  - Ed25519 signs the embedded DataIntegrityProof (eddsa-jcs-2022) of the JSON download.
 *
 * Rotation retires the current pair: the private halves are dropped from the file but
 * the public halves stay published forever, because certificates already issued must
 * keep verifying against `/.well-known/jwks.json` and the did:web document.
 *
 * Private material is wrapped in `SecretJwk`, whose JSON and inspect forms are redacted,
 * so logging a key file object (pino, console, an error) never prints a private key.
 */
import { generateKeyPair, randomBytes, type KeyObject } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { inspect, promisify } from "node:util";
import { calculateJwkThumbprint, type JWK } from "jose";
import { z } from "zod";

export type SigningAlg = "RS256" | "EdDSA";

/** A public JWK as published in the JWKS (never contains private members). */
export interface PublicJwk extends JWK {
  kid: string;
  alg: SigningAlg;
  use: "sig";
}

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/** Holds a private JWK; prints as "[REDACTED]" everywhere except through `reveal()`. */
export class SecretJwk {
  readonly #jwk: JWK;
  constructor(jwk: JWK) {
    this.#jwk = Object.freeze({ ...jwk });
  }
  /** The private JWK itself: call it only at the point of signing. */
  reveal(): JWK {
    return this.#jwk;
  }
  toJSON(): string {
    return "[REDACTED]";
  }
  toString(): string {
    return "[REDACTED]";
  }
  [inspect.custom](): string {
    return "SecretJwk [REDACTED]";
  }
}

export interface StoredKey {
  kid: string;
  alg: SigningAlg;
  status: "active" | "retired";
  createdAt: string;
  retiredAt?: string;
  publicJwk: PublicJwk;
  /** Present only while the key is active. */
  privateJwk?: SecretJwk;
}

export interface KeyFile {
  version: 1;
  keys: StoredKey[];
}

export interface ActiveKey {
  kid: string;
  alg: SigningAlg;
  createdAt: string;
  publicJwk: PublicJwk;
  privateJwk: SecretJwk;
}

export interface ActiveKeys {
  rs256: ActiveKey;
  eddsa: ActiveKey;
}

const jwkSchema = z.record(z.unknown());
const fileSchema = z.object({
  version: z.literal(1),
  keys: z
    .array(
      z.object({
        kid: z.string().min(1),
        alg: z.enum(["RS256", "EdDSA"]),
        status: z.enum(["active", "retired"]),
        createdAt: z.string().datetime(),
        retiredAt: z.string().datetime().optional(),
        publicJwk: jwkSchema,
        privateJwk: jwkSchema.optional(),
      }),
    )
    .min(1),
});

function publicPart(jwk: JWK): JWK {
  const out: JWK = { ...jwk };
  for (const m of PRIVATE_MEMBERS) delete (out as Record<string, unknown>)[m];
  return out;
}

const generateKeyPairAsync = promisify(generateKeyPair);

async function generatePair(alg: SigningAlg, now: Date): Promise<StoredKey> {
  // Async generation: RSA key generation takes long enough to stall a serving process.
  const { privateKey }: { privateKey: KeyObject } =
    alg === "RS256"
      ? await generateKeyPairAsync("rsa", { modulusLength: 2048, publicExponent: 0x10001 })
      : await generateKeyPairAsync("ed25519");
  const priv = privateKey.export({ format: "jwk" }) as JWK;
  // RFC 7638 thumbprint: stable, derived from the public key alone, so anyone holding
  // the JWKS can recompute and check it.
  const kid = await calculateJwkThumbprint(publicPart(priv), "sha256");
  const publicJwk: PublicJwk = { ...publicPart(priv), kid, alg, use: "sig" };
  return {
    kid,
    alg,
    status: "active",
    createdAt: now.toISOString(),
    publicJwk,
    privateJwk: new SecretJwk({ ...priv, kid, alg }),
  };
}

function serialize(file: KeyFile): string {
  const plain = {
    version: file.version,
    keys: file.keys.map((k) => ({
      kid: k.kid,
      alg: k.alg,
      status: k.status,
      createdAt: k.createdAt,
      ...(k.retiredAt ? { retiredAt: k.retiredAt } : {}),
      publicJwk: k.publicJwk,
      ...(k.privateJwk ? { privateJwk: k.privateJwk.reveal() } : {}),
    })),
  };
  return JSON.stringify(plain, null, 2) + "\n";
}

function parse(text: string, filePath: string): KeyFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`signing key file ${filePath} is not valid JSON`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    // Only paths and messages: zod issues never echo the offending values here, but
    // keep it that way since values could be private key members.
    const where = parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", ");
    throw new Error(`signing key file ${filePath} has an unexpected shape (${where})`);
  }
  const keys: StoredKey[] = parsed.data.keys.map((k) => {
    const pub = publicPart(k.publicJwk);
    if (k.status === "active" && !k.privateJwk) {
      throw new Error(`signing key file ${filePath}: active key ${k.kid} has no private key`);
    }
    return {
      kid: k.kid,
      alg: k.alg,
      status: k.status,
      createdAt: k.createdAt,
      ...(k.retiredAt ? { retiredAt: k.retiredAt } : {}),
      publicJwk: { ...pub, kid: k.kid, alg: k.alg, use: "sig" },
      ...(k.privateJwk ? { privateJwk: new SecretJwk(k.privateJwk) } : {}),
    };
  });
  const file: KeyFile = { version: 1, keys };
  activeKeys(file); // fail at load time, not at the first issuance
  return file;
}

/** Temp file in the same directory (rename is only atomic within one filesystem). */
async function writeTemp(filePath: string, contents: string): Promise<string> {
  const tmp = path.join(
    path.dirname(filePath),
    `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  const handle = await fs.open(tmp, "wx", 0o600);
  try {
    await handle.writeFile(contents, "utf8");
    // Mode passed to open() is filtered by the umask; set it explicitly.
    await handle.chmod(0o600);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

async function ensureDir(filePath: string): Promise<void> {
  await fs.mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
}

async function readIfExists(filePath: string): Promise<string | null> {
  try {
    return await fs.readFile(filePath, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

/** Group/other access to a private key file is a misconfiguration; close it quietly. */
async function tightenMode(filePath: string): Promise<void> {
  try {
    const st = await fs.stat(filePath);
    if ((st.mode & 0o077) !== 0) await fs.chmod(filePath, 0o600);
  } catch {
    // Not ours to chmod (e.g. a read-only mount managed elsewhere): leave it.
  }
}

/**
 * Reads the key file, creating it with a fresh RS256 + EdDSA pair if it does not exist.
 * Safe against two processes starting at once: creation publishes the file with
 * link(2), which fails if another process got there first, and the loser reads the
 * winner's keys instead of silently signing with keys nobody published.
 */
export async function loadOrCreateKeyFile(filePath: string, now: Date = new Date()): Promise<KeyFile> {
  const existing = await readIfExists(filePath);
  if (existing !== null) {
    await tightenMode(filePath);
    return parse(existing, filePath);
  }
  await ensureDir(filePath);
  const file: KeyFile = {
    version: 1,
    keys: [await generatePair("RS256", now), await generatePair("EdDSA", now)],
  };
  const tmp = await writeTemp(filePath, serialize(file));
  try {
    await fs.link(tmp, filePath);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const theirs = await fs.readFile(filePath, "utf8");
    return parse(theirs, filePath);
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return file;
}

/**
 * Generates a new RS256 + EdDSA pair, retires the previous active keys (dropping their
 * private halves, keeping their public halves) and atomically replaces the file.
 * Meant for an operator command, not for concurrent use.
 */
export async function rotateKeys(filePath: string, now: Date = new Date()): Promise<KeyFile> {
  const current = await loadOrCreateKeyFile(filePath, now);
  const retired: StoredKey[] = current.keys.map((k) => {
    if (k.status !== "active") return k;
    const { privateJwk: _dropped, ...rest } = k;
    return { ...rest, status: "retired", retiredAt: now.toISOString() };
  });
  const next: KeyFile = {
    version: 1,
    keys: [await generatePair("RS256", now), await generatePair("EdDSA", now), ...retired],
  };
  const tmp = await writeTemp(filePath, serialize(next));
  try {
    await fs.rename(tmp, filePath);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  return next;
}

/** Every public key ever used (active first), for `/.well-known/jwks.json`. */
export function publicJwks(keyFile: KeyFile): { keys: PublicJwk[] } {
  const order = (k: StoredKey) => (k.status === "active" ? 0 : 1);
  return {
    keys: [...keyFile.keys]
      .sort((a, b) => order(a) - order(b) || b.createdAt.localeCompare(a.createdAt))
      .map((k) => {
        // Re-strip on the way out: this is the one function whose output is public.
        const pub = publicPart(k.publicJwk) as PublicJwk;
        return { ...pub, kid: k.kid, alg: k.alg, use: "sig" as const };
      }),
  };
}

/** The newest active key of each algorithm; throws if one is missing. */
export function activeKeys(keyFile: KeyFile): ActiveKeys {
  const pick = (alg: SigningAlg): ActiveKey => {
    const k = keyFile.keys
      .filter((x) => x.alg === alg && x.status === "active" && x.privateJwk)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    if (!k || !k.privateJwk) throw new Error(`no active ${alg} signing key`);
    return { kid: k.kid, alg, createdAt: k.createdAt, publicJwk: k.publicJwk, privateJwk: k.privateJwk };
  };
  return { rs256: pick("RS256"), eddsa: pick("EdDSA") };
}

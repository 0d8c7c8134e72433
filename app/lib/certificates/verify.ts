/**
 * Offline verification of HọcSố certificates: a compact VC-JWT or a JSON credential
 * carrying an eddsa-jcs-2022 DataIntegrityProof, checked against a JWKS the caller
 * trusts (the issuer's published keys) and, optionally, a revocation status list.
 *
 * Order matters: nothing is reported about a document (not even "expired") until its
 * signature is known to be good, so a forgery can never be shown as a merely expired
 * certificate. The function never throws: every failure becomes a Verdict.
 *
 * Superseded/reissued certificates are a database question and are decided by the app.
 */
import { compactVerify, importJWK, type JWK } from "jose";
import { normalizeCertificateCode } from "./code";
import { eddsaJcs2022HashData, importEd25519, jwtClaimsFor } from "./credential";
import { base58btcDecode, base64urlDecode, fromUtf8 } from "./encoding";
import { decodeStatusList, getBit, VC_V2_CONTEXT } from "./status-list";

export type VerdictStatus = "valid" | "revoked" | "expired" | "not_genuine" | "malformed";

export interface Verdict {
  status: VerdictStatus;
  /**
   * Short English code for logs and UI mapping, e.g. "signature", "alg-none",
   * "unknown-kid", "no-proof", "expired", "not-yet-valid", "revoked", "too-large".
   */
  reason?: string;
  format?: "jwt" | "json";
  /** The credential, only once its signature has been verified. */
  credential?: Record<string, unknown>;
  certificateCode?: string;
  statusIndex?: number;
  statusListCredential?: string;
  /** False when no status list was supplied, so "valid" means "valid, revocation unchecked". */
  revocationChecked: boolean;
  /**
   * The status list the revocation check used: its dates, and whether it was stale (past its
   * validUntil, or older than STATUS_LIST_DEFAULT_TTL_MS when it has none). A stale list still
   * proves a revocation it shows; it cannot prove that none happened since.
   */
  statusListInfo?: { validFrom?: string; validUntil?: string; stale: boolean };
  /** Key that verified the signature. */
  kid?: string;
  issuer?: string;
}

export interface StatusListSource {
  /** The published BitstringStatusListCredential as a compact JWT… */
  credentialJwt?: string;
  /** …or as JSON (object or text) with a DataIntegrityProof… */
  credential?: string | Record<string, unknown>;
  /** …or the raw bits, already trusted (e.g. read from the issuer's own database). */
  bits?: Uint8Array;
}

export interface VerifyOptions {
  jwks: { keys: JWK[] };
  statusList?: StatusListSource;
  now?: Date;
  /** When set, the credential's issuer id must equal it (e.g. the DID whose document supplied the keys). */
  expectedIssuer?: string;
}

/** How long a status list without validUntil is taken as current (the issuer's own TTL is 24 h). */
export const STATUS_LIST_DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

/** Anything bigger is not one of our credentials (they are a few KB) and is refused unparsed. */
export const MAX_INPUT_BYTES = 256 * 1024;

const ALLOWED_ALGS = new Set(["RS256", "EdDSA"]);
const OB_TYPES = new Set(["OpenBadgeCredential", "AchievementCredential"]);
/** Any published OB 3.0 context version (3.0.x) is acceptable. */
const OB_V3_CONTEXT_PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/context-";
const JWT_REGISTERED = ["iss", "jti", "sub", "nbf", "exp", "iat", "aud"] as const;

type Json = Record<string, unknown>;

class Fail extends Error {
  constructor(
    readonly status: VerdictStatus,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const notGenuine = (reason: string) => new Fail("not_genuine", reason);
const malformed = (reason: string) => new Fail("malformed", reason);

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}

function parseJsonObject(text: string, reason: string): Json {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw malformed(reason);
  }
  if (!isObject(v)) throw malformed(reason);
  return v;
}

function issuerIdOf(doc: Json): string | undefined {
  const iss = doc.issuer;
  if (typeof iss === "string") return iss;
  if (isObject(iss) && typeof iss.id === "string") return iss.id;
  return undefined;
}

/** Keys in the trusted JWKS that a `kid` (bare thumbprint or `did…#thumbprint`) names. */
function keysFor(jwks: { keys: JWK[] }, kid: string): JWK[] {
  return jwks.keys.filter(
    (k) => typeof k.kid === "string" && k.kid.length > 0 && (kid === k.kid || kid.endsWith(`#${k.kid}`)),
  );
}

function keyFits(jwk: JWK, alg: string): boolean {
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if (jwk.use !== undefined && jwk.use !== "sig") return false;
  if (alg === "RS256") return jwk.kty === "RSA";
  if (alg === "EdDSA") return jwk.kty === "OKP" && jwk.crv === "Ed25519";
  return false;
}

/** A DID-URL key reference must belong to the issuer that claims to have signed. */
function checkKeyController(keyRef: string, issuer: string | undefined): void {
  const hash = keyRef.indexOf("#");
  if (hash <= 0) return; // bare thumbprint: the JWKS itself is the trust anchor
  if (keyRef.slice(0, hash) !== issuer) throw notGenuine("issuer-key-mismatch");
}

interface Verified {
  doc: Json;
  kid: string;
  format: "jwt" | "json";
}

async function verifyJwt(token: string, jwks: { keys: JWK[] }): Promise<Verified> {
  const parts = token.split(".");
  if (parts.length !== 3) throw malformed("jwt-structure");
  let header: Json;
  try {
    header = parseJsonObject(fromUtf8(base64urlDecode(parts[0])), "jwt-header");
  } catch {
    throw malformed("jwt-header");
  }
  const alg = header.alg;
  if (typeof alg !== "string") throw malformed("jwt-header");
  if (alg.toLowerCase() === "none") throw notGenuine("alg-none");
  if (!ALLOWED_ALGS.has(alg)) throw notGenuine("alg-not-allowed");
  const kid = header.kid;
  if (typeof kid !== "string" || kid.length === 0) throw notGenuine("missing-kid");
  const candidates = keysFor(jwks, kid);
  if (candidates.length === 0) throw notGenuine("unknown-kid");
  const usable = candidates.filter((k) => keyFits(k, alg));
  if (usable.length === 0) throw notGenuine("key-mismatch");

  let payloadBytes: Uint8Array | undefined;
  for (const jwk of usable) {
    try {
      const key = await importJWK(jwk, alg);
      const { payload } = await compactVerify(token, key, { algorithms: [alg] });
      payloadBytes = payload;
      break;
    } catch {
      // try the next key published under the same kid, if any
    }
  }
  if (!payloadBytes) throw notGenuine("signature");

  let payload: Json;
  try {
    payload = parseJsonObject(fromUtf8(payloadBytes), "jwt-payload");
  } catch {
    throw malformed("jwt-payload");
  }
  // HọcSố only issues the VC-DM 2.0 layout (credential = payload); a VC-DM 1.1 `vc`
  // wrapper fails the context check below.
  const doc = payload;
  checkJwtClaims(payload, doc);
  checkKeyController(kid, issuerIdOf(doc));
  return { doc: stripJwtClaims(doc), kid, format: "jwt" };
}

/** OB 3.0 §8.2 "Verify a Credential VC-JWT Signature": the claims must mirror the credential. */
function checkJwtClaims(payload: Json, doc: Json): void {
  let expected: ReturnType<typeof jwtClaimsFor>;
  try {
    expected = jwtClaimsFor(doc);
  } catch {
    throw malformed("credential-structure");
  }
  if (payload.iss !== expected.iss) throw malformed("claims-mismatch:iss");
  if (payload.jti !== expected.jti) throw malformed("claims-mismatch:jti");
  if (payload.nbf !== expected.nbf) throw malformed("claims-mismatch:nbf");
  if ((payload.sub !== undefined || expected.sub !== undefined) && payload.sub !== expected.sub) {
    throw malformed("claims-mismatch:sub");
  }
  if ((payload.exp !== undefined || expected.exp !== undefined) && payload.exp !== expected.exp) {
    throw malformed("claims-mismatch:exp");
  }
}

function stripJwtClaims(doc: Json): Json {
  const out: Json = { ...doc };
  for (const c of JWT_REGISTERED) delete out[c];
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function verifyDataIntegrity(doc: Json, jwks: { keys: JWK[] }): Promise<Verified> {
  if (doc.proof === undefined) throw notGenuine("no-proof");
  const proofs = (Array.isArray(doc.proof) ? doc.proof : [doc.proof]).filter(
    (p): p is Json => isObject(p) && p.type === "DataIntegrityProof" && p.cryptosuite === "eddsa-jcs-2022",
  );
  if (proofs.length === 0) throw notGenuine("unsupported-proof");
  const { proof: _proof, ...unsecured } = doc;
  const issuer = issuerIdOf(unsecured);

  let failure: Fail = notGenuine("signature");
  for (const proof of proofs) {
    try {
      return await verifyOneProof(unsecured, proof, issuer, jwks);
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      failure = e;
    }
  }
  throw failure;
}

/** vc-di-eddsa "Verify Proof (eddsa-jcs-2022)". */
async function verifyOneProof(
  unsecured: Json,
  proof: Json,
  issuer: string | undefined,
  jwks: { keys: JWK[] },
): Promise<Verified> {
  if (proof.proofPurpose !== "assertionMethod") throw notGenuine("proof-purpose");
  const vm = proof.verificationMethod;
  if (typeof vm !== "string" || vm.length === 0) throw notGenuine("missing-kid");
  checkKeyController(vm, issuer);
  const candidates = keysFor(jwks, vm);
  if (candidates.length === 0) throw notGenuine("unknown-kid");
  const usable = candidates.filter((k) => keyFits(k, "EdDSA"));
  if (usable.length === 0) throw notGenuine("key-mismatch");

  const proofValue = proof.proofValue;
  if (typeof proofValue !== "string" || !proofValue.startsWith("z")) throw notGenuine("proof-value");
  let signature: Uint8Array;
  try {
    signature = base58btcDecode(proofValue.slice(1));
  } catch {
    throw notGenuine("proof-value");
  }
  if (signature.length !== 64) throw notGenuine("proof-value");

  const { proofValue: _pv, ...proofOptions } = proof;
  const document: Json = { ...unsecured };
  // vc-di-eddsa, Verify Proof (eddsa-jcs-2022) step 4, as Digital Bazaar implements it: when
  // the proof has an @context, the document's must start with it (a holder may append a
  // context), and the document is then hashed with the proof's. The proof configuration is
  // hashed as found, so a proof whose @context was removed no longer matches its signature.
  if (proofOptions["@context"] !== undefined) {
    if (!contextStartsWith(unsecured["@context"], proofOptions["@context"])) throw notGenuine("proof-context");
    document["@context"] = proofOptions["@context"];
  }
  const hashData = await eddsaJcs2022HashData(document, proofOptions);

  for (const jwk of usable) {
    let key: CryptoKey;
    try {
      key = await importEd25519(jwk, "verify");
    } catch {
      continue;
    }
    const ok = await globalThis.crypto.subtle.verify(
      { name: "Ed25519" },
      key,
      signature as BufferSource,
      hashData as BufferSource,
    );
    if (ok) return { doc: unsecured, kid: vm, format: "json" };
  }
  throw notGenuine("signature");
}

async function verifyAny(input: string, jwks: { keys: JWK[] }): Promise<Verified> {
  const text = input.trim();
  if (text.startsWith("{")) return verifyDataIntegrity(parseJsonObject(text, "json"), jwks);
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text)) return verifyJwt(text, jwks);
  throw malformed("unrecognized-format");
}

function parseDate(v: unknown, reason: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw malformed(reason);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw malformed(reason);
  return ms;
}

function types(doc: Json): string[] {
  const t = doc.type;
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === "string") : typeof t === "string" ? [t] : [];
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function contextStartsWith(documentContext: unknown, proofContext: unknown): boolean {
  const doc = asList(documentContext);
  return asList(proofContext).every((c, i) => i < doc.length && sameJson(c, doc[i]));
}

function contexts(doc: Json): unknown[] {
  const c = doc["@context"];
  return Array.isArray(c) ? c : [c];
}

/** The human code, from `evidence[].name` or, failing that, the description text. */
export function extractCertificateCode(credential: Record<string, unknown>): string | undefined {
  const evidence = credential.evidence;
  for (const e of Array.isArray(evidence) ? evidence : [evidence]) {
    if (isObject(e) && typeof e.name === "string") {
      const code = normalizeCertificateCode(e.name);
      if (code) return code;
    }
  }
  if (typeof credential.description === "string") {
    for (const m of credential.description.matchAll(/\bHS-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g)) {
      const code = normalizeCertificateCode(m[0]);
      if (code) return code;
    }
  }
  return undefined;
}

interface StatusEntry {
  index: number;
  listUrl: string;
}

function revocationEntry(doc: Json): StatusEntry | undefined {
  const raw = doc.credentialStatus;
  if (raw === undefined) return undefined;
  const entries = Array.isArray(raw) ? raw : [raw];
  const entry = entries.find(
    (e): e is Json => isObject(e) && e.type === "BitstringStatusListEntry" && e.statusPurpose === "revocation",
  );
  if (!entry) return undefined;
  const idx = entry.statusListIndex;
  if (typeof idx !== "string" || !/^(0|[1-9]\d{0,9})$/.test(idx)) throw malformed("status-entry");
  if (typeof entry.statusListCredential !== "string") throw malformed("status-entry");
  return { index: Number(idx), listUrl: entry.statusListCredential };
}

/** Verifies the status list credential itself and returns its bits and dates. */
async function statusBits(
  source: StatusListSource,
  entry: StatusEntry,
  issuer: string | undefined,
  jwks: { keys: JWK[] },
  now: number,
): Promise<{ bits: Uint8Array; info?: NonNullable<Verdict["statusListInfo"]> }> {
  if (source.bits) return { bits: source.bits };
  const raw =
    source.credentialJwt ??
    (typeof source.credential === "string" ? source.credential : JSON.stringify(source.credential ?? null));
  if (byteLength(raw) > 32 * 1024 * 1024) throw malformed("status-list-too-large");
  let verified: Verified;
  try {
    verified = await verifyAny(raw, jwks);
  } catch (e) {
    if (e instanceof Fail) throw malformed(`status-list-${e.reason}`);
    throw e;
  }
  const list = verified.doc;
  if (!types(list).includes("BitstringStatusListCredential")) throw malformed("status-list-type");
  if (list.id !== entry.listUrl) throw malformed("status-list-mismatch");
  if (issuerIdOf(list) !== issuer) throw malformed("status-list-issuer");
  const from = parseDate(list.validFrom, "status-list-dates");
  const until = parseDate(list.validUntil, "status-list-dates");
  if (from !== undefined && now < from) throw malformed("status-list-not-yet-valid");
  const stale = until !== undefined ? now >= until : from === undefined || now - from > STATUS_LIST_DEFAULT_TTL_MS;
  const info = {
    ...(typeof list.validFrom === "string" ? { validFrom: list.validFrom } : {}),
    ...(typeof list.validUntil === "string" ? { validUntil: list.validUntil } : {}),
    stale,
  };
  const subject = list.credentialSubject;
  if (!isObject(subject) || subject.statusPurpose !== "revocation" || typeof subject.encodedList !== "string") {
    throw malformed("status-list-subject");
  }
  try {
    return { bits: decodeStatusList(subject.encodedList), info };
  } catch {
    throw malformed("status-list-invalid");
  }
}

async function verifyInner(input: unknown, opts: VerifyOptions): Promise<Verdict> {
  if (typeof input !== "string") throw malformed("not-a-string");
  // Length check first so a huge string is never even encoded.
  if (input.length > MAX_INPUT_BYTES || byteLength(input) > MAX_INPUT_BYTES) throw malformed("too-large");
  if (!opts || !Array.isArray(opts.jwks?.keys)) throw malformed("no-keys");
  const now = (opts.now ?? new Date()).getTime();

  const { doc, kid, format } = await verifyAny(input, opts.jwks);
  const issuer = issuerIdOf(doc);
  if (opts.expectedIssuer !== undefined && issuer !== opts.expectedIssuer) throw notGenuine("unknown-issuer");

  // From here on the document is genuine; what remains is whether it is usable.
  const base = { format, credential: doc, kid, issuer } as const;
  const fail = (status: VerdictStatus, reason: string, extra: Partial<Verdict> = {}): Verdict => ({
    status,
    reason,
    ...base,
    revocationChecked: false,
    ...extra,
  });

  const t = types(doc);
  if (!t.includes("VerifiableCredential") || !t.some((x) => OB_TYPES.has(x))) return fail("malformed", "type");
  const ctx = contexts(doc);
  if (ctx[0] !== VC_V2_CONTEXT || !ctx.some((c) => typeof c === "string" && c.startsWith(OB_V3_CONTEXT_PREFIX))) {
    return fail("malformed", "context");
  }

  let validFrom: number | undefined;
  let validUntil: number | undefined;
  let entry: StatusEntry | undefined;
  try {
    validFrom = parseDate(doc.validFrom, "dates");
    validUntil = parseDate(doc.validUntil, "dates");
    entry = revocationEntry(doc);
  } catch (e) {
    if (e instanceof Fail) return fail(e.status, e.reason);
    throw e;
  }
  if (validFrom === undefined) return fail("malformed", "dates");

  const certificateCode = extractCertificateCode(doc);
  const extra: Partial<Verdict> = {
    ...(certificateCode ? { certificateCode } : {}),
    ...(entry ? { statusIndex: entry.index, statusListCredential: entry.listUrl } : {}),
  };

  let revocationChecked = false;
  if (entry && opts.statusList) {
    try {
      const { bits, info } = await statusBits(opts.statusList, entry, issuer, opts.jwks, now);
      if (entry.index >= bits.length * 8) return fail("malformed", "status-index-out-of-range", extra);
      revocationChecked = true;
      if (info) extra.statusListInfo = info;
      // Revocation outranks expiry: "revoked" is the more important thing to tell a reader.
      if (getBit(bits, entry.index)) return { ...fail("revoked", "revoked", extra), revocationChecked };
    } catch (e) {
      if (e instanceof Fail) return fail(e.status, e.reason, extra);
      throw e;
    }
  }

  if (now < validFrom) return { ...fail("expired", "not-yet-valid", extra), revocationChecked };
  if (validUntil !== undefined && now >= validUntil) {
    return { ...fail("expired", "expired", extra), revocationChecked };
  }
  return { status: "valid", ...base, ...extra, revocationChecked };
}

/**
 * Verifies a compact VC-JWT or a JSON credential with a DataIntegrityProof.
 * `jwks` must come from a trusted source (the issuer's key file or published JWKS).
 */
export async function verifyCredential(input: string, opts: VerifyOptions): Promise<Verdict> {
  try {
    return await verifyInner(input, opts);
  } catch (e) {
    if (e instanceof Fail) return { status: e.status, reason: e.reason, revocationChecked: false };
    // Stack overflow on absurd nesting, a WebCrypto refusal, …: still an answer, not a throw.
    return { status: "malformed", reason: "unverifiable", revocationChecked: false };
  }
}

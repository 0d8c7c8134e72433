/**
 * Building and securing HọcSố certificates as 1EdTech Open Badges 3.0
 * `OpenBadgeCredential`s (which are W3C Verifiable Credentials Data Model 2.0 documents).
 *
 * Two securing mechanisms are produced for the same credential:
 *  - a VC-JWT (RS256) as OB 3.0 §8.2 "JSON Web Token Proof Format" describes: the JWT
 *    payload *is* the credential, with iss/jti/sub/nbf/exp copied from it;
 *  - an embedded `DataIntegrityProof` with the `eddsa-jcs-2022` cryptosuite, so the plain
 *    `.json` download verifies offline without any JSON-LD tooling.
 *
 * Uses only WebCrypto and jose so the module also runs in the browser; no Node built-ins.
 */
import { CompactSign, importJWK, type JWK } from "jose";
import { base58btcEncode, sha256, toHex, utf8 } from "./encoding";
import { canonicalize } from "./jcs";
import { toXsdDateTime, VC_V2_CONTEXT } from "./status-list";

export { canonicalize } from "./jcs";

export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/**
 * Defines `1EdTechJsonSchemaValidator2019` (the credentialSchema type OB 3.0 names), which
 * neither the VC 2.0 nor the OB 3.0 context does; without it a safe-mode JSON-LD processor
 * rejects the credential.
 */
export const OB_V3_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
export const OB_V3_SCHEMA =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
export const DID_V1_CONTEXT = "https://www.w3.org/ns/did/v1";
/** Defines the `JsonWebKey` verification method type and `publicKeyJwk`. */
export const JWK_V1_CONTEXT = "https://w3id.org/security/jwk/v1";
export const DIGCOMP_FRAMEWORK = "DigComp 2.2";
/** JRC publication of DigComp 2.2 (EUR 31006 EN); used when a skill has no own URL. */
export const DIGCOMP_22_URL = "https://publications.jrc.ec.europa.eu/repository/handle/JRC128415";
export const DEFAULT_ISSUER_NAME = "HọcSố";

export interface IdentityObject {
  type: "IdentityObject";
  identityHash: string;
  identityType: string;
  hashed: boolean;
  salt?: string;
}

export interface Alignment {
  type: ["Alignment"];
  targetName: string;
  targetCode: string;
  targetFramework: string;
  targetUrl: string;
}

export interface IssuerProfile {
  id: string;
  type: ["Profile"];
  name: string;
  url: string;
  email?: string;
}

export interface BitstringStatusListEntry {
  id: string;
  type: "BitstringStatusListEntry";
  statusPurpose: "revocation";
  statusListIndex: string;
  statusListCredential: string;
}

export interface DataIntegrityProof {
  type: "DataIntegrityProof";
  cryptosuite: "eddsa-jcs-2022";
  created: string;
  verificationMethod: string;
  proofPurpose: "assertionMethod";
  "@context"?: unknown;
  proofValue: string;
}

export interface OpenBadgeCredential {
  "@context": string[];
  id: string;
  type: string[];
  issuer: IssuerProfile;
  name: string;
  description: string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id?: string;
    type: ["AchievementSubject"];
    /** Not an OB 3.0 AchievementSubject property; see the note in buildOpenBadgeCredential. */
    name?: string;
    identifier: IdentityObject[];
    creditsEarned?: number;
    achievement: {
      id: string;
      type: ["Achievement"];
      achievementType: string;
      name: string;
      description: string;
      criteria: { narrative: string };
      creditsAvailable: number;
      version: string;
      alignment?: Alignment[];
      image?: { id: string; type: "Image" };
    };
  };
  evidence?: { id: string; type: ["Evidence"]; name: string; description: string }[];
  credentialStatus?: BitstringStatusListEntry;
  credentialSchema?: { id: string; type: string }[];
  proof?: DataIntegrityProof | DataIntegrityProof[];
  [k: string]: unknown;
}

export interface SkillInput {
  /** DigComp competence code, e.g. "5.4". */
  code: string;
  name: string;
  /** Defaults to the DigComp 2.2 publication. */
  url?: string;
}

export interface OpenBadgeInput {
  /** `urn:uuid:…`; a random one when absent. */
  id?: string;
  issuer: {
    /** The deployment's did:web, e.g. `did:web:hocso.example.gov.vn` (see didWebFromUrl). */
    did: string;
    url: string;
    name?: string;
    email?: string;
  };
  /** Canonical human code, `HS-XXXX-XXXX`. */
  certificateCode: string;
  holder: {
    name: string;
    email: string;
    /** Salt for the email hash; random when absent. Store it if you want to re-issue identically. */
    salt?: string;
    /**
     * URI for credentialSubject.id (and the JWT `sub`). When absent a fresh
     * `urn:uuid:` is used: OB 3.0 requires `sub`, and a per-credential pseudonym
     * satisfies it without making a learner's certificates linkable to each other.
     */
    subjectId?: string;
  };
  course: {
    /** Stable URL identifying this course version (the Achievement id). */
    achievementId: string;
    title: string;
    version: string | number;
    description: string;
    /** What the learner had to do; becomes criteria.narrative. */
    criteria: string;
    credits: number;
    skills?: SkillInput[];
    imageUrl?: string;
  };
  validFrom: Date;
  validUntil?: Date | null;
  /** Public verification page, e.g. `https://host/verify/HS-7K3Q-M9TD`. */
  verifyUrl: string;
  status: { statusListCredential: string; statusListIndex: number };
  /** Language of the human-readable name/description. Default "vi". */
  locale?: "vi" | "en";
}

function formatCredits(n: number, locale: "vi" | "en"): string {
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 }).format(n);
}

/** `"sha256$" + hex(sha256(email + salt))`, the OB hashed-identity convention. */
export async function hashEmailIdentity(email: string, salt: string): Promise<string> {
  // Lower-cased and trimmed so a verifier holding "Anh@Example.vn " gets the same hash.
  return "sha256$" + toHex(await sha256(email.trim().toLowerCase() + salt));
}

function randomSalt(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  return toHex(b);
}

/**
 * Builds the unsigned OpenBadgeCredential.
 *
 * Where the holder's name goes: OB 3.0's AchievementSubject has no name property. The
 * conformant place is an `identifier` entry (IdentityObject) with
 * `identityType: "name"` and `hashed: false` — "name" is a value of OB 3.0's
 * IdentifierTypeEnum — so that is the authoritative copy. A plain
 * `credentialSubject.name` is added as well because many wallets and displayers show
 * only that; it expands to schema:name through the OB context's top-level `name` term
 * and the OB JSON Schema allows additional properties, so it does not break conformance.
 *
 * The certificate code, course version and holder name are in `description` for humans;
 * the code is also `evidence[0].name` with the verification page as `evidence[0].id`, and
 * the course version is `achievement.version`, for machines.
 */
export async function buildOpenBadgeCredential(input: OpenBadgeInput): Promise<OpenBadgeCredential> {
  const locale = input.locale ?? "vi";
  const { holder, course } = input;
  const holderName = holder.name.normalize("NFC").trim();
  const title = course.title.normalize("NFC").trim();
  const version = String(course.version);
  const credits = formatCredits(course.credits, locale);
  const salt = holder.salt ?? randomSalt();

  const name = locale === "vi" ? `Chứng nhận hoàn thành khóa học: ${title}` : `Certificate of completion: ${title}`;
  const description =
    locale === "vi"
      ? `Chứng nhận ${holderName} đã hoàn thành khóa học “${title}” (phiên bản ${version}, ${credits} tín chỉ) trên HọcSố. Mã chứng nhận: ${input.certificateCode}.`
      : `Certifies that ${holderName} has completed the course “${title}” (version ${version}, ${credits} credits) on HọcSố. Certificate code: ${input.certificateCode}.`;

  const alignment: Alignment[] = (course.skills ?? []).map((s) => ({
    type: ["Alignment"],
    targetName: s.name,
    targetCode: s.code,
    targetFramework: DIGCOMP_FRAMEWORK,
    targetUrl: s.url ?? DIGCOMP_22_URL,
  }));

  const issuer: IssuerProfile = {
    id: input.issuer.did,
    type: ["Profile"],
    name: input.issuer.name ?? DEFAULT_ISSUER_NAME,
    url: input.issuer.url,
    ...(input.issuer.email ? { email: input.issuer.email } : {}),
  };

  const { statusListCredential, statusListIndex } = input.status;
  if (!Number.isSafeInteger(statusListIndex) || statusListIndex < 0) {
    throw new RangeError("statusListIndex must be a non-negative integer");
  }

  const credential: OpenBadgeCredential = {
    "@context": [VC_V2_CONTEXT, OB_V3_CONTEXT, OB_V3_EXTENSIONS_CONTEXT],
    id: input.id ?? `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer,
    name,
    description,
    validFrom: toXsdDateTime(input.validFrom),
    ...(input.validUntil ? { validUntil: toXsdDateTime(input.validUntil) } : {}),
    credentialSubject: {
      id: holder.subjectId ?? `urn:uuid:${globalThis.crypto.randomUUID()}`,
      type: ["AchievementSubject"],
      name: holderName,
      identifier: [
        {
          type: "IdentityObject",
          identityHash: await hashEmailIdentity(holder.email, salt),
          identityType: "emailAddress",
          hashed: true,
          salt,
        },
        { type: "IdentityObject", identityHash: holderName, identityType: "name", hashed: false },
      ],
      creditsEarned: course.credits,
      achievement: {
        id: course.achievementId,
        type: ["Achievement"],
        achievementType: "Certificate",
        name: title,
        description: course.description,
        criteria: { narrative: course.criteria },
        creditsAvailable: course.credits,
        version,
        ...(alignment.length ? { alignment } : {}),
        ...(course.imageUrl ? { image: { id: course.imageUrl, type: "Image" as const } } : {}),
      },
    },
    evidence: [
      {
        id: input.verifyUrl,
        type: ["Evidence"],
        name: input.certificateCode,
        description:
          locale === "vi"
            ? "Mã chứng nhận; trang tra cứu công khai để xác minh chứng nhận."
            : "Certificate code; public page to verify this certificate.",
      },
    ],
    credentialStatus: {
      id: `${statusListCredential}#${statusListIndex}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(statusListIndex),
      statusListCredential,
    },
    credentialSchema: [{ id: OB_V3_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
  };
  return credential;
}

/** Anything that can hand out a private JWK at signing time (e.g. keys.server's SecretJwk). */
export type PrivateKeyInput = JWK | { reveal(): JWK } | CryptoKey;

function isRevealable(k: unknown): k is { reveal(): JWK } {
  return typeof k === "object" && k !== null && typeof (k as { reveal?: unknown }).reveal === "function";
}
function isCryptoKey(k: unknown): k is CryptoKey {
  return typeof CryptoKey !== "undefined" && k instanceof CryptoKey;
}

function issuerIdOf(doc: { issuer?: unknown }): string {
  const iss = doc.issuer;
  if (typeof iss === "string") return iss;
  if (iss && typeof iss === "object" && typeof (iss as { id?: unknown }).id === "string") {
    return (iss as { id: string }).id;
  }
  throw new TypeError("credential has no issuer id");
}

function toNumericDate(xsd: string): number {
  const ms = Date.parse(xsd);
  if (Number.isNaN(ms)) throw new RangeError(`invalid date ${xsd}`);
  return Math.floor(ms / 1000);
}

/** A bare key id becomes `<issuer DID>#<kid>`: OB 3.0 wants `kid` to be a dereferenceable URI. */
export function kidUri(issuerId: string, kid: string): string {
  return kid.includes(":") ? kid : `${issuerId}#${kid}`;
}

/**
 * The JWT claims OB 3.0 §8.2 derives from a credential (iss, jti, sub, nbf, exp).
 * Exported so the verifier checks exactly what the signer wrote.
 */
export function jwtClaimsFor(credential: {
  id?: unknown;
  issuer?: unknown;
  validFrom?: unknown;
  validUntil?: unknown;
  credentialSubject?: unknown;
}): { iss: string; jti: string; sub?: string; nbf: number; exp?: number } {
  if (typeof credential.id !== "string") throw new TypeError("credential has no id");
  if (typeof credential.validFrom !== "string") throw new TypeError("credential has no validFrom");
  const subject: unknown = Array.isArray(credential.credentialSubject)
    ? credential.credentialSubject[0]
    : credential.credentialSubject;
  const sub: unknown = subject && typeof subject === "object" ? (subject as { id?: unknown }).id : undefined;
  return {
    iss: issuerIdOf(credential),
    jti: credential.id,
    ...(typeof sub === "string" ? { sub } : {}),
    nbf: toNumericDate(credential.validFrom),
    ...(typeof credential.validUntil === "string" ? { exp: toNumericDate(credential.validUntil) } : {}),
  };
}

/**
 * Compact VC-JWT per OB 3.0 §8.2 (VC-DM-2.0 flavour): JOSE header exactly
 * `{ alg: "RS256", kid, typ: "JWT" }` (OB forbids other header parameters) and a payload
 * that is the credential itself plus the registered claims iss, jti, sub, nbf and — when
 * the credential expires — exp. There is no `vc` wrapper: that was the VC-DM 1.1 layout.
 */
export async function signCredentialJwt(
  credential: Record<string, unknown>,
  rsaPrivateKey: PrivateKeyInput,
  kid: string,
): Promise<string> {
  const claims = jwtClaimsFor(credential);
  const payload = { ...credential, ...claims };
  const key = isCryptoKey(rsaPrivateKey)
    ? rsaPrivateKey
    : await importJWK(isRevealable(rsaPrivateKey) ? rsaPrivateKey.reveal() : rsaPrivateKey, "RS256");
  return new CompactSign(utf8(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "RS256", kid: kidUri(claims.iss, kid), typ: "JWT" })
    .sign(key);
}

/**
 * eddsa-jcs-2022 "hash data": SHA-256(JCS(proofConfig)) ‖ SHA-256(JCS(document)),
 * proof configuration hash first (vc-di-eddsa, Hashing (eddsa-jcs-2022)).
 * `document` must not contain `proof`; `proofConfig` must not contain `proofValue`.
 */
export async function eddsaJcs2022HashData(
  document: Record<string, unknown>,
  proofConfig: Record<string, unknown>,
): Promise<Uint8Array> {
  const configHash = await sha256(canonicalize(proofConfig));
  const docHash = await sha256(canonicalize(document));
  const out = new Uint8Array(64);
  out.set(configHash, 0);
  out.set(docHash, 32);
  return out;
}

/** Only the members WebCrypto needs; `alg`/`use`/`key_ops` variants make importKey picky. */
function ed25519Jwk(jwk: JWK, withPrivate: boolean): JsonWebKey {
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") {
    throw new TypeError("not an Ed25519 JWK");
  }
  if (withPrivate && typeof jwk.d !== "string") throw new TypeError("Ed25519 JWK has no private part");
  return withPrivate ? { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d } : { kty: "OKP", crv: "Ed25519", x: jwk.x };
}

export async function importEd25519(jwk: JWK, usage: "sign" | "verify"): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey("jwk", ed25519Jwk(jwk, usage === "sign"), { name: "Ed25519" }, false, [
    usage,
  ]);
}

/**
 * Adds an embedded DataIntegrityProof (cryptosuite eddsa-jcs-2022) and returns a new
 * object; the input is not modified. An existing `proof` is replaced, not chained:
 * HọcSố certificates carry exactly one embedded proof, in a one-element array.
 *
 * The proof repeats the document's `@context`. Current vc-di-eddsa copies the
 * document's `@context` into the proof configuration before hashing, while earlier
 * drafts hashed the proof object as found; carrying it in the proof makes both readings
 * hash the same bytes, so either generation of verifier accepts the proof.
 */
export async function addDataIntegrityProof<T extends Record<string, unknown>>(
  credential: T,
  ed25519PrivateKey: PrivateKeyInput,
  verificationMethod: string,
  options: { created?: Date } = {},
): Promise<T & { proof: DataIntegrityProof[] }> {
  const { proof: _existing, ...unsecured } = credential;
  const proofConfig: Omit<DataIntegrityProof, "proofValue"> = {
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-jcs-2022",
    created: toXsdDateTime(options.created ?? new Date()),
    verificationMethod,
    proofPurpose: "assertionMethod",
    ...(unsecured["@context"] !== undefined ? { "@context": unsecured["@context"] } : {}),
  };
  const hashData = await eddsaJcs2022HashData(unsecured, proofConfig);
  const key = isCryptoKey(ed25519PrivateKey)
    ? ed25519PrivateKey
    : await importEd25519(isRevealable(ed25519PrivateKey) ? ed25519PrivateKey.reveal() : ed25519PrivateKey, "sign");
  const signature = new Uint8Array(
    await globalThis.crypto.subtle.sign({ name: "Ed25519" }, key, hashData as BufferSource),
  );
  const proof: DataIntegrityProof = { ...proofConfig, proofValue: "z" + base58btcEncode(signature) };
  // An array, as the OB 3.0 JSON Schema requires (`proof` is `type: array` there).
  return { ...(unsecured as T), proof: [proof] };
}

/**
 * did:web identifier for a deployment URL: host (port percent-encoded) then any path
 * segments joined with ':' — `http://localhost:3000` → `did:web:localhost%3A3000`.
 */
export function didWebFromUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const segments = url.pathname.split("/").filter(Boolean).map(encodeURIComponent);
  return ["did:web", host, ...segments].join(":");
}

export interface DidDocument {
  "@context": string[];
  id: string;
  verificationMethod: { id: string; type: "JsonWebKey"; controller: string; publicKeyJwk: JWK }[];
  assertionMethod: string[];
}

const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/**
 * The did:web document served at `/.well-known/did.json`. Every key in the JWKS —
 * retired ones included — stays an assertionMethod, because DataIntegrity verifiers
 * check that relationship and old certificates must keep verifying.
 *
 * No `service`: the LinkedDomains entry it used to carry is defined by neither the DID nor
 * the JWK context (strict JSON-LD rejected it), and it would promise a DID Configuration
 * resource this app does not publish; did:web already ties the DID to its domain.
 */
export function didDocument({ did, jwks }: { did: string; jwks: { keys: JWK[] } }): DidDocument {
  const verificationMethod = jwks.keys.map((k) => {
    if (typeof k.kid !== "string") throw new TypeError("every published key needs a kid");
    const publicKeyJwk: JWK = { ...k };
    for (const m of PRIVATE_JWK_MEMBERS) delete (publicKeyJwk as Record<string, unknown>)[m];
    return { id: `${did}#${k.kid}`, type: "JsonWebKey" as const, controller: did, publicKeyJwk };
  });
  return {
    "@context": [DID_V1_CONTEXT, JWK_V1_CONTEXT],
    id: did,
    verificationMethod,
    assertionMethod: verificationMethod.map((v) => v.id),
  };
}

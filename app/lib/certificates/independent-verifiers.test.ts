/**
 * Our certificates checked by software we did not write, the way an employer or another agency
 * would check them: Digital Bazaar's `@digitalbazaar/vc` with the eddsa-jcs-2022 cryptosuite for
 * the `.json` form, `jose` with nothing but the published JWKS for the `.jwt` form, ajv with
 * 1EdTech's OB 3.0 JSON Schema for both, and a strict (safe-mode) JSON-LD expansion over committed
 * copies of the contexts (fixtures/README.md says where each copy comes from). Nothing here is fetched at run time; every row has a broken twin
 * that must fail.
 */
import { contexts as credentialsContexts } from "@digitalbazaar/credentials-context";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import { createVerifyCryptosuite } from "@digitalbazaar/eddsa-jcs-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { createLocalJWKSet, decodeJwt, jwtVerify, type JWK } from "jose";
import jsonld from "jsonld";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addDataIntegrityProof,
  didDocument,
  OB_V3_CONTEXT,
  OB_V3_EXTENSIONS_CONTEXT,
  signCredentialJwt,
  type OpenBadgeCredential,
} from "./credential";
import obSchema from "./fixtures/ob-v3p0-achievementcredential-schema.json";
import obContext from "./fixtures/ob-v3p0-context-3.0.3.json";
import obExtensionsContext from "./fixtures/ob-v3p0-extensions.json";
import { createStatusList, decodeStatusList, encodeStatusList, getBit, setBit, VC_V2_CONTEXT } from "./status-list";
import { DID, makeKey, sampleCredential, type TestKey } from "./test-fixtures";

const NOW = new Date("2026-01-01T00:00:00Z");

let ed: TestKey;
let rsa: TestKey;
let jwks: { keys: JWK[] };
let did: ReturnType<typeof didDocument>;
let signed: OpenBadgeCredential & { proof: unknown[] };
let jwt: string;

/** Contexts served from the committed copies; anything else (a typo, a new URL) fails loudly. */
function documentLoader(extra: Record<string, unknown> = {}) {
  const documents = new Map<string, unknown>([
    [VC_V2_CONTEXT, credentialsContexts.get(VC_V2_CONTEXT)],
    [OB_V3_CONTEXT, obContext],
    [OB_V3_EXTENSIONS_CONTEXT, obExtensionsContext],
    ...Object.entries(extra),
  ]);
  return (url: string) => {
    const document = documents.get(url);
    if (document === undefined) return Promise.reject(new Error(`document loader: ${url} is not a committed document`));
    return Promise.resolve({ contextUrl: null, documentUrl: url, document });
  };
}

/** The DID document and its verification methods, as /.well-known/did.json publishes them. */
function didLoader() {
  const entries: Record<string, unknown> = { [did.id]: did };
  for (const method of did.verificationMethod) entries[method.id] = { "@context": did["@context"], ...method };
  return documentLoader(entries);
}

/** Revocation as a verifier reads it: the bit at statusListIndex of a list the issuer encoded. */
function statusChecker(revoked: number[]) {
  const bits = createStatusList();
  for (const index of revoked) setBit(bits, index);
  const encoded = encodeStatusList(bits);
  return ({ credential }: { credential: Record<string, unknown> }) => {
    const status = credential.credentialStatus as { statusListIndex: string };
    return Promise.resolve({ verified: !getBit(decodeStatusList(encoded), Number(status.statusListIndex)) });
  };
}

async function dbVerify(credential: unknown, revoked: number[] = []) {
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() }),
    documentLoader: didLoader(),
    checkStatus: statusChecker(revoked),
    now: NOW,
  });
}

const clone = <T>(value: T): T => structuredClone(value);

beforeAll(async () => {
  [ed, rsa] = await Promise.all([makeKey("EdDSA"), makeKey("RS256")]);
  jwks = { keys: [rsa.publicJwk, ed.publicJwk] };
  did = didDocument({ did: DID, jwks });
  const credential = await sampleCredential();
  // Signed exactly as certificates.server issues a certificate.
  signed = (await addDataIntegrityProof(
    credential as unknown as Record<string, unknown>,
    ed.privateJwk,
    `${DID}#${ed.kid}`,
    { created: new Date("2025-03-05T02:30:00Z") },
  )) as unknown as typeof signed;
  jwt = await signCredentialJwt(credential, rsa.privateJwk, rsa.kid);
});

describe("@digitalbazaar/vc with eddsa-jcs-2022 verifies the .json form", () => {
  it("an issued credential verifies", async () => {
    const result = await dbVerify(signed);
    expect(result.error?.errors ?? result.error ?? null).toBeNull();
    expect(result.verified).toBe(true);
  });

  it.each<{ name: string; tamper: (c: Record<string, unknown>) => void }>([
    {
      name: "the holder's name changed",
      tamper: (c) => {
        (c.credentialSubject as { name: string }).name = "Trần Văn B";
      },
    },
    {
      name: "the validity extended",
      tamper: (c) => {
        c.validUntil = "2099-01-01T00:00:00Z";
      },
    },
    {
      name: "the proof's @context deleted",
      tamper: (c) => {
        delete (c.proof as Record<string, unknown>[])[0]["@context"];
      },
    },
    {
      name: "a signature character changed",
      tamper: (c) => {
        const proof = (c.proof as { proofValue: string }[])[0];
        proof.proofValue = proof.proofValue.slice(0, -2) + (proof.proofValue.endsWith("1") ? "22" : "11");
      },
    },
    {
      name: "a verification method the DID document does not list",
      tamper: (c) => {
        (c.proof as { verificationMethod: string }[])[0].verificationMethod = `${DID}#someone-else`;
      },
    },
  ])("fails when $name", async ({ tamper }) => {
    const copy = clone(signed) as unknown as Record<string, unknown>;
    tamper(copy);
    expect((await dbVerify(copy)).verified).toBe(false);
  });

  it("fails when a required field is missing (no issuer)", async () => {
    const { issuer: _issuer, ...copy } = clone(signed);
    expect((await dbVerify(copy)).verified).toBe(false);
  });

  it("fails when the certificate is revoked in the status list", async () => {
    const index = Number(signed.credentialStatus?.statusListIndex);
    expect((await dbVerify(signed, [index])).verified).toBe(false);
  });
});

describe("jose with only the published JWKS verifies the .jwt form", () => {
  const verify = (token: string) =>
    jwtVerify(token, async (header) => createLocalJWKSet(jwks)({ ...header, kid: header.kid?.split("#")[1] }), {
      currentDate: NOW,
    });

  it("an issued credential verifies and its payload is the credential", async () => {
    const { payload } = await verify(jwt);
    expect(payload.id).toBe(signed.id);
    expect(payload.iss).toBe(DID);
  });

  it("fails on a changed payload", async () => {
    const [header, payload, signature] = jwt.split(".");
    const json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    json.name = "Bằng giả";
    const forged = `${header}.${Buffer.from(JSON.stringify(json)).toString("base64url")}.${signature}`;
    await expect(verify(forged)).rejects.toThrow();
  });
});

describe("strict JSON-LD expansion (safe mode) of the .json form", () => {
  const expand = (doc: unknown) => jsonld.expand(doc, { documentLoader: documentLoader(), safe: true });

  it("every term of an issued credential is defined by its contexts", async () => {
    const [expanded] = await expand(signed);
    expect((expanded as { "@type": string[] })["@type"]).toContain(
      "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential",
    );
    expect(JSON.stringify(expanded)).toContain(
      "https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019",
    );
  });

  it.each<{ name: string; change: (c: Record<string, unknown>) => void }>([
    {
      name: "an undefined property",
      change: (c) => {
        c.certificateCode = "HS-7K3Q-M9T9";
      },
    },
    {
      name: "an undefined type (what credentialSchema had before the extensions context)",
      change: (c) => {
        c["@context"] = [VC_V2_CONTEXT, OB_V3_CONTEXT];
      },
    },
    {
      name: "an undefined property inside the subject",
      change: (c) => {
        (c.credentialSubject as Record<string, unknown>).hoTen = "Nguyễn Thị Ánh Tuyết";
      },
    },
  ])("fails on $name", async ({ change }) => {
    const copy = clone(signed) as unknown as Record<string, unknown>;
    change(copy);
    await expect(expand(copy)).rejects.toThrow();
  });
});

type Schema = { required: string[]; properties: Record<string, unknown> };

/**
 * The committed copy of 1EdTech's schema still names the VC 1.1 dates (it requires
 * `issuanceDate`); OB 3.0 as published moved to VC 2.0's `validFrom`/`validUntil`, which our
 * credentials carry. Only those two names are swapped, and only while the copy has the old ones:
 * replace the fixture with a newer copy and this changes nothing.
 */
function withVc2Dates(schema: Schema): Schema {
  if (!schema.required.includes("issuanceDate")) return schema;
  const { issuanceDate, expirationDate, ...properties } = schema.properties;
  return {
    ...schema,
    required: schema.required.map((name) => (name === "issuanceDate" ? "validFrom" : name)),
    properties: { ...properties, validFrom: issuanceDate, validUntil: expirationDate },
  };
}

describe("ajv with 1EdTech's OB 3.0 AchievementCredential JSON Schema", () => {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(withVc2Dates(obSchema as Schema));
  const errorsOf = (doc: unknown) => (validate(doc) ? [] : (validate.errors ?? []));

  it("the .json form and the .jwt payload pass", () => {
    expect(errorsOf(signed)).toEqual([]);
    expect(errorsOf(decodeJwt(jwt))).toEqual([]);
  });

  it("the committed copy differs from our credentials only in the VC 1.1 date name", () => {
    const original = new Ajv2019({ allErrors: true, strict: false });
    addFormats(original);
    const check = original.compile(obSchema);
    expect(check(signed)).toBe(false);
    expect(check.errors?.map((e) => [e.keyword, e.params])).toEqual([
      ["required", { missingProperty: "issuanceDate" }],
    ]);
  });

  it.each<{ name: string; change: (c: Record<string, unknown>) => void; path: string }>([
    {
      name: "a missing required name",
      change: (c) => {
        delete c.name;
      },
      path: "",
    },
    {
      name: "a missing validFrom",
      change: (c) => {
        delete c.validFrom;
      },
      path: "",
    },
    {
      name: "an achievement without criteria",
      change: (c) => {
        delete (c.credentialSubject as { achievement: Record<string, unknown> }).achievement.criteria;
      },
      path: "/credentialSubject/achievement",
    },
    {
      name: "an identity type outside the enumeration",
      change: (c) => {
        (c.credentialSubject as { identifier: { identityType: string }[] }).identifier[0].identityType = "email";
      },
      path: "/credentialSubject/identifier/0/identityType",
    },
    {
      name: "a validFrom that is not a date-time",
      change: (c) => {
        c.validFrom = "05/03/2025";
      },
      path: "/validFrom",
    },
  ])("fails on $name", ({ change, path }) => {
    const copy = clone(signed) as unknown as Record<string, unknown>;
    change(copy);
    const errors = errorsOf(copy);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.instancePath)).toContain(path);
  });
});

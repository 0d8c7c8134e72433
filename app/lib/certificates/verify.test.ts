import { createHmac } from "node:crypto";
import { CompactSign, createLocalJWKSet, importJWK, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addDataIntegrityProof,
  signCredentialJwt,
  type DataIntegrityProof,
  type OpenBadgeCredential,
} from "./credential";
import { base64urlDecode, base64urlEncode, utf8 } from "./encoding";
import { buildStatusListCredential, createStatusList, encodeStatusList, setBit } from "./status-list";
import { DID, makeKey, sampleCredential, STATUS_URL, type TestKey } from "./test-fixtures";
import { MAX_INPUT_BYTES, verifyCredential, type VerifyOptions } from "./verify";

let rsa: TestKey;
let ed: TestKey;
let attacker: TestKey;
let jwks: { keys: import("jose").JWK[] };
let vc: OpenBadgeCredential;
let jwt: string;
let json: string;

const DURING = new Date("2026-01-01T00:00:00Z");
const BEFORE = new Date("2025-03-05T02:29:59Z");
const AFTER = new Date("2027-03-05T02:30:00Z");

const opts = (extra: Partial<VerifyOptions> = {}): VerifyOptions => ({ jwks, now: DURING, ...extra });

/**
 * A decoded credential (JWT payload or JSON form) as a tampering test edits it: the credential's
 * own shape plus the JWT claims, an unknown property and a single proof whose @context is a list.
 */
type Tamperable = Pick<
  OpenBadgeCredential,
  "@context" | "name" | "validUntil" | "credentialSubject" | "evidence" | "credentialStatus"
> & {
  exp?: number;
  extra?: unknown;
  proof?: (Record<Exclude<keyof DataIntegrityProof, "@context">, string> & { "@context"?: string[] })[];
};
type StatusListPayload = { credentialSubject: { encodedList: string } };

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(base64urlDecode(part))) as Record<string, unknown>;
}
function encodePart(obj: unknown): string {
  return base64urlEncode(utf8(JSON.stringify(obj)));
}
/** Re-encodes the payload after `mutate`, keeping the original header and signature. */
function tamperPayload<T = Tamperable>(token: string, mutate: (p: T) => void): string {
  const [h, p, s] = token.split(".");
  const payload = decodePart(p) as T;
  mutate(payload);
  return [h, encodePart(payload), s].join(".");
}
function tamperJson(text: string, mutate: (c: Tamperable) => void): string {
  const c = JSON.parse(text) as Tamperable;
  mutate(c);
  return JSON.stringify(c);
}

async function statusListJwt(revoked: number[], key: TestKey = rsa, id = STATUS_URL) {
  const bits = createStatusList();
  for (const i of revoked) setBit(bits, i);
  const list = buildStatusListCredential({
    id,
    issuer: DID,
    validFrom: new Date("2025-01-01T00:00:00Z"),
    encodedList: encodeStatusList(bits),
    purpose: "revocation",
  });
  return signCredentialJwt(list, key.privateJwk, key.kid);
}

beforeAll(async () => {
  [rsa, ed, attacker] = await Promise.all([makeKey("RS256"), makeKey("EdDSA"), makeKey("RS256")]);
  jwks = { keys: [rsa.publicJwk, ed.publicJwk] };
  vc = await sampleCredential();
  jwt = await signCredentialJwt(vc, rsa.privateJwk, rsa.kid);
  json = JSON.stringify(await addDataIntegrityProof(vc, ed.privateJwk, `${DID}#${ed.kid}`), null, 2);
});

describe("genuine credentials", () => {
  it("the VC-JWT verifies with plain jose against the published JWKS", async () => {
    const { payload, protectedHeader } = await jwtVerify(
      jwt,
      // jose matches the header kid literally; the JWKS publishes bare thumbprints.
      async (header) => createLocalJWKSet(jwks)({ ...header, kid: header.kid!.split("#")[1] }),
      { issuer: DID, currentDate: DURING, algorithms: ["RS256"] },
    );
    expect(protectedHeader.typ).toBe("JWT");
    expect(payload.jti).toBe(vc.id);
    expect(payload.name).toBe(vc.name);
  });

  it("VC-JWT → valid, with code, status index and the credential", async () => {
    const v = await verifyCredential(jwt, opts());
    expect(v).toMatchObject({
      status: "valid",
      format: "jwt",
      certificateCode: "HS-7K3Q-M9T9",
      statusIndex: 4242,
      statusListCredential: STATUS_URL,
      revocationChecked: false,
      issuer: DID,
      kid: `${DID}#${rsa.kid}`,
    });
    expect(v.reason).toBeUndefined();
    expect(v.credential).toEqual(vc); // JWT registered claims stripped again
  });

  it("JSON with DataIntegrityProof → valid", async () => {
    const v = await verifyCredential(json, opts());
    expect(v).toMatchObject({ status: "valid", format: "json", certificateCode: "HS-7K3Q-M9T9", statusIndex: 4242 });
    expect(v.credential).toEqual(vc);
  });

  it("accepts surrounding whitespace and a JSON credential re-serialised with other key order", async () => {
    expect((await verifyCredential(`\n  ${jwt}\n`, opts())).status).toBe("valid");
    const reordered = JSON.stringify(
      Object.fromEntries(Object.entries(JSON.parse(json) as Record<string, unknown>).reverse()),
    );
    expect((await verifyCredential(reordered, opts())).status).toBe("valid");
  });

  it("an EdDSA-signed JWT with a JWKS key is accepted", async () => {
    const token = await new CompactSign(utf8(payloadText(jwt)))
      .setProtectedHeader({ alg: "EdDSA", kid: `${DID}#${ed.kid}`, typ: "JWT" })
      .sign(await importJWK(ed.privateJwk, "EdDSA"));
    expect((await verifyCredential(token, opts())).status).toBe("valid");
  });

  it("expectedIssuer pins the issuer", async () => {
    expect((await verifyCredential(jwt, opts({ expectedIssuer: DID }))).status).toBe("valid");
    expect(await verifyCredential(jwt, opts({ expectedIssuer: "did:web:other.example" }))).toMatchObject({
      status: "not_genuine",
      reason: "unknown-issuer",
    });
  });
});

function payloadText(token: string): string {
  return new TextDecoder().decode(base64urlDecode(token.split(".")[1]));
}

describe("VC-JWT tampering → not_genuine", () => {
  it.each([
    ["credential name", (p: Tamperable) => (p.name = "Chứng nhận giả")],
    ["holder name", (p: Tamperable) => (p.credentialSubject.name = "Trần Văn Giả")],
    ["credits", (p: Tamperable) => (p.credentialSubject.achievement.creditsAvailable = 20)],
    ["credits earned", (p: Tamperable) => (p.credentialSubject.creditsEarned = 20)],
    ["validUntil and exp", (p: Tamperable) => ((p.validUntil = "2099-01-01T00:00:00Z"), (p.exp = 4070908800))],
    ["status index", (p: Tamperable) => (p.credentialStatus!.statusListIndex = "1")],
    ["an added property", (p: Tamperable) => (p.extra = true)],
  ])("changing %s", async (_label, mutate) => {
    const v = await verifyCredential(tamperPayload(jwt, mutate), opts());
    expect(v).toEqual({ status: "not_genuine", reason: "signature", revocationChecked: false });
  });

  it("a flipped signature byte", async () => {
    const [h, p, s] = jwt.split(".");
    const sig = base64urlDecode(s);
    sig[10] ^= 0x01;
    const v = await verifyCredential([h, p, base64urlEncode(sig)].join("."), opts());
    expect(v).toMatchObject({ status: "not_genuine", reason: "signature" });
  });

  it("a truncated signature", async () => {
    const v = await verifyCredential(jwt.slice(0, -10), opts());
    expect(v.status).toBe("not_genuine");
  });

  it.each([
    ["alg none, empty signature", { alg: "none", typ: "JWT" }, ""],
    ["alg none, signature kept", { alg: "none", kid: "x" }, null],
    ["alg NONE", { alg: "NONE", kid: "x" }, ""],
  ])("header %s", async (_label, header, sig) => {
    const [, p, s] = jwt.split(".");
    const v = await verifyCredential([encodePart(header), p, sig ?? s].join("."), opts());
    expect(v).toMatchObject({ status: "not_genuine", reason: "alg-none" });
  });

  it("HS256 signed with the issuer's public key as the HMAC secret", async () => {
    const [, p] = jwt.split(".");
    const h = encodePart({ alg: "HS256", kid: `${DID}#${rsa.kid}`, typ: "JWT" });
    for (const secret of [JSON.stringify(rsa.publicJwk), rsa.publicJwk.n as string]) {
      const mac = createHmac("sha256", secret).update(`${h}.${p}`).digest();
      const v = await verifyCredential(`${h}.${p}.${base64urlEncode(mac)}`, opts());
      expect(v).toMatchObject({ status: "not_genuine", reason: "alg-not-allowed" });
    }
  });

  it("signed by a key that is not in the JWKS (its own kid)", async () => {
    const forged = await signCredentialJwt(vc, attacker.privateJwk, attacker.kid);
    expect(await verifyCredential(forged, opts())).toMatchObject({ status: "not_genuine", reason: "unknown-kid" });
  });

  it("signed by another key but claiming the issuer's kid", async () => {
    const forged = await signCredentialJwt(vc, attacker.privateJwk, rsa.kid);
    expect(await verifyCredential(forged, opts())).toMatchObject({ status: "not_genuine", reason: "signature" });
  });

  it("a JWKS with a different key published under the same kid", async () => {
    const swapped = { keys: [{ ...attacker.publicJwk, kid: rsa.kid }, ed.publicJwk] };
    expect(await verifyCredential(jwt, { jwks: swapped, now: DURING })).toMatchObject({
      status: "not_genuine",
      reason: "signature",
    });
  });

  it("a kid naming the issuer's key under someone else's DID", async () => {
    const [, p, s] = jwt.split(".");
    const h = encodePart({ alg: "RS256", kid: `did:web:evil.example#${rsa.kid}`, typ: "JWT" });
    const v = await verifyCredential([h, p, s].join("."), opts());
    expect(v.status).toBe("not_genuine");
  });

  it("an RS256 header pointing at the Ed25519 key", async () => {
    const [, p, s] = jwt.split(".");
    const h = encodePart({ alg: "RS256", kid: `${DID}#${ed.kid}`, typ: "JWT" });
    expect(await verifyCredential([h, p, s].join("."), opts())).toMatchObject({
      status: "not_genuine",
      reason: "key-mismatch",
    });
  });

  it("a header without kid", async () => {
    const [, p, s] = jwt.split(".");
    const v = await verifyCredential([encodePart({ alg: "RS256" }), p, s].join("."), opts());
    expect(v).toMatchObject({ status: "not_genuine", reason: "missing-kid" });
  });

  it("no credential content is returned for a forgery", async () => {
    const v = await verifyCredential(
      tamperPayload(jwt, (p) => (p.name = "x")),
      opts(),
    );
    expect(v.credential).toBeUndefined();
    expect(v.certificateCode).toBeUndefined();
  });
});

describe("JSON DataIntegrityProof tampering → not_genuine", () => {
  it.each([
    ["credential name", (c: Tamperable) => (c.name = "Chứng nhận giả")],
    ["holder name", (c: Tamperable) => (c.credentialSubject.name = "Trần Văn Giả")],
    ["holder identity", (c: Tamperable) => (c.credentialSubject.identifier[1].identityHash = "Trần Văn Giả")],
    ["credits", (c: Tamperable) => (c.credentialSubject.achievement.creditsAvailable = 20)],
    ["validUntil", (c: Tamperable) => (c.validUntil = "2099-01-01T00:00:00Z")],
    ["removed validUntil", (c: Tamperable) => delete c.validUntil],
    ["certificate code", (c: Tamperable) => (c.evidence![0].name = "HS-2222-2222")],
    ["an added property", (c: Tamperable) => (c.extra = true)],
    ["proof.created", (c: Tamperable) => (c.proof![0].created = "2020-01-01T00:00:00Z")],
  ])("changing %s", async (_label, mutate) => {
    const v = await verifyCredential(tamperJson(json, mutate), opts());
    expect(v).toMatchObject({ status: "not_genuine", reason: "signature" });
    expect(v.credential).toBeUndefined();
  });

  it("dropping the proof", async () => {
    const v = await verifyCredential(
      tamperJson(json, (c) => delete c.proof),
      opts(),
    );
    expect(v).toMatchObject({ status: "not_genuine", reason: "no-proof" });
  });

  it.each([
    ["one character", (pv: string) => pv.slice(0, 20) + (pv[20] === "A" ? "B" : "A") + pv.slice(21)],
    ["truncated", (pv: string) => pv.slice(0, -5)],
    ["not multibase", (pv: string) => pv.slice(1)],
    ["not base58", (pv: string) => pv.slice(0, 10) + "0OIl" + pv.slice(14)],
    ["another credential's proofValue", () => "z" + "1".repeat(10)],
  ])("changing proofValue: %s", async (_label, change) => {
    const v = await verifyCredential(
      tamperJson(json, (c) => (c.proof![0].proofValue = change(c.proof![0].proofValue))),
      opts(),
    );
    expect(v.status).toBe("not_genuine");
    expect(["signature", "proof-value"]).toContain(v.reason);
  });

  it.each([
    ["unknown verification method", (c: Tamperable) => (c.proof![0].verificationMethod = `${DID}#nope`), "unknown-kid"],
    [
      "verification method of another DID",
      (c: Tamperable) => (c.proof![0].verificationMethod = `did:web:evil#${ed.kid}`),
      "issuer-key-mismatch",
    ],
    [
      "RSA key as verification method",
      (c: Tamperable) => (c.proof![0].verificationMethod = `${DID}#${rsa.kid}`),
      "key-mismatch",
    ],
    ["proof purpose", (c: Tamperable) => (c.proof![0].proofPurpose = "authentication"), "proof-purpose"],
    ["cryptosuite", (c: Tamperable) => (c.proof![0].cryptosuite = "eddsa-rdfc-2022"), "unsupported-proof"],
    ["proof @context", (c: Tamperable) => (c.proof![0]["@context"] = ["https://evil.example/ctx"]), "proof-context"],
    ["document @context replaced", (c: Tamperable) => (c["@context"][1] = "https://evil.example/ctx"), "proof-context"],
    [
      "proof @context deleted (Data Integrity: the proof is hashed as found)",
      (c: Tamperable) => delete c.proof![0]["@context"],
      "signature",
    ],
    [
      "both @contexts changed alike",
      (c: Tamperable) => (
        c["@context"].push("https://evil.example/ctx"),
        c.proof![0]["@context"]!.push("https://evil.example/ctx")
      ),
      "signature",
    ],
  ])("%s", async (_label, mutate, reason) => {
    expect(await verifyCredential(tamperJson(json, mutate), opts())).toMatchObject({ status: "not_genuine", reason });
  });

  it("an extra trailing document @context is accepted, as vc-di-eddsa and Digital Bazaar accept it", async () => {
    const extended = tamperJson(json, (c: Tamperable) =>
      c["@context"].push("https://w3id.org/security/data-integrity/v2"),
    );
    expect(await verifyCredential(extended, opts())).toMatchObject({ status: "valid" });
  });

  it("a credential issued before proofs became arrays (a bare proof object) still verifies", async () => {
    const legacy = tamperJson(json, (c: Tamperable) => {
      (c as { proof?: unknown }).proof = c.proof![0];
    });
    expect(await verifyCredential(legacy, opts())).toMatchObject({ status: "valid" });
  });

  it("a proof made with a key that is not in the JWKS", async () => {
    const other = await makeKey("EdDSA");
    const forged = await addDataIntegrityProof(vc, other.privateJwk, `${DID}#${ed.kid}`);
    expect(await verifyCredential(JSON.stringify(forged), opts())).toMatchObject({
      status: "not_genuine",
      reason: "signature",
    });
  });
});

describe("validity period", () => {
  it.each([
    ["JWT", () => jwt],
    ["JSON", () => json],
  ])("%s: expired after validUntil, not yet valid before validFrom", async (_label, get) => {
    expect(await verifyCredential(get(), opts({ now: AFTER }))).toMatchObject({
      status: "expired",
      reason: "expired",
      certificateCode: "HS-7K3Q-M9T9",
    });
    expect(await verifyCredential(get(), opts({ now: BEFORE }))).toMatchObject({
      status: "expired",
      reason: "not-yet-valid",
    });
    expect((await verifyCredential(get(), opts({ now: new Date("2027-03-05T02:29:59Z") }))).status).toBe("valid");
  });

  it("a credential without validUntil never expires", async () => {
    const forever = await signCredentialJwt(await sampleCredential({ validUntil: undefined }), rsa.privateJwk, rsa.kid);
    expect((await verifyCredential(forever, opts({ now: new Date("2199-01-01T00:00:00Z") }))).status).toBe("valid");
  });

  it("a forgery is reported as not genuine, never as merely expired", async () => {
    const v = await verifyCredential(
      tamperPayload(jwt, (p) => (p.name = "x")),
      opts({ now: AFTER }),
    );
    expect(v.status).toBe("not_genuine");
  });

  it("claims that disagree with the credential are rejected even when properly signed", async () => {
    const payload = { ...decodePart(jwt.split(".")[1]), nbf: 0 };
    const token = await new CompactSign(utf8(JSON.stringify(payload)))
      .setProtectedHeader({ alg: "RS256", kid: `${DID}#${rsa.kid}`, typ: "JWT" })
      .sign(await importJWK(rsa.privateJwk, "RS256"));
    expect(await verifyCredential(token, opts())).toMatchObject({ status: "malformed", reason: "claims-mismatch:nbf" });
  });
});

describe("revocation", () => {
  it("bit set in a signed status-list JWT → revoked", async () => {
    const list = await statusListJwt([1, 4242, 9000]);
    for (const token of [jwt, json]) {
      expect(await verifyCredential(token, opts({ statusList: { credentialJwt: list } }))).toMatchObject({
        status: "revoked",
        reason: "revoked",
        revocationChecked: true,
        statusIndex: 4242,
      });
    }
  });

  it("bit clear → valid, and says revocation was checked", async () => {
    const list = await statusListJwt([4241, 4243]);
    expect(await verifyCredential(jwt, opts({ statusList: { credentialJwt: list } }))).toMatchObject({
      status: "valid",
      revocationChecked: true,
    });
  });

  it("raw bits and a JSON status-list credential work too", async () => {
    const bits = createStatusList();
    setBit(bits, 4242);
    expect((await verifyCredential(jwt, opts({ statusList: { bits } }))).status).toBe("revoked");

    const list = buildStatusListCredential({
      id: STATUS_URL,
      issuer: DID,
      validFrom: new Date("2025-01-01T00:00:00Z"),
      encodedList: encodeStatusList(bits),
      purpose: "revocation",
    });
    const signed = await addDataIntegrityProof(list, ed.privateJwk, `${DID}#${ed.kid}`);
    expect((await verifyCredential(jwt, opts({ statusList: { credential: signed } }))).status).toBe("revoked");
    expect((await verifyCredential(jwt, opts({ statusList: { credential: JSON.stringify(signed) } }))).status).toBe(
      "revoked",
    );
  });

  it("revoked outranks expired", async () => {
    const list = await statusListJwt([4242]);
    expect((await verifyCredential(jwt, opts({ now: AFTER, statusList: { credentialJwt: list } }))).status).toBe(
      "revoked",
    );
  });

  it("a forged status list is never trusted (fails closed)", async () => {
    const forgedList = await statusListJwt([], attacker);
    const v = await verifyCredential(jwt, opts({ statusList: { credentialJwt: forgedList } }));
    expect(v).toMatchObject({ status: "malformed", reason: "status-list-unknown-kid", revocationChecked: false });
  });

  it("a genuine list for another URL is not accepted", async () => {
    const other = await statusListJwt([], rsa, `${STATUS_URL}-other`);
    expect(await verifyCredential(jwt, opts({ statusList: { credentialJwt: other } }))).toMatchObject({
      status: "malformed",
      reason: "status-list-mismatch",
    });
  });

  it("an index beyond the supplied bits is an error, not 'valid'", async () => {
    expect(await verifyCredential(jwt, opts({ statusList: { bits: new Uint8Array(16) } }))).toMatchObject({
      status: "malformed",
      reason: "status-index-out-of-range",
    });
  });

  it("a tampered status list fails its own signature check", async () => {
    const list = await statusListJwt([4242]);
    const cleared = tamperPayload<StatusListPayload>(
      list,
      (p) => (p.credentialSubject.encodedList = encodeStatusList(createStatusList())),
    );
    expect(await verifyCredential(jwt, opts({ statusList: { credentialJwt: cleared } }))).toMatchObject({
      status: "malformed",
      reason: "status-list-signature",
    });
  });
});

describe("malformed input", () => {
  it.each([
    ["empty", ""],
    ["whitespace", "   \n"],
    ["broken JSON", '{"@context": ['],
    ["JSON array", "[1,2,3]"],
    ["plain text", "xin chào"],
    ["two-part token", "abc.def"],
    ["garbage token", "a.b.c"],
    ["header not JSON", () => `${base64urlEncode(utf8("nope"))}.${jwt.split(".")[1]}.${jwt.split(".")[2]}`],
  ])("%s", async (_label, input) => {
    const v = await verifyCredential(typeof input === "function" ? input() : input, opts());
    expect(v.status).toBe("malformed");
    expect(typeof v.reason).toBe("string");
  });

  it("a 1 MB input is refused before parsing", async () => {
    const big = `{"pad":"${"x".repeat(1024 * 1024)}"}`;
    expect(await verifyCredential(big, opts())).toEqual({
      status: "malformed",
      reason: "too-large",
      revocationChecked: false,
    });
    expect(await verifyCredential(`${jwt}${"A".repeat(1024 * 1024)}`, opts())).toMatchObject({ reason: "too-large" });
    // Multi-byte characters count as bytes, not UTF-16 units.
    expect((await verifyCredential(`{"a":"${"ữ".repeat(MAX_INPUT_BYTES / 3 + 10)}"}`, opts())).reason).toBe(
      "too-large",
    );
  });

  it("never throws, whatever it is given", async () => {
    const weird: unknown[] = [null, undefined, 42, {}, "[".repeat(100_000), `{"a":${"[".repeat(50_000)}`];
    for (const input of weird) {
      const v = await verifyCredential(input as string, opts());
      expect(v.status).toBe("malformed");
    }
    expect((await verifyCredential(jwt, undefined as unknown as VerifyOptions)).status).toBe("malformed");
    expect((await verifyCredential(jwt, { jwks: { keys: [] } })).status).toBe("not_genuine");
  });

  it("a genuine credential of the wrong type is not accepted as a certificate", async () => {
    const list = await statusListJwt([]);
    expect(await verifyCredential(list, opts())).toMatchObject({ status: "malformed", reason: "type" });
  });
});

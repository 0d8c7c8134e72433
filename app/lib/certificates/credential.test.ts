import { compactVerify, decodeProtectedHeader, importJWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addDataIntegrityProof,
  buildOpenBadgeCredential,
  canonicalize,
  didDocument,
  didWebFromUrl,
  eddsaJcs2022HashData,
  hashEmailIdentity,
  OB_V3_CONTEXT,
  signCredentialJwt,
} from "./credential";
import { base58btcDecode, base58btcEncode, base64urlEncode, sha256, toHex } from "./encoding";
import { BASE_URL, DID, makeKey, sampleCredential, sampleInput, STATUS_URL, type TestKey } from "./test-fixtures";

describe("JCS (RFC 8785)", () => {
  it("matches the RFC's number/string/literal example (§3.2.2)", () => {
    const input: unknown = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts members by UTF-16 code units (§3.2.3)", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    // Compare the values in output order (Object.keys would hoist the integer-like "1").
    const values = [...canonicalize(input).matchAll(/:"([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual([
      "Carriage Return",
      "One",
      "Control",
      "Latin Small Letter O With Diaeresis",
      "Euro Sign",
      "Emoji: Grinning Face",
      "Hebrew Letter Dalet With Dagesh",
    ]);
    expect(canonicalize(input).startsWith('{"\\r":')).toBe(true);
  });

  it("is independent of member order and whitespace, keeps array order, handles -0", () => {
    expect(canonicalize({ b: [3, 1, { z: 1, a: -0 }], a: "Tiếng Việt" })).toBe(
      '{"a":"Tiếng Việt","b":[3,1,{"a":0,"z":1}]}',
    );
    expect(canonicalize(JSON.parse('{ "b" : 1 ,\n "a":2}'))).toBe('{"a":2,"b":1}');
  });

  it("refuses values JSON cannot represent", () => {
    expect(() => canonicalize({ a: Number.NaN })).toThrow();
    expect(() => canonicalize({ a: Infinity })).toThrow();
    expect(() => canonicalize({ a: new Date() })).toThrow();
    expect(() => canonicalize({ a: 1n })).toThrow();
  });
});

describe("base58btc", () => {
  it("round-trips, including leading zero bytes", () => {
    for (const bytes of [
      new Uint8Array([]),
      new Uint8Array([0, 0, 1, 2, 255]),
      crypto.getRandomValues(new Uint8Array(64)),
    ]) {
      expect(base58btcDecode(base58btcEncode(bytes))).toEqual(bytes);
    }
    expect(base58btcEncode(new TextEncoder().encode("Hello World!"))).toBe("2NEpo7TZRRrLZSi2U");
  });
});

describe("eddsa-jcs-2022 against the W3C vc-di-eddsa test vector", () => {
  // TestVectors/keyPair.json and TestVectors/eddsa-jcs-2022/* of w3c/vc-di-eddsa.
  const privateKeyMultibase = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
  const publicKeyMultibase = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
  const unsigned = {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
    id: "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    type: ["VerifiableCredential", "AlumniCredential"],
    name: "Alumni Credential",
    description: "A minimum viable example of an Alumni Credential.",
    issuer: "https://vc.example/issuers/5678",
    validFrom: "2023-01-01T00:00:00Z",
    credentialSubject: { id: "did:example:abcdefgh", alumniOf: "The School of Examples" },
  };
  const jwk = () => {
    const priv = base58btcDecode(privateKeyMultibase.slice(1));
    const pub = base58btcDecode(publicKeyMultibase.slice(1));
    // Multicodec prefixes: ed25519-priv 0x8026, ed25519-pub 0xed01.
    expect([priv[0], priv[1], pub[0], pub[1]]).toEqual([0x80, 0x26, 0xed, 0x01]);
    return { kty: "OKP", crv: "Ed25519", x: base64urlEncode(pub.slice(2)), d: base64urlEncode(priv.slice(2)) };
  };

  it("canonical document and hash data match the vector", async () => {
    expect(canonicalize(unsigned)).toBe(
      '{"@context":["https://www.w3.org/ns/credentials/v2","https://www.w3.org/ns/credentials/examples/v2"],' +
        '"credentialSubject":{"alumniOf":"The School of Examples","id":"did:example:abcdefgh"},' +
        '"description":"A minimum viable example of an Alumni Credential.",' +
        '"id":"urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33","issuer":"https://vc.example/issuers/5678",' +
        '"name":"Alumni Credential","type":["VerifiableCredential","AlumniCredential"],' +
        '"validFrom":"2023-01-01T00:00:00Z"}',
    );
    const proofConfig = {
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      created: "2023-02-24T23:36:38Z",
      verificationMethod: `did:key:${publicKeyMultibase}#${publicKeyMultibase}`,
      proofPurpose: "assertionMethod",
      "@context": unsigned["@context"],
    };
    expect(toHex(await eddsaJcs2022HashData(unsigned, proofConfig))).toBe(
      "66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db" +
        "59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19",
    );
  });

  it("reproduces the signed vector's proofValue bit for bit", async () => {
    const signed = await addDataIntegrityProof(
      unsigned,
      jwk(),
      `https://vc.example/issuers/5678#${publicKeyMultibase}`,
      { created: new Date("2023-02-24T23:36:38Z") },
    );
    expect(signed.proof).toEqual([
      {
        type: "DataIntegrityProof",
        cryptosuite: "eddsa-jcs-2022",
        created: "2023-02-24T23:36:38Z",
        verificationMethod: `https://vc.example/issuers/5678#${publicKeyMultibase}`,
        proofPurpose: "assertionMethod",
        "@context": unsigned["@context"],
        proofValue: "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4",
      },
    ]);
    expect(unsigned).not.toHaveProperty("proof"); // input untouched
  });
});

describe("buildOpenBadgeCredential", () => {
  it("produces a VC 2.0 / OB 3.0 OpenBadgeCredential", async () => {
    const vc = await sampleCredential();
    expect(vc["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      OB_V3_CONTEXT,
      "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
    ]);
    expect(vc.id).toBe("urn:uuid:7b0c6f0e-3f51-4b0e-9d5c-2f0a8a3b9c11");
    expect(vc.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(vc.issuer).toEqual({ id: DID, type: ["Profile"], name: "HọcSố", url: BASE_URL });
    expect(vc.validFrom).toBe("2025-03-05T02:30:00Z");
    expect(vc.validUntil).toBe("2027-03-05T02:30:00Z");
    expect(vc.name).toBe("Chứng nhận hoàn thành khóa học: Chữ ký số và định danh điện tử");
    expect(vc.description).toContain("Nguyễn Thị Ánh Tuyết");
    expect(vc.description).toContain("phiên bản 3");
    expect(vc.description).toContain("HS-7K3Q-M9T9");

    const s = vc.credentialSubject;
    expect(s.type).toEqual(["AchievementSubject"]);
    expect(s.id).toBe("urn:uuid:0d7c1b8e-5a52-4c39-8c61-6f1f3e9a2b44");
    expect(s.name).toBe("Nguyễn Thị Ánh Tuyết");
    expect(s.creditsEarned).toBe(2);
    expect(s.identifier).toEqual([
      {
        type: "IdentityObject",
        identityHash: "sha256$" + toHex(await sha256("anh.tuyet@example.vn" + "b1c2d3e4f5a6b7c8")),
        identityType: "emailAddress",
        hashed: true,
        salt: "b1c2d3e4f5a6b7c8",
      },
      { type: "IdentityObject", identityHash: "Nguyễn Thị Ánh Tuyết", identityType: "name", hashed: false },
    ]);
    expect(s.achievement).toEqual({
      id: `${BASE_URL}/courses/chu-ky-so/v/3`,
      type: ["Achievement"],
      achievementType: "Certificate",
      name: "Chữ ký số và định danh điện tử",
      description: "Sử dụng chữ ký số, VNeID và định danh điện tử trong giao dịch công.",
      criteria: { narrative: "Hoàn thành mọi bài học và đạt từ 80% trở lên ở bài kiểm tra cuối khóa." },
      creditsAvailable: 2,
      version: "3",
      alignment: [
        {
          type: ["Alignment"],
          targetName: "Sharing through digital technologies",
          targetCode: "2.2",
          targetFramework: "DigComp 2.2",
          targetUrl: "https://publications.jrc.ec.europa.eu/repository/handle/JRC128415",
        },
        {
          type: ["Alignment"],
          targetName: "Protecting personal data and privacy",
          targetCode: "4.2",
          targetFramework: "DigComp 2.2",
          targetUrl: "https://example.org/digcomp/4.2",
        },
      ],
    });
    expect(vc.evidence).toEqual([
      expect.objectContaining({ id: `${BASE_URL}/verify/HS-7K3Q-M9T9`, type: ["Evidence"], name: "HS-7K3Q-M9T9" }),
    ]);
    expect(vc.credentialStatus).toEqual({
      id: `${STATUS_URL}#4242`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "4242",
      statusListCredential: STATUS_URL,
    });
    expect(vc.credentialSchema).toEqual([
      {
        id: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
        type: "1EdTechJsonSchemaValidator2019",
      },
    ]);
  });

  it("omits validUntil and alignment when there is nothing to say; English wording", async () => {
    const base = sampleInput();
    const vc = await buildOpenBadgeCredential({
      ...base,
      locale: "en",
      validUntil: null,
      course: { ...base.course, skills: [], credits: 1.5 },
    });
    expect(vc).not.toHaveProperty("validUntil");
    expect(vc.credentialSubject.achievement).not.toHaveProperty("alignment");
    expect(vc.name).toBe("Certificate of completion: Chữ ký số và định danh điện tử");
    expect(vc.description).toContain("1.5 credits");
  });

  it("defaults: random urn:uuid ids and a random salt per credential", async () => {
    const base = sampleInput();
    const input = { ...base, id: undefined, holder: { name: "A", email: "a@b.vn" } };
    const [a, b] = await Promise.all([buildOpenBadgeCredential(input), buildOpenBadgeCredential(input)]);
    expect(a.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.credentialSubject.id).toMatch(/^urn:uuid:/);
    expect(a.credentialSubject.id).not.toBe(b.credentialSubject.id);
    expect(a.credentialSubject.identifier[0].salt).not.toBe(b.credentialSubject.identifier[0].salt);
  });

  it("hashEmailIdentity normalises case and whitespace", async () => {
    expect(await hashEmailIdentity(" A@B.VN ", "s")).toBe(await hashEmailIdentity("a@b.vn", "s"));
  });
});

describe("signCredentialJwt", () => {
  let rsa: TestKey;
  beforeAll(async () => {
    rsa = await makeKey("RS256");
  });

  it("uses the OB 3.0 VC-JWT layout: credential as payload plus iss/jti/sub/nbf/exp", async () => {
    const vc = await sampleCredential();
    const jwt = await signCredentialJwt(vc, rsa.privateJwk, rsa.kid);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "RS256", kid: `${DID}#${rsa.kid}`, typ: "JWT" });
    const { payload } = await compactVerify(jwt, await importJWK(rsa.publicJwk, "RS256"));
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    expect(claims).toEqual({
      ...vc,
      iss: DID,
      jti: vc.id,
      sub: vc.credentialSubject.id,
      nbf: Date.parse("2025-03-05T02:30:00Z") / 1000,
      exp: Date.parse("2027-03-05T02:30:00Z") / 1000,
    });
    expect(claims).not.toHaveProperty("vc");
  });

  it("leaves exp out when the credential does not expire, and accepts a SecretJwk-like key", async () => {
    const vc = await sampleCredential({ validUntil: undefined });
    const jwt = await signCredentialJwt(vc, { reveal: () => rsa.privateJwk }, `${DID}#custom`);
    expect(decodeProtectedHeader(jwt).kid).toBe(`${DID}#custom`);
    const { payload } = await compactVerify(jwt, await importJWK(rsa.publicJwk, "RS256"));
    expect(JSON.parse(new TextDecoder().decode(payload))).not.toHaveProperty("exp");
  });

  it("refuses a non-RSA key", async () => {
    const ed = await makeKey("EdDSA");
    await expect(signCredentialJwt(await sampleCredential(), ed.privateJwk, ed.kid)).rejects.toThrow();
  });
});

describe("did:web", () => {
  it.each([
    ["https://hocso.example.gov.vn", "did:web:hocso.example.gov.vn"],
    ["https://hocso.example.gov.vn/", "did:web:hocso.example.gov.vn"],
    ["http://localhost:3000", "did:web:localhost%3A3000"],
    ["https://example.vn/tinh/ha-noi", "did:web:example.vn:tinh:ha-noi"],
  ])("%s → %s", (url, did) => {
    expect(didWebFromUrl(url)).toBe(did);
  });

  it("didDocument lists every key as a JsonWebKey assertionMethod without private members", async () => {
    const rsa = await makeKey("RS256");
    const ed = await makeKey("EdDSA");
    const doc = didDocument({
      did: DID,
      jwks: { keys: [rsa.publicJwk, { ...ed.privateJwk, alg: "EdDSA", use: "sig" }] },
    });
    expect(doc["@context"][0]).toBe("https://www.w3.org/ns/did/v1");
    expect(doc.id).toBe(DID);
    expect(doc.verificationMethod.map((v) => v.id)).toEqual([`${DID}#${rsa.kid}`, `${DID}#${ed.kid}`]);
    expect(doc.assertionMethod).toEqual([`${DID}#${rsa.kid}`, `${DID}#${ed.kid}`]);
    for (const vm of doc.verificationMethod) {
      expect(vm.type).toBe("JsonWebKey");
      expect(vm.controller).toBe(DID);
      expect(vm.publicKeyJwk).not.toHaveProperty("d");
    }
  });
});

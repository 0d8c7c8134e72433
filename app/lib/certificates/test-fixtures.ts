/**
 * Shared fixtures for the certificate tests (imported only by *.test.ts files).
 * Keys are generated per test run, never committed.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from "jose";
import { buildOpenBadgeCredential, type OpenBadgeInput } from "./credential";

export const DID = "did:web:hocso.example.gov.vn";
export const BASE_URL = "https://hocso.example.gov.vn";
export const STATUS_URL = `${BASE_URL}/credentials/status/1`;

export interface TestKey {
  kid: string;
  alg: "RS256" | "EdDSA";
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function makeKey(alg: "RS256" | "EdDSA", kidOverride?: string): Promise<TestKey> {
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === "RS256" ? { modulusLength: 2048 } : {}),
  });
  const privateJwk = await exportJWK(privateKey);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = privateJwk;
  const kid = kidOverride ?? (await calculateJwkThumbprint(pub, "sha256"));
  return { kid, alg, privateJwk: { ...privateJwk, kid }, publicJwk: { ...pub, kid, alg, use: "sig" } };
}

export function sampleInput(overrides: Partial<OpenBadgeInput> = {}): OpenBadgeInput {
  return {
    id: "urn:uuid:7b0c6f0e-3f51-4b0e-9d5c-2f0a8a3b9c11",
    issuer: { did: DID, url: BASE_URL },
    certificateCode: "HS-7K3Q-M9T9",
    holder: {
      name: "Nguyễn Thị Ánh Tuyết",
      email: "Anh.Tuyet@Example.vn",
      salt: "b1c2d3e4f5a6b7c8",
      subjectId: "urn:uuid:0d7c1b8e-5a52-4c39-8c61-6f1f3e9a2b44",
    },
    course: {
      achievementId: `${BASE_URL}/courses/chu-ky-so/v/3`,
      title: "Chữ ký số và định danh điện tử",
      version: 3,
      description: "Sử dụng chữ ký số, VNeID và định danh điện tử trong giao dịch công.",
      criteria: "Hoàn thành mọi bài học và đạt từ 80% trở lên ở bài kiểm tra cuối khóa.",
      credits: 2,
      skills: [
        { code: "2.2", name: "Sharing through digital technologies" },
        { code: "4.2", name: "Protecting personal data and privacy", url: "https://example.org/digcomp/4.2" },
      ],
    },
    validFrom: new Date("2025-03-05T02:30:00Z"),
    validUntil: new Date("2027-03-05T02:30:00Z"),
    verifyUrl: `${BASE_URL}/verify/HS-7K3Q-M9T9`,
    status: { statusListCredential: STATUS_URL, statusListIndex: 4242 },
    ...overrides,
  };
}

export function sampleCredential(overrides: Partial<OpenBadgeInput> = {}) {
  return buildOpenBadgeCredential(sampleInput(overrides));
}

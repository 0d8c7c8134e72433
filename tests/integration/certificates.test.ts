import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compactVerify, createLocalJWKSet, decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  jwksDocument,
  revocationBits,
  revokeCertificate,
  STATUS_LIST_ID,
  statusListJwt,
  verifyByCode,
  verifyUploadedCredential,
} from "~/lib/certificates/certificates.server";
import { decodeStatusList, getBit } from "~/lib/certificates/status-list";
import { handleVerifyByCode } from "~/lib/certificates/verify-endpoint.server";
import { importContentDirectory } from "~/lib/content/import.server";
import { tryCompleteCourse } from "~/lib/credits/completion.server";
import { creditSummary, setRequirement, transcriptCsv } from "~/lib/credits/credits.server";
import { prisma } from "~/lib/db.server";
import { completeAllLessons, createUser, deleteUsers, recordGradedAttempt } from "~/lib/fixtures/factories.server";
import { loader as statusListRoute } from "~/routes/credentials.status.$listId";
import { serveLocally } from "./local-server";

const SLUG = "an-toan-thong-tin-cho-cong-chuc";
const created: string[] = [];

beforeAll(async () => {
  expect((await importContentDirectory(path.resolve("content"))).ok).toBe(true);
});
afterAll(async () => {
  await deleteUsers(created);
});

async function certifiedLearner(fullName = "Nguyễn Thị Ánh Tuyết") {
  const user = await createUser({ fullName });
  created.push(user.id);
  const versionId = await completeAllLessons(user.id, SLUG);
  await recordGradedAttempt(user.id, versionId, true);
  const result = await tryCompleteCourse(user.id, versionId);
  const certificate = await prisma.certificate.findFirstOrThrow({
    where: { userId: user.id },
    select: { code: true, credentialJwt: true, credentialJson: true, statusIndex: true, validUntil: true },
  });
  return { user, versionId, result, certificate };
}

describe("completion, credits and certificate", () => {
  it("does not complete until the exam is passed", async () => {
    const user = await createUser();
    created.push(user.id);
    const versionId = await completeAllLessons(user.id, SLUG);
    expect(await tryCompleteCourse(user.id, versionId)).toEqual({ completed: false });
    await recordGradedAttempt(user.id, versionId, false);
    expect(await tryCompleteCourse(user.id, versionId)).toEqual({ completed: false });
    expect(await prisma.creditEntry.count({ where: { userId: user.id } })).toBe(0);
  });

  it("writes exactly one completion, credit entry and certificate under concurrent requests", async () => {
    const user = await createUser();
    created.push(user.id);
    const versionId = await completeAllLessons(user.id, SLUG);
    await recordGradedAttempt(user.id, versionId, true);
    const results = await Promise.all(Array.from({ length: 6 }, () => tryCompleteCourse(user.id, versionId)));
    expect(new Set(results.map((result) => result.completionId)).size).toBe(1);
    expect(results.every((result) => result.completed)).toBe(true);
    expect(await prisma.completion.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.creditEntry.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.certificate.count({ where: { userId: user.id } })).toBe(1);
  });

  it("issues a VC-JWT that verifies with jose against the published JWKS", async () => {
    const { certificate, user } = await certifiedLearner();
    const jwks = await jwksDocument();
    const { protectedHeader } = await compactVerify(certificate.credentialJwt, createLocalJWKSet(jwks));
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    const payload = decodeJwt(certificate.credentialJwt) as Record<string, unknown> & {
      credentialSubject: { name: string; identifier: { identityHash?: string }[] };
    };
    expect(payload.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(payload.credentialSubject.name).toBe("Nguyễn Thị Ánh Tuyết");
    expect(JSON.stringify(payload)).not.toContain(user.email);
    expect(payload.credentialStatus).toMatchObject({
      type: "BitstringStatusListEntry",
      statusListIndex: String(certificate.statusIndex),
    });
    expect(payload.validUntil).toBeTruthy();
  });

  it("says valid, then revoked with the reason; the status list bit is set at once", async () => {
    const { certificate } = await certifiedLearner();
    expect(await verifyByCode(certificate.code)).toMatchObject({ found: true, status: "valid" });
    expect(await verifyByCode(certificate.code.toLowerCase().replaceAll("-", ""))).toMatchObject({
      found: true,
      status: "valid",
    });
    const before = decodeStatusList(
      (decodeJwt((await statusListJwt()).jwt) as { credentialSubject: { encodedList: string } }).credentialSubject
        .encodedList,
    );
    expect(getBit(before, certificate.statusIndex)).toBe(false);
    const admin = await createUser({ role: "admin" });
    created.push(admin.id);
    expect(await revokeCertificate(admin.id, certificate.code, "Gian lận khi làm bài", "127.0.0.1")).toMatchObject({
      ok: true,
    });
    expect(await verifyByCode(certificate.code)).toMatchObject({
      status: "revoked",
      revokedReason: "Gian lận khi làm bài",
    });
    const after = decodeStatusList(
      (decodeJwt((await statusListJwt()).jwt) as { credentialSubject: { encodedList: string } }).credentialSubject
        .encodedList,
    );
    expect(getBit(after, certificate.statusIndex)).toBe(true);
    expect(getBit(await revocationBits(), certificate.statusIndex)).toBe(true);
    expect(await verifyUploadedCredential(certificate.credentialJwt)).toMatchObject({ status: "revoked" });
    expect(await revokeCertificate(admin.id, certificate.code, "lần hai", "127.0.0.1")).toEqual({
      ok: false,
      error: "certificates.errors.alreadyRevoked",
    });
    expect(await prisma.auditEvent.count({ where: { action: "certificate.revoke", actorId: admin.id } })).toBe(1);
  });

  it("says expired after validUntil, and never valid for a tampered upload", async () => {
    const { certificate } = await certifiedLearner();
    expect(await verifyByCode(certificate.code, new Date(certificate.validUntil!.getTime() + 1000))).toMatchObject({
      status: "expired",
    });
    expect(await verifyUploadedCredential(certificate.credentialJwt)).toMatchObject({
      status: "valid",
      code: certificate.code,
    });
    expect(await verifyUploadedCredential(certificate.credentialJson)).toMatchObject({ status: "valid" });
    const [header, payload, signature] = certificate.credentialJwt.split(".");
    const forged = JSON.parse(Buffer.from(payload, "base64url").toString()) as { credentialSubject: { name: string } };
    forged.credentialSubject.name = "Kẻ Giả Mạo";
    expect(
      await verifyUploadedCredential(
        `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`,
      ),
    ).toMatchObject({ status: "not_genuine" });
    const json = JSON.parse(certificate.credentialJson) as {
      credentialSubject: { achievement: { creditsAvailable: number } };
    };
    json.credentialSubject.achievement.creditsAvailable = 99;
    expect((await verifyUploadedCredential(JSON.stringify(json))).status).toBe("not_genuine");
    expect(await verifyUploadedCredential("{not json")).toMatchObject({ status: "malformed" });
    expect(await verifyUploadedCredential("x".repeat(300_000))).toMatchObject({ status: "malformed" });
    expect(await verifyByCode("HS-ZZZZ-ZZZZ")).toMatchObject({ found: false });
  });

  it("says superseded once a material new version of the course is published", async () => {
    const { certificate } = await certifiedLearner();
    const course = await prisma.course.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true } });
    const latest = await prisma.courseVersion.findFirstOrThrow({
      where: { courseId: course.id, kind: "full" },
      orderBy: { number: "desc" },
      select: { id: true, number: true },
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-supersede-"));
    fs.cpSync(path.resolve("content/courses", SLUG), path.join(dir, SLUG), { recursive: true });
    const lessonsDir = path.join(dir, SLUG, "lessons");
    fs.appendFileSync(
      path.join(lessonsDir, fs.readdirSync(lessonsDir).sort()[0]),
      "\n\nQuy định mới: đổi mật khẩu mỗi 90 ngày.\n",
    );
    const report = await importContentDirectory(path.join(dir, SLUG));
    expect(report.ok).toBe(true);
    await prisma.courseVersion.updateMany({
      where: { courseId: course.id, number: latest.number + 1, kind: "full" },
      data: { material: true },
    });
    expect(await verifyByCode(certificate.code)).toMatchObject({
      status: "superseded",
      supersededBy: latest.number + 1,
    });
    await prisma.courseVersion.deleteMany({ where: { courseId: course.id, number: latest.number + 1, kind: "full" } });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("GET /credentials/status/:listId (revocation freshness)", () => {
  const get = (listId: string, headers: Record<string, string> = {}) =>
    statusListRoute({
      request: new Request(`http://localhost/credentials/status/${listId}`, { headers }),
      params: { listId },
      context: { requestId: "test", cspNonce: "" },
    });

  it("revalidates with ETag: 304 while unchanged, a new list and ETag once a certificate is revoked", async () => {
    const { certificate } = await certifiedLearner();
    const first = await get(STATUS_LIST_ID);
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toBe("application/jwt");
    expect(first.headers.get("Cache-Control")).toBe("public, max-age=30, must-revalidate");
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(await first.text()).toBe((await statusListJwt()).jwt);

    const unchanged = await get(STATUS_LIST_ID, { "If-None-Match": etag as string });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get("ETag")).toBe(etag);
    expect(await unchanged.text()).toBe("");
    expect((await get(STATUS_LIST_ID, { "If-None-Match": `"other", ${etag as string}` })).status).toBe(304);
    expect((await get(STATUS_LIST_ID, { "If-None-Match": '"stale"' })).status).toBe(200);

    const admin = await createUser({ role: "admin" });
    created.push(admin.id);
    expect(await revokeCertificate(admin.id, certificate.code, "Cấp nhầm", "127.0.0.1")).toMatchObject({ ok: true });
    const changed = await get(STATUS_LIST_ID, { "If-None-Match": etag as string });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
    const bits = decodeStatusList(
      (decodeJwt(await changed.text()) as { credentialSubject: { encodedList: string } }).credentialSubject.encodedList,
    );
    expect(getBit(bits, certificate.statusIndex)).toBe(true);
  });

  it("answers 404 for a list that does not exist", async () => {
    expect((await get("2")).status).toBe(404);
  });
});

describe("credit ledger and requirements", () => {
  it("totals the year against the requirement of the person's job role, and exports CSV", async () => {
    const { user } = await certifiedLearner();
    const org = await prisma.organization.create({
      data: { code: `test-${user.id}`, name: "Sở Thông tin và Truyền thông", path: "/", depth: 0 },
      select: { id: true },
    });
    await prisma.organization.update({ where: { id: org.id }, data: { path: `/${org.id}/` } });
    await prisma.membership.create({ data: { userId: user.id, orgId: org.id, jobRole: "chuyên viên kiểm thử" } });
    const admin = await createUser({ role: "admin" });
    created.push(admin.id);
    const summary0 = await creditSummary(user.id);
    await setRequirement(admin.id, { jobRole: "chuyên viên kiểm thử", year: summary0.year, credits: 8 }, "127.0.0.1");
    const summary = await creditSummary(user.id);
    expect(summary).toMatchObject({ total: 2, requirement: 8 });
    const csv = transcriptCsv(summary.rows, "vi");
    expect(csv.startsWith("\uFEFFNgày,Khóa học,")).toBe(true);
    expect(csv).toContain("An toàn thông tin cho cán bộ, công chức");
    await prisma.organization.delete({ where: { id: org.id } });
  });
});

describe("key rotation", () => {
  it("keeps certificates signed with a retired key verifiable, and signs new ones with the new key", async () => {
    const { rotateKeys } = await import("~/lib/certificates/keys.server");
    const { reloadSigningKeys } = await import("~/lib/certificates/certificates.server");
    const { env } = await import("~/lib/env.server");
    const before = await certifiedLearner("Đặng Văn Lâm");
    await rotateKeys(env.signingKeysFile);
    reloadSigningKeys();
    const after = await certifiedLearner("Phan Thị Thu Hà");
    const kidOf = (jwt: string) =>
      (JSON.parse(Buffer.from(jwt.split(".")[0], "base64url").toString()) as { kid: string }).kid;
    expect(kidOf(after.certificate.credentialJwt)).not.toBe(kidOf(before.certificate.credentialJwt));
    const jwks = await jwksDocument();
    expect(jwks.keys.map((key) => key.kid)).toEqual(
      expect.arrayContaining([kidOf(before.certificate.credentialJwt), kidOf(after.certificate.credentialJwt)]),
    );
    await compactVerify(before.certificate.credentialJwt, createLocalJWKSet(jwks));
    expect(await verifyByCode(before.certificate.code)).toMatchObject({ status: "valid" });
    expect(await verifyUploadedCredential(before.certificate.credentialJson)).toMatchObject({ status: "valid" });
    expect(await verifyUploadedCredential(after.certificate.credentialJwt)).toMatchObject({ status: "valid" });
  });
});

describe("GET /api/verify/:code (the endpoint outside Remix)", () => {
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ base, close } = await serveLocally(handleVerifyByCode));
  });
  afterAll(() => close());

  const get = (code: string, address: string) =>
    fetch(`${base}/api/verify/${encodeURIComponent(code)}`, { headers: { "x-hocso-client-ip": address } });

  it("answers the verdict as JSON, and a revocation at once although the read is cached", async () => {
    const { certificate } = await certifiedLearner("Phạm Đức Hậu");
    const first = await get(certificate.code, "203.0.113.10");
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toContain("application/json");
    expect(first.headers.get("access-control-allow-origin")).toBe("*");
    expect(await first.json()).toMatchObject({
      found: true,
      code: certificate.code,
      status: "valid",
      holderName: "Phạm Đức Hậu",
    });
    expect(await (await get(certificate.code.toLowerCase(), "203.0.113.10")).json()).toMatchObject({ status: "valid" });

    const admin = await createUser({ role: "admin" });
    created.push(admin.id);
    expect(await revokeCertificate(admin.id, certificate.code, "Cấp nhầm người", "127.0.0.1")).toMatchObject({
      ok: true,
    });
    expect(await (await get(certificate.code, "203.0.113.10")).json()).toMatchObject({
      status: "revoked",
      revokedReason: "Cấp nhầm người",
    });
  });

  it("answers 404 for an unknown or malformed code", async () => {
    const unknown = await get("HS-ZZZZ-ZZZZ", "203.0.113.11");
    expect(unknown.status).toBe(404);
    // Its check character does not match: a typing mistake, told apart from a code never issued.
    expect(await unknown.json()).toEqual({ found: false, code: "HS-ZZZZ-ZZZZ", reason: "mistyped" });
    const neverIssued = await get("HS-2222-2222", "203.0.113.11");
    expect(neverIssued.status).toBe(404);
    expect(await neverIssued.json()).toEqual({ found: false, code: "HS-2222-2222", reason: "unknown" });
    expect((await get("%E0%A4%A", "203.0.113.11")).status).toBe(404);
  });

  it("refuses one address past the rate limit with Retry-After, and not another", async () => {
    const limit = Number(process.env.VERIFY_RATE_LIMIT ?? 120);
    const replies = await Promise.all(Array.from({ length: limit + 1 }, () => get("HS-ZZZZ-ZZZZ", "203.0.113.12")));
    expect(replies.filter((reply) => reply.status === 429)).toHaveLength(1);
    const refused = replies.find((reply) => reply.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await get("HS-ZZZZ-ZZZZ", "203.0.113.13")).status).toBe(404);
  });
});

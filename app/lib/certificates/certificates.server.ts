import crypto from "node:crypto";
import { activeKeys, loadOrCreateKeyFile, publicJwks, type KeyFile } from "~/lib/certificates/keys.server";
import { codeInputProblem, generateCertificateCode, normalizeCertificateCode } from "~/lib/certificates/code";
import { certificateMatches } from "~/lib/certificates/search";
import {
  addDataIntegrityProof,
  buildOpenBadgeCredential,
  didDocument,
  didWebFromUrl,
  kidUri,
  signCredentialJwt,
} from "~/lib/certificates/credential";
import {
  buildStatusListCredential,
  createStatusList,
  encodeStatusList,
  setBit,
  STATUS_LIST_MIN_BITS,
} from "~/lib/certificates/status-list";
import { verifyCredential, type Verdict } from "~/lib/certificates/verify";
import { sendMail } from "~/lib/accounts/mail.server";
import { recordAudit } from "~/lib/audit/audit.server";
import { broadcast, onBroadcast } from "~/lib/cluster.server";
import { DIGCOMP } from "~/lib/courses/digcomp";
import { hotQuery, hotSql, prisma, type Db, type Prisma } from "~/lib/db.server";
import { env, publicLink } from "~/lib/env.server";
import { certificateCriteria } from "~/lib/exams/offline-attempt";
import type { Locale } from "~/lib/i18n/i18n";
import { serverTranslator } from "~/lib/i18n/i18n.server";
import { parseStringList } from "~/lib/stored-json";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const STATUS_LIST_ID = "1";

/** The deployment's public address: credentials, QR codes and did:web are built from it. */
export function publicBaseUrl(): string {
  return env.publicUrl;
}

export function issuerDid(): string {
  return didWebFromUrl(publicBaseUrl());
}

export function statusListUrl(): string {
  return `${publicBaseUrl()}/credentials/status/${STATUS_LIST_ID}`;
}

export function verifyUrl(code: string): string {
  return `${publicBaseUrl()}/verify/${code}`;
}

let keyFilePromise: Promise<KeyFile> | undefined;
/** The key file is read (or created) once per process; rotation takes effect at the next start. */
export function signingKeys(): Promise<KeyFile> {
  keyFilePromise ??= loadOrCreateKeyFile(env.signingKeysFile).catch((error: unknown) => {
    keyFilePromise = undefined;
    throw error;
  });
  return keyFilePromise;
}

/**
 * The JWKS with each `kid` written as the same DID URL the credentials' JOSE header carries
 * (`did:web:…#<thumbprint>`), so standard JOSE libraries find the key by exact match.
 */
/** Forgets the cached key file (after a rotation in this process; other processes pick it up at start). */
export function reloadSigningKeys() {
  keyFilePromise = undefined;
  verifiedSignatures.clear();
}

export async function jwksDocument() {
  const did = issuerDid();
  const { keys } = publicJwks(await signingKeys());
  return { keys: keys.map((key) => ({ ...key, kid: kidUri(did, key.kid) })) };
}

export async function didJson() {
  return didDocument({ did: issuerDid(), jwks: publicJwks(await signingKeys()) });
}

function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

/**
 * Issues the signed certificate for a completion, inside the completion's transaction.
 * A "what changed" delta certifies the full version it belongs to.
 */
export async function issueCertificate(
  tx: Tx,
  completion: { id: string; userId: string; versionId: string; completedAt: Date },
): Promise<{ code: string; course: { slug: string; versionNumber: number; titleVi: string; titleEn: string } }> {
  const [user, completed] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: completion.userId }, select: { fullName: true, email: true } }),
    tx.courseVersion.findUniqueOrThrow({
      where: { id: completion.versionId },
      select: { kind: true, deltaOfId: true, deltaCredits: true, credits: true },
    }),
  ]);
  const certifiedId = completed.kind === "delta" && completed.deltaOfId ? completed.deltaOfId : completion.versionId;
  const version = await tx.courseVersion.findUniqueOrThrow({
    where: { id: certifiedId },
    select: {
      id: true,
      number: true,
      titleVi: true,
      titleEn: true,
      summaryVi: true,
      skills: true,
      certificateValidityMonths: true,
      course: { select: { slug: true } },
      exam: { select: { offlineCountsForCertificate: true } },
    },
  });
  const credits = completed.kind === "delta" ? completed.deltaCredits : completed.credits;
  const keys = activeKeys(await signingKeys());
  const code = generateCertificateCode();
  const statusIndex = crypto.randomInt(0, STATUS_LIST_MIN_BITS);
  const validUntil = version.certificateValidityMonths
    ? addMonths(completion.completedAt, version.certificateValidityMonths)
    : null;
  const base = publicBaseUrl();
  const did = issuerDid();
  const credential = await buildOpenBadgeCredential({
    issuer: { did, url: base, name: "HọcSố" },
    certificateCode: code,
    holder: { name: user.fullName, email: user.email },
    course: {
      achievementId: `${base}/courses/${version.course.slug}?version=${version.number}`,
      title: version.titleVi,
      version: version.number,
      description: version.summaryVi,
      criteria: certificateCriteria(version.exam?.offlineCountsForCertificate === true),
      credits,
      skills: parseStringList(version.skills, `version ${version.id} skills`).map((skillCode) => ({
        code: skillCode,
        name: DIGCOMP[skillCode]?.vi ?? skillCode,
      })),
    },
    validFrom: completion.completedAt,
    validUntil,
    verifyUrl: verifyUrl(code),
    status: { statusListCredential: statusListUrl(), statusListIndex: statusIndex },
    locale: "vi",
  });
  const jwt = await signCredentialJwt(credential, keys.rs256.privateJwk, keys.rs256.kid);
  const withProof = await addDataIntegrityProof(
    credential as unknown as Record<string, unknown>,
    keys.eddsa.privateJwk,
    `${did}#${keys.eddsa.kid}`,
    { created: completion.completedAt },
  );
  await tx.certificate.create({
    data: {
      code,
      credentialId: String(credential.id),
      userId: completion.userId,
      versionId: version.id,
      completionId: completion.id,
      holderName: user.fullName,
      courseTitleVi: version.titleVi,
      courseTitleEn: version.titleEn,
      versionNumber: version.number,
      credits,
      issuedAt: completion.completedAt,
      validUntil,
      statusIndex,
      credentialJwt: jwt,
      credentialJson: JSON.stringify(withProof, null, 2),
    },
    select: { id: true },
  });
  return {
    code,
    course: {
      slug: version.course.slug,
      versionNumber: version.number,
      titleVi: version.titleVi,
      titleEn: version.titleEn,
    },
  };
}

export type CertificateStatus = "valid" | "revoked" | "expired" | "superseded" | "not_genuine";

/** A newer published version of the same course marked as a material change supersedes this one. */
async function supersedingVersion(courseId: string, versionNumber: number) {
  return prisma.courseVersion.findFirst({
    where: { courseId, kind: "full", status: "published", material: true, number: { gt: versionNumber } },
    orderBy: { number: "asc" },
    select: { number: true, publishedAt: true },
  });
}

export function certificateStatus(
  row: { revokedAt: Date | null; validUntil: Date | null },
  superseded: boolean,
  now = new Date(),
): Exclude<CertificateStatus, "not_genuine"> {
  if (row.revokedAt) return "revoked";
  if (row.validUntil && row.validUntil <= now) return "expired";
  if (superseded) return "superseded";
  return "valid";
}

const verifiedSignatures = new Set<string>();

type VerificationRow = {
  id: string;
  code: string;
  holderName: string;
  courseTitleVi: string;
  courseTitleEn: string;
  versionNumber: number | bigint;
  credits: number;
  issuedAt: Date | string | number;
  validUntil: Date | string | number | null;
  revokedAt: Date | string | number | null;
  revokedReason: string | null;
  courseSlug: string;
  supersededBy: number | bigint | null;
};

const asDate = (value: Date | string | number) => (value instanceof Date ? value : new Date(value));

// What the statement read, per code, for a few seconds: a certificate shown at an event or
// shared in a group chat is scanned by many people at once. The verdict itself is worked out
// per request (expiry depends on the moment). Revoking forgets the entry at once in every worker
// of this instance; another instance sees a revocation or a newly published version at most
// VERIFY_CACHE_SECONDS later.
const VERIFY_CACHE_MS = env.verifyCacheSeconds * 1000;
const MAX_CACHED_VERIFICATIONS = 20_000;
const verificationCache = new Map<string, { row: VerificationRow | undefined; expires: number }>();
const FORGET_VERIFICATIONS = "certificates.forget-verifications";

function forgetHere(code: string | null) {
  if (code) verificationCache.delete(code);
  else verificationCache.clear();
}
onBroadcast(FORGET_VERIFICATIONS, forgetHere);

/** Forgets cached verification reads (after a revocation or publishing a version that supersedes). */
export function forgetVerifications(code?: string) {
  forgetHere(code ?? null);
  broadcast(FORGET_VERIFICATIONS, code ?? null);
}

async function verificationRow(code: string): Promise<VerificationRow | undefined> {
  const now = Date.now();
  const cached = verificationCache.get(code);
  if (cached && cached.expires > now) return cached.row;
  const [row] = await hotQuery<VerificationRow>(hotSql`
    SELECT c."id", c."code", c."holderName", c."courseTitleVi", c."courseTitleEn", c."versionNumber", c."credits",
           c."issuedAt", c."validUntil", c."revokedAt", c."revokedReason", co."slug" AS "courseSlug",
           (SELECT MIN(n."number") FROM "CourseVersion" n
             WHERE n."courseId" = v."courseId" AND n."kind" = 'full' AND n."status" = 'published' AND n."material" = ${true}
               AND n."number" > c."versionNumber") AS "supersededBy"
    FROM "Certificate" c
    JOIN "CourseVersion" v ON v."id" = c."versionId"
    JOIN "Course" co ON co."id" = v."courseId"
    WHERE c."code" = ${code}`);
  if (VERIFY_CACHE_MS > 0) {
    if (verificationCache.size >= MAX_CACHED_VERIFICATIONS) verificationCache.clear();
    verificationCache.set(code, { row, expires: now + VERIFY_CACHE_MS });
  }
  return row;
}

/**
 * Public verification by code: what the certificate says, and a verdict. Reveals nothing else.
 * Every QR scan lands here, so it is one statement (the certificate, its course and any newer
 * material version), briefly cached; the stored credential's signature is checked once per process.
 */
export async function verifyByCode(input: string, now = new Date()) {
  const code = normalizeCertificateCode(input);
  // The check character tells a typing mistake from a code that was never issued.
  if (!code)
    return { found: false as const, code: input.slice(0, 40), reason: codeInputProblem(input) ?? "not_a_code" };
  const row = await verificationRow(code);
  if (!row) return { found: false as const, code, reason: "unknown" as const };
  const issuedAt = asDate(row.issuedAt);
  const validUntil = row.validUntil === null ? null : asDate(row.validUntil);
  const revokedAt = row.revokedAt === null ? null : asDate(row.revokedAt);
  const supersededBy = row.supersededBy === null ? null : Number(row.supersededBy);
  const genuine = await hasGenuineSignature(row.id, row.code, issuedAt);
  return {
    found: true as const,
    code: row.code,
    status: genuine
      ? certificateStatus({ revokedAt, validUntil }, supersededBy !== null, now)
      : ("not_genuine" as const),
    holderName: row.holderName,
    courseTitleVi: row.courseTitleVi,
    courseTitleEn: row.courseTitleEn,
    courseSlug: row.courseSlug,
    versionNumber: Number(row.versionNumber),
    credits: Number(row.credits),
    issuedAt: issuedAt.toISOString(),
    validUntil: validUntil?.toISOString() ?? null,
    revokedAt: revokedAt?.toISOString() ?? null,
    revokedReason: row.revokedReason,
    supersededBy,
  };
}

/** The stored credential must still carry a valid platform signature (detects a tampered row). */
async function hasGenuineSignature(id: string, code: string, issuedAt: Date): Promise<boolean> {
  if (verifiedSignatures.has(id)) return true;
  const { credentialJwt } = await prisma.certificate.findUniqueOrThrow({
    where: { id },
    select: { credentialJwt: true },
  });
  const verdict = await verifyCredential(credentialJwt, { jwks: await jwksDocument(), now: issuedAt });
  const genuine = verdict.status === "valid" && verdict.certificateCode === code;
  if (genuine) verifiedSignatures.add(id);
  return genuine;
}

export type UploadVerdict = {
  status: CertificateStatus | "malformed";
  reason?: string;
  code?: string;
  holderName?: string;
  courseTitle?: string;
  credits?: number;
  validFrom?: string;
  validUntil?: string;
  /** From the issued record, when the credential names one of our certificates. */
  versionNumber?: number;
  revokedReason?: string;
  supersededBy?: number;
};

/** Verifies a pasted or uploaded credential (VC-JWT or JSON with its proof) against our keys and status list. */
export async function verifyUploadedCredential(text: string, now = new Date()): Promise<UploadVerdict> {
  const verdict: Verdict = await verifyCredential(text.trim(), {
    jwks: await jwksDocument(),
    statusList: { bits: await revocationBits() },
    now,
    expectedIssuer: issuerDid(),
  });
  const credential = verdict.credential as
    | {
        validFrom?: string;
        validUntil?: string;
        credentialSubject?: { name?: string; achievement?: { name?: string; creditsAvailable?: number } };
      }
    | undefined;
  const summary = {
    code: verdict.certificateCode,
    holderName: credential?.credentialSubject?.name,
    courseTitle: credential?.credentialSubject?.achievement?.name,
    credits: credential?.credentialSubject?.achievement?.creditsAvailable,
    validFrom: credential?.validFrom,
    validUntil: credential?.validUntil,
  };
  if (verdict.status === "malformed") return { status: "malformed", reason: verdict.reason };
  if (verdict.status === "not_genuine") return { status: "not_genuine", reason: verdict.reason };
  // The signature holds: tell the same facts as the verification by code (version, revocation reason).
  const byCode = verdict.certificateCode ? await verifyByCode(verdict.certificateCode, now) : null;
  const stored = byCode?.found
    ? {
        versionNumber: byCode.versionNumber,
        ...(byCode.revokedReason ? { revokedReason: byCode.revokedReason } : {}),
        ...(byCode.supersededBy !== null ? { supersededBy: byCode.supersededBy } : {}),
      }
    : {};
  if (verdict.status !== "valid") return { status: verdict.status, reason: verdict.reason, ...summary, ...stored };
  if (byCode?.found && byCode.status === "superseded") return { status: "superseded", ...summary, ...stored };
  return { status: "valid", ...summary, ...stored };
}

/**
 * Revocation freshness (README "Revocation freshness"): the signed list says how long it may
 * be relied on (validUntil = validFrom + 24 h), is re-signed at least hourly so validFrom stays
 * recent, and HTTP caches keep it for 30 s and then revalidate with its ETag.
 */
export const STATUS_LIST_TTL_MS = 24 * 60 * 60 * 1000;
const STATUS_LIST_RESIGN_MS = 60 * 60 * 1000;

// The revocation bits are rebuilt only when revocations change (one aggregate query tells).
let cachedBits: { key: string; bits: Uint8Array; signed?: { jwt: string; etag: string; at: number } } | undefined;

async function revocationState() {
  const aggregate = await prisma.certificate.aggregate({
    where: { revokedAt: { not: null } },
    _count: { _all: true },
    _max: { revokedAt: true },
  });
  return `${aggregate._count._all}:${aggregate._max.revokedAt?.toISOString() ?? "-"}`;
}

export async function revocationBits(): Promise<Uint8Array> {
  const key = await revocationState();
  if (cachedBits?.key === key) return cachedBits.bits;
  const bits = createStatusList();
  const revoked = await prisma.certificate.findMany({
    where: { revokedAt: { not: null } },
    select: { statusIndex: true },
  });
  for (const row of revoked) setBit(bits, row.statusIndex, true);
  cachedBits = { key, bits };
  return bits;
}

/** The signed BitstringStatusListCredential (VC-JWT) served at statusListUrl(), with its ETag. */
export async function statusListJwt(now = new Date()): Promise<{ jwt: string; etag: string }> {
  const bits = await revocationBits();
  const cached = cachedBits?.bits === bits ? cachedBits.signed : undefined;
  if (cached && now.getTime() - cached.at < STATUS_LIST_RESIGN_MS) return cached;
  const keys = activeKeys(await signingKeys());
  const credential = buildStatusListCredential({
    id: statusListUrl(),
    issuer: issuerDid(),
    validFrom: now,
    validUntil: new Date(now.getTime() + STATUS_LIST_TTL_MS),
    encodedList: encodeStatusList(bits),
    purpose: "revocation",
  });
  const jwt = await signCredentialJwt(credential, keys.rs256.privateJwk, keys.rs256.kid);
  const signed = {
    jwt,
    etag: `"${crypto.createHash("sha256").update(jwt).digest("base64url").slice(0, 27)}"`,
    at: now.getTime(),
  };
  if (cachedBits?.bits === bits) cachedBits.signed = signed;
  return signed;
}

export async function revokeCertificate(actorId: string, input: string, reason: string, ip: string) {
  const code = normalizeCertificateCode(input);
  const row = code
    ? await prisma.certificate.findUnique({
        where: { code },
        select: {
          id: true,
          revokedAt: true,
          courseTitleVi: true,
          courseTitleEn: true,
          user: { select: { email: true, fullName: true, locale: true } },
        },
      })
    : null;
  if (!row) return { ok: false as const, error: "certificates.errors.unknownCode" };
  if (row.revokedAt) return { ok: false as const, error: "certificates.errors.alreadyRevoked" };
  const locale: Locale = row.user.locale === "en" ? "en" : "vi";
  const { t } = serverTranslator(locale);
  const course = locale === "en" ? row.courseTitleEn : row.courseTitleVi;
  await prisma.$transaction(async (tx) => {
    await tx.certificate.update({
      where: { id: row.id },
      data: { revokedAt: new Date(), revokedReason: reason, revokedById: actorId },
      select: { id: true },
    });
    // The holder learns it from a mail in their language, not at their next login.
    await sendMail(
      {
        to: row.user.email,
        toName: row.user.fullName,
        locale,
        subject: t("certificates.mail.revoked.subject", { code: code! }),
        text: t("certificates.mail.revoked.body", {
          name: row.user.fullName,
          course,
          code: code!,
          reason,
          link: publicLink("/credits"),
        }),
      },
      tx,
    );
    await recordAudit(
      {
        actorId,
        action: "certificate.revoke",
        targetType: "certificate",
        targetId: row.id,
        after: { code, reason },
        ip,
      },
      tx,
    );
  });
  forgetVerifications(code!);
  return { ok: true as const, code: code! };
}

export async function listCertificatesFor(userId: string) {
  return prisma.certificate.findMany({
    where: { userId },
    orderBy: { issuedAt: "desc" },
    select: {
      code: true,
      courseTitleVi: true,
      courseTitleEn: true,
      versionNumber: true,
      credits: true,
      issuedAt: true,
      validUntil: true,
      revokedAt: true,
      revokedReason: true,
      version: { select: { courseId: true } },
    },
  });
}

/** Certificates with their public status, for the holder's pages. */
export async function myCertificates(userId: string) {
  const rows = await listCertificatesFor(userId);
  const now = new Date();
  return Promise.all(
    rows.map(async (row) => ({
      code: row.code,
      courseTitleVi: row.courseTitleVi,
      courseTitleEn: row.courseTitleEn,
      versionNumber: row.versionNumber,
      credits: row.credits,
      issuedAt: row.issuedAt,
      validUntil: row.validUntil,
      revokedReason: row.revokedReason,
      status: certificateStatus(row, Boolean(await supersedingVersion(row.version.courseId, row.versionNumber)), now),
    })),
  );
}

/** The stored credential of a certificate, for its holder or an admin only. */
export async function certificateForDownload(code: string, viewer: { id: string; role: string }) {
  const normalized = normalizeCertificateCode(code);
  if (!normalized) return null;
  return prisma.certificate.findFirst({
    where: { code: normalized, ...(viewer.role === "admin" ? {} : { userId: viewer.id }) },
    select: {
      code: true,
      holderName: true,
      courseTitleVi: true,
      courseTitleEn: true,
      versionNumber: true,
      credits: true,
      issuedAt: true,
      validUntil: true,
      credentialJwt: true,
      credentialJson: true,
    },
  });
}

const SEARCH_RESULTS = 50;
const SEARCH_BATCH = 1000;

/**
 * The admin's certificate search: an exact code is one indexed lookup; anything else (a fragment
 * of a code, a name or course typed without diacritics) is matched by the pure rule over the
 * newest certificates first, in batches, until a page of results is found. Neither SQLite nor a
 * stock PostgreSQL folds Vietnamese diacritics in SQL, and admins search rarely.
 */
export async function searchCertificates(query: string, now = new Date()) {
  const select = {
    id: true,
    code: true,
    holderName: true,
    courseTitleVi: true,
    courseTitleEn: true,
    versionNumber: true,
    issuedAt: true,
    validUntil: true,
    revokedAt: true,
    revokedReason: true,
    version: { select: { courseId: true } },
  } as const;
  const code = normalizeCertificateCode(query);
  let found: Prisma.CertificateGetPayload<{ select: typeof select }>[] = [];
  if (code) found = await prisma.certificate.findMany({ where: { code }, select });
  else if (!query.trim())
    found = await prisma.certificate.findMany({
      orderBy: [{ issuedAt: "desc" }, { id: "asc" }],
      take: SEARCH_RESULTS,
      select,
    });
  else {
    for (let skip = 0; found.length < SEARCH_RESULTS; skip += SEARCH_BATCH) {
      const batch = await prisma.certificate.findMany({
        orderBy: [{ issuedAt: "desc" }, { id: "asc" }],
        skip,
        take: SEARCH_BATCH,
        select,
      });
      found.push(...batch.filter((row) => certificateMatches(row, query)));
      if (batch.length < SEARCH_BATCH) break;
    }
    found = found.slice(0, SEARCH_RESULTS);
  }
  const courseIds = [...new Set(found.map((row) => row.version.courseId))];
  const newest = await prisma.courseVersion.groupBy({
    by: ["courseId"],
    where: { courseId: { in: courseIds }, kind: "full", status: "published", material: true },
    _max: { number: true },
  });
  const newestMaterial = new Map(newest.map((row) => [row.courseId, row._max.number ?? 0]));
  return found.map(({ version, ...row }) => ({
    ...row,
    status: certificateStatus(row, (newestMaterial.get(version.courseId) ?? 0) > row.versionNumber, now),
  }));
}

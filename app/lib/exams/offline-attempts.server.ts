import crypto from "node:crypto";
import { activeKeys } from "~/lib/certificates/keys.server";
import { signingKeys } from "~/lib/certificates/certificates.server";
import { prisma } from "~/lib/db.server";
import type { Locale } from "~/lib/i18n/i18n";
import { logger } from "~/lib/logger.server";
import { snapshotOf } from "./attempt-sql.server";
import {
  canonicalAnswer,
  examBank,
  gradeSubmitted,
  isUniqueViolation,
  markdownHtml,
  newId,
  type LearnerAttemptQuestion,
} from "./attempts.server";
import { drawQuestions } from "./draw";
import { renderPracticeQuestions } from "./exam-room-html.server";
import { answerFromForm } from "./exams.schema";
import { parsePools } from "./question.schema";
import {
  MAX_SUBMISSION_BYTES,
  PACKAGE_VALID_MS,
  REFUSAL_STATUS,
  judgeTiming,
  offlineCountsForCertificate,
  offlineFlagsSchema,
  offlineSubmissionSchema,
  packageBodySchema,
  refuseSubmission,
  type OfflineFlag,
  type PackageBody,
  type SignedPackage,
  type SubmissionRefusal,
} from "./offline-attempt";
import { decideStart } from "./policy";
import { toLearnerQuestion, type Question } from "./question";

// Offline practice attempts (README "Offline"): the package a learner downloads, and its hand-in.
// The package is signed with the server's Ed25519 certificate key, so a changed time limit,
// id or owner is detected; its questions stay on the server (OfflinePackage.snapshot) with their
// keys, and only their learner markup is sent. A hand-in is judged by the pure rules of
// offline-attempt.ts, then written in one transaction (the package claimed, the attempt and its
// answers created) and graded like any attempt.

type Localized = { vi: string; en: string };
const pick = (locale: Locale, value: Localized) => (locale === "en" ? value.en : value.vi);

async function signBody(body: string): Promise<SignedPackage> {
  const key = activeKeys(await signingKeys()).eddsa;
  const privateKey = crypto.createPrivateKey({ key: { ...key.privateJwk.reveal() }, format: "jwk" });
  return { body, kid: key.kid, sig: crypto.sign(null, Buffer.from(body), privateKey).toString("base64url") };
}

/** Verified with the key the package names: retired keys keep their public half, so old packages still verify. */
async function verifyPackage(signed: SignedPackage): Promise<boolean> {
  const stored = (await signingKeys()).keys.find((k) => k.kid === signed.kid && k.alg === "EdDSA");
  if (!stored) return false;
  try {
    const publicKey = crypto.createPublicKey({ key: { ...stored.publicJwk }, format: "jwk" });
    return crypto.verify(null, Buffer.from(signed.body), publicKey, Buffer.from(signed.sig, "base64url"));
  } catch {
    return false;
  }
}

export type IssueResult =
  | { ok: true; package: SignedPackage; reused: boolean }
  | { ok: false; reason: "not-found" | "not-enrolled" | "no-exam" | "not-offline" }
  | { ok: false; reason: "limit" }
  | { ok: false; reason: "cooldown"; nextAttemptAt: string };

/**
 * The learner's offline package for the exam of the course version they are enrolled in. One
 * open package per exam and learner: downloading again gives the same package (same questions,
 * same signed text), so a second device or a retried download cannot draw fresh questions.
 */
export async function issuePackage(
  userId: string,
  slug: string,
  locale: Locale,
  now = new Date(),
): Promise<IssueResult> {
  const course = await prisma.course.findUnique({ where: { slug }, select: { id: true } });
  if (!course) return { ok: false, reason: "not-found" };
  const enrollment = await prisma.enrollment.findFirst({
    where: { userId, version: { courseId: course.id, kind: "full" } },
    orderBy: { createdAt: "desc" },
    select: {
      version: {
        select: {
          status: true,
          titleVi: true,
          titleEn: true,
          exam: {
            select: {
              id: true,
              titleVi: true,
              titleEn: true,
              allowOffline: true,
              timeLimitMinutes: true,
              maxAttempts: true,
              cooldownMinutes: true,
              pools: true,
            },
          },
        },
      },
    },
  });
  if (!enrollment) return { ok: false, reason: "not-enrolled" };
  const { version } = enrollment;
  const exam = version.exam;
  if (!exam) return { ok: false, reason: "no-exam" };
  if (!exam.allowOffline) return { ok: false, reason: "not-offline" };

  const open = await prisma.offlinePackage.findFirst({
    where: { userId, examId: exam.id, state: "issued", expiresAt: { gt: now } },
    orderBy: { issuedAt: "desc" },
    select: { id: true, seed: true, snapshot: true, issuedAt: true, expiresAt: true },
  });
  if (!open) {
    const attempts = await prisma.attempt.findMany({
      where: { userId, examId: exam.id },
      select: { id: true, number: true, state: true, deadline: true, submittedAt: true },
    });
    const decision = decideStart(
      { maxAttempts: exam.maxAttempts, cooldownMinutes: exam.cooldownMinutes },
      attempts,
      now,
    );
    if (decision.kind === "limit") return { ok: false, reason: "limit" };
    if (decision.kind === "cooldown")
      return { ok: false, reason: "cooldown", nextAttemptAt: decision.nextAttemptAt.toISOString() };
  }
  let id: string;
  let seed: number;
  let questions: Question[];
  let issuedAt: Date;
  let expiresAt: Date;
  if (open) {
    ({ id, seed, issuedAt, expiresAt } = open);
    questions = snapshotOf(open.snapshot, open.id);
  } else {
    const bank = await examBank(exam.id, version.status === "published");
    seed = crypto.randomInt(0, 2 ** 31 - 1);
    questions = drawQuestions(bank, parsePools(exam.pools, exam.id), seed);
    if (questions.length === 0) return { ok: false, reason: "no-exam" };
    id = newId();
    issuedAt = now;
    expiresAt = new Date(now.getTime() + PACKAGE_VALID_MS);
    await prisma.offlinePackage.create({
      data: { id, userId, examId: exam.id, seed, snapshot: questions, issuedAt, expiresAt },
      select: { id: true },
    });
  }
  const learner: LearnerAttemptQuestion[] = questions.map((q) => {
    const { prompt, ...view } = toLearnerQuestion(q, seed);
    return { ...view, promptHtml: markdownHtml(prompt) };
  });
  const body: PackageBody = {
    v: 1,
    id,
    userId,
    examId: exam.id,
    slug,
    examTitle: pick(locale, { vi: exam.titleVi, en: exam.titleEn }),
    courseTitle: pick(locale, { vi: version.titleVi, en: version.titleEn }),
    locale,
    issuedAt: issuedAt.getTime(),
    expiresAt: expiresAt.getTime(),
    timeLimitMinutes: exam.timeLimitMinutes,
    questionCount: questions.length,
    html: renderPracticeQuestions(locale, learner),
  };
  return { ok: true, package: await signBody(JSON.stringify(body)), reused: Boolean(open) };
}

export type HandInResult =
  | {
      ok: true;
      attemptId: string;
      flags: OfflineFlag[];
      countsForCertificate: boolean;
      percent: number | null;
      passed: boolean | null;
    }
  | { ok: false; status: 400 | 403 | 404 | 409 | 413 | 422; error: SubmissionRefusal };

const refusal = (error: SubmissionRefusal): HandInResult => ({ ok: false, status: REFUSAL_STATUS[error], error });

class ReplayError extends Error {}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A hand-in of an offline package (the request's raw text). Refused whole, with a reason, when it
 * is too large, malformed, tampered with, unknown, someone else's or handed in before; otherwise
 * the package is claimed and its attempt created with its answers in one transaction (two
 * simultaneous hand-ins: one claims, the other rolls back as a replay), then graded.
 */
export async function handInPackage(
  userId: string,
  text: string,
  bytes: number,
  now = new Date(),
): Promise<HandInResult> {
  // Size and shape first: nothing of an oversized or malformed hand-in is looked at further.
  const parsed = bytes > MAX_SUBMISSION_BYTES ? null : offlineSubmissionSchema.safeParse(parseJson(text));
  if (!parsed?.success)
    return refusal(
      refuseSubmission({ bytes, parsedOk: false, signatureOk: false, body: null, userId, stored: null }) ?? "invalid",
    );
  const submission = parsed.data;
  const signatureOk = await verifyPackage(submission.package);
  const bodyParsed = signatureOk ? packageBodySchema.safeParse(parseJson(submission.package.body)) : null;
  const body = bodyParsed?.success ? bodyParsed.data : null;
  const stored = body
    ? await prisma.offlinePackage.findUnique({
        where: { id: body.id },
        select: {
          id: true,
          userId: true,
          state: true,
          examId: true,
          seed: true,
          snapshot: true,
          exam: { select: { offlineCountsForCertificate: true, timeLimitMinutes: true } },
        },
      })
    : null;
  const refused = refuseSubmission({
    bytes,
    parsedOk: true,
    signatureOk,
    body,
    userId,
    stored: stored
      ? { id: stored.id, userId: stored.userId, state: stored.state === "issued" ? "issued" : "submitted" }
      : null,
  });
  if (refused || !body || !stored) return refusal(refused ?? "unknown-package");

  const flags = judgeTiming({ body, device: submission.device, receivedAt: now.getTime() });
  const counts = offlineCountsForCertificate(stored.exam.offlineCountsForCertificate, flags);
  const questions = snapshotOf(stored.snapshot, stored.id);
  const form = new URLSearchParams(submission.fields);
  const answers: { questionKey: string; value: string }[] = [];
  for (const q of questions) {
    const posted = answerFromForm(toLearnerQuestion(q, stored.seed), form);
    // An answer the device could not have produced (an incomplete order, an unknown option) is left unanswered.
    const value = posted.ok ? canonicalAnswer(q, posted.value) : null;
    if (value !== null) answers.push({ questionKey: q.key, value: JSON.stringify(value) });
  }
  // Device times in server time, through the offset measured at download.
  const offset = body.issuedAt - submission.device.downloadedAt;
  const startedAt = new Date(Math.min(now.getTime(), Math.max(body.issuedAt, submission.device.startedAt + offset)));

  for (let round = 0; round < 4; round++) {
    const attemptId = newId();
    try {
      await prisma.$transaction(async (tx) => {
        const claimed = await tx.offlinePackage.updateMany({
          where: { id: stored.id, userId, state: "issued" },
          data: { state: "submitted", submittedAt: now },
        });
        if (claimed.count !== 1) throw new ReplayError();
        const last = await tx.attempt.findFirst({
          where: { userId, examId: stored.examId },
          orderBy: { number: "desc" },
          select: { number: true },
        });
        await tx.attempt.create({
          data: {
            id: attemptId,
            userId,
            examId: stored.examId,
            number: (last?.number ?? 0) + 1,
            seed: stored.seed,
            state: "submitted",
            startedAt,
            deadline: new Date(startedAt.getTime() + stored.exam.timeLimitMinutes * 60_000),
            submittedAt: now,
            snapshot: questions,
            mode: "offline",
            countsForCertificate: counts,
            deviceStartedAt: new Date(submission.device.startedAt),
            deviceEndedAt: new Date(submission.device.endedAt),
            deviceElapsedMs: submission.device.elapsedMs,
            ...(flags.length > 0 ? { offlineFlags: flags } : {}),
          },
          select: { id: true },
        });
        if (answers.length > 0)
          await tx.attemptAnswer.createMany({ data: answers.map((a) => ({ ...a, attemptId, savedAt: now })) });
        await tx.offlinePackage.update({ where: { id: stored.id }, data: { attemptId }, select: { id: true } });
      });
    } catch (error) {
      if (error instanceof ReplayError) return refusal("replay");
      // Another attempt took the number meanwhile: claim again with the next one.
      if (isUniqueViolation(error)) continue;
      throw error;
    }
    try {
      await gradeSubmitted(attemptId);
    } catch (error) {
      // The hand-in is recorded; the deadline sweep grades attempts left "submitted".
      logger.error({ err: error, attemptId }, "grading an offline attempt failed; the sweep will retry");
    }
    const graded = await prisma.attempt.findUnique({
      where: { id: attemptId, userId },
      select: { percent: true, passed: true },
    });
    return {
      ok: true,
      attemptId,
      flags,
      countsForCertificate: counts,
      percent: graded?.percent ?? null,
      passed: graded?.passed ?? null,
    };
  }
  throw new Error(`could not number the offline attempt of package ${stored.id}`);
}

export type OfflineAttemptRow = {
  id: string;
  learner: string;
  email: string;
  versionNumber: number;
  number: number;
  submittedAt: string | null;
  deviceStartedAt: string | null;
  deviceEndedAt: string | null;
  elapsedMinutes: number | null;
  timeLimitMinutes: number;
  percent: number | null;
  passed: boolean | null;
  countsForCertificate: boolean;
  flags: OfflineFlag[];
};

/** The offline attempts at a course's exams, newest first, with their flags: what a trainer reviews. */
export async function listOfflineAttempts(courseId: string): Promise<OfflineAttemptRow[]> {
  const rows = await prisma.attempt.findMany({
    where: { mode: "offline", exam: { version: { courseId } } },
    orderBy: { submittedAt: "desc" },
    take: 200,
    select: {
      id: true,
      number: true,
      submittedAt: true,
      deviceStartedAt: true,
      deviceEndedAt: true,
      deviceElapsedMs: true,
      percent: true,
      passed: true,
      countsForCertificate: true,
      offlineFlags: true,
      user: { select: { fullName: true, email: true } },
      exam: { select: { timeLimitMinutes: true, version: { select: { number: true } } } },
    },
  });
  return rows.map((row) => {
    const flags = offlineFlagsSchema.safeParse(row.offlineFlags ?? []);
    return {
      id: row.id,
      learner: row.user.fullName,
      email: row.user.email,
      versionNumber: row.exam.version.number,
      number: row.number,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      deviceStartedAt: row.deviceStartedAt?.toISOString() ?? null,
      deviceEndedAt: row.deviceEndedAt?.toISOString() ?? null,
      elapsedMinutes: row.deviceElapsedMs === null ? null : Math.round(row.deviceElapsedMs / 6_000) / 10,
      timeLimitMinutes: row.exam.timeLimitMinutes,
      percent: row.percent,
      passed: row.passed,
      countsForCertificate: row.countsForCertificate,
      flags: flags.success ? flags.data : [],
    };
  });
}

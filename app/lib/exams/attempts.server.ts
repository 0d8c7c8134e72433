import crypto from "node:crypto";
import { renderMarkdown } from "~/lib/content/markdown";
import { onExamPassed } from "~/lib/credits/completion.server";
import { prisma } from "~/lib/db.server";
import type { Locale } from "~/lib/i18n/i18n";
import { registerJob, yieldToEventLoop } from "~/lib/jobs.server";
import { logger } from "~/lib/logger.server";
import { examGradedEvent, examStartedEvent, queueXapiAfter } from "~/lib/xapi/queue.server";
import {
  attemptExists,
  claimSubmission,
  insertAttempt,
  readAnswers,
  readAnswersForGrading,
  readAttemptPage,
  readAttemptState,
  readExpiredAttempts,
  readGradedAttempt,
  readSnapshot,
  readStartFactsByCourse,
  readStartFactsByVersion,
  readSubmitted,
  snapshotOf,
  writeAnswer,
  writeGrade,
  type AttemptPageRow,
  type ExamContext,
  type StartFacts,
} from "./attempt-sql.server";
import { drawQuestions } from "./draw";
import { answerFromForm, type FormFields } from "./exams.schema";
import { gradeAttempt, type QuestionGrade } from "./grading";
import {
  ANSWER_GRACE_MS,
  decideStart,
  isPastGrace,
  reviewPolicyOf,
  type AttemptFacts,
  type ReviewPolicy,
} from "./policy";
import {
  type AnswerValue,
  type LearnerQuestion,
  type Question,
  parseAnswerValue,
  toLearnerAnswerValue,
  toLearnerQuestion,
} from "./question";
import { parsePools, parseQuestion } from "./question.schema";
import { buildReview, type ReviewItem } from "./review";

// The exam room: start → attempt page → autosave → submit → result, one data path. Its SQL is
// in attempt-sql.server.ts (driver statements, no ORM: these run when everybody acts at once),
// over cached immutable data: published exams never change, and an attempt's questions are
// frozen at start. The session is read by the session module; this module gets a user id.
// Everything that must happen exactly once (one attempt per number, one grading per attempt)
// is decided by a unique index or a conditional update, never by a read followed by a write,
// so it holds with several tabs, several devices and several server instances.

type Localized<T> = { vi: T; en: T };
const pick = <T>(locale: Locale, value: Localized<T>) => (locale === "en" ? value.en : value.vi);

// ─── Caches of immutable data ────────────────────────────────────────────────

const MAX_BANKS = 200;
const banks = new Map<string, Promise<Question[]>>();

/** The question bank of an exam; cached when its version is published (and so immutable). */
export async function examBank(examId: string, published: boolean): Promise<Question[]> {
  const cached = banks.get(examId);
  if (cached) return cached;
  const loading = prisma.question
    .findMany({
      where: { version: { exam: { id: examId } } },
      orderBy: { position: "asc" },
      select: { key: true, spec: true },
    })
    .then((rows) => rows.map((row) => parseQuestion(row.spec, `question '${row.key}' of exam ${examId}`)));
  if (!published) return loading;
  if (banks.size >= MAX_BANKS) banks.delete(banks.keys().next().value as string);
  banks.set(examId, loading);
  loading.catch(() => banks.delete(examId));
  return loading;
}

// Snapshots read back from the database are interned, so thousands of cached attempts over
// the same bank share one object per distinct question.
const MAX_INTERNED = 5_000;
const interned = new Map<string, Question>();
function intern(question: Question): Question {
  const text = JSON.stringify(question);
  const existing = interned.get(text);
  if (existing) return existing;
  if (interned.size >= MAX_INTERNED) interned.clear();
  interned.set(text, question);
  return question;
}

const MAX_SNAPSHOTS = 20_000;
const snapshots = new Map<string, Map<string, Question>>();

function rememberSnapshot(attemptId: string, questions: Question[]): Map<string, Question> {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  if (snapshots.size >= MAX_SNAPSHOTS) snapshots.delete(snapshots.keys().next().value as string);
  snapshots.set(attemptId, byKey);
  return byKey;
}

/**
 * An attempt's frozen questions by key, for validating autosaved answers. Loaded once per
 * attempt and process, and only for its owner (the save statement checks again).
 */
export async function snapshotForUser(attemptId: string, userId: string): Promise<Map<string, Question> | null> {
  const cached = snapshots.get(attemptId);
  if (cached) return cached;
  const row = await readSnapshot(attemptId, userId);
  if (!row) return null;
  return rememberSnapshot(attemptId, snapshotOf(row.snapshot, attemptId).map(intern));
}

const MAX_HTML = 5_000;
const promptHtml = new Map<string, string>();
/** Prompts and explanations are Markdown; rendering is slow, and the texts are immutable. */
export function markdownHtml(md: string): string {
  let html = promptHtml.get(md);
  if (html === undefined) {
    html = renderMarkdown(md);
    if (promptHtml.size >= MAX_HTML) promptHtml.clear();
    promptHtml.set(md, html);
  }
  return html;
}

// ─── Answers ─────────────────────────────────────────────────────────────────

/** Validates a learner's (public-id) value against the frozen question; null = refused. */
export function canonicalAnswer(question: Question, raw: unknown): AnswerValue | null {
  // A cleared true/false question has no boolean to store; an empty string grades as unanswered.
  if (question.type === "truefalse" && raw === "") return "";
  return parseAnswerValue(question, raw);
}

function parseStoredValue(text: string): AnswerValue | undefined {
  try {
    return JSON.parse(text) as AnswerValue;
  } catch {
    return undefined;
  }
}

/**
 * Stores one answer (JSON of its canonical value) if the attempt is the user's, still open and
 * within deadline + grace; true when stored. An answer the learner's device stamped
 * (`answeredAt`, server time as the page keeps it) must also have been given by the deadline:
 * that is how answers kept offline are still taken when they arrive late, within the grace,
 * and answers given after time was up are not. Concurrent saves share one commit (group
 * commit, see writeAnswer); each resolves only after its commit.
 */
export function storeAnswer(
  attemptId: string,
  userId: string,
  questionKey: string,
  valueJson: string,
  now: Date,
  answeredAt?: number,
): Promise<boolean> {
  const graceCutoff = now.getTime() - ANSWER_GRACE_MS;
  // A stamp from the future (a device clock ahead) counts as now.
  const cutoff =
    answeredAt === undefined ? graceCutoff : Math.max(graceCutoff, Math.min(answeredAt, now.getTime()) - 1);
  return writeAnswer({ attemptId, userId, questionKey, valueJson, now }, new Date(cutoff));
}

export type SaveRefusal = {
  status: 401 | 403 | 404 | 409 | 410 | 503;
  error:
    | "unauthenticated"
    | "forbidden"
    | "not-found"
    | "submitted"
    | "deadline-passed"
    | "answered-after-deadline"
    | "retry";
};

/**
 * Why an answer was not stored (the slow path after the one-statement save wrote nothing):
 * 401 no user, 404 no such attempt, 403 someone else's, 409 already submitted,
 * 410 past the deadline (the attempt is then submitted, as any touch after the deadline does),
 * or 410 "answered-after-deadline" for an answer stamped after the deadline (within the grace).
 */
export async function explainRefusal(
  attemptId: string,
  userId: string | null,
  now = new Date(),
  answeredAt?: number,
): Promise<SaveRefusal | null> {
  if (!userId) return { status: 401, error: "unauthenticated" };
  const attempt = await readAttemptState(attemptId, userId);
  if (!attempt)
    return (await attemptExists(attemptId)) ? { status: 403, error: "forbidden" } : { status: 404, error: "not-found" };
  if (attempt.state !== "in_progress") return { status: 409, error: "submitted" };
  if (isPastGrace(attempt.deadline, now)) {
    await finalizeAttempt(attemptId, { userId, auto: true, now });
    return { status: 410, error: "deadline-passed" };
  }
  if (answeredAt !== undefined && Math.min(answeredAt, now.getTime()) > attempt.deadline.getTime())
    return { status: 410, error: "answered-after-deadline" };
  return null;
}

// ─── Starting ────────────────────────────────────────────────────────────────

function toFacts(rows: StartFacts["attempts"]): AttemptFacts[] {
  return rows.map((row) => ({
    id: row.attemptId,
    number: row.number,
    state: row.state,
    deadline: row.deadline,
    submittedAt: row.submittedAt,
  }));
}

export function newId(): string {
  return `c${Date.now().toString(36)}${crypto.randomBytes(9).toString("hex")}`;
}

/** A unique index refused the insert: from Prisma, or from the driver for a hot statement. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return (
    e.code === "P2002" ||
    e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation" ||
    e.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    e.code === "SQLITE_CONSTRAINT_PRIMARYKEY" ||
    e.code === "23505"
  );
}

export type StartResult =
  | { ok: true; attemptId: string; resumed: boolean }
  | { ok: false; reason: "not-found" | "not-enrolled" | "no-exam" }
  | { ok: false; reason: "limit"; used: number; max: number }
  | { ok: false; reason: "cooldown"; nextAttemptAt: Date };

/**
 * One decision on the facts read: resume, refuse, or insert the attempt with its seed and the
 * frozen questions (drawn from the cached bank). "retry" when the facts went stale meanwhile:
 * another start took the number (unique index), or an expired attempt had to be submitted first.
 */
async function decideAndStart(
  userId: string,
  exam: ExamContext & { examId: string },
  attempts: AttemptFacts[],
  now: Date,
): Promise<StartResult | "retry"> {
  const decision = decideStart({ maxAttempts: exam.maxAttempts, cooldownMinutes: exam.cooldownMinutes }, attempts, now);
  switch (decision.kind) {
    case "resume":
      return { ok: true, attemptId: decision.attemptId, resumed: true };
    case "expired":
      await finalizeAttempt(decision.attemptId, { userId, auto: true, now });
      return "retry";
    case "limit":
      return { ok: false, reason: "limit", used: decision.used, max: decision.max };
    case "cooldown":
      return { ok: false, reason: "cooldown", nextAttemptAt: decision.nextAttemptAt };
    case "start": {
      const bank = await examBank(exam.examId, exam.status === "published");
      const seed = crypto.randomInt(0, 2 ** 31 - 1);
      const questions = drawQuestions(bank, parsePools(exam.pools, exam.examId), seed);
      if (questions.length === 0) return { ok: false, reason: "no-exam" };
      const id = newId();
      const deadline = new Date(now.getTime() + exam.timeLimitMinutes * 60_000);
      try {
        await insertAttempt({
          id,
          userId,
          examId: exam.examId,
          number: decision.number,
          seed,
          startedAt: now,
          deadline,
          questions,
        });
      } catch (error) {
        if (isUniqueViolation(error)) return "retry";
        throw error;
      }
      rememberSnapshot(id, questions);
      // The attempt is one hot statement, not a transaction: the "attempted" statement follows it
      // (only the start that inserted the attempt gets here).
      await queueXapiAfter(async () => [await examStartedEvent(prisma, id)]);
      return { ok: true, attemptId: id, resumed: false };
    }
  }
}

/** Decides and starts on freshly read facts until they hold (another start or an expiry made them stale). */
async function startOnFacts(
  userId: string,
  examOf: string,
  readFacts: () => Promise<StartFacts | StartResult>,
  now: Date,
): Promise<StartResult> {
  for (let round = 0; round < 4; round++) {
    const context = await readFacts();
    if ("ok" in context) return context;
    const { exam, attempts } = context;
    if (!exam.examId) return { ok: false, reason: "no-exam" };
    const result = await decideAndStart(userId, { ...exam, examId: exam.examId }, toFacts(attempts), now);
    if (result !== "retry") return result;
  }
  throw new Error(`could not start an attempt at the exam of ${examOf}`);
}

/**
 * Starts (or resumes) the learner's attempt at the exam of the course version they are enrolled
 * in. The guards hold against posting directly; two simultaneous starts produce one attempt
 * because the second insert hits the unique (user, exam, number) and resumes the first.
 */
export async function startAttempt(userId: string, slug: string, now = new Date()): Promise<StartResult> {
  return startOnFacts(
    userId,
    slug,
    async () => {
      const context = await readStartFactsByCourse(userId, slug);
      if (context) return context;
      const course = await prisma.course.findUnique({ where: { slug }, select: { id: true } });
      return { ok: false, reason: course ? "not-enrolled" : "not-found" };
    },
    now,
  );
}

/**
 * Starts (or resumes) an attempt at the exam of a given course version, with the same rules and
 * the same frozen snapshot as `startAttempt`. The caller has decided that the learner may take
 * that version (e.g. they are enrolled in its "what changed" update).
 */
export async function startAttemptForVersion(
  userId: string,
  versionId: string,
  now = new Date(),
): Promise<StartResult> {
  return startOnFacts(
    userId,
    `version ${versionId}`,
    async () => (await readStartFactsByVersion(userId, versionId)) ?? { ok: false, reason: "not-found" },
    now,
  );
}

// ─── Submitting and grading ──────────────────────────────────────────────────

/**
 * Grades a submitted attempt from its frozen snapshot and stored answers. The final conditional
 * update (submitted → graded) lets exactly one grader write; it returns whether this call did.
 */
export async function gradeSubmitted(attemptId: string): Promise<boolean> {
  const attempt = await readSubmitted(attemptId);
  if (!attempt) return false;
  const answers: Record<string, AnswerValue> = {};
  for (const row of await readAnswersForGrading(attemptId)) {
    const value = parseStoredValue(row.value);
    if (value !== undefined) answers[row.questionKey] = value;
  }
  const grade = gradeAttempt(snapshotOf(attempt.snapshot, attemptId), answers, attempt.passPercent);
  if (!(await writeGrade(attemptId, grade))) return false;
  // Queued before the completion that a pass may cause, so the LRS gets them in that order.
  await queueXapiAfter(async () => [
    await examGradedEvent(prisma, attemptId, { earned: grade.earned, max: grade.max, passed: grade.passed }),
  ]);
  if (grade.passed) await recordPass(attempt.userId, attempt.versionId);
  return true;
}

async function recordPass(userId: string, versionId: string) {
  try {
    await onExamPassed(userId, versionId);
  } catch (error) {
    // The grade stands; the result page retries the completion when it is next opened.
    logger.error({ err: error, userId, versionId }, "recording the completion after a passed exam failed");
  }
}

/**
 * Submits an open attempt exactly once: the conditional update in_progress → submitted is won
 * by one caller (a click, a second tab, the deadline sweep); only the winner grades.
 */
async function finalizeAttempt(
  attemptId: string,
  options: { userId?: string; auto: boolean; now: Date },
): Promise<boolean> {
  const claimed = await claimSubmission(attemptId, {
    userId: options.userId,
    auto: options.auto,
    now: options.now,
    beforeCutoff: new Date(options.now.getTime() - ANSWER_GRACE_MS),
  });
  if (!claimed) return false;
  snapshots.delete(attemptId);
  await gradeSubmitted(attemptId);
  return true;
}

export type SubmitResult = { ok: true; submittedNow: boolean } | { ok: false; status: 403 | 404 };

/** The learner's "submit". Submitting an already submitted attempt is not an error: it has one result. */
export async function submitAttempt(userId: string, attemptId: string, now = new Date()): Promise<SubmitResult> {
  const attempt = await readAttemptState(attemptId, userId);
  if (!attempt) return { ok: false, status: (await attemptExists(attemptId)) ? 403 : 404 };
  if (attempt.state === "submitted") await gradeSubmitted(attemptId);
  if (attempt.state !== "in_progress") return { ok: true, submittedNow: false };
  const submittedNow = await finalizeAttempt(attemptId, { userId, auto: isPastGrace(attempt.deadline, now), now });
  return { ok: true, submittedNow };
}

const SWEEP_BATCH = 200;
const STUCK_GRADING_MS = 60_000;

/**
 * Submits attempts whose deadline (plus grace) has passed, and grades any attempt left
 * "submitted" by a crash between the two steps. Safe on several instances at once: every
 * transition is a conditional update.
 */
export async function sweepAttempts(now = new Date()): Promise<{ submitted: number; graded: number }> {
  let submitted = 0;
  let graded = 0;
  const cutoff = new Date(now.getTime() - ANSWER_GRACE_MS);
  for (let round = 0; round < 50; round++) {
    const expired = await readExpiredAttempts(cutoff, SWEEP_BATCH);
    for (const id of expired) {
      await yieldToEventLoop();
      if (await finalizeAttempt(id, { auto: true, now })) submitted++;
    }
    if (expired.length < SWEEP_BATCH) break;
  }
  const stuck = await prisma.attempt.findMany({
    where: { state: "submitted", submittedAt: { lt: new Date(now.getTime() - STUCK_GRADING_MS) } },
    take: SWEEP_BATCH,
    select: { id: true },
  });
  for (const { id } of stuck) {
    await yieldToEventLoop();
    if (await gradeSubmitted(id)) graded++;
  }
  return { submitted, graded };
}

registerJob({ name: "exams.deadline-sweep", everyMs: 30_000, run: () => sweepAttempts() });

// ─── Pages ───────────────────────────────────────────────────────────────────

export type AttemptHistoryItem = {
  id: string;
  number: number;
  state: string;
  startedAt: string;
  submittedAt: string | null;
  autoSubmitted: boolean;
  percent: number | null;
  passed: boolean | null;
};

export type ExamOverview = {
  slug: string;
  /** The course version whose exam this is (the learner's enrolled one). */
  versionId: string;
  courseTitle: string;
  exam: {
    title: string;
    questionCount: number;
    timeLimitMinutes: number;
    passPercent: number;
    maxAttempts: number;
    cooldownMinutes: number;
    reviewPolicy: ReviewPolicy;
    /** Offline practice packages may be downloaded; and whether such attempts count for the certificate. */
    offline: { allowed: boolean; countsForCertificate: boolean };
  };
  enrolled: boolean;
  attempts: AttemptHistoryItem[];
  inProgress: { id: string; deadline: string } | null;
  /** Why "start" would be refused now (null: it would not). */
  blocked: { reason: "limit" } | { reason: "cooldown"; nextAttemptAt: string } | null;
  passed: boolean;
  best: number | null;
};

/**
 * The exam of a course as the learner sees it before starting: rules, their attempts, and
 * whether (and from when) they may start. Expired attempts are submitted on the way.
 */
export async function getExamOverview(
  userId: string,
  slug: string,
  locale: Locale,
  now = new Date(),
): Promise<ExamOverview | null> {
  const course = await prisma.course.findUnique({ where: { slug }, select: { id: true } });
  if (!course) return null;
  const enrollment = await prisma.enrollment.findFirst({
    where: { userId, version: { courseId: course.id, kind: "full" } },
    orderBy: { createdAt: "desc" },
    select: { versionId: true },
  });
  const version = await prisma.courseVersion.findFirst({
    where: enrollment ? { id: enrollment.versionId } : { courseId: course.id, kind: "full", status: "published" },
    orderBy: { number: "desc" },
    select: {
      id: true,
      titleVi: true,
      titleEn: true,
      exam: {
        select: {
          id: true,
          titleVi: true,
          titleEn: true,
          timeLimitMinutes: true,
          passPercent: true,
          maxAttempts: true,
          cooldownMinutes: true,
          reviewPolicy: true,
          pools: true,
          allowOffline: true,
          offlineCountsForCertificate: true,
        },
      },
    },
  });
  if (!version?.exam) return null;
  const exam = version.exam;
  const load = () =>
    enrollment
      ? prisma.attempt.findMany({
          where: { userId, examId: exam.id },
          orderBy: { number: "asc" },
          select: {
            id: true,
            number: true,
            state: true,
            startedAt: true,
            deadline: true,
            submittedAt: true,
            autoSubmitted: true,
            percent: true,
            passed: true,
          },
        })
      : Promise.resolve([]);
  let attempts = await load();
  const expired = attempts.filter((a) => a.state === "in_progress" && isPastGrace(a.deadline, now));
  if (expired.length) {
    for (const attempt of expired) await finalizeAttempt(attempt.id, { userId, auto: true, now });
    attempts = await load();
  }
  const decision = decideStart({ maxAttempts: exam.maxAttempts, cooldownMinutes: exam.cooldownMinutes }, attempts, now);
  const open = attempts.find((a) => a.state === "in_progress");
  const graded = attempts.filter((a) => a.state === "graded" && a.percent !== null);
  return {
    slug,
    versionId: version.id,
    courseTitle: pick(locale, { vi: version.titleVi, en: version.titleEn }),
    exam: {
      title: pick(locale, { vi: exam.titleVi, en: exam.titleEn }),
      questionCount: parsePools(exam.pools, exam.id).reduce((sum, pool) => sum + pool.draw, 0),
      timeLimitMinutes: exam.timeLimitMinutes,
      passPercent: exam.passPercent,
      maxAttempts: exam.maxAttempts,
      cooldownMinutes: exam.cooldownMinutes,
      reviewPolicy: reviewPolicyOf(exam.reviewPolicy),
      offline: { allowed: exam.allowOffline, countsForCertificate: exam.offlineCountsForCertificate },
    },
    enrolled: Boolean(enrollment),
    attempts: attempts.map((a) => ({
      id: a.id,
      number: a.number,
      state: a.state,
      startedAt: a.startedAt.toISOString(),
      submittedAt: a.submittedAt?.toISOString() ?? null,
      autoSubmitted: a.autoSubmitted,
      percent: a.percent,
      passed: a.passed,
    })),
    inProgress: open ? { id: open.id, deadline: open.deadline.toISOString() } : null,
    blocked:
      decision.kind === "limit"
        ? { reason: "limit" }
        : decision.kind === "cooldown"
          ? { reason: "cooldown", nextAttemptAt: decision.nextAttemptAt.toISOString() }
          : null,
    passed: attempts.some((a) => a.passed === true),
    best: graded.length ? Math.max(...graded.map((a) => a.percent as number)) : null,
  };
}

export type LearnerAttemptQuestion = Omit<LearnerQuestion, "prompt"> & { promptHtml: string };
export type LearnerAttempt = {
  id: string;
  number: number;
  slug: string;
  examTitle: string;
  courseTitle: string;
  startedAt: string;
  deadline: string;
  /** The server's clock when the page was built: the timer counts from it, not the device clock. */
  serverNow: string;
  questions: LearnerAttemptQuestion[];
  /** Saved answers in the learner's (public) ids, with when they were saved (ms since epoch). */
  saved: Record<string, { value: unknown; savedAt: number }>;
};

/** 409 "open": still being taken; "closed": already submitted; "grading": submitted, result not written yet. */
type AttemptAccess<T> =
  | { ok: true; value: T }
  | { ok: false; status: 403 | 404 }
  | { ok: false; status: 409; state: "open" | "closed" | "grading" };

async function missingAttempt(attemptId: string): Promise<{ ok: false; status: 403 | 404 }> {
  return { ok: false, status: (await attemptExists(attemptId)) ? 403 : 404 };
}

const learnerViews = new Map<string, LearnerAttemptQuestion[]>();

/** An attempt's questions as its learner sees them (shuffled by its seed, no key, prompt as HTML); cached per attempt. */
function learnerQuestions(attemptId: string, questions: Question[], seed: number): LearnerAttemptQuestion[] {
  let views = learnerViews.get(attemptId);
  if (!views) {
    views = questions.map((q) => {
      const { prompt, ...view } = toLearnerQuestion(q, seed);
      return { ...view, promptHtml: markdownHtml(prompt) };
    });
    if (learnerViews.size >= MAX_SNAPSHOTS) learnerViews.delete(learnerViews.keys().next().value as string);
    learnerViews.set(attemptId, views);
  }
  return views;
}

async function learnerAttempt(row: AttemptPageRow, locale: Locale, now: Date): Promise<AttemptAccess<LearnerAttempt>> {
  if (row.state !== "in_progress") return { ok: false, status: 409, state: "closed" };
  if (isPastGrace(row.deadline, now)) {
    await finalizeAttempt(row.id, { userId: row.userId, auto: true, now });
    return { ok: false, status: 409, state: "closed" };
  }
  const answers = await readAnswers(row.id, row.userId);
  const byKey = snapshots.get(row.id) ?? rememberSnapshot(row.id, snapshotOf(row.snapshot, row.id).map(intern));
  const questions = [...byKey.values()];
  const saved: LearnerAttempt["saved"] = {};
  for (const answer of answers) {
    const q = byKey.get(answer.questionKey);
    const value = parseStoredValue(answer.value);
    if (q && value !== undefined)
      saved[answer.questionKey] = {
        value: toLearnerAnswerValue(q, value),
        savedAt: answer.savedAt.getTime(),
      };
  }
  return {
    ok: true,
    value: {
      id: row.id,
      number: row.number,
      slug: row.slug,
      examTitle: pick(locale, { vi: row.examTitleVi, en: row.examTitleEn }),
      courseTitle: pick(locale, { vi: row.courseTitleVi, en: row.courseTitleEn }),
      startedAt: row.startedAt.toISOString(),
      deadline: row.deadline.toISOString(),
      serverNow: now.toISOString(),
      questions: learnerQuestions(row.id, questions, row.seed),
      saved,
    },
  };
}

/**
 * An open attempt as its owner takes it: questions with shuffled, public ids and no answer key,
 * saved answers, deadline and server time. A closed attempt (or one past its deadline, which is
 * then submitted) answers 409 so the page can send the learner to the result.
 */
export async function getAttemptForLearner(
  userId: string,
  attemptId: string,
  locale: Locale,
  now = new Date(),
): Promise<AttemptAccess<LearnerAttempt>> {
  const row = await readAttemptPage(attemptId, userId);
  return row ? learnerAttempt(row, locale, now) : missingAttempt(attemptId);
}

export type FormSaveResult =
  { ok: true; saved: number; errors: Record<string, string> } | { ok: false; status: 403 | 404 | 409 | 410 };

/**
 * Saves every answer of the whole-page form (without JavaScript, or on submit). Only answers
 * that changed are written; a field the learner got wrong (an incomplete order) is reported
 * per question and the others are still saved.
 */
export async function saveAnswersFromForm(
  userId: string,
  attemptId: string,
  form: FormFields,
  now = new Date(),
): Promise<FormSaveResult> {
  const attempt = await readSnapshot(attemptId, userId);
  if (!attempt) return missingAttempt(attemptId);
  if (attempt.state !== "in_progress") return { ok: false, status: 409 };
  if (isPastGrace(attempt.deadline, now)) {
    await finalizeAttempt(attemptId, { userId, auto: true, now });
    return { ok: false, status: 410 };
  }
  const stored = new Map((await readAnswers(attemptId, userId)).map((row) => [row.questionKey, row.value]));
  const errors: Record<string, string> = {};
  const writes: Promise<boolean>[] = [];
  for (const q of snapshotOf(attempt.snapshot, attemptId)) {
    const posted = answerFromForm(toLearnerQuestion(q, attempt.seed), form);
    if (!posted.ok) {
      errors[q.key] = posted.error;
      continue;
    }
    const value = canonicalAnswer(q, posted.value);
    if (value === null) {
      errors[q.key] = "exams.error.invalidAnswer";
      continue;
    }
    const json = JSON.stringify(value);
    const previous = stored.get(q.key);
    if (previous === json || (previous === undefined && (json === '""' || json === "[]" || json === "{}"))) continue;
    writes.push(storeAnswer(attemptId, userId, q.key, json, now));
  }
  // Written together (one commit); any refused means the attempt closed meanwhile.
  const written = await Promise.all(writes);
  if (written.includes(false)) return { ok: false, status: 409 };
  return { ok: true, saved: writes.length, errors };
}

/** One answer for a signed-in learner (validated like the autosave endpoint). */
export async function saveAnswer(
  userId: string,
  attemptId: string,
  questionKey: string,
  raw: unknown,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; status: 403 | 404 | 409 | 410 | 422 }> {
  const attempt = await readSnapshot(attemptId, userId);
  if (!attempt) return missingAttempt(attemptId);
  if (attempt.state !== "in_progress") return { ok: false, status: 409 };
  if (isPastGrace(attempt.deadline, now)) {
    await finalizeAttempt(attemptId, { userId, auto: true, now });
    return { ok: false, status: 410 };
  }
  const q = snapshotOf(attempt.snapshot, attemptId).find((question) => question.key === questionKey);
  const value = q ? canonicalAnswer(q, raw) : null;
  if (value === null) return { ok: false, status: 422 };
  return (await storeAnswer(attemptId, userId, questionKey, JSON.stringify(value), now))
    ? { ok: true }
    : { ok: false, status: 409 };
}

export type ReviewQuestion = Omit<ReviewItem, "prompt" | "explanation"> & {
  promptHtml: string;
  explanationHtml?: string;
};
export type AttemptResult = {
  id: string;
  number: number;
  versionId: string;
  slug: string;
  examTitle: string;
  courseTitle: string;
  policy: ReviewPolicy;
  submittedAt: string | null;
  autoSubmitted: boolean;
  earned: number;
  maxScore: number;
  percent: number;
  passed: boolean;
  passPercent: number;
  /** Absent with the "score" policy. */
  questions?: ReviewQuestion[];
};

/**
 * A graded attempt for its owner, reduced to what the exam's review policy allows. An open
 * attempt answers 409 (the page sends the learner back to it); one past its deadline is
 * submitted first.
 */
export async function getAttemptResult(
  userId: string,
  attemptId: string,
  locale: Locale,
  now = new Date(),
): Promise<AttemptAccess<AttemptResult>> {
  const head = await readAttemptState(attemptId, userId);
  if (!head) return missingAttempt(attemptId);
  if (head.state === "in_progress") {
    if (!isPastGrace(head.deadline, now)) return { ok: false, status: 409, state: "open" };
    await finalizeAttempt(attemptId, { userId, auto: true, now });
  }
  if (head.state === "submitted") await gradeSubmitted(attemptId);
  const attempt = await readGradedAttempt(attemptId, userId);
  // Still not graded: another request is grading it at this very moment.
  if (!attempt) return { ok: false, status: 409, state: "grading" };
  if (attempt.passed) await recordPass(userId, attempt.versionId);
  const policy = reviewPolicyOf(attempt.reviewPolicy);
  const answers: Record<string, AnswerValue> = {};
  for (const row of await readAnswers(attemptId, userId)) {
    const value = parseStoredValue(row.value);
    if (value !== undefined) answers[row.questionKey] = value;
  }
  const review = buildReview(
    policy,
    snapshotOf(attempt.snapshot, attemptId),
    answers,
    (attempt.results ?? {}) as Record<string, QuestionGrade>,
    attempt.seed,
  );
  return {
    ok: true,
    value: {
      id: attemptId,
      versionId: attempt.versionId,
      number: attempt.number,
      slug: attempt.slug,
      examTitle: pick(locale, { vi: attempt.examTitleVi, en: attempt.examTitleEn }),
      courseTitle: pick(locale, { vi: attempt.courseTitleVi, en: attempt.courseTitleEn }),
      policy,
      submittedAt: attempt.submittedAt?.toISOString() ?? null,
      autoSubmitted: attempt.autoSubmitted,
      earned: attempt.earned ?? 0,
      maxScore: attempt.maxScore ?? 0,
      percent: attempt.percent ?? 0,
      passed: attempt.passed === true,
      passPercent: attempt.passPercent,
      ...(review
        ? {
            questions: review.map(({ prompt, explanation, ...item }) => ({
              ...item,
              promptHtml: markdownHtml(prompt),
              ...(explanation !== undefined ? { explanationHtml: markdownHtml(explanation) } : {}),
            })),
          }
        : {}),
    },
  };
}

import { parseSnapshot } from "./question.schema";
import { type HotStatement, hotExecute, hotQuery, hotRawSql, hotSql, hotTransaction } from "~/lib/db.server";
import type { Question } from "./question";

// The exam room's SQL, in one place: start → attempt page → autosave → submit → result. These
// statements run when thousands of learners act within seconds, so they go to the driver
// directly (see "Hot statements bypass Prisma" in README) and are written once for both
// databases. Each checks ownership in its WHERE; values come back as the driver gives them
// (SQLite: integers bigint, booleans 0/1, date-times ISO text, JSON as text) and are normalised
// here, so that callers see one shape.

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const toOptionalDate = (value: unknown): Date | null => (value === null || value === undefined ? null : toDate(value));
const toOptionalNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const toOptionalBoolean = (value: unknown): boolean | null =>
  value === null || value === undefined ? null : Boolean(Number(value));
const fromJson = (value: unknown): unknown => (typeof value === "string" ? (JSON.parse(value) as unknown) : value);

/** An attempt's frozen questions as stored (the one place a snapshot column is read). */
export function snapshotOf(value: unknown, attemptId: string): Question[] {
  return parseSnapshot(fromJson(value), attemptId);
}

// ─── Starting ────────────────────────────────────────────────────────────────

export type ExamContext = {
  versionId: string;
  status: string;
  examId: string | null;
  timeLimitMinutes: number;
  maxAttempts: number;
  cooldownMinutes: number;
  pools: unknown;
};
export type AttemptFactsRow = {
  attemptId: string;
  number: number;
  state: string;
  deadline: Date;
  submittedAt: Date | null;
};
export type StartFacts = { exam: ExamContext; attempts: AttemptFactsRow[] };

type StartRow = Record<string, unknown>;

function startFacts(rows: StartRow[]): StartFacts | null {
  const first = rows[0];
  if (!first) return null;
  const versionId = String(first.versionId);
  return {
    exam: {
      versionId,
      status: String(first.status),
      examId: typeof first.examId === "string" ? first.examId : null,
      timeLimitMinutes: Number(first.timeLimitMinutes),
      maxAttempts: Number(first.maxAttempts),
      cooldownMinutes: Number(first.cooldownMinutes),
      pools: fromJson(first.pools),
    },
    attempts: rows
      .filter((row) => row.attemptId && String(row.versionId) === versionId)
      .map((row) => ({
        attemptId: String(row.attemptId),
        number: Number(row.number),
        state: String(row.state),
        deadline: toDate(row.deadline),
        submittedAt: toOptionalDate(row.submittedAt),
      })),
  };
}

const START_COLUMNS =
  hotRawSql(`v."id" AS "versionId", v."status" AS "status", e."id" AS "examId", e."timeLimitMinutes" AS "timeLimitMinutes",
  e."maxAttempts" AS "maxAttempts", e."cooldownMinutes" AS "cooldownMinutes", e."pools" AS "pools",
  a."id" AS "attemptId", a."number" AS "number", a."state" AS "state", a."deadline" AS "deadline", a."submittedAt" AS "submittedAt"`);

/** The exam of the learner's newest enrolment in the course and their attempts at it; null = not enrolled or no such course. */
export async function readStartFactsByCourse(userId: string, slug: string): Promise<StartFacts | null> {
  const statement = hotSql`
    SELECT ${START_COLUMNS}
    FROM "Enrollment" en
    JOIN "CourseVersion" v ON v."id" = en."versionId" AND v."kind" = 'full'
    JOIN "Course" c ON c."id" = v."courseId"
    LEFT JOIN "Exam" e ON e."versionId" = v."id"
    LEFT JOIN "Attempt" a ON a."examId" = e."id" AND a."userId" = en."userId"
    WHERE en."userId" = ${userId} AND c."slug" = ${slug}
    ORDER BY en."createdAt" DESC, a."number" ASC`;
  return startFacts(await hotQuery<StartRow>(statement));
}

/** The exam of one course version and the learner's attempts at it. */
export async function readStartFactsByVersion(userId: string, versionId: string): Promise<StartFacts | null> {
  const statement = hotSql`
    SELECT ${START_COLUMNS}
    FROM "CourseVersion" v
    LEFT JOIN "Exam" e ON e."versionId" = v."id"
    LEFT JOIN "Attempt" a ON a."examId" = e."id" AND a."userId" = ${userId}
    WHERE v."id" = ${versionId}
    ORDER BY a."number" ASC`;
  return startFacts(await hotQuery<StartRow>(statement));
}

export type NewAttempt = {
  id: string;
  userId: string;
  examId: string;
  number: number;
  seed: number;
  startedAt: Date;
  deadline: Date;
  questions: Question[];
};

/** Inserts an attempt with its frozen questions; the unique (user, exam, number) refuses a concurrent twin. */
export async function insertAttempt(attempt: NewAttempt): Promise<void> {
  await hotExecute(hotSql`
    INSERT INTO "Attempt" ("id", "userId", "examId", "number", "seed", "state", "startedAt", "deadline", "autoSubmitted", "snapshot")
    VALUES (${attempt.id}, ${attempt.userId}, ${attempt.examId}, ${attempt.number}, ${attempt.seed}, 'in_progress',
            ${attempt.startedAt}, ${attempt.deadline}, ${false}, ${JSON.stringify(attempt.questions)})`);
}

// ─── The attempt page ────────────────────────────────────────────────────────

export type AttemptPageRow = {
  id: string;
  userId: string;
  number: number;
  seed: number;
  state: string;
  startedAt: Date;
  deadline: Date;
  snapshot: unknown;
  examTitleVi: string;
  examTitleEn: string;
  courseTitleVi: string;
  courseTitleEn: string;
  slug: string;
};

/** The attempt with what its page shows, for its owner only. */
export async function readAttemptPage(attemptId: string, userId: string): Promise<AttemptPageRow | null> {
  const [row] = await hotQuery<Record<string, unknown>>(hotSql`
    SELECT a."id", a."userId", a."number", a."seed", a."state", a."startedAt", a."deadline", a."snapshot",
           e."titleVi" AS "examTitleVi", e."titleEn" AS "examTitleEn", v."titleVi" AS "courseTitleVi", v."titleEn" AS "courseTitleEn", c."slug"
    FROM "Attempt" a JOIN "Exam" e ON e."id" = a."examId" JOIN "CourseVersion" v ON v."id" = e."versionId" JOIN "Course" c ON c."id" = v."courseId"
    WHERE a."id" = ${attemptId} AND a."userId" = ${userId}`);
  if (!row) return null;
  return {
    id: String(row.id),
    userId: String(row.userId),
    number: Number(row.number),
    seed: Number(row.seed),
    state: String(row.state),
    startedAt: toDate(row.startedAt),
    deadline: toDate(row.deadline),
    snapshot: row.snapshot,
    examTitleVi: String(row.examTitleVi),
    examTitleEn: String(row.examTitleEn),
    courseTitleVi: String(row.courseTitleVi),
    courseTitleEn: String(row.courseTitleEn),
    slug: String(row.slug),
  };
}

/** The state of an attempt for its owner (null: none of theirs). */
export async function readAttemptState(
  attemptId: string,
  userId: string,
): Promise<{ state: string; deadline: Date } | null> {
  const [row] = await hotQuery<{ state: string; deadline: unknown }>(hotSql`
    SELECT "state", "deadline" FROM "Attempt" WHERE "id" = ${attemptId} AND "userId" = ${userId}`);
  return row ? { state: row.state, deadline: toDate(row.deadline) } : null;
}

/** Whether an attempt exists at all (403 rather than 404 for someone else's). */
export async function attemptExists(attemptId: string): Promise<boolean> {
  return (await hotQuery(hotSql`SELECT 1 AS "one" FROM "Attempt" WHERE "id" = ${attemptId}`)).length > 0;
}

export type StoredAnswer = { questionKey: string; value: string; savedAt: Date };

/** The stored answers of an attempt, for its owner. */
export async function readAnswers(attemptId: string, userId: string): Promise<StoredAnswer[]> {
  const rows = await hotQuery<{ questionKey: string; value: string; savedAt: unknown }>(hotSql`
    SELECT aa."questionKey", aa."value", aa."savedAt" FROM "AttemptAnswer" aa JOIN "Attempt" a ON a."id" = aa."attemptId"
    WHERE aa."attemptId" = ${attemptId} AND a."userId" = ${userId}`);
  return rows.map((row) => ({ questionKey: row.questionKey, value: row.value, savedAt: toDate(row.savedAt) }));
}

/** An attempt's seed, state and frozen questions, for its owner. */
export async function readSnapshot(
  attemptId: string,
  userId: string,
): Promise<{ seed: number; state: string; deadline: Date; snapshot: unknown } | null> {
  const [row] = await hotQuery<{ seed: unknown; state: string; deadline: unknown; snapshot: unknown }>(hotSql`
    SELECT "seed", "state", "deadline", "snapshot" FROM "Attempt" WHERE "id" = ${attemptId} AND "userId" = ${userId}`);
  return row
    ? { seed: Number(row.seed), state: row.state, deadline: toDate(row.deadline), snapshot: row.snapshot }
    : null;
}

// ─── Saving answers (group commit) ───────────────────────────────────────────

export type AnswerWrite = { attemptId: string; userId: string; questionKey: string; valueJson: string; now: Date };

// The lock is a constant of the PostgreSQL text (see answerUpsert).
const LOCK_ATTEMPT_FOR_SHARE = hotRawSql("", "FOR SHARE OF a");

/**
 * The one answer upsert: stores the answer only if the attempt is the user's, still open and
 * within deadline + grace (`cutoff`). PostgreSQL locks the attempt row for share so that a
 * concurrent submission either sees this answer or makes the statement store nothing (SQLite
 * runs writers one at a time, so it needs no lock).
 */
function answerUpsert({ attemptId, userId, questionKey, valueJson, now }: AnswerWrite, cutoff: Date): HotStatement {
  return hotSql`
    INSERT INTO "AttemptAnswer" ("attemptId", "questionKey", "value", "savedAt")
    SELECT a."id", ${questionKey}, ${valueJson}, ${now}
    FROM "Attempt" a
    WHERE a."id" = ${attemptId} AND a."userId" = ${userId} AND a."state" = 'in_progress' AND a."deadline" > ${cutoff}
    ${LOCK_ATTEMPT_FOR_SHARE}
    ON CONFLICT ("attemptId", "questionKey") DO UPDATE SET "value" = excluded."value", "savedAt" = excluded."savedAt"`;
}

const MAX_BATCH = 500;
const compareWrites = (a: AnswerWrite, b: AnswerWrite) =>
  a.attemptId < b.attemptId
    ? -1
    : a.attemptId > b.attemptId
      ? 1
      : a.questionKey < b.questionKey
        ? -1
        : a.questionKey > b.questionKey
          ? 1
          : 0;
type Pending = {
  write: AnswerWrite;
  cutoff: Date;
  resolve: (stored: boolean) => void;
  reject: (error: unknown) => void;
};
let queue: Pending[] = [];
let flushing = false;
let scheduled = false;

/**
 * Group commit: the saves that arrive while one transaction commits are written together in the
 * next one, and each is acknowledged only after its transaction committed. An idle server
 * writes a lone save at once (after the current event-loop turn gathers its neighbours).
 */
async function flush(): Promise<void> {
  scheduled = false;
  if (flushing) return;
  flushing = true;
  try {
    while (queue.length > 0) {
      // One lock order for every batch (attempt, then question), so that batches of several
      // processes that touch the same rows cannot deadlock on PostgreSQL.
      const batch = queue.slice(0, MAX_BATCH).sort((a, b) => compareWrites(a.write, b.write));
      queue = queue.slice(MAX_BATCH);
      try {
        const changed = await hotTransaction(batch.map((item) => answerUpsert(item.write, item.cutoff)));
        batch.forEach((item, index) => item.resolve(changed[index] === 1));
      } catch {
        // One failing write must not fail its neighbours: write them one by one, each its own commit.
        for (const item of batch)
          await hotExecute(answerUpsert(item.write, item.cutoff)).then(
            (changed) => item.resolve(changed === 1),
            (error: unknown) => item.reject(error),
          );
      }
    }
  } finally {
    flushing = false;
  }
}

/** Stores one answer durably (see answerUpsert); true when stored. */
export function writeAnswer(write: AnswerWrite, cutoff: Date): Promise<boolean> {
  return new Promise<boolean>((resolve, reject) => {
    queue.push({ write, cutoff, resolve, reject });
    if (!scheduled && !flushing) {
      scheduled = true;
      setImmediate(() => void flush());
    }
  });
}

// ─── Submitting and grading ──────────────────────────────────────────────────

/**
 * in_progress → submitted, won by exactly one caller. `beforeCutoff`: only when the deadline
 * plus grace has passed (the sweep, which has no user).
 */
export async function claimSubmission(
  attemptId: string,
  options: { userId?: string; auto: boolean; now: Date; beforeCutoff?: Date },
): Promise<boolean> {
  const { userId, auto, now, beforeCutoff } = options;
  const changed = userId
    ? await hotExecute(hotSql`
        UPDATE "Attempt" SET "state" = 'submitted', "submittedAt" = ${now}, "autoSubmitted" = ${auto}
        WHERE "id" = ${attemptId} AND "state" = 'in_progress' AND "userId" = ${userId}`)
    : await hotExecute(hotSql`
        UPDATE "Attempt" SET "state" = 'submitted', "submittedAt" = ${now}, "autoSubmitted" = ${auto}
        WHERE "id" = ${attemptId} AND "state" = 'in_progress' AND "deadline" < ${beforeCutoff ?? now}`);
  return changed === 1;
}

export type SubmittedAttempt = { userId: string; snapshot: unknown; passPercent: number; versionId: string };

export async function readSubmitted(attemptId: string): Promise<SubmittedAttempt | null> {
  const [row] = await hotQuery<Record<string, unknown>>(hotSql`
    SELECT a."userId", a."snapshot", e."passPercent", e."versionId" FROM "Attempt" a JOIN "Exam" e ON e."id" = a."examId"
    WHERE a."id" = ${attemptId} AND a."state" = 'submitted'`);
  return row
    ? {
        userId: String(row.userId),
        snapshot: row.snapshot,
        passPercent: Number(row.passPercent),
        versionId: String(row.versionId),
      }
    : null;
}

/** The answers of an attempt whoever owns it (grading). */
export async function readAnswersForGrading(attemptId: string): Promise<{ questionKey: string; value: string }[]> {
  return hotQuery<{ questionKey: string; value: string }>(hotSql`
    SELECT "questionKey", "value" FROM "AttemptAnswer" WHERE "attemptId" = ${attemptId}`);
}

export type Grade = { earned: number; max: number; percent: number; passed: boolean; results: unknown };

/** submitted → graded with the grade, won by exactly one grader. */
export async function writeGrade(attemptId: string, grade: Grade): Promise<boolean> {
  return (
    (await hotExecute(hotSql`
      UPDATE "Attempt" SET "state" = 'graded', "earned" = ${grade.earned}, "maxScore" = ${grade.max}, "percent" = ${grade.percent},
        "passed" = ${grade.passed}, "results" = ${JSON.stringify(grade.results)}
      WHERE "id" = ${attemptId} AND "state" = 'submitted'`)) === 1
  );
}

// ─── The result page ─────────────────────────────────────────────────────────

export type GradedAttemptRow = {
  number: number;
  seed: number;
  submittedAt: Date | null;
  autoSubmitted: boolean;
  earned: number | null;
  maxScore: number | null;
  percent: number | null;
  passed: boolean | null;
  snapshot: unknown;
  results: unknown;
  examTitleVi: string;
  examTitleEn: string;
  passPercent: number;
  reviewPolicy: string;
  versionId: string;
  courseTitleVi: string;
  courseTitleEn: string;
  slug: string;
};

/** A graded attempt with what its result page shows, for its owner. */
export async function readGradedAttempt(attemptId: string, userId: string): Promise<GradedAttemptRow | null> {
  const [row] = await hotQuery<Record<string, unknown>>(hotSql`
    SELECT a."number", a."seed", a."submittedAt", a."autoSubmitted", a."earned", a."maxScore", a."percent", a."passed",
           a."snapshot", a."results", e."titleVi" AS "examTitleVi", e."titleEn" AS "examTitleEn", e."passPercent",
           e."reviewPolicy", e."versionId", v."titleVi" AS "courseTitleVi", v."titleEn" AS "courseTitleEn", c."slug"
    FROM "Attempt" a JOIN "Exam" e ON e."id" = a."examId" JOIN "CourseVersion" v ON v."id" = e."versionId" JOIN "Course" c ON c."id" = v."courseId"
    WHERE a."id" = ${attemptId} AND a."userId" = ${userId} AND a."state" = 'graded'`);
  if (!row) return null;
  return {
    number: Number(row.number),
    seed: Number(row.seed),
    submittedAt: toOptionalDate(row.submittedAt),
    autoSubmitted: Boolean(Number(row.autoSubmitted)),
    earned: toOptionalNumber(row.earned),
    maxScore: toOptionalNumber(row.maxScore),
    percent: toOptionalNumber(row.percent),
    passed: toOptionalBoolean(row.passed),
    snapshot: row.snapshot,
    results: row.results === null || row.results === undefined ? null : fromJson(row.results),
    examTitleVi: String(row.examTitleVi),
    examTitleEn: String(row.examTitleEn),
    passPercent: Number(row.passPercent),
    reviewPolicy: String(row.reviewPolicy),
    versionId: String(row.versionId),
    courseTitleVi: String(row.courseTitleVi),
    courseTitleEn: String(row.courseTitleEn),
    slug: String(row.slug),
  };
}

/** Open attempts past the cutoff, oldest first (the deadline sweep). */
export async function readExpiredAttempts(cutoff: Date, limit: number): Promise<string[]> {
  const rows = await hotQuery<{ id: string }>(hotSql`
    SELECT "id" FROM "Attempt" WHERE "state" = 'in_progress' AND "deadline" < ${cutoff} ORDER BY "deadline" ASC LIMIT ${limit}`);
  return rows.map((row) => row.id);
}

/**
 * Starting the exam of a "what changed" delta. The attempt pages work on any attempt, but the
 * course exam's start resolves the learner's full version by slug; a delta's exam is started
 * here with the same rules (decideStart) and the same frozen snapshot (drawQuestions), then
 * taken, submitted and graded by the exam pages like any other attempt. Passing it completes
 * the delta, which certifies the new version.
 */
import crypto from "node:crypto";
import { deltaVersionFor } from "~/lib/courses/courses.server";
import { prisma } from "~/lib/db.server";
import { submitAttempt } from "~/lib/exams/attempts.server";
import { drawQuestions, type PoolDraw } from "~/lib/exams/draw";
import { decideStart } from "~/lib/exams/policy";
import type { Question } from "~/lib/exams/question";

export type DeltaStart =
  | { ok: true; attemptId: string }
  | { ok: false; reason: "no-exam" | "limit" }
  | { ok: false; reason: "cooldown"; nextAttemptAt: Date };

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return e.code === "P2002" || e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

export async function startDeltaAttempt(userId: string, slug: string, number: number, now = new Date()): Promise<DeltaStart> {
  const versionId = await deltaVersionFor(userId, slug, number);
  const exam = await prisma.exam.findUnique({ where: { versionId }, select: { id: true, timeLimitMinutes: true, maxAttempts: true, cooldownMinutes: true, pools: true } });
  if (!exam) return { ok: false, reason: "no-exam" };
  for (let round = 0; round < 3; round++) {
    const attempts = await prisma.attempt.findMany({ where: { userId, examId: exam.id }, select: { id: true, number: true, state: true, deadline: true, submittedAt: true } });
    const decision = decideStart({ maxAttempts: exam.maxAttempts, cooldownMinutes: exam.cooldownMinutes }, attempts, now);
    switch (decision.kind) {
      case "resume":
        return { ok: true, attemptId: decision.attemptId };
      case "expired":
        await submitAttempt(userId, decision.attemptId, now);
        continue;
      case "limit":
        return { ok: false, reason: "limit" };
      case "cooldown":
        return { ok: false, reason: "cooldown", nextAttemptAt: decision.nextAttemptAt };
      case "start": {
        const bank = (await prisma.question.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { spec: true } })).map((q) => q.spec as unknown as Question);
        const seed = crypto.randomInt(0, 2 ** 31 - 1);
        const questions = drawQuestions(bank, exam.pools as PoolDraw[], seed);
        try {
          const attempt = await prisma.attempt.create({
            data: {
              userId, examId: exam.id, number: decision.number, seed, state: "in_progress", startedAt: now,
              deadline: new Date(now.getTime() + exam.timeLimitMinutes * 60_000), snapshot: questions as object[],
            },
            select: { id: true },
          });
          return { ok: true, attemptId: attempt.id };
        } catch (error) {
          // Another tab started this attempt number first: decide again.
          if (isUniqueViolation(error)) continue;
          throw error;
        }
      }
    }
  }
  throw new Error("could not start the delta exam");
}

import { issueCertificate } from "~/lib/certificates/certificates.server";
import { creditYear, isCourseComplete } from "~/lib/credits/completion-rule";
import { prisma } from "~/lib/db.server";
import { logger } from "~/lib/logger.server";
import { queueXapi, sendXapiSoon } from "~/lib/xapi/queue.server";

const MAX_TRIES = 3;

async function completionFacts(userId: string, versionId: string) {
  const [version, completedLessons, passedAttempt] = await Promise.all([
    prisma.courseVersion.findUnique({
      where: { id: versionId },
      select: {
        kind: true,
        credits: true,
        deltaCredits: true,
        lessons: { where: { required: true }, select: { id: true } },
        exam: { select: { id: true } },
      },
    }),
    prisma.lessonProgress.count({
      where: { userId, completedAt: { not: null }, lesson: { versionId, required: true } },
    }),
    prisma.attempt.findFirst({
      where: { userId, exam: { versionId }, state: "graded", passed: true, countsForCertificate: true },
      select: { id: true },
    }),
  ]);
  if (!version) return null;
  return {
    version,
    facts: {
      requiredLessons: version.lessons.length,
      completedRequiredLessons: completedLessons,
      hasExam: Boolean(version.exam),
      examPassed: Boolean(passedAttempt),
    },
  };
}

/**
 * Records the completion, its credit entry and its signed certificate in one
 * transaction, exactly once however often the last step is repeated: the unique index on
 * (user, version) makes a concurrent second attempt fail as a whole, and it then reads the first.
 */
export async function tryCompleteCourse(
  userId: string,
  versionId: string,
  now = new Date(),
): Promise<{ completed: boolean; completionId?: string }> {
  const existing = await prisma.completion.findUnique({
    where: { userId_versionId: { userId, versionId } },
    select: { id: true },
  });
  if (existing) return { completed: true, completionId: existing.id };
  const loaded = await completionFacts(userId, versionId);
  if (!loaded || !isCourseComplete(loaded.facts)) return { completed: false };
  const amount = loaded.version.kind === "delta" ? loaded.version.deltaCredits : loaded.version.credits;
  for (let attempt = 1; ; attempt++) {
    try {
      const completion = await prisma.$transaction(
        async (tx) => {
          const created = await tx.completion.create({
            data: { userId, versionId, completedAt: now },
            select: { id: true, userId: true, versionId: true, completedAt: true },
          });
          await tx.creditEntry.create({
            data: {
              userId,
              amount,
              year: creditYear(now),
              source: loaded.version.kind === "delta" ? "delta" : "completion",
              versionId,
              completionId: created.id,
              createdAt: now,
            },
            select: { id: true },
          });
          const certificate = await issueCertificate(tx, created);
          // The certified course (a what-changed update certifies its full version).
          const course = certificate.course;
          await queueXapi(
            [
              { kind: "course-completed", completionId: created.id, userId, at: now, course },
              { kind: "certificate-earned", code: certificate.code, userId, at: now, course },
            ],
            tx,
          );
          return created;
        },
        { timeout: 30_000, maxWait: 30_000 },
      );
      sendXapiSoon();
      return { completed: true, completionId: completion.id };
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") {
        logger.error({ err: error, userId, versionId }, "completion failed");
        throw error;
      }
      // Either another request completed this course first (then read its result), or a random
      // certificate code / status-list index collided (then draw again).
      const winner = await prisma.completion.findUnique({
        where: { userId_versionId: { userId, versionId } },
        select: { id: true },
      });
      if (winner) return { completed: true, completionId: winner.id };
      if (attempt >= MAX_TRIES) throw error;
    }
  }
}

export async function onLessonProgress(userId: string, versionId: string) {
  return tryCompleteCourse(userId, versionId);
}

export async function onExamPassed(userId: string, versionId: string) {
  return tryCompleteCourse(userId, versionId);
}

import { judgeQueuedEvents, type ProgressFacts, type QueuedProgressEvent } from "~/lib/courses/progress-sync";
import { onLessonProgress } from "~/lib/credits/completion.server";
import { prisma } from "~/lib/db.server";
import { lessonCompletedEvent, queueXapiAfter } from "~/lib/xapi/queue.server";

/**
 * Applies a device's queue of offline progress for the signed-in learner: judged in order by the
 * pure rules, then every applied event and its lesson progress written in one transaction (a
 * failure leaves nothing half-applied), then completions and credits recomputed.
 */
export async function syncQueuedProgress(userId: string, events: QueuedProgressEvent[], now = new Date()) {
  const lessonIds = [...new Set(events.map((event) => event.lessonId))];
  const [lessons, progress, applied] = await Promise.all([
    prisma.lesson.findMany({
      where: { id: { in: lessonIds } },
      select: {
        id: true,
        versionId: true,
        videoSrc: true,
        videoDurationSeconds: true,
        version: { select: { enrollments: { where: { userId }, select: { id: true } } } },
      },
    }),
    prisma.lessonProgress.findMany({
      where: { userId, lessonId: { in: lessonIds } },
      select: { lessonId: true, watchedSeconds: true, positionSeconds: true, completedAt: true },
    }),
    prisma.syncedProgressEvent.findMany({
      where: { id: { in: events.map((event) => event.id) } },
      select: { id: true, userId: true },
    }),
  ]);
  const { verdicts, changes } = judgeQueuedEvents(events, {
    userId,
    now,
    lessons: new Map(
      lessons.map((lesson) => [
        lesson.id,
        {
          versionId: lesson.versionId,
          videoDurationSeconds: lesson.videoSrc ? lesson.videoDurationSeconds : null,
          enrolled: lesson.version.enrollments.length > 0,
        },
      ]),
    ),
    progress: new Map(progress.map((row) => [row.lessonId, row])),
    appliedIds: new Map(applied.map((row) => [row.id, row.userId])),
  });
  const appliedIds = new Set(verdicts.filter((verdict) => verdict.outcome === "applied").map((verdict) => verdict.id));
  const appliedEvents = events.filter((event) => appliedIds.has(event.id));
  if (appliedEvents.length > 0)
    await prisma.$transaction([
      prisma.syncedProgressEvent.createMany({
        data: appliedEvents.map((event) => ({
          id: event.id,
          userId,
          lessonId: event.lessonId,
          kind: event.kind,
          deviceAt: new Date(event.at),
        })),
      }),
      ...[...changes].map(([lessonId, facts]: [string, ProgressFacts]) =>
        prisma.lessonProgress.upsert({
          where: { userId_lessonId: { userId, lessonId } },
          create: { userId, lessonId, ...facts },
          update: facts,
          select: { id: true },
        }),
      ),
    ]);
  // Statements for the lessons these events completed (after the transaction: it is a batch of
  // writes, and a sync is repeated until it succeeds; a copy of a sent statement is skipped).
  const progressBefore = new Map(progress.map((row) => [row.lessonId, row.completedAt]));
  const completedNow = [...changes].filter(([lessonId, facts]) => facts.completedAt && !progressBefore.get(lessonId));
  if (completedNow.length > 0)
    await queueXapiAfter(() =>
      Promise.all(
        completedNow.map(([lessonId, facts]) =>
          lessonCompletedEvent(prisma, userId, lessonId, facts.completedAt ?? now),
        ),
      ),
    );
  const versions = new Set(
    lessons.filter((lesson) => changes.get(lesson.id)?.completedAt).map((lesson) => lesson.versionId),
  );
  for (const versionId of versions) await onLessonProgress(userId, versionId);
  return verdicts;
}

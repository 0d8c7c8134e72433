import crypto from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importContentDirectory } from "~/lib/content/import.server";
import { enroll } from "~/lib/courses/courses.server";
import type { QueuedProgressEvent } from "~/lib/courses/progress-sync";
import { syncQueuedProgress } from "~/lib/courses/progress-sync.server";
import { prisma } from "~/lib/db.server";
import { createUser, deleteUsers } from "~/lib/fixtures/factories.server";

// The offline progress queue on a real database: idempotent, in order, nothing half-applied.

const SLUG = "ky-nang-so-cho-cong-dan";
const created: string[] = [];

beforeAll(async () => {
  const report = await importContentDirectory(path.resolve("content"));
  expect(report.ok).toBe(true);
});
afterAll(async () => deleteUsers(created));

async function enrolledLearner() {
  const user = await createUser({});
  created.push(user.id);
  await enroll(user.id, SLUG);
  const lessons = await prisma.lesson.findMany({
    where: { version: { enrollments: { some: { userId: user.id } } } },
    orderBy: { position: "asc" },
    select: { id: true, videoSrc: true, videoDurationSeconds: true },
  });
  return { user, lessons };
}

const done = (userId: string, lessonId: string, minutesAgo: number): QueuedProgressEvent => ({
  id: crypto.randomUUID(),
  kind: "lesson-done",
  userId,
  lessonId,
  at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
});

describe("syncQueuedProgress", () => {
  it("applies a queue once: the replay is a duplicate and changes nothing", async () => {
    const { user, lessons } = await enrolledLearner();
    const text = lessons.filter((lesson) => !lesson.videoSrc);
    const queue = [done(user.id, text[0].id, 20), done(user.id, text[1].id, 10)];
    expect((await syncQueuedProgress(user.id, queue)).map((verdict) => verdict.outcome)).toEqual([
      "applied",
      "applied",
    ]);
    const first = await prisma.lessonProgress.findMany({
      where: { userId: user.id, completedAt: { not: null } },
      orderBy: { lessonId: "asc" },
      select: { lessonId: true, completedAt: true },
    });
    expect(first).toHaveLength(2);
    expect(first.find((row) => row.lessonId === text[0].id)?.completedAt?.toISOString()).toBe(queue[0].at);

    expect((await syncQueuedProgress(user.id, queue)).map((verdict) => verdict.outcome)).toEqual([
      "duplicate",
      "duplicate",
    ]);
    expect(await prisma.syncedProgressEvent.count({ where: { userId: user.id } })).toBe(2);
  });

  it("refuses another learner's replayed id, a video not watched, and a version not enrolled, with reasons", async () => {
    const { user, lessons } = await enrolledLearner();
    const other = await enrolledLearner();
    const applied = done(user.id, lessons.find((lesson) => !lesson.videoSrc)!.id, 30);
    await syncQueuedProgress(user.id, [applied]);
    const video = lessons.find((lesson) => lesson.videoSrc)!;
    const otherCourse = await prisma.lesson.findFirstOrThrow({
      where: { version: { course: { slug: { not: SLUG } } } },
      select: { id: true },
    });
    const verdicts = await syncQueuedProgress(other.user.id, [
      { ...applied, userId: other.user.id },
      done(other.user.id, video.id, 20),
      done(other.user.id, otherCourse.id, 10),
      done(other.user.id, "no-such-lesson", 5),
    ]);
    expect(verdicts.map((verdict) => (verdict.outcome === "refused" ? verdict.reason : verdict.outcome))).toEqual([
      "id-taken",
      "video-not-watched",
      "not-enrolled",
      "unknown-lesson",
    ]);
    expect(await prisma.lessonProgress.count({ where: { userId: other.user.id } })).toBe(0);
    expect(await prisma.syncedProgressEvent.count({ where: { userId: other.user.id } })).toBe(0);
  });
});

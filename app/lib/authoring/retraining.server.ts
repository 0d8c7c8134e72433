/**
 * Starting the exam of a "what changed" delta. The course exam's start resolves the learner's
 * full version by slug; a delta's version is the one the learner is enrolled in for that update,
 * and its exam starts through the exams module like any other (same rules, same frozen snapshot),
 * then is taken, submitted and graded by the exam pages. Passing it completes the delta, which
 * certifies the new version.
 */
import { deltaVersionFor } from "~/lib/courses/courses.server";
import { startAttemptForVersion } from "~/lib/exams/attempts.server";

export type DeltaStart =
  | { ok: true; attemptId: string }
  | { ok: false; reason: "no-exam" | "limit" }
  | { ok: false; reason: "cooldown"; nextAttemptAt: Date };

export async function startDeltaAttempt(
  userId: string,
  slug: string,
  number: number,
  now = new Date(),
): Promise<DeltaStart> {
  const versionId = await deltaVersionFor(userId, slug, number);
  const started = await startAttemptForVersion(userId, versionId, now);
  if (started.ok) return { ok: true, attemptId: started.attemptId };
  switch (started.reason) {
    case "cooldown":
      return { ok: false, reason: "cooldown", nextAttemptAt: started.nextAttemptAt };
    case "limit":
    case "no-exam":
      return { ok: false, reason: started.reason };
    case "not-found":
    case "not-enrolled":
      throw new Response("Not found", { status: 404 });
  }
}

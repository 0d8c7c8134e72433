import type { z } from "zod";
import type { queuedProgressEventSchema } from "~/lib/courses/courses.schema";
import { VIDEO_COMPLETION_RATIO } from "~/lib/courses/progress";

// Pure rules for progress queued on a device while offline (no I/O); table-tested beside.
// The events are judged in the order the device recorded them; each is applied whole or refused
// with a reason, and the caller writes every applied change in one transaction.

export type QueuedProgressEvent = z.infer<typeof queuedProgressEventSchema>;

export type LessonFacts = { versionId: string; videoDurationSeconds: number | null; enrolled: boolean };
export type ProgressFacts = { watchedSeconds: number; positionSeconds: number; completedAt: Date | null };

export type SyncContext = {
  userId: string;
  now: Date;
  lessons: Map<string, LessonFacts>;
  progress: Map<string, ProgressFacts>;
  /** Event ids already applied, with the user they were applied for. */
  appliedIds: Map<string, string>;
};

export const REFUSAL_REASONS = [
  "id-taken",
  "wrong-user",
  "unknown-lesson",
  "not-enrolled",
  "future-time",
  "too-old",
  "out-of-order",
  "not-a-video",
  "bad-interval",
  "faster-than-real-time",
  "position-out-of-range",
  "video-not-watched",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type Verdict =
  { id: string; outcome: "applied" | "duplicate" } | { id: string; outcome: "refused"; reason: RefusalReason };

/** A device clock may run this far ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Events older than this are refused: the queue is for a journey without network, not a backlog. */
const MAX_AGE_MS = 30 * 24 * 3600_000;
/** Slack on the wall-clock time of a watched span (rounding, timer jitter). */
const WATCH_SLACK_SECONDS = 3;

export type SyncOutcome = {
  verdicts: Verdict[];
  /** The new progress of each lesson an applied event changed. */
  changes: Map<string, ProgressFacts>;
};

export function judgeQueuedEvents(events: QueuedProgressEvent[], context: SyncContext): SyncOutcome {
  const verdicts: Verdict[] = [];
  const changes = new Map<string, ProgressFacts>();
  const seen = new Set<string>();
  let lastAt = -Infinity;
  const refuse = (id: string, reason: RefusalReason) => verdicts.push({ id, outcome: "refused", reason });

  for (const event of events) {
    if (seen.has(event.id)) {
      verdicts.push({ id: event.id, outcome: "duplicate" });
      continue;
    }
    seen.add(event.id);
    const owner = context.appliedIds.get(event.id);
    if (owner !== undefined) {
      if (owner === context.userId) verdicts.push({ id: event.id, outcome: "duplicate" });
      else refuse(event.id, "id-taken");
      continue;
    }
    if (event.userId !== context.userId) {
      refuse(event.id, "wrong-user");
      continue;
    }
    const lesson = context.lessons.get(event.lessonId);
    if (!lesson) {
      refuse(event.id, "unknown-lesson");
      continue;
    }
    if (!lesson.enrolled) {
      refuse(event.id, "not-enrolled");
      continue;
    }
    const at = Date.parse(event.at);
    if (at > context.now.getTime() + CLOCK_SKEW_MS) {
      refuse(event.id, "future-time");
      continue;
    }
    if (at < context.now.getTime() - MAX_AGE_MS) {
      refuse(event.id, "too-old");
      continue;
    }
    if (at < lastAt) {
      refuse(event.id, "out-of-order");
      continue;
    }
    const current = changes.get(event.lessonId) ??
      context.progress.get(event.lessonId) ?? { watchedSeconds: 0, positionSeconds: 0, completedAt: null };
    const duration = lesson.videoDurationSeconds;

    if (event.kind === "video-watch") {
      if (!duration || duration <= 0) {
        refuse(event.id, "not-a-video");
        continue;
      }
      const from = Date.parse(event.fromAt);
      if (from > at) {
        refuse(event.id, "bad-interval");
        continue;
      }
      if (event.watchedDeltaSeconds > (at - from) / 1000 + WATCH_SLACK_SECONDS) {
        refuse(event.id, "faster-than-real-time");
        continue;
      }
      if (event.positionSeconds > duration + 1) {
        refuse(event.id, "position-out-of-range");
        continue;
      }
      const watchedSeconds = Math.min(duration, current.watchedSeconds + event.watchedDeltaSeconds);
      const reached = watchedSeconds >= duration * VIDEO_COMPLETION_RATIO;
      changes.set(event.lessonId, {
        watchedSeconds: Math.round(watchedSeconds * 10) / 10,
        positionSeconds: Math.round(Math.min(event.positionSeconds, duration) * 10) / 10,
        completedAt: current.completedAt ?? (reached ? new Date(at) : null),
      });
    } else {
      if (duration && !current.completedAt && current.watchedSeconds < duration * VIDEO_COMPLETION_RATIO) {
        refuse(event.id, "video-not-watched");
        continue;
      }
      // Completing twice keeps the first time.
      changes.set(event.lessonId, { ...current, completedAt: current.completedAt ?? new Date(at) });
    }
    lastAt = at;
    verdicts.push({ id: event.id, outcome: "applied" });
  }
  return { verdicts, changes };
}

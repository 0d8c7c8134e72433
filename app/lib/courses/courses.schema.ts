import { z } from "zod";

/** A position or a watched span in a video: a day at most, as a beacon or a queued event reports it. */
const videoSeconds = z
  .number()
  .finite()
  .min(0)
  .max(24 * 3600);

export const videoBeaconSchema = z.object({
  lessonId: z.string().min(1).max(64),
  positionSeconds: videoSeconds,
  watchedDeltaSeconds: videoSeconds,
});

/** A device may send at most this many queued progress events at once (it sends larger queues in parts). */
export const MAX_QUEUED_EVENTS = 200;

const queuedBase = {
  id: z.string().uuid(),
  userId: z.string().min(1).max(64),
  lessonId: z.string().min(1).max(64),
  at: z.string().datetime(),
};

/** Progress recorded on a device while offline (IndexedDB), sent later: POST /api/progress/sync. */
export const queuedProgressEventSchema = z.discriminatedUnion("kind", [
  z.object({ ...queuedBase, kind: z.literal("lesson-done") }),
  z.object({
    ...queuedBase,
    kind: z.literal("video-watch"),
    fromAt: z.string().datetime(),
    positionSeconds: videoSeconds,
    watchedDeltaSeconds: videoSeconds,
  }),
]);
export const progressSyncSchema = z.object({ events: z.array(queuedProgressEventSchema).max(MAX_QUEUED_EVENTS) });

import { describe, expect, it } from "vitest";
import {
  judgeQueuedEvents,
  type ProgressFacts,
  type QueuedProgressEvent,
  type SyncContext,
  type Verdict,
} from "./progress-sync";

const NOW = new Date("2026-12-02T08:00:00.000Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function context(overrides: Partial<SyncContext> = {}): SyncContext {
  return {
    userId: "u1",
    now: NOW,
    lessons: new Map([
      ["text", { versionId: "v1", videoDurationSeconds: null, enrolled: true }],
      ["video", { versionId: "v1", videoDurationSeconds: 100, enrolled: true }],
      ["other", { versionId: "v2", videoDurationSeconds: null, enrolled: false }],
    ]),
    progress: new Map(),
    appliedIds: new Map(),
    ...overrides,
  };
}

const done = (n: number, lessonId = "text", at = minutesAgo(10), userId = "u1"): QueuedProgressEvent => ({
  id: id(n),
  kind: "lesson-done",
  userId,
  lessonId,
  at,
});
const watch = (n: number, seconds: number, spanSeconds: number, endMinutesAgo = 10, position = seconds) => {
  const at = new Date(NOW.getTime() - endMinutesAgo * 60_000);
  return {
    id: id(n),
    kind: "video-watch",
    userId: "u1",
    lessonId: "video",
    fromAt: new Date(at.getTime() - spanSeconds * 1000).toISOString(),
    at: at.toISOString(),
    positionSeconds: position,
    watchedDeltaSeconds: seconds,
  } satisfies QueuedProgressEvent;
};

const applied = (n: number): Verdict => ({ id: id(n), outcome: "applied" });
const duplicate = (n: number): Verdict => ({ id: id(n), outcome: "duplicate" });
const refused = (n: number, reason: string) => ({ id: id(n), outcome: "refused", reason });

describe("judgeQueuedEvents", () => {
  it.each<[string, QueuedProgressEvent[], Partial<SyncContext>, unknown[]]>([
    ["a text lesson done", [done(1)], {}, [applied(1)]],
    ["the same id twice in one queue", [done(1), done(1)], {}, [applied(1), duplicate(1)]],
    ["a replay of an applied event", [done(1)], { appliedIds: new Map([[id(1), "u1"]]) }, [duplicate(1)]],
    ["an id another user's event has", [done(1)], { appliedIds: new Map([[id(1), "u2"]]) }, [refused(1, "id-taken")]],
    ["another user's queue on a shared device", [done(1, "text", minutesAgo(5), "u2")], {}, [refused(1, "wrong-user")]],
    ["an unknown lesson", [done(1, "nope")], {}, [refused(1, "unknown-lesson")]],
    ["a version the learner is not enrolled in", [done(1, "other")], {}, [refused(1, "not-enrolled")]],
    [
      "a time far in the device's future",
      [done(1, "text", new Date(NOW.getTime() + 3600_000).toISOString())],
      {},
      [refused(1, "future-time")],
    ],
    ["a clock a minute fast", [done(1, "text", new Date(NOW.getTime() + 60_000).toISOString())], {}, [applied(1)]],
    ["an event 31 days old", [done(1, "text", minutesAgo(31 * 24 * 60))], {}, [refused(1, "too-old")]],
    [
      "device time going backwards",
      [done(1, "text", minutesAgo(5)), done(2, "video", minutesAgo(9))],
      {},
      [applied(1), refused(2, "out-of-order")],
    ],
    ["a watch at real speed", [watch(1, 30, 30)], {}, [applied(1)]],
    ["a video watched faster than its duration", [watch(1, 95, 20)], {}, [refused(1, "faster-than-real-time")]],
    ["a span that ends before it starts", [watch(1, 0, -10)], {}, [refused(1, "bad-interval")]],
    ["a position past the end", [watch(1, 10, 10, 10, 150)], {}, [refused(1, "position-out-of-range")]],
    ["watch time on a text lesson", [{ ...watch(1, 10, 10), lessonId: "text" }], {}, [refused(1, "not-a-video")]],
    ["a video lesson done without watching", [done(1, "video")], {}, [refused(1, "video-not-watched")]],
    [
      "a video lesson done after watching 90 % in the queue",
      [watch(1, 50, 50, 20), watch(2, 45, 45, 15), done(3, "video", minutesAgo(14))],
      {},
      [applied(1), applied(2), applied(3)],
    ],
    [
      "a video already watched on the server, done offline",
      [done(1, "video")],
      {
        progress: new Map<string, ProgressFacts>([
          ["video", { watchedSeconds: 95, positionSeconds: 95, completedAt: null }],
        ]),
      },
      [applied(1)],
    ],
    // Boundaries (mutation testing): each limit is inclusive on the learner's side.
    [
      "a clock exactly 5 minutes fast",
      [done(1, "text", new Date(NOW.getTime() + 5 * 60_000).toISOString())],
      {},
      [applied(1)],
    ],
    ["an event exactly 30 days old", [done(1, "text", minutesAgo(30 * 24 * 60))], {}, [applied(1)]],
    ["an event 29 days old", [done(1, "text", minutesAgo(29 * 24 * 60))], {}, [applied(1)]],
    [
      "two events at the same device time",
      [done(1, "text", minutesAgo(5)), watch(2, 5, 5, 5)],
      {},
      [applied(1), applied(2)],
    ],
    ["a span of no time with nothing watched", [watch(1, 0, 0)], {}, [applied(1)]],
    ["watched time exactly the span plus the 3 s slack", [watch(1, 23, 20)], {}, [applied(1)]],
    ["a position exactly one second past the end", [watch(1, 10, 10, 10, 101)], {}, [applied(1)]],
    ["a position half a second past the end", [watch(1, 10, 10, 10, 100.5)], {}, [applied(1)]],
    [
      "a video lesson with a negative duration takes no watch time",
      [watch(1, 10, 10)],
      {
        lessons: new Map([["video", { versionId: "v1", videoDurationSeconds: -5, enrolled: true }]]),
      },
      [refused(1, "not-a-video")],
    ],
    // A duration of 0 is refused by `!duration` already, so `duration <= 0` and `duration < 0` agree (equivalent mutant).
    [
      "a video completed on the server earlier, done again offline with little watched",
      [done(1, "video")],
      {
        progress: new Map<string, ProgressFacts>([
          ["video", { watchedSeconds: 10, positionSeconds: 10, completedAt: new Date(minutesAgo(60)) }],
        ]),
      },
      [applied(1)],
    ],
    [
      "a video watched exactly 90 % on the server, done offline",
      [done(1, "video")],
      {
        progress: new Map<string, ProgressFacts>([
          ["video", { watchedSeconds: 90, positionSeconds: 90, completedAt: null }],
        ]),
      },
      [applied(1)],
    ],
    [
      "one refusal does not stop the rest",
      [done(1, "nope", minutesAgo(11)), done(2)],
      {},
      [refused(1, "unknown-lesson"), applied(2)],
    ],
  ])("%s", (_name, events, overrides, expected) => {
    expect(judgeQueuedEvents(events, context(overrides)).verdicts).toEqual(expected);
  });

  it.each<[string, QueuedProgressEvent[], Partial<SyncContext>, [string, ProgressFacts][]]>([
    [
      "a text lesson completes at the device's time",
      [done(1)],
      {},
      [["text", { watchedSeconds: 0, positionSeconds: 0, completedAt: new Date(minutesAgo(10)) }]],
    ],
    [
      "completing twice keeps the first time",
      [done(1)],
      {
        progress: new Map([["text", { watchedSeconds: 0, positionSeconds: 0, completedAt: new Date(minutesAgo(60)) }]]),
      },
      [["text", { watchedSeconds: 0, positionSeconds: 0, completedAt: new Date(minutesAgo(60)) }]],
    ],
    [
      "watched time adds up and caps at the duration, completing at 90 %",
      [watch(1, 60, 60, 20), watch(2, 60, 60, 15)],
      {},
      [["video", { watchedSeconds: 100, positionSeconds: 60, completedAt: new Date(minutesAgo(15)) }]],
    ],
    [
      "exactly 90 % watched completes the video",
      [watch(1, 90, 90, 20)],
      {},
      [["video", { watchedSeconds: 90, positionSeconds: 90, completedAt: new Date(minutesAgo(20)) }]],
    ],
    ["refused events change nothing", [watch(1, 95, 20), done(2, "other")], {}, []],
  ])("%s", (_name, events, overrides, expected) => {
    expect([...judgeQueuedEvents(events, context(overrides)).changes]).toEqual(expected);
  });
});

// Pure progress rules (no I/O); table-tested in progress.test.ts.

/** Share of a video that must really have been watched before the lesson counts as done. */
export const VIDEO_COMPLETION_RATIO = 0.9;
/** Slack allowed on top of wall-clock time between two heartbeats (network jitter, rounding). */
const HEARTBEAT_SLACK_SECONDS = 3;

export type VideoProgressState = { watchedSeconds: number; positionSeconds: number; lastReportAt: Date | null };
export type VideoReport = { positionSeconds: number; watchedDeltaSeconds: number; at: Date };

export type VideoProgressResult =
  | { ok: true; watchedSeconds: number; positionSeconds: number; completed: boolean }
  | { ok: false; reason: "position-out-of-range" | "negative-watch" | "not-a-video" };

/**
 * Applies one heartbeat. The watched time a client claims is capped by the wall-clock time
 * since its previous report, so seeking ahead (or a forged beacon) cannot count as watching.
 */
export function applyVideoReport(
  durationSeconds: number | null,
  state: VideoProgressState,
  report: VideoReport,
): VideoProgressResult {
  if (!durationSeconds || durationSeconds <= 0) return { ok: false, reason: "not-a-video" };
  const { positionSeconds, watchedDeltaSeconds } = report;
  if (!Number.isFinite(positionSeconds) || positionSeconds < 0 || positionSeconds > durationSeconds + 1) {
    return { ok: false, reason: "position-out-of-range" };
  }
  if (!Number.isFinite(watchedDeltaSeconds) || watchedDeltaSeconds < 0) return { ok: false, reason: "negative-watch" };
  const elapsed = state.lastReportAt ? Math.max(0, (report.at.getTime() - state.lastReportAt.getTime()) / 1000) : 0;
  // The first report of a lesson has no previous one to measure from: allow one heartbeat's worth.
  const allowance = state.lastReportAt ? elapsed + HEARTBEAT_SLACK_SECONDS : 15;
  const credited = Math.min(watchedDeltaSeconds, allowance);
  const watchedSeconds = Math.min(durationSeconds, state.watchedSeconds + credited);
  return {
    ok: true,
    watchedSeconds: Math.round(watchedSeconds * 10) / 10,
    positionSeconds: Math.round(Math.min(positionSeconds, durationSeconds) * 10) / 10,
    completed: watchedSeconds >= durationSeconds * VIDEO_COMPLETION_RATIO,
  };
}

/** Seconds of a video a learner without JavaScript must let pass before "I have watched it" counts. */
export function secondsRequiredWithoutScript(durationSeconds: number): number {
  return Math.ceil(durationSeconds * VIDEO_COMPLETION_RATIO);
}

/**
 * Without JavaScript no heartbeat reaches the server, so the honest bound is wall-clock time:
 * "I have watched it" counts once the server served the lesson page at least 90 % of the
 * video's duration ago. Returns the seconds still to wait (0 = may complete).
 */
export function secondsLeftWithoutScript(durationSeconds: number, servedAt: Date, now: Date): number {
  const elapsed = (now.getTime() - servedAt.getTime()) / 1000;
  if (elapsed < 0) return secondsRequiredWithoutScript(durationSeconds);
  return Math.max(0, Math.ceil(secondsRequiredWithoutScript(durationSeconds) - elapsed));
}

/** Course progress over required lessons, in whole percent. */
export function progressPercent(requiredLessons: number, completedRequired: number): number {
  if (requiredLessons <= 0) return 100;
  return Math.min(100, Math.floor((completedRequired / requiredLessons) * 100));
}

import { describe, expect, it } from "vitest";
import { applyVideoReport, progressPercent, secondsLeftWithoutScript, secondsRequiredWithoutScript } from "./progress";

const t0 = new Date("2026-11-24T08:00:00Z");
const after = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const fresh = { watchedSeconds: 0, positionSeconds: 0, lastReportAt: null };

describe("applyVideoReport", () => {
  it.each([
    [
      "normal 10 s heartbeat",
      { watchedSeconds: 10, positionSeconds: 10, lastReportAt: t0 },
      { positionSeconds: 20, watchedDeltaSeconds: 10, at: after(10) },
      { ok: true, watchedSeconds: 20, positionSeconds: 20, completed: false },
    ],
    [
      "seek ahead claims more than elapsed: capped",
      { watchedSeconds: 5, positionSeconds: 5, lastReportAt: t0 },
      { positionSeconds: 95, watchedDeltaSeconds: 90, at: after(4) },
      { ok: true, watchedSeconds: 12, positionSeconds: 95, completed: false },
    ],
    [
      "first report allows one heartbeat only",
      fresh,
      { positionSeconds: 100, watchedDeltaSeconds: 100, at: t0 },
      { ok: true, watchedSeconds: 15, positionSeconds: 100, completed: false },
    ],
    [
      "reaching 90 % completes",
      { watchedSeconds: 80, positionSeconds: 80, lastReportAt: t0 },
      { positionSeconds: 90, watchedDeltaSeconds: 10, at: after(10) },
      { ok: true, watchedSeconds: 90, positionSeconds: 90, completed: true },
    ],
    [
      "89.9 % does not complete",
      { watchedSeconds: 79.9, positionSeconds: 80, lastReportAt: t0 },
      { positionSeconds: 90, watchedDeltaSeconds: 10, at: after(10) },
      { ok: true, watchedSeconds: 89.9, positionSeconds: 90, completed: false },
    ],
    [
      "watched never exceeds the duration",
      { watchedSeconds: 99, positionSeconds: 99, lastReportAt: t0 },
      { positionSeconds: 100, watchedDeltaSeconds: 10, at: after(10) },
      { ok: true, watchedSeconds: 100, positionSeconds: 100, completed: true },
    ],
    [
      "pause report with no watching keeps the position",
      { watchedSeconds: 30, positionSeconds: 30, lastReportAt: t0 },
      { positionSeconds: 31, watchedDeltaSeconds: 0, at: after(300) },
      { ok: true, watchedSeconds: 30, positionSeconds: 31, completed: false },
    ],
  ])("%s", (_name, state, report, expected) => {
    expect(applyVideoReport(100, state, report)).toEqual(expected);
  });

  it.each([
    ["negative position", { positionSeconds: -1, watchedDeltaSeconds: 1 }, "position-out-of-range"],
    ["position past the end", { positionSeconds: 500, watchedDeltaSeconds: 1 }, "position-out-of-range"],
    ["NaN position", { positionSeconds: Number.NaN, watchedDeltaSeconds: 1 }, "position-out-of-range"],
    ["negative watch", { positionSeconds: 10, watchedDeltaSeconds: -5 }, "negative-watch"],
    ["infinite watch", { positionSeconds: 10, watchedDeltaSeconds: Number.POSITIVE_INFINITY }, "negative-watch"],
  ])("rejects %s", (_name, report, reason) => {
    expect(applyVideoReport(100, fresh, { ...report, at: t0 })).toEqual({ ok: false, reason });
  });

  it("rejects a lesson without a video", () => {
    expect(applyVideoReport(null, fresh, { positionSeconds: 1, watchedDeltaSeconds: 1, at: t0 })).toEqual({
      ok: false,
      reason: "not-a-video",
    });
  });
});

describe("progressPercent", () => {
  it.each([
    [5, 0, 0],
    [5, 1, 20],
    [3, 1, 33],
    [3, 2, 66],
    [3, 3, 100],
    [0, 0, 100],
    [4, 9, 100],
  ])("%d required, %d done → %d %%", (required, done, percent) => {
    expect(progressPercent(required, done)).toBe(percent);
  });
});

describe("secondsLeftWithoutScript", () => {
  it.each([
    ["just served: the whole 90 % is left", 30, 0, 27],
    ["half-way", 30, 13, 14],
    ["exactly 90 % of the duration", 30, 27, 0],
    ["long after", 30, 600, 0],
    ["a fraction of a second short still waits a second", 30, 26.5, 1],
    ["a clock that runs backwards gives no credit", 30, -100, 27],
    ["a 10-minute video", 600, 60, 480],
  ])("%s", (_label, duration, elapsedSeconds, expected) => {
    expect(secondsLeftWithoutScript(duration, t0, after(elapsedSeconds))).toBe(expected);
  });

  it.each([
    [30, 27],
    [31, 28],
    [1, 1],
  ])("a %i s video needs %i s", (duration, expected) => {
    expect(secondsRequiredWithoutScript(duration)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import {
  MAX_SUBMISSION_BYTES,
  OFFLINE_GRACE_MS,
  certificateCriteria,
  judgeTiming,
  offlineCountsForCertificate,
  offlineSubmissionSchema,
  refuseSubmission,
  type OfflineFlag,
  type PackageBody,
  type RefusalInput,
  type SubmissionRefusal,
  type TimingInput,
} from "./offline-attempt";

const ISSUED = Date.parse("2026-12-02T08:00:00.000Z");
const MIN = 60_000;

const body: PackageBody = {
  v: 1,
  id: "pkg1",
  userId: "u1",
  examId: "e1",
  slug: "course",
  examTitle: "Bài kiểm tra",
  courseTitle: "Khóa học",
  locale: "vi",
  issuedAt: ISSUED,
  expiresAt: ISSUED + 7 * 24 * 60 * MIN,
  timeLimitMinutes: 10,
  questionCount: 3,
  html: "<fieldset></fieldset>",
};

describe("refuseSubmission", () => {
  const base: RefusalInput = {
    bytes: 1000,
    parsedOk: true,
    signatureOk: true,
    body,
    userId: "u1",
    stored: { id: "pkg1", userId: "u1", state: "issued" },
  };
  const cases: [string, Partial<RefusalInput>, SubmissionRefusal | null][] = [
    ["a fresh package of its owner", {}, null],
    ["a payload over the limit", { bytes: MAX_SUBMISSION_BYTES + 1 }, "payload-too-large"],
    ["a payload at the limit", { bytes: MAX_SUBMISSION_BYTES }, null],
    [
      "an oversized payload that also does not parse",
      { bytes: MAX_SUBMISSION_BYTES + 1, parsedOk: false },
      "payload-too-large",
    ],
    ["a body that does not match the schema", { parsedOk: false }, "invalid"],
    ["a bad signature", { signatureOk: false }, "tampered"],
    ["signed text that is not a package", { body: null }, "tampered"],
    ["a bad signature naming an unknown package", { signatureOk: false, stored: null }, "tampered"],
    ["an id the server never issued", { stored: null }, "unknown-package"],
    ["a stored package under another id", { stored: { id: "pkg2", userId: "u1", state: "issued" } }, "unknown-package"],
    ["another learner's package", { userId: "u2" }, "forbidden"],
    [
      "another learner's package already handed in",
      { userId: "u2", stored: { id: "pkg1", userId: "u1", state: "submitted" } },
      "forbidden",
    ],
    ["a package signed for someone else", { body: { ...body, userId: "u2" } }, "forbidden"],
    ["a package handed in twice", { stored: { id: "pkg1", userId: "u1", state: "submitted" } }, "replay"],
  ];
  it.each(cases)("%s", (_name, overrides, expected) => {
    expect(refuseSubmission({ ...base, ...overrides })).toBe(expected);
  });
});

describe("judgeTiming", () => {
  // The device clock runs 3 minutes behind the server's: downloadedAt is ISSUED − 3 min.
  const downloadedAt = ISSUED - 3 * MIN;
  const device = {
    downloadedAt,
    startedAt: downloadedAt + 60 * MIN,
    endedAt: downloadedAt + 68 * MIN,
    elapsedMs: 8 * MIN,
  };
  const receivedAt = ISSUED + 90 * MIN;
  const cases: [string, Partial<TimingInput["device"]>, Partial<TimingInput>, OfflineFlag[]][] = [
    ["taken within the limit, clocks consistent", {}, {}, []],
    [
      "exactly the limit plus the grace",
      { endedAt: device.startedAt + 12 * MIN, elapsedMs: 10 * MIN + OFFLINE_GRACE_MS },
      {},
      [],
    ],
    [
      "one millisecond over the limit plus grace",
      { endedAt: device.startedAt + 13 * MIN, elapsedMs: 10 * MIN + OFFLINE_GRACE_MS + 1 },
      {},
      ["over-time"],
    ],
    ["opened before it was downloaded", { startedAt: downloadedAt - 1 }, {}, ["opened-before-download"]],
    ["opened the moment it was stored", { startedAt: downloadedAt, endedAt: downloadedAt + 8 * MIN }, {}, []],
    ["ended before it started", { endedAt: device.startedAt - MIN, elapsedMs: 0 }, {}, ["clock-backwards"]],
    ["more time spent than the wall clock passed", { elapsedMs: 9 * MIN }, {}, ["elapsed-exceeds-clock"]],
    [
      "wall clock longer than time spent (the tab was closed a while)",
      { endedAt: device.startedAt + 20 * MIN },
      {},
      [],
    ],
    [
      "a hand-in stamped after it arrived",
      { endedAt: downloadedAt + 100 * MIN, elapsedMs: 8 * MIN },
      {},
      ["device-clock-ahead"],
    ],
    ["handed in after the package expired", {}, { receivedAt: body.expiresAt + 1 }, ["package-expired"]],
    [
      "several at once",
      { startedAt: downloadedAt - 5 * MIN, endedAt: downloadedAt + 60 * MIN, elapsedMs: 65 * MIN },
      {},
      ["opened-before-download", "over-time"],
    ],
  ];
  it.each(cases)("%s", (_name, deviceOverrides, overrides, expected) => {
    expect(judgeTiming({ body, device: { ...device, ...deviceOverrides }, receivedAt, ...overrides })).toEqual(
      expected,
    );
  });
});

describe("certificates", () => {
  it.each([
    [false, [], false],
    [true, [], true],
    [true, ["over-time"] as OfflineFlag[], false],
    [false, ["over-time"] as OfflineFlag[], false],
  ])("exam allows %s, flags %j → counts %s", (allows, flags, expected) => {
    expect(offlineCountsForCertificate(allows, flags)).toBe(expected);
  });

  it("the criteria say when offline attempts counted", () => {
    expect(certificateCriteria(true)).toContain("ngoại tuyến");
    expect(certificateCriteria(false)).not.toContain("ngoại tuyến");
  });
});

describe("offlineSubmissionSchema", () => {
  const valid = {
    package: { body: "{}", kid: "k1", sig: "abc" },
    device: { downloadedAt: 1, startedAt: 2, endedAt: 3, elapsedMs: 1 },
    fields: [["q.a", "o1"]],
  };
  it.each([
    ["a complete hand-in", valid, true],
    ["an unknown top-level field", { ...valid, score: 100 }, false],
    ["a negative elapsed time", { ...valid, device: { ...valid.device, elapsedMs: -1 } }, false],
    ["a fractional time", { ...valid, device: { ...valid.device, startedAt: 2.5 } }, false],
    ["a field that is not a pair of strings", { ...valid, fields: [["q.a", 3]] }, false],
    ["no package", { device: valid.device, fields: [] }, false],
  ])("%s", (_name, value, ok) => {
    expect(offlineSubmissionSchema.safeParse(value).success).toBe(ok);
  });
});

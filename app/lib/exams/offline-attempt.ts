import { z } from "zod";

// Pure rules for offline practice attempts (no I/O); table-tested beside. A learner downloads a
// package (the drawn questions without keys, signed by the server), takes it with no network,
// and hands it in later. The server decides in two steps: whether the hand-in is refused
// outright (nothing is written), and, if not, which flags the trainer should see on the graded
// attempt. The device is not trusted: its clocks are only compared with each other and with
// what the server itself signed.

/** A package may be handed in this long after its download; later ones are graded but flagged. */
export const PACKAGE_VALID_MS = 7 * 24 * 3600_000;
/** Time allowed beyond the limit: the device's timer, a slow tap on "hand in", rounding. */
export const OFFLINE_GRACE_MS = 2 * 60_000;
/** The device's wall clock and its monotonic clock may disagree this much (sleep, timer jitter). */
const CLOCK_SLACK_MS = 5_000;
/** A device clock may run this far ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** A hand-in larger than this is refused before it is parsed. */
export const MAX_SUBMISSION_BYTES = 512 * 1024;

/** What the server signs: everything the device shows and the rules it is judged by. */
export const packageBodySchema = z
  .object({
    v: z.literal(1),
    id: z.string().min(1).max(64),
    userId: z.string().min(1).max(64),
    examId: z.string().min(1).max(64),
    slug: z.string().min(1).max(200),
    examTitle: z.string().max(400),
    courseTitle: z.string().max(400),
    locale: z.enum(["vi", "en"]),
    issuedAt: z.number().int().nonnegative(),
    expiresAt: z.number().int().nonnegative(),
    timeLimitMinutes: z.number().int().positive(),
    questionCount: z.number().int().nonnegative(),
    /** The questions' form markup, rendered by the server without keys. */
    html: z.string(),
  })
  .strict();
export type PackageBody = z.infer<typeof packageBodySchema>;

/** A package as downloaded: the exact signed text and its signature (base64url, Ed25519). */
export const signedPackageSchema = z
  .object({
    body: z.string().min(1).max(MAX_SUBMISSION_BYTES),
    kid: z.string().min(1).max(200),
    sig: z.string().min(1).max(200),
  })
  .strict();
export type SignedPackage = z.infer<typeof signedPackageSchema>;

/** What the device hands in: the package back, its own times, and the form's fields. */
export const offlineSubmissionSchema = z
  .object({
    package: signedPackageSchema,
    device: z
      .object({
        /** Device wall clock (ms) when the package was stored, opened and handed in. */
        downloadedAt: z.number().int().nonnegative(),
        startedAt: z.number().int().nonnegative(),
        endedAt: z.number().int().nonnegative(),
        /** Time spent in the package: sums of performance.now() differences, across reloads. */
        elapsedMs: z.number().int().nonnegative(),
      })
      .strict(),
    fields: z.array(z.tuple([z.string().max(300), z.string().max(1000)])).max(2000),
  })
  .strict();
export type OfflineSubmission = z.infer<typeof offlineSubmissionSchema>;

export const SUBMISSION_REFUSALS = [
  "payload-too-large",
  "invalid",
  "tampered",
  "unknown-package",
  "forbidden",
  "replay",
] as const;
export type SubmissionRefusal = (typeof SUBMISSION_REFUSALS)[number];

export const REFUSAL_STATUS: Record<SubmissionRefusal, 400 | 403 | 404 | 409 | 413 | 422> = {
  "payload-too-large": 413,
  invalid: 422,
  tampered: 400,
  "unknown-package": 404,
  forbidden: 403,
  replay: 409,
};

/** What the server knows about the package a hand-in names (null: no such package). */
export type StoredPackage = { id: string; userId: string; state: "issued" | "submitted" } | null;

export type RefusalInput = {
  bytes: number;
  /** The submission parsed, or null when it did not match the schema. */
  parsedOk: boolean;
  /** The signature over the body verified with the server's key named by kid. */
  signatureOk: boolean;
  /** The body parsed (signed text that is not a package is tampering too). */
  body: PackageBody | null;
  userId: string;
  stored: StoredPackage;
};

/**
 * Whether a hand-in is refused whole, and why. Order matters: size before parsing, the signature
 * before trusting any field of the body, and ownership before revealing the package's state.
 */
export function refuseSubmission(input: RefusalInput): SubmissionRefusal | null {
  if (input.bytes > MAX_SUBMISSION_BYTES) return "payload-too-large";
  if (!input.parsedOk) return "invalid";
  if (!input.signatureOk || !input.body) return "tampered";
  if (!input.stored || input.stored.id !== input.body.id) return "unknown-package";
  if (input.stored.userId !== input.userId || input.body.userId !== input.userId) return "forbidden";
  if (input.stored.state !== "issued") return "replay";
  return null;
}

export const OFFLINE_FLAGS = [
  "opened-before-download",
  "clock-backwards",
  "over-time",
  "elapsed-exceeds-clock",
  "device-clock-ahead",
  "package-expired",
] as const;
export type OfflineFlag = (typeof OFFLINE_FLAGS)[number];
export const offlineFlagsSchema = z.array(z.enum(OFFLINE_FLAGS));

export type TimingInput = {
  body: Pick<PackageBody, "issuedAt" | "expiresAt" | "timeLimitMinutes">;
  device: OfflineSubmission["device"];
  /** Server time the hand-in arrived. */
  receivedAt: number;
};

/**
 * The flags of an accepted hand-in (empty: it is accepted as taken). The device's clock may be
 * off, so its times are compared with each other, and with the server's only through the offset
 * measured at download (server issuedAt against the device's downloadedAt, the same moment).
 */
export function judgeTiming({ body, device, receivedAt }: TimingInput): OfflineFlag[] {
  const flags: OfflineFlag[] = [];
  if (device.startedAt < device.downloadedAt) flags.push("opened-before-download");
  if (device.endedAt < device.startedAt) flags.push("clock-backwards");
  if (device.elapsedMs > body.timeLimitMinutes * 60_000 + OFFLINE_GRACE_MS) flags.push("over-time");
  // The monotonic time spent cannot exceed the wall-clock span it happened in, unless the clock was set back.
  if (device.endedAt >= device.startedAt && device.elapsedMs > device.endedAt - device.startedAt + CLOCK_SLACK_MS)
    flags.push("elapsed-exceeds-clock");
  const offset = body.issuedAt - device.downloadedAt;
  if (device.endedAt + offset > receivedAt + CLOCK_SKEW_MS) flags.push("device-clock-ahead");
  if (receivedAt > body.expiresAt) flags.push("package-expired");
  return flags;
}

/** Whether an offline attempt counts for the certificate: the trainer allowed it, and nothing was flagged. */
export function offlineCountsForCertificate(examAllows: boolean, flags: readonly OfflineFlag[]): boolean {
  return examAllows && flags.length === 0;
}

/** The certificate's criteria, which say when offline practice attempts counted. */
export function certificateCriteria(offlineCounts: boolean): string {
  return offlineCounts
    ? "Hoàn thành mọi bài học bắt buộc và đạt bài kiểm tra cuối khóa trên HọcSố (bài làm ngoại tuyến được chấp nhận cũng được tính)."
    : "Hoàn thành mọi bài học bắt buộc và đạt bài kiểm tra cuối khóa trên HọcSố.";
}

/** The download form: which course's exam. */
export const offlinePackageRequestSchema = z.object({ slug: z.string().trim().min(1).max(200) });

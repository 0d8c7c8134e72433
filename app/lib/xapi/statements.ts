import crypto from "node:crypto";

// xAPI 1.0.3 statements for the platform's learning events, built without I/O: the queue
// (queue.server.ts) stores what these return and the sender posts it unchanged. README, "xAPI",
// lists what is sent and why each verb and activity type was chosen.

export type LanguageMap = { "vi-VN": string; "en-US": string };

type Activity = {
  objectType: "Activity";
  id: string;
  definition: { type?: string; name: LanguageMap; extensions?: Record<string, string | number> };
};

export type XapiActor =
  { objectType: "Agent"; account: { homePage: string; name: string } } | { objectType: "Agent"; mbox: string };

export type XapiStatement = {
  id: string;
  actor: XapiActor;
  verb: { id: string; display: LanguageMap };
  object: Activity;
  result?: {
    score?: { scaled: number; raw: number; min: number; max: number };
    success?: boolean;
    completion?: boolean;
    duration?: string;
  };
  context: {
    platform: string;
    language: string;
    contextActivities?: { parent: Activity[] };
    extensions?: Record<string, string | number>;
  };
  timestamp: string;
};

export type CourseRef = { slug: string; versionNumber: number; titleVi: string; titleEn: string };
type Titled = { titleVi: string; titleEn: string };

/** A learning event as the domains report it; `at` is when it happened. */
export type XapiEvent =
  | { kind: "enrolled"; enrollmentId: string; userId: string; at: Date; course: CourseRef }
  | {
      kind: "lesson-completed";
      userId: string;
      lessonId: string;
      at: Date;
      course: CourseRef;
      lesson: Titled & { key: string };
    }
  | {
      kind: "exam-started";
      attemptId: string;
      attemptNumber: number;
      userId: string;
      at: Date;
      course: CourseRef;
      exam: Titled;
    }
  | {
      kind: "exam-graded";
      attemptId: string;
      attemptNumber: number;
      userId: string;
      at: Date;
      startedAt: Date;
      course: CourseRef;
      exam: Titled;
      earned: number;
      max: number;
      passed: boolean;
    }
  | { kind: "course-completed"; completionId: string; userId: string; at: Date; course: CourseRef }
  | { kind: "certificate-earned"; code: string; userId: string; at: Date; course: CourseRef };

/** ADL verbs where one fits; `earned` is not in the ADL vocabulary, so the xAPI registry's. */
export const VERBS = {
  registered: {
    id: "http://adlnet.gov/expapi/verbs/registered",
    display: { "vi-VN": "đã ghi danh", "en-US": "registered" },
  },
  completed: {
    id: "http://adlnet.gov/expapi/verbs/completed",
    display: { "vi-VN": "đã hoàn thành", "en-US": "completed" },
  },
  attempted: {
    id: "http://adlnet.gov/expapi/verbs/attempted",
    display: { "vi-VN": "đã bắt đầu làm bài", "en-US": "attempted" },
  },
  passed: { id: "http://adlnet.gov/expapi/verbs/passed", display: { "vi-VN": "đã đạt", "en-US": "passed" } },
  failed: { id: "http://adlnet.gov/expapi/verbs/failed", display: { "vi-VN": "chưa đạt", "en-US": "failed" } },
  earned: { id: "http://id.tincanapi.com/verb/earned", display: { "vi-VN": "đã được cấp", "en-US": "earned" } },
} as const satisfies Record<string, XapiStatement["verb"]>;

export const ACTIVITY_TYPES = {
  course: "http://adlnet.gov/expapi/activities/course",
  lesson: "http://adlnet.gov/expapi/activities/lesson",
  assessment: "http://adlnet.gov/expapi/activities/assessment",
  certificate: "http://id.tincanapi.com/activitytype/certificate",
} as const;

// Fixed forever: statement ids are UUID v5 names in this namespace, so the same event always
// gets the same id and an LRS can refuse a second copy (xAPI 1.0.3, part 2, 2.4.1).
const STATEMENT_NAMESPACE = "3f0d4f5e-6c1a-4b8e-9a0e-5b7c2d9e1f40";

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidV5(name: string, namespace: string): string {
  const bytes = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (bytes.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const hash = crypto.createHash("sha1").update(bytes).update(name, "utf8").digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What makes an event the same event: one statement per enrolment, lesson per learner, attempt, … */
export function eventKey(event: XapiEvent): string {
  switch (event.kind) {
    case "enrolled":
      return `enrolled:${event.enrollmentId}`;
    case "lesson-completed":
      return `lesson-completed:${event.userId}:${event.lessonId}`;
    case "exam-started":
      return `exam-started:${event.attemptId}`;
    case "exam-graded":
      return `exam-graded:${event.attemptId}`;
    case "course-completed":
      return `course-completed:${event.completionId}`;
    case "certificate-earned":
      return `certificate-earned:${event.code}`;
  }
}

/** The statement id of an event on a deployment (two deployments never share ids). */
export function statementId(publicUrl: string, event: XapiEvent): string {
  return uuidV5(`${publicUrl}|${eventKey(event)}`, STATEMENT_NAMESPACE);
}

/** ISO 8601 duration with centisecond precision, the precision xAPI keeps: PT1H2M3.45S. */
export function isoDuration(milliseconds: number): string {
  const centiseconds = Math.max(0, Math.round(milliseconds / 10));
  const hours = Math.floor(centiseconds / 360_000);
  const minutes = Math.floor((centiseconds % 360_000) / 6_000);
  const seconds = (centiseconds % 6_000) / 100;
  const parts = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds ? `${seconds}S` : ""}`;
  return `PT${parts || "0S"}`;
}

export type BuildOptions = {
  /** PUBLIC_URL without a trailing slash: the actor's homePage and the root of every activity id. */
  publicUrl: string;
  /** Set only when XAPI_ACTOR_MBOX=1: the learner is then identified by e-mail. */
  actorEmail?: string | null;
};

function actorOf(userId: string, options: BuildOptions): XapiActor {
  if (options.actorEmail) return { objectType: "Agent", mbox: `mailto:${options.actorEmail.toLowerCase()}` };
  return { objectType: "Agent", account: { homePage: options.publicUrl, name: userId } };
}

const names = (item: Titled): LanguageMap => ({ "vi-VN": item.titleVi, "en-US": item.titleEn });

function courseActivity(publicUrl: string, course: CourseRef): Activity {
  return {
    objectType: "Activity",
    id: `${publicUrl}/courses/${encodeURIComponent(course.slug)}`,
    definition: { type: ACTIVITY_TYPES.course, name: names(course) },
  };
}

function examActivity(publicUrl: string, course: CourseRef, exam: Titled): Activity {
  return {
    objectType: "Activity",
    id: `${publicUrl}/courses/${encodeURIComponent(course.slug)}/exam`,
    definition: { type: ACTIVITY_TYPES.assessment, name: names(exam) },
  };
}

/** Score with scaled in [0, 1]; an exam without points scores 0 of 0. */
function scoreOf(earned: number, max: number) {
  const top = Math.max(0, max);
  const raw = Math.min(Math.max(0, earned), top);
  return { scaled: top > 0 ? Math.round((raw / top) * 10_000) / 10_000 : 0, raw, min: 0, max: top };
}

/** The statement for an event. Pure: same event and options, same statement (id included). */
export function buildStatement(event: XapiEvent, options: BuildOptions): XapiStatement {
  const { publicUrl } = options;
  const course = courseActivity(publicUrl, event.course);
  const extensionsBase = `${publicUrl}/xapi/extensions`;
  const base = {
    id: statementId(publicUrl, event),
    actor: actorOf(event.userId, options),
    timestamp: event.at.toISOString(),
  };
  const context = (parent: boolean, extensions: Record<string, string | number> = {}) => ({
    platform: "HọcSố",
    language: "vi-VN",
    ...(parent ? { contextActivities: { parent: [course] } } : {}),
    extensions: { [`${extensionsBase}/course-version`]: event.course.versionNumber, ...extensions },
  });
  switch (event.kind) {
    case "enrolled":
      return { ...base, verb: VERBS.registered, object: course, context: context(false) };
    case "lesson-completed":
      return {
        ...base,
        verb: VERBS.completed,
        object: {
          objectType: "Activity",
          id: `${course.id}/lessons/${encodeURIComponent(event.lesson.key)}`,
          definition: { type: ACTIVITY_TYPES.lesson, name: names(event.lesson) },
        },
        result: { completion: true },
        context: context(true),
      };
    case "exam-started":
      return {
        ...base,
        verb: VERBS.attempted,
        object: examActivity(publicUrl, event.course, event.exam),
        context: context(true, { [`${extensionsBase}/attempt-number`]: event.attemptNumber }),
      };
    case "exam-graded":
      return {
        ...base,
        verb: event.passed ? VERBS.passed : VERBS.failed,
        object: examActivity(publicUrl, event.course, event.exam),
        result: {
          score: scoreOf(event.earned, event.max),
          success: event.passed,
          completion: true,
          duration: isoDuration(event.at.getTime() - event.startedAt.getTime()),
        },
        context: context(true, { [`${extensionsBase}/attempt-number`]: event.attemptNumber }),
      };
    case "course-completed":
      return { ...base, verb: VERBS.completed, object: course, result: { completion: true }, context: context(false) };
    case "certificate-earned":
      return {
        ...base,
        verb: VERBS.earned,
        object: {
          objectType: "Activity",
          id: `${publicUrl}/verify/${encodeURIComponent(event.code)}`,
          definition: {
            type: ACTIVITY_TYPES.certificate,
            name: {
              "vi-VN": `Chứng nhận: ${event.course.titleVi}`,
              "en-US": `Certificate: ${event.course.titleEn}`,
            },
          },
        },
        context: context(true),
      };
  }
}

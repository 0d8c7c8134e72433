import validateStatement from "@learninglocker/xapi-validation";
import { describe, expect, it } from "vitest";
import {
  buildStatement,
  isoDuration,
  statementId,
  uuidV5,
  VERBS,
  type CourseRef,
  type XapiEvent,
} from "~/lib/xapi/statements";

const PUBLIC_URL = "https://hocso.example.gov.vn";
const course: CourseRef = {
  slug: "an-toan-thong-tin",
  versionNumber: 3,
  titleVi: "An toàn thông tin cơ bản",
  titleEn: "Information security basics",
};
const exam = { titleVi: "Bài kiểm tra cuối khóa", titleEn: "Final exam" };
const at = new Date("2026-03-04T05:06:07.089Z");
const userId = "cm1user0000000000000000";

const EVENTS: [string, XapiEvent, string, string][] = [
  [
    "enrolment",
    { kind: "enrolled", enrollmentId: "enr1", userId, at, course },
    VERBS.registered.id,
    `${PUBLIC_URL}/courses/an-toan-thong-tin`,
  ],
  [
    "lesson completion",
    {
      kind: "lesson-completed",
      userId,
      lessonId: "les1",
      at,
      course,
      lesson: { key: "mat-khau", titleVi: "Mật khẩu mạnh", titleEn: "Strong passwords" },
    },
    VERBS.completed.id,
    `${PUBLIC_URL}/courses/an-toan-thong-tin/lessons/mat-khau`,
  ],
  [
    "exam attempt start",
    { kind: "exam-started", attemptId: "att1", attemptNumber: 1, userId, at, course, exam },
    VERBS.attempted.id,
    `${PUBLIC_URL}/courses/an-toan-thong-tin/exam`,
  ],
  [
    "passed submission",
    {
      kind: "exam-graded",
      attemptId: "att1",
      attemptNumber: 1,
      userId,
      at,
      startedAt: new Date(at.getTime() - 754_321),
      course,
      exam,
      earned: 8,
      max: 10,
      passed: true,
    },
    VERBS.passed.id,
    `${PUBLIC_URL}/courses/an-toan-thong-tin/exam`,
  ],
  [
    "failed submission",
    {
      kind: "exam-graded",
      attemptId: "att2",
      attemptNumber: 2,
      userId,
      at,
      startedAt: at,
      course,
      exam,
      earned: 3,
      max: 10,
      passed: false,
    },
    VERBS.failed.id,
    `${PUBLIC_URL}/courses/an-toan-thong-tin/exam`,
  ],
  [
    "course completion",
    { kind: "course-completed", completionId: "cpl1", userId, at, course },
    VERBS.completed.id,
    `${PUBLIC_URL}/courses/an-toan-thong-tin`,
  ],
  [
    "certificate issue",
    { kind: "certificate-earned", code: "HS-ABCD-EFGH", userId, at, course },
    VERBS.earned.id,
    `${PUBLIC_URL}/verify/HS-ABCD-EFGH`,
  ],
];

describe("buildStatement", () => {
  it.each(EVENTS)("%s: a valid xAPI 1.0.3 statement (Learning Locker's validator)", (_name, event, verb, object) => {
    const statement = buildStatement(event, { publicUrl: PUBLIC_URL });
    expect(validateStatement(JSON.parse(JSON.stringify(statement)))).toEqual([]);
    expect(statement.verb.id).toBe(verb);
    expect(statement.object.id).toBe(object);
    expect(statement.actor).toEqual({ objectType: "Agent", account: { homePage: PUBLIC_URL, name: userId } });
    expect(statement.timestamp).toBe("2026-03-04T05:06:07.089Z");
    expect(statement.id).toBe(statementId(PUBLIC_URL, event));
    expect(statement.object.definition.name["vi-VN"]).toMatch(
      /[ạảãàáâậầấẩẫăắằặẳẵóòọõỏôộổỗồốơờớợởỡéèẻẹẽêếềệểễúùụủũưựữửừứíìịỉĩýỳỷỵỹđ]/i,
    );
    expect(statement.object.definition.name["en-US"]).not.toBe("");
    expect(statement).not.toHaveProperty("version");
  });

  it("never puts an e-mail address in a statement unless told to", () => {
    const [, event] = EVENTS[0];
    expect(JSON.stringify(buildStatement(event, { publicUrl: PUBLIC_URL }))).not.toContain("mailto:");
    const withMbox = buildStatement(event, { publicUrl: PUBLIC_URL, actorEmail: "An.Nguyen@Example.gov.vn" });
    expect(withMbox.actor).toEqual({ objectType: "Agent", mbox: "mailto:an.nguyen@example.gov.vn" });
    expect(validateStatement(JSON.parse(JSON.stringify(withMbox)))).toEqual([]);
  });

  it("scores a submission with scaled, raw, min, max, success and its duration", () => {
    const statement = buildStatement(EVENTS[3][1], { publicUrl: PUBLIC_URL });
    expect(statement.result).toEqual({
      score: { scaled: 0.8, raw: 8, min: 0, max: 10 },
      success: true,
      completion: true,
      duration: "PT12M34.32S",
    });
    expect(statement.context.contextActivities?.parent[0].id).toBe(`${PUBLIC_URL}/courses/an-toan-thong-tin`);
  });

  it.each([
    [0, 0, { scaled: 0, raw: 0, min: 0, max: 0 }],
    [12, 10, { scaled: 1, raw: 10, min: 0, max: 10 }],
    [1, 3, { scaled: 0.3333, raw: 1, min: 0, max: 3 }],
  ])("keeps the score inside its bounds: %d of %d", (earned, max, score) => {
    const [, event] = EVENTS[3];
    const statement = buildStatement({ ...event, earned, max } as XapiEvent, { publicUrl: PUBLIC_URL });
    expect(statement.result?.score).toEqual(score);
    expect(validateStatement(JSON.parse(JSON.stringify(statement)))).toEqual([]);
  });

  it("gives the same event the same id, and different events or deployments different ids", () => {
    const ids = EVENTS.map(([, event]) => statementId(PUBLIC_URL, event));
    expect(new Set(ids).size).toBe(ids.length);
    expect(statementId(PUBLIC_URL, EVENTS[0][1])).toBe(statementId(PUBLIC_URL, { ...EVENTS[0][1] }));
    expect(statementId("https://other.example.vn", EVENTS[0][1])).not.toBe(ids[0]);
  });
});

describe("uuidV5", () => {
  it.each([
    // RFC 4122 appendix / Python's uuid.uuid5(NAMESPACE_DNS, "www.example.com")
    ["www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "2ed6657d-e927-568b-95e1-2665a8aea6a2"],
    ["python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "886313e1-3b8a-5372-9b90-0c9aee199e5d"],
  ])("%s in %s → %s", (name, namespace, expected) => {
    expect(uuidV5(name, namespace)).toBe(expected);
  });
});

describe("isoDuration", () => {
  it.each([
    [0, "PT0S"],
    [-5, "PT0S"],
    [1_000, "PT1S"],
    [61_500, "PT1M1.5S"],
    [3_600_000, "PT1H"],
    [3_723_456, "PT1H2M3.46S"],
  ])("%d ms → %s", (ms, text) => {
    expect(isoDuration(ms)).toBe(text);
  });
});

import { describe, expect, it } from "vitest";
import {
  addStatus,
  emptyNumbers,
  finish,
  mergeRules,
  newcomersSince,
  ruleFor,
  statusFor,
  tallyGroup,
  type ReachingAssignment,
  type Rule,
} from "~/lib/organizations/compliance-math";

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
// "Now" is day 40 throughout. Each assignment was made on day 10 with 30 days of grace for newcomers.
const NOW = day(40);
const made = { createdAt: day(10), graceDays: 30 };
const assignments: ReachingAssignment[] = [
  { courseId: "os", path: "/m/p1/", jobRole: null, required: 1, past: false, dueAt: day(50), ...made },
  { courseId: "os", path: "/m/", jobRole: "chuyên viên", required: 2, past: true, dueAt: day(20), ...made },
  { courseId: "at", path: "/m/p2/", jobRole: "cán bộ một cửa", required: 1, past: false, dueAt: day(45), ...made },
];

describe("ruleFor", () => {
  it.each([
    ["/m/p1/c1/", "os", "cán bộ một cửa", { required: 1, past: false }],
    ["/m/p1/c1/", "os", "chuyên viên", { required: 2, past: true }],
    ["/m/p2/c3/", "os", "chuyên viên", { required: 2, past: true }],
    ["/m/p2/c3/", "os", "cán bộ một cửa", null],
    ["/m/p2/", "at", "cán bộ một cửa", { required: 1, past: false }],
    ["/m/p1/", "at", "cán bộ một cửa", null],
    ["/x/", "os", "chuyên viên", null],
  ])("%s, %s, %s → %j", (path, course, role, rule) => {
    expect(ruleFor(assignments, path, course, role)).toEqual(rule);
  });

  it.each([
    ["a member since before the assignment", day(1), NOW, { required: 2, past: true }],
    ["a newcomer within their 30 days", day(25), NOW, { required: 2, past: false }],
    ["a newcomer on the last day of their 30", day(25), day(54), { required: 2, past: false }],
    ["a newcomer after their 30 days", day(25), day(56), { required: 2, past: true }],
  ])("for %s the due date is their own", (_, joinedAt, now, rule) => {
    expect(ruleFor(assignments, "/m/p1/c1/", "os", "chuyên viên", { joinedAt, now })).toEqual(rule);
  });

  it("counts one by one everyone who joined within the longest grace period", () => {
    expect(newcomersSince(assignments, NOW)).toEqual(day(10));
    expect(newcomersSince([{ ...assignments[0], graceDays: 0 }], NOW)).toEqual(NOW);
    expect(newcomersSince([], NOW)).toEqual(NOW);
  });

  it("merges the rules of several memberships", () => {
    expect(
      mergeRules([null, { required: 1, past: false }, { required: 3, past: false }, { required: 2, past: true }]),
    ).toEqual({ required: 3, past: true });
    expect(mergeRules([null, null])).toBeNull();
  });
});

describe("statusFor", () => {
  const open: Rule = { required: 2, past: false };
  const late: Rule = { required: 2, past: true };
  it.each([
    [open, { certified: 2, started: true }, "completed"],
    [late, { certified: 3, started: false }, "completed"],
    [open, { certified: 1, started: true }, "inProgress"],
    [late, { certified: 1, started: true }, "overdue"],
    [open, { certified: null, started: false }, "notStarted"],
    [late, { certified: null, started: false }, "overdue"],
  ] as const)("%j with %j → %s", (rule, facts, status) => {
    expect(statusFor(rule, facts)).toBe(status);
  });
});

describe("tallyGroup", () => {
  it("counts every member once per assigned course; members without facts have not started", () => {
    const target = emptyNumbers();
    const rules = new Map<string, Rule | null>([
      ["os", { required: 1, past: false }],
      ["at", { required: 1, past: true }],
      ["other", null],
    ]);
    tallyGroup(target, rules, 10, [
      { courseId: "os", certified: 1, started: true, count: 3 },
      { courseId: "os", certified: null, started: true, count: 2 },
      { courseId: "at", certified: 1, started: false, count: 1 },
      { courseId: "at", certified: null, started: true, count: 4 },
      { courseId: "other", certified: 1, started: true, count: 7 },
    ]);
    expect(finish(target)).toMatchObject({
      assigned: 20,
      completed: 4,
      inProgress: 2,
      notStarted: 5,
      overdue: 9,
      rate: 20,
    });
  });

  it("adds single statuses", () => {
    const target = emptyNumbers();
    addStatus(target, "overdue");
    addStatus(target, "completed", 2);
    expect(finish(target)).toMatchObject({ assigned: 3, completed: 2, overdue: 1, rate: 66.7 });
  });
});

// Rows found by mutation testing (`npm run test:mutation`). Left alive: tallyGroup's
// `{ certified: null, started: false }` → `{}` (undefined facts read exactly like null/false).
describe("merging and rounding (mutation rows)", () => {
  it.each<[string, (Rule | null)[], Rule | null]>([
    [
      "two rules not yet due stay not due",
      [
        { required: 1, past: false },
        { required: 2, past: false },
      ],
      { required: 2, past: false },
    ],
    ["a rule followed by no rule", [{ required: 2, past: true }, null], { required: 2, past: true }],
    [
      "no rule between two rules",
      [{ required: 1, past: false }, null, { required: 1, past: false }],
      { required: 1, past: false },
    ],
    [
      "one overdue rule makes the merge overdue",
      [
        { required: 1, past: false },
        { required: 1, past: true },
      ],
      { required: 1, past: true },
    ],
  ])("mergeRules: %s", (_label, rules, expected) => {
    expect(mergeRules(rules)).toEqual(expected);
  });

  it("a person under two rules that are both not yet due is in progress, not overdue", () => {
    const rule = mergeRules([ruleFor(assignments, "/m/p1/", "os", "kế toán"), { required: 1, past: false }]);
    expect(rule).toEqual({ required: 1, past: false });
    expect(statusFor(rule as Rule, { certified: null, started: true })).toBe("inProgress");
  });

  it("no certificate is never completed, even when no particular version is required", () => {
    expect(statusFor({ required: 0, past: false }, { certified: null, started: false })).toBe("notStarted");
    expect(statusFor({ required: 0, past: false }, { certified: 0, started: false })).toBe("completed");
  });

  it.each([
    [1.23456, 1.23],
    [2.5, 2.5],
    [0.125, 0.13],
    [12, 12],
  ])("credits %d are reported as %d", (credits, expected) => {
    expect(finish({ ...emptyNumbers(), credits }).credits).toBe(expected);
  });
});

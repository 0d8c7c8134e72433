import { describe, expect, it } from "vitest";
import { ANSWER_GRACE_MS, cooldownEndsAt, decideStart, isPastGrace, reviewPolicyOf, type AttemptFacts } from "./policy";

const at = (iso: string) => new Date(`2026-03-01T${iso}:00.000Z`);
const done = (number: number, submittedAt: string): AttemptFacts => ({
  id: `a${number}`,
  number,
  state: "graded",
  deadline: at("23:59"),
  submittedAt: at(submittedAt),
});

describe("decideStart", () => {
  const rules = { maxAttempts: 3, cooldownMinutes: 5 };
  it.each([
    ["no attempts yet", [], "08:00", { kind: "start", number: 1 }],
    ["after the cooldown", [done(1, "08:00")], "08:05", { kind: "start", number: 2 }],
    ["during the cooldown", [done(1, "08:00")], "08:04", { kind: "cooldown", nextAttemptAt: at("08:05") }],
    [
      "cooldown counts from the latest submission",
      [done(1, "08:10"), done(2, "08:00")],
      "08:12",
      { kind: "cooldown", nextAttemptAt: at("08:15") },
    ],
    [
      "limit before cooldown",
      [done(1, "07:00"), done(2, "07:30"), done(3, "08:00")],
      "08:01",
      { kind: "limit", used: 3, max: 3 },
    ],
    [
      "limit after the cooldown too",
      [done(1, "07:00"), done(2, "07:30"), done(3, "08:00")],
      "12:00",
      { kind: "limit", used: 3, max: 3 },
    ],
  ] as const)("%s", (_label, attempts, now, expected) => {
    expect(decideStart(rules, [...attempts], at(now))).toEqual(expected);
  });

  it("resumes an open attempt, or asks for it to be submitted once past deadline + grace", () => {
    const open: AttemptFacts = {
      id: "open",
      number: 2,
      state: "in_progress",
      deadline: at("09:00"),
      submittedAt: null,
    };
    expect(decideStart(rules, [done(1, "07:00"), open], at("08:59"))).toEqual({
      kind: "resume",
      attemptId: "open",
      deadline: at("09:00"),
    });
    expect(decideStart(rules, [open], new Date(at("09:00").getTime() + ANSWER_GRACE_MS))).toMatchObject({
      kind: "resume",
    });
    expect(decideStart(rules, [open], new Date(at("09:00").getTime() + ANSWER_GRACE_MS + 1))).toEqual({
      kind: "expired",
      attemptId: "open",
    });
  });

  it("0 means no limit and no cooldown; numbers continue after gaps", () => {
    const free = { maxAttempts: 0, cooldownMinutes: 0 };
    const many = Array.from({ length: 20 }, (_, i) => done(i + 1, "08:00"));
    expect(decideStart(free, many, at("08:00"))).toEqual({ kind: "start", number: 21 });
    expect(cooldownEndsAt(free, many)).toBeNull();
    expect(decideStart(free, [done(4, "01:00")], at("08:00"))).toEqual({ kind: "start", number: 5 });
  });

  it("an attempt submitted but not yet graded counts toward the limit and the cooldown", () => {
    const submitted: AttemptFacts = {
      id: "s",
      number: 1,
      state: "submitted",
      deadline: at("09:00"),
      submittedAt: at("08:00"),
    };
    expect(decideStart({ maxAttempts: 1, cooldownMinutes: 0 }, [submitted], at("10:00"))).toMatchObject({
      kind: "limit",
    });
    expect(decideStart({ maxAttempts: 0, cooldownMinutes: 10 }, [submitted], at("08:05"))).toEqual({
      kind: "cooldown",
      nextAttemptAt: at("08:10"),
    });
  });
});

describe("decideStart with attempts in the order production loads them (mutation rows)", () => {
  const rules = { maxAttempts: 3, cooldownMinutes: 5 };
  it.each([
    [
      "oldest first: the cooldown counts from the latest, not the first",
      [done(1, "08:00"), done(2, "08:10")],
      "08:12",
      { kind: "cooldown", nextAttemptAt: at("08:15") },
    ],
    [
      "oldest first: the third attempt opens when it ends",
      [done(1, "08:00"), done(2, "08:10")],
      "08:15",
      { kind: "start", number: 3 },
    ],
  ] as const)("%s", (_label, attempts, now, expected) => {
    expect(decideStart(rules, [...attempts], at(now))).toEqual(expected);
  });

  // `submittedAt > latest` → `>=` survives: two equal submission times give the same end.
  it("only finished attempts start a cooldown, whatever they carry", () => {
    const open: AttemptFacts = {
      id: "o",
      number: 3,
      state: "in_progress",
      deadline: at("09:00"),
      submittedAt: at("08:30"),
    };
    const unsubmitted: AttemptFacts = { ...done(2, "08:00"), submittedAt: null };
    expect(cooldownEndsAt(rules, [done(1, "08:00"), open])).toEqual(at("08:05"));
    expect(cooldownEndsAt(rules, [unsubmitted, done(1, "08:00")])).toEqual(at("08:05"));
    expect(cooldownEndsAt(rules, [unsubmitted])).toBeNull();
  });
});

describe("small rules", () => {
  it("grace and review policy names", () => {
    expect(isPastGrace(at("09:00"), at("09:00"))).toBe(false);
    expect(isPastGrace(at("09:00"), new Date(at("09:00").getTime() + ANSWER_GRACE_MS + 1))).toBe(true);
    expect(reviewPolicyOf("full")).toBe("full");
    expect(reviewPolicyOf("everything")).toBe("score");
  });
});

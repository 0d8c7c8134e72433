import { describe, expect, it } from "vitest";
import {
  certifiedNumber,
  completionRate,
  dateInputValue,
  dueAtFromDateInput,
  learnerStatus,
  personalDueAt,
  parseReminderOffsets,
  reminderKindAt,
  remindersStartAt,
  resolveTarget,
  type VersionFacts,
} from "~/lib/organizations/rules";

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const v = (
  id: string,
  number: number,
  publishedDay: number | null,
  kind = "full",
  deltaOfId: string | null = null,
): VersionFacts => ({
  id,
  number,
  kind,
  deltaOfId,
  status: publishedDay === null ? "draft" : "published",
  publishedAt: publishedDay === null ? null : day(publishedDay),
});

describe("resolveTarget", () => {
  const versions = [v("f1", 1, 1), v("f2", 2, 10), v("d1", 1, 10, "delta", "f2"), v("f3", 3, 20), v("draft", 4, null)];
  it.each([
    ["latest, created after v2", "latest", 15, { requiredNumber: 2, takeVersionId: "f3", takeKind: "full" }],
    ["latest, created after v3", "latest", 25, { requiredNumber: 3, takeVersionId: "f3", takeKind: "full" }],
    [
      "latest, created before any publication",
      "latest",
      0,
      { requiredNumber: 1, takeVersionId: "f3", takeKind: "full" },
    ],
    ["delta, created after the delta", "delta", 15, { requiredNumber: 2, takeVersionId: "d1", takeKind: "delta" }],
    ["delta, created before the delta", "delta", 5, { requiredNumber: 2, takeVersionId: "d1", takeKind: "delta" }],
  ] as const)("%s", (_label, target, createdDay, expected) => {
    expect(resolveTarget(target, day(createdDay), versions)).toEqual(expected);
  });

  it("has nothing to assign without a published version (or a published delta)", () => {
    expect(resolveTarget("latest", day(5), [v("draft", 1, null)])).toBeNull();
    expect(resolveTarget("delta", day(5), [v("f1", 1, 1)])).toBeNull();
  });

  it("a delta certifies the full version it updates to", () => {
    expect(certifiedNumber(versions[2], versions)).toBe(2);
    expect(certifiedNumber(versions[3], versions)).toBe(3);
  });
});

describe("learnerStatus", () => {
  const now = day(10);
  it.each([
    [{ completed: true, started: true, dueAt: day(5) }, "completed"],
    [{ completed: false, started: true, dueAt: day(5) }, "overdue"],
    [{ completed: false, started: false, dueAt: day(10) }, "overdue"],
    [{ completed: false, started: true, dueAt: day(11) }, "inProgress"],
    [{ completed: false, started: false, dueAt: day(11) }, "notStarted"],
  ])("%j → %s", (facts, status) => {
    expect(learnerStatus(facts, now)).toBe(status);
  });
});

describe("personalDueAt", () => {
  // An assignment made on day 10, due on day 20, with 30 days of grace for newcomers.
  const assignment = { dueAt: day(20), createdAt: day(10), graceDays: 30 };
  it.each([
    ["a member before the assignment keeps its due date", assignment, day(1), day(20), false],
    ["joining the moment it was made is not joining after it", assignment, day(10), day(20), false],
    ["joining after it gives 30 days from joining", assignment, day(12), day(42), true],
    ["joining after its due date gives 30 days from joining", assignment, day(25), day(55), true],
    ["a due date later than the grace stays", { ...assignment, dueAt: day(60) }, day(12), day(60), false],
    ["a grace of 0 turns it off", { ...assignment, graceDays: 0 }, day(25), day(20), false],
    ["a grace of 7 days", { ...assignment, graceDays: 7 }, day(25), day(32), true],
  ])("%s", (_, facts, joinedAt, dueAt, extended) => {
    expect(personalDueAt(facts, joinedAt)).toEqual({ dueAt, extended });
  });
});

describe("reminders", () => {
  it.each([
    [undefined, [7, 1]],
    ["", [7, 1]],
    ["1, 7,3", [7, 3, 1]],
    ["7,7,1", [7, 1]],
    ["7,x", [7, 1]],
    ["0", [7, 1]],
    ["2.5", [7, 1]],
  ])("parseReminderOffsets(%s) = %j", (raw, offsets) => {
    expect(parseReminderOffsets(raw)).toEqual(offsets);
  });

  const due = new Date("2026-03-10T16:59:59.999Z");
  const hoursBefore = (hours: number) => new Date(due.getTime() - hours * 3600_000);
  it.each([
    [24 * 8, null],
    [24 * 7, "before-7d"],
    [24 * 3, "before-7d"],
    [24, "before-1d"],
    [1, "before-1d"],
    [0, "overdue"],
    [-24 * 29, "overdue"],
    [-24 * 31, null],
  ])("%i hours before the due date → %s", (hours, kind) => {
    expect(reminderKindAt(hoursBefore(hours), due, [7, 1])).toBe(kind);
  });

  it("reminders start at the largest offset", () => {
    expect(remindersStartAt(due, [7, 1]).toISOString()).toBe("2026-03-03T16:59:59.999Z");
  });
});

describe("due dates", () => {
  it("a typed date is the end of that day in Vietnam", () => {
    expect(dueAtFromDateInput("2026-03-10")?.toISOString()).toBe("2026-03-10T16:59:59.999Z");
    expect(dateInputValue(new Date("2026-03-10T16:59:59.999Z"))).toBe("2026-03-10");
    expect(dateInputValue(new Date("2026-03-10T17:00:00Z"))).toBe("2026-03-11");
  });

  it.each(["", "2026-02-30", "10/03/2026", "2026-13-01"])("refuses %s", (value) => {
    expect(dueAtFromDateInput(value)).toBeNull();
  });

  it.each([
    [0, 0, 0],
    [1, 3, 33.3],
    [2, 2, 100],
  ])("completionRate(%i, %i) = %s", (done, assigned, rate) => {
    expect(completionRate(done, assigned)).toBe(rate);
  });
});

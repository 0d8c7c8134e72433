// Pure arithmetic of the compliance dashboard (table tests in compliance-math.test.ts).
//
// The database returns small aggregates per (unit, job role): how many members, and how many
// of them have which facts about each assigned course (best certified version, started or not).
// Which assignments apply to a unit and role — and so what is required by when — is decided
// here, from the few assignment rows, instead of being joined row by row in SQL.
import { completionRate, personalDueAt, type LearnerStatus } from "~/lib/organizations/rules";
import { isWithin } from "~/lib/organizations/tree";

export type ReachingAssignment = {
  courseId: string;
  path: string;
  jobRole: string | null;
  required: number;
  /** Past its due date for members who were there when it was made. */
  past: boolean;
  dueAt: Date;
  createdAt: Date;
  graceDays: number;
};
/** A member counted on their own: when they joined, so a newcomer's grace period applies. */
export type Joined = { joinedAt: Date; now: Date };
export type Rule = { required: number; past: boolean };

export type Counts = { assigned: number; completed: number; inProgress: number; notStarted: number; overdue: number };
export type CreditCounts = { members: number; credits: number; withRequirement: number; metRequirement: number };
export type ComplianceNumbers = Counts & CreditCounts & { rate: number };

export const emptyNumbers = (): ComplianceNumbers => ({
  assigned: 0,
  completed: 0,
  inProgress: 0,
  notStarted: 0,
  overdue: 0,
  rate: 0,
  members: 0,
  credits: 0,
  withRequirement: 0,
  metRequirement: 0,
});

function merge(a: Rule | null, b: Rule | null): Rule | null {
  if (!a) return b;
  if (!b) return a;
  // Several assignments of one course are one obligation: the newest required version, the earliest due date.
  return { required: Math.max(a.required, b.required), past: a.past || b.past };
}

/** The rule for members of the unit at `unitPath` with `jobRole`, for one course (null: not assigned to them). */
export function ruleFor(
  assignments: ReachingAssignment[],
  unitPath: string,
  courseId: string,
  jobRole: string,
  joined: Joined | null = null,
): Rule | null {
  let rule: Rule | null = null;
  for (const assignment of assignments) {
    if (assignment.courseId !== courseId || !isWithin(unitPath, assignment.path)) continue;
    if (assignment.jobRole !== null && assignment.jobRole !== jobRole) continue;
    const past = joined ? personalDueAt(assignment, joined.joinedAt).dueAt <= joined.now : assignment.past;
    rule = merge(rule, { required: assignment.required, past });
  }
  return rule;
}

/**
 * Members who joined after this moment may still be within a grace period: the aggregates leave
 * them out and they are counted one by one. Everyone who joined earlier has had the longest grace
 * already, so the assignment's own due date is theirs.
 */
export function newcomersSince(assignments: ReachingAssignment[], now: Date): Date {
  const longest = Math.max(0, ...assignments.map((assignment) => assignment.graceDays));
  return new Date(now.getTime() - longest * 24 * 60 * 60 * 1000);
}

/** Merges the rules of one person's several memberships. */
export function mergeRules(rules: (Rule | null)[]): Rule | null {
  return rules.reduce<Rule | null>((acc, rule) => merge(acc, rule), null);
}

export type Facts = { certified: number | null; started: boolean };

/** completed (a version at least the required one) › overdue › in progress › not started. */
export function statusFor(rule: Rule, facts: Facts): LearnerStatus {
  if (facts.certified !== null && facts.certified >= rule.required) return "completed";
  if (rule.past) return "overdue";
  return facts.started ? "inProgress" : "notStarted";
}

const STATUS_FIELD: Record<LearnerStatus, keyof Counts> = {
  completed: "completed",
  overdue: "overdue",
  inProgress: "inProgress",
  notStarted: "notStarted",
};

export function addStatus(target: Counts, status: LearnerStatus, count = 1) {
  target.assigned += count;
  target[STATUS_FIELD[status]] += count;
}

export type GroupFacts = { courseId: string; certified: number | null; started: boolean; count: number };

/**
 * The counts of one (unit, job role) group of people: `members` of them, `facts` saying how many
 * have which facts per course (everyone else has none: not started). One obligation per person
 * and assigned course.
 */
export function tallyGroup(target: Counts, rules: Map<string, Rule | null>, members: number, facts: GroupFacts[]) {
  for (const [courseId, rule] of rules) {
    if (!rule) continue;
    let withFacts = 0;
    for (const fact of facts) {
      if (fact.courseId !== courseId) continue;
      withFacts += fact.count;
      addStatus(target, statusFor(rule, fact), fact.count);
    }
    addStatus(target, statusFor(rule, { certified: null, started: false }), members - withFacts);
  }
}

export function finish(numbers: ComplianceNumbers): ComplianceNumbers {
  numbers.rate = completionRate(numbers.completed, numbers.assigned);
  numbers.credits = Math.round(numbers.credits * 100) / 100;
  return numbers;
}

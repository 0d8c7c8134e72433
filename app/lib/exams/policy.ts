// Attempt rules as pure functions, so the start guard, the intro page and the course page all
// explain a refusal the same way the server enforces it.

/** Answers are still accepted this long after the deadline: a save sent at 59:59 on a slow
 * connection, or an answer given before the deadline and kept on the device while it was
 * offline (stamped with when it was given), must not be lost; the automatic submission waits
 * for it. Bounded, because a device's stamp can be forged: at most this much extra time. */
export const ANSWER_GRACE_MS = 120_000;

export const REVIEW_POLICIES = ["score", "answers", "full"] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

export function reviewPolicyOf(value: string): ReviewPolicy {
  return (REVIEW_POLICIES as readonly string[]).includes(value) ? (value as ReviewPolicy) : "score";
}

export type AttemptFacts = { id: string; number: number; state: string; deadline: Date; submittedAt: Date | null };
export type ExamRules = { maxAttempts: number; cooldownMinutes: number };

export type StartDecision =
  | { kind: "resume"; attemptId: string; deadline: Date }
  /** In progress but past deadline + grace: submit it, then decide again. */
  | { kind: "expired"; attemptId: string }
  | { kind: "start"; number: number }
  | { kind: "limit"; used: number; max: number }
  | { kind: "cooldown"; nextAttemptAt: Date };

export function isPastGrace(deadline: Date, now: Date): boolean {
  return now.getTime() > deadline.getTime() + ANSWER_GRACE_MS;
}

/** When the cooldown after the latest finished attempt ends, or null when there is none. */
export function cooldownEndsAt(rules: ExamRules, attempts: AttemptFacts[]): Date | null {
  if (rules.cooldownMinutes <= 0) return null;
  let latest: Date | null = null;
  for (const attempt of attempts) {
    if (attempt.state === "in_progress" || !attempt.submittedAt) continue;
    if (!latest || attempt.submittedAt > latest) latest = attempt.submittedAt;
  }
  return latest ? new Date(latest.getTime() + rules.cooldownMinutes * 60_000) : null;
}

/**
 * What pressing "start" does. An unfinished attempt is resumed rather than a second one
 * started; the attempt limit is checked before the cooldown, since waiting would not help.
 */
export function decideStart(rules: ExamRules, attempts: AttemptFacts[], now: Date): StartDecision {
  const open = attempts.find((attempt) => attempt.state === "in_progress");
  if (open) {
    return isPastGrace(open.deadline, now)
      ? { kind: "expired", attemptId: open.id }
      : { kind: "resume", attemptId: open.id, deadline: open.deadline };
  }
  if (rules.maxAttempts > 0 && attempts.length >= rules.maxAttempts) {
    return { kind: "limit", used: attempts.length, max: rules.maxAttempts };
  }
  const cooldownEnd = cooldownEndsAt(rules, attempts);
  if (cooldownEnd && now < cooldownEnd) return { kind: "cooldown", nextAttemptAt: cooldownEnd };
  const number = attempts.reduce((max, attempt) => Math.max(max, attempt.number), 0) + 1;
  return { kind: "start", number };
}

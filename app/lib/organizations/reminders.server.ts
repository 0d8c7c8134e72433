import { senderDomain } from "~/lib/accounts/mail";
import { sendMail } from "~/lib/accounts/mail.server";
import { prisma } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { formatDate } from "~/lib/i18n/i18n";
import { serverTranslator } from "~/lib/i18n/i18n.server";
import { registerJob, yieldToEventLoop } from "~/lib/jobs.server";
import { logger } from "~/lib/logger.server";
import { courseTitle, versionsOf } from "~/lib/organizations/assignments.server";
import {
  certifiedNumber,
  parseReminderOffsets,
  reminderKindAt,
  resolveTarget,
  OVERDUE_REMINDER_WINDOW_DAYS,
  type AssignmentTarget,
} from "~/lib/organizations/rules";

const CONCURRENCY = 8;
// Lets recipients filter reminders (RFC 2919); the domain is ours, from MAIL_FROM.
const REMINDER_LIST_ID = `<reminders.${senderDomain(env.mailFrom)}>`;
const DAY_MS = 24 * 60 * 60 * 1000;

export function reminderOffsets(): number[] {
  return parseReminderOffsets(env.reminderOffsetsDays);
}

export type ReminderRun = { sent: number; alreadySent: number; failed: number };

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

/**
 * Queues the reminders due now: for each assignment whose reminder window is open, to every
 * member it applies to who has not completed the course, one mail per (assignment, person, kind).
 *
 * The ReminderLog row and its outbox message are written in one transaction. The row's unique
 * key (assignment, user, kind) lets exactly one of several concurrent runs (two instances, a
 * timer and the CLI) commit; the others get a unique violation and skip. So each reminder is
 * queued exactly once, and the mail sender delivers it (retrying while SMTP is down).
 *
 * Reminders carry no List-Unsubscribe: they are notices of a mandatory training duty set by the
 * person's organisation, which the person may not opt out of (see README, "Mail").
 */
export async function runReminders(now = new Date(), offsets = reminderOffsets()): Promise<ReminderRun> {
  const result: ReminderRun = { sent: 0, alreadySent: 0, failed: 0 };
  const horizon = new Date(now.getTime() + Math.max(...offsets) * DAY_MS);
  const assignments = await prisma.assignment.findMany({
    where: { dueAt: { gt: new Date(now.getTime() - OVERDUE_REMINDER_WINDOW_DAYS * DAY_MS), lte: horizon } },
    select: {
      id: true,
      jobRole: true,
      target: true,
      dueAt: true,
      createdAt: true,
      courseId: true,
      course: { select: { slug: true } },
      org: { select: { path: true } },
    },
  });
  const versions = await versionsOf([...new Set(assignments.map((assignment) => assignment.courseId))]);
  const baseUrl = env.publicUrl;
  for (const assignment of assignments) {
    const kind = reminderKindAt(now, assignment.dueAt, offsets);
    if (!kind) continue;
    const list = versions.get(assignment.courseId) ?? [];
    const resolved = resolveTarget(assignment.target as AssignmentTarget, assignment.createdAt, list);
    if (!resolved) continue;
    const satisfying = list
      .filter((version) => (certifiedNumber(version, list) ?? -1) >= resolved.requiredNumber)
      .map((version) => version.id);
    const [members, done, logged] = await Promise.all([
      prisma.membership.findMany({
        where: {
          org: { path: { startsWith: assignment.org.path } },
          ...(assignment.jobRole ? { jobRole: assignment.jobRole } : {}),
        },
        select: { user: { select: { id: true, email: true, fullName: true, locale: true } } },
      }),
      prisma.completion.findMany({
        where: {
          versionId: { in: satisfying },
          user: { memberships: { some: { org: { path: { startsWith: assignment.org.path } } } } },
        },
        select: { userId: true },
      }),
      prisma.reminderLog.findMany({ where: { assignmentId: assignment.id, kind }, select: { userId: true } }),
    ]);
    const skip = new Set([...done.map((row) => row.userId), ...logged.map((row) => row.userId)]);
    result.alreadySent += logged.length;
    const people = [...new Map(members.map((member) => [member.user.id, member.user])).values()].filter(
      (person) => !skip.has(person.id),
    );
    let next = 0;
    const worker = async () => {
      while (next < people.length) {
        const person = people[next++];
        await yieldToEventLoop();
        const locale = person.locale === "en" ? "en" : "vi";
        const { t } = serverTranslator(locale);
        const params = {
          name: person.fullName,
          course: courseTitle(list, locale),
          date: formatDate(locale, assignment.dueAt),
          days: Math.max(1, Math.ceil((assignment.dueAt.getTime() - now.getTime()) / DAY_MS)),
          link: `${baseUrl}/courses/${assignment.course.slug}`,
          learning: `${baseUrl}/learning`,
        };
        const overdue = kind === "overdue";
        try {
          await prisma.$transaction(async (tx) => {
            await tx.reminderLog.create({
              data: { assignmentId: assignment.id, userId: person.id, kind, sentAt: now },
              select: { id: true },
            });
            await sendMail(
              {
                to: person.email,
                toName: person.fullName,
                locale,
                subject: t(overdue ? "org.mail.overdue.subject" : "org.mail.reminder.subject", params),
                text: t(overdue ? "org.mail.overdue.body" : "org.mail.reminder.body", params),
                headers: { "List-Id": REMINDER_LIST_ID },
              },
              tx,
            );
          });
          result.sent++;
        } catch (error) {
          if (isUniqueViolation(error)) {
            result.alreadySent++;
            continue;
          }
          result.failed++;
          logger.error(
            { err: error, assignmentId: assignment.id, userId: person.id, kind },
            "reminder not queued; it will be retried",
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }
  return result;
}

// Hourly is enough for reminders counted in days; every instance may run it (see runReminders).
registerJob({ name: "organizations.reminders", everyMs: 60 * 60 * 1000, run: () => runReminders() });

import { recordAudit } from "~/lib/audit/audit.server";
import { enrollInVersion, listMyLearning } from "~/lib/courses/courses.server";
import { prisma } from "~/lib/db.server";
import type { Locale } from "~/lib/i18n/i18n";
import { findUnitByCode } from "~/lib/organizations/organizations.server";
import { assertUnitInScope, unitsInScope, type OrgScope } from "~/lib/organizations/scope.server";
import {
  certifiedNumber,
  DEFAULT_NEWCOMER_GRACE_DAYS,
  learnerStatus,
  personalDueAt,
  resolveTarget,
  type AssignmentTarget,
  type LearnerStatus,
  type ResolvedTarget,
  type VersionFacts,
} from "~/lib/organizations/rules";
import { isWithin, pathIds } from "~/lib/organizations/tree";
import { invariantResponse } from "~/lib/http.server";

type Actor = { id: string };
type Failure<E extends string> = { ok: false; field: string; error: E };

export type CourseVersionFacts = VersionFacts & { courseId: string; titleVi: string; titleEn: string };

/** Every version of these courses, with what the assignment rules need. */
export async function versionsOf(courseIds: string[]): Promise<Map<string, CourseVersionFacts[]>> {
  const rows = courseIds.length
    ? await prisma.courseVersion.findMany({
        where: { courseId: { in: courseIds } },
        select: {
          id: true,
          courseId: true,
          number: true,
          kind: true,
          deltaOfId: true,
          status: true,
          publishedAt: true,
          titleVi: true,
          titleEn: true,
        },
      })
    : [];
  const byCourse = new Map<string, CourseVersionFacts[]>();
  for (const row of rows) byCourse.set(row.courseId, [...(byCourse.get(row.courseId) ?? []), row]);
  return byCourse;
}

/** The title to show for a course: its newest published full version's. */
export function courseTitle(versions: CourseVersionFacts[], locale: Locale): string {
  const newest =
    versions
      .filter((version) => version.kind === "full" && version.status === "published")
      .sort((a, b) => b.number - a.number)[0] ?? versions[0];
  return newest ? (locale === "en" ? newest.titleEn : newest.titleVi) : "";
}

/** Courses that can be assigned: those with a published version; `hasDelta` when a "what changed" version is published. */
export async function listCourseChoices(locale: Locale) {
  const courses = await prisma.course.findMany({
    where: { versions: { some: { status: "published", kind: "full" } } },
    select: { id: true, slug: true },
  });
  const versions = await versionsOf(courses.map((course) => course.id));
  return courses
    .map((course) => {
      const list = versions.get(course.id) ?? [];
      return {
        slug: course.slug,
        title: courseTitle(list, locale),
        hasDelta: list.some((version) => version.kind === "delta" && version.status === "published"),
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title, locale));
}

type CreateError =
  | "org.errors.unknownUnit"
  | "org.errors.course"
  | "org.errors.noDelta"
  | "org.errors.duePast"
  | "org.errors.duplicateAssignment";

/**
 * Assigns a course to a unit's subtree (optionally one job role) with a due date. One row, never
 * one per person: who it applies to is computed from memberships, so people who join later get it.
 * A unit outside the actor's subtree is a 403.
 */
export async function createAssignment(
  actor: Actor,
  scope: OrgScope,
  input: {
    unitCode: string;
    jobRole: string | null;
    courseSlug: string;
    target: AssignmentTarget;
    dueAt: Date;
    newcomerGraceDays?: number;
  },
  ip: string,
  now = new Date(),
): Promise<{ ok: true; id: string } | Failure<CreateError>> {
  const unit = await findUnitByCode(input.unitCode);
  if (!unit) return { ok: false, field: "unitCode", error: "org.errors.unknownUnit" };
  assertUnitInScope(scope, unit);
  const course = await prisma.course.findUnique({ where: { slug: input.courseSlug }, select: { id: true } });
  if (!course) return { ok: false, field: "courseSlug", error: "org.errors.course" };
  const versions = (await versionsOf([course.id])).get(course.id) ?? [];
  if (!resolveTarget(input.target, now, versions)) {
    return input.target === "delta"
      ? { ok: false, field: "target", error: "org.errors.noDelta" }
      : { ok: false, field: "courseSlug", error: "org.errors.course" };
  }
  if (input.dueAt <= now) return { ok: false, field: "dueDate", error: "org.errors.duePast" };
  // The same course for the same people a second time would be a duplicate row that means
  // nothing new: the admin changes the existing one's due date instead.
  const same = await prisma.assignment.findFirst({
    where: { orgId: unit.id, jobRole: input.jobRole, courseId: course.id, target: input.target },
    select: { id: true },
  });
  if (same) return { ok: false, field: "courseSlug", error: "org.errors.duplicateAssignment" };
  const id = await prisma.$transaction(async (tx) => {
    const created = await tx.assignment.create({
      data: {
        orgId: unit.id,
        jobRole: input.jobRole,
        courseId: course.id,
        target: input.target,
        dueAt: input.dueAt,
        newcomerGraceDays: input.newcomerGraceDays ?? DEFAULT_NEWCOMER_GRACE_DAYS,
        createdById: actor.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "assignment.create",
        targetType: "assignment",
        targetId: created.id,
        orgId: unit.id,
        after: {
          unit: unit.code,
          jobRole: input.jobRole,
          course: input.courseSlug,
          target: input.target,
          dueAt: input.dueAt.toISOString(),
          newcomerGraceDays: input.newcomerGraceDays ?? DEFAULT_NEWCOMER_GRACE_DAYS,
        },
        ip,
      },
      tx,
    );
    return created.id;
  });
  return { ok: true, id };
}

async function assignmentInScope(scope: OrgScope, assignmentId: string) {
  const assignment = await prisma.assignment.findUnique({
    where: { id: assignmentId },
    select: { id: true, orgId: true, dueAt: true, org: { select: { path: true } } },
  });
  invariantResponse(assignment, "Not found", { status: 404 });
  assertUnitInScope(scope, assignment.org);
  return assignment;
}

/** Moves a due date (reminders already sent stay sent; the ones still ahead follow the new date). */
export async function changeAssignmentDue(
  actor: Actor,
  scope: OrgScope,
  assignmentId: string,
  dueAt: Date,
  ip: string,
  now = new Date(),
): Promise<{ ok: true } | Failure<"org.errors.duePast">> {
  const assignment = await assignmentInScope(scope, assignmentId);
  if (dueAt <= now) return { ok: false, field: "dueDate", error: "org.errors.duePast" };
  await prisma.$transaction(async (tx) => {
    await tx.assignment.update({ where: { id: assignment.id }, data: { dueAt }, select: { id: true } });
    await recordAudit(
      {
        actorId: actor.id,
        action: "assignment.due.change",
        targetType: "assignment",
        targetId: assignment.id,
        orgId: assignment.orgId,
        before: { dueAt: assignment.dueAt.toISOString() },
        after: { dueAt: dueAt.toISOString() },
        ip,
      },
      tx,
    );
  });
  return { ok: true };
}

/** Withdraws an assignment. Enrolments, progress and completions stay with the learners. */
export async function cancelAssignment(actor: Actor, scope: OrgScope, assignmentId: string, ip: string) {
  const assignment = await assignmentInScope(scope, assignmentId);
  await prisma.$transaction(async (tx) => {
    await tx.assignment.delete({ where: { id: assignment.id }, select: { id: true } });
    await recordAudit(
      {
        actorId: actor.id,
        action: "assignment.cancel",
        targetType: "assignment",
        targetId: assignment.id,
        orgId: assignment.orgId,
        before: { dueAt: assignment.dueAt.toISOString() },
        ip,
      },
      tx,
    );
  });
  return { ok: true as const };
}

/**
 * Assignments an admin sees: those on units of their subtree (editable) and those made higher
 * up the tree that reach into it (read-only, "inherited").
 */
export async function listAssignments(scope: OrgScope, locale: Locale) {
  const ancestorIds = scope.global ? [] : [...new Set(scope.roots.flatMap((root) => pathIds(root.path).slice(0, -1)))];
  const rows = await prisma.assignment.findMany({
    where: { OR: [{ org: unitsInScope(scope) }, ...(ancestorIds.length ? [{ orgId: { in: ancestorIds } }] : [])] },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      jobRole: true,
      target: true,
      dueAt: true,
      newcomerGraceDays: true,
      createdAt: true,
      courseId: true,
      course: { select: { slug: true } },
      org: { select: { id: true, code: true, name: true, path: true } },
    },
  });
  const versions = await versionsOf([...new Set(rows.map((row) => row.courseId))]);
  return rows.map((row) => ({
    id: row.id,
    unit: { id: row.org.id, code: row.org.code, name: row.org.name },
    jobRole: row.jobRole,
    target: row.target as AssignmentTarget,
    dueAt: row.dueAt,
    newcomerGraceDays: row.newcomerGraceDays,
    courseSlug: row.course.slug,
    courseTitle: courseTitle(versions.get(row.courseId) ?? [], locale),
    editable: scope.global || scope.roots.some((root) => isWithin(row.org.path, root.path)),
  }));
}

export type RequiredCourse = {
  courseId: string;
  slug: string;
  title: string;
  dueAt: Date;
  /** The due date is the newcomer's own: the assignment's grace period from joining moved it. */
  newcomerGrace: boolean;
  target: AssignmentTarget;
  status: LearnerStatus;
  completedAt: Date | null;
  takeVersionId: string;
  takeKind: "full" | "delta";
  /** Already enrolled in a version that would satisfy the assignment (then no new enrolment is needed). */
  enrolled: boolean;
};

type Membership = { orgId: string; jobRole: string; createdAt: Date; org: { path: string } };

/**
 * The courses a person must take, computed from their memberships and the assignments on those
 * units and their ancestors (nothing is copied per person). Several assignments of one course
 * make one obligation: the earliest due date and the newest required version win.
 */
export async function requiredCoursesFor(
  userId: string,
  locale: Locale,
  options: { memberships?: (membership: Membership) => boolean; now?: Date } = {},
) {
  const now = options.now ?? new Date();
  const memberships = (
    await prisma.membership.findMany({
      where: { userId },
      select: { orgId: true, jobRole: true, createdAt: true, org: { select: { path: true } } },
    })
  ).filter(options.memberships ?? (() => true));
  if (memberships.length === 0) return [];
  const ancestorIds = [...new Set(memberships.flatMap((membership) => pathIds(membership.org.path)))];
  const assignments = (
    await prisma.assignment.findMany({
      where: { orgId: { in: ancestorIds } },
      select: {
        id: true,
        jobRole: true,
        target: true,
        dueAt: true,
        newcomerGraceDays: true,
        createdAt: true,
        courseId: true,
        course: { select: { slug: true } },
        org: { select: { path: true } },
      },
    })
  ).flatMap((assignment) => {
    const reached = memberships.filter(
      (membership) =>
        isWithin(membership.org.path, assignment.org.path) &&
        (assignment.jobRole === null || assignment.jobRole === membership.jobRole),
    );
    if (reached.length === 0) return [];
    // The person joined when their first membership that this assignment reaches was made.
    const joinedAt = new Date(Math.min(...reached.map((membership) => membership.createdAt.getTime())));
    const personal = personalDueAt(
      { dueAt: assignment.dueAt, createdAt: assignment.createdAt, graceDays: assignment.newcomerGraceDays },
      joinedAt,
    );
    return [{ ...assignment, dueAt: personal.dueAt, extended: personal.extended }];
  });
  if (assignments.length === 0) return [];
  const courseIds = [...new Set(assignments.map((assignment) => assignment.courseId))];
  const [versions, completions, enrollments, progress] = await Promise.all([
    versionsOf(courseIds),
    prisma.completion.findMany({
      where: { userId, version: { courseId: { in: courseIds } } },
      select: { versionId: true, completedAt: true },
    }),
    prisma.enrollment.findMany({
      where: { userId, version: { courseId: { in: courseIds } } },
      select: { versionId: true, lastLessonId: true },
    }),
    prisma.lessonProgress.findMany({
      where: { userId, lesson: { version: { courseId: { in: courseIds } } } },
      select: { lesson: { select: { versionId: true } } },
    }),
  ]);
  const obligations = new Map<
    string,
    {
      courseId: string;
      slug: string;
      dueAt: Date;
      extended: boolean;
      target: AssignmentTarget;
      resolved: ResolvedTarget;
    }
  >();
  for (const assignment of assignments) {
    const resolved = resolveTarget(
      assignment.target as AssignmentTarget,
      assignment.createdAt,
      versions.get(assignment.courseId) ?? [],
    );
    if (!resolved) continue;
    const current = obligations.get(assignment.courseId);
    obligations.set(assignment.courseId, {
      courseId: assignment.courseId,
      slug: assignment.course.slug,
      dueAt: current && current.dueAt < assignment.dueAt ? current.dueAt : assignment.dueAt,
      extended: current && current.dueAt < assignment.dueAt ? current.extended : assignment.extended,
      target:
        current && current.resolved.requiredNumber > resolved.requiredNumber
          ? current.target
          : (assignment.target as AssignmentTarget),
      resolved: current && current.resolved.requiredNumber > resolved.requiredNumber ? current.resolved : resolved,
    });
  }
  const versionById = new Map([...versions.values()].flat().map((version) => [version.id, version]));
  const startedVersions = new Set([
    ...enrollments.filter((enrollment) => enrollment.lastLessonId).map((enrollment) => enrollment.versionId),
    ...progress.map((row) => row.lesson.versionId),
  ]);
  return [...obligations.values()]
    .map((obligation): RequiredCourse => {
      const list = versions.get(obligation.courseId) ?? [];
      const satisfies = (versionId: string) => {
        const version = versionById.get(versionId);
        const number = version && version.courseId === obligation.courseId ? certifiedNumber(version, list) : null;
        return number !== null && number >= obligation.resolved.requiredNumber;
      };
      const satisfying = completions
        .filter((completion) => satisfies(completion.versionId))
        .sort((a, b) => a.completedAt.getTime() - b.completedAt.getTime())[0];
      const started = list.some((version) => startedVersions.has(version.id));
      return {
        courseId: obligation.courseId,
        slug: obligation.slug,
        title: courseTitle(list, locale),
        dueAt: obligation.dueAt,
        newcomerGrace: obligation.extended,
        target: obligation.target,
        status: learnerStatus({ completed: Boolean(satisfying), started, dueAt: obligation.dueAt }, now),
        completedAt: satisfying?.completedAt ?? null,
        takeVersionId: obligation.resolved.takeVersionId,
        takeKind: obligation.resolved.takeKind,
        enrolled: enrollments.some((enrollment) => satisfies(enrollment.versionId)),
      };
    })
    .sort(
      (a, b) =>
        Number(a.status === "completed") - Number(b.status === "completed") || a.dueAt.getTime() - b.dueAt.getTime(),
    );
}

/**
 * "My learning" for an official: their required courses, enrolling them (source "assignment",
 * or "delta" for a what-changed version) in any they have not started, so the course is there
 * when they open it. Idempotent: the enrolment is an upsert on (user, version).
 */
export async function listMyRequiredCourses(userId: string, locale: Locale, now = new Date()) {
  const required = await requiredCoursesFor(userId, locale, { now });
  for (const course of required.filter((item) => item.status !== "completed" && !item.enrolled)) {
    await enrollInVersion(userId, course.takeVersionId, course.takeKind === "delta" ? "delta" : "assignment");
  }
  return required.map((course) => ({
    slug: course.slug,
    kind: course.takeKind,
    title: course.title,
    dueAt: course.dueAt,
    newcomerGrace: course.newcomerGrace,
    status: course.status,
    completedAt: course.completedAt,
  }));
}

/**
 * "My learning" with required courses first: every enrolment (from courses.server's list),
 * those an assignment requires marked with their due date and status and ordered by due date,
 * then the rest in their usual order.
 */
export async function myLearningWithRequired(userId: string, locale: Locale, now = new Date()) {
  // Enrolling in required courses first makes them part of the enrolment list below.
  const required = await listMyRequiredCourses(userId, locale, now);
  const courses = await listMyLearning(userId, locale);
  // A requirement names a course and whether its full version or its "what changed" update is to be taken.
  const requirementFor = new Map(required.map((course) => [`${course.slug}/${course.kind}`, course]));
  const merged = courses.map((course) => {
    const requirement = requirementFor.get(`${course.slug}/${course.kind}`);
    return {
      ...course,
      required: requirement
        ? { dueAt: requirement.dueAt, newcomerGrace: requirement.newcomerGrace, status: requirement.status }
        : null,
    };
  });
  const rank = (course: (typeof merged)[number]) =>
    course.required ? (course.required.status === "completed" ? 1 : 0) : 2;
  return merged
    .map((course, index) => ({ course, index }))
    .sort(
      (a, b) =>
        rank(a.course) - rank(b.course) ||
        (a.course.required && b.course.required
          ? a.course.required.dueAt.getTime() - b.course.required.dueAt.getTime()
          : 0) ||
        a.index - b.index,
    )
    .map(({ course }) => course);
}

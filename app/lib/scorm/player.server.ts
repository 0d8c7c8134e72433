/**
 * Playing a SCORM lesson: the signed path its files are served under, and the learner's
 * run-time data (owner-checked commit, resume on any device, lesson completion by the
 * trainer's rule).
 */
import crypto from "node:crypto";
import { prisma } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { lessonCompletedEvent, queueXapi } from "~/lib/xapi/queue.server";
import { cmiTreeSchema, meetsRule, resumeCmi, summarizeCmi, withLearner, type CmiTree } from "./runtime";
import { ruleSchema, standardSchema } from "./store.server";

// ── Serving the files ───────────────────────────────────────────────────────────────────────

/** Package files live under this prefix, outside every app route. */
export const SCORM_CONTENT_PREFIX = "/scorm-content";
const PATH_HOURS = 12;
const HOUR_MS = 3_600_000;

function pathMac(packageId: string, expires: number): string {
  return crypto
    .createHmac("sha256", env.sessionSecret)
    .update(`scorm-content\n${packageId}\n${expires}`)
    .digest("base64url")
    .slice(0, 32);
}

/**
 * `/scorm-content/<package>/<expiry>.<mac>/` — the frame's requests carry no cookie (it is
 * sandboxed, with an opaque origin), so the path itself is the permission: signed, per
 * package, valid for 12 to 13 hours from the lesson page that made it. The expiry is rounded
 * up to the hour so that every page made within the same hour names the same files: a learner
 * reopening the lesson is served the package from the browser's cache, not again over a weak
 * connection.
 */
export function signedPackageBase(packageId: string, now = Date.now()): string {
  const expires = (Math.floor(now / HOUR_MS) + PATH_HOURS + 1) * 3600;
  return `${SCORM_CONTENT_PREFIX}/${packageId}/${expires}.${pathMac(packageId, expires)}/`;
}

export function checkPackagePath(packageId: string, grant: string, now = Date.now()): boolean {
  const match = /^(\d{10})\.([A-Za-z0-9_-]{32})$/.exec(grant);
  if (!match || Number(match[1]) * 1000 < now) return false;
  const expected = Buffer.from(pathMac(packageId, Number(match[1])));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export async function readPackageFile(packageId: string, path: string) {
  return prisma.scormFile.findUnique({
    where: { packageId_path: { packageId, path } },
    select: { mimeType: true, bytes: true, package: { select: { standard: true } } },
  });
}

// ── Run-time data ──────────────────────────────────────────────────────────────────────────

const enrolledScormLesson = (userId: string, lessonId: string) =>
  prisma.lesson.findFirst({
    where: { id: lessonId, kind: "scorm", version: { enrollments: { some: { userId } } } },
    select: {
      id: true,
      versionId: true,
      scormRule: true,
      scormPassPercent: true,
      scormPackage: { select: { id: true, standard: true, launchHref: true, masteryScore: true, title: true } },
    },
  });

/**
 * What the lesson page's player needs: where to launch, and the tree to resume from, with the
 * learner's account id and name (what a SCO shows or reports as its learner).
 */
export async function scormPlayerFor(userId: string, lessonId: string) {
  const lesson = await enrolledScormLesson(userId, lessonId);
  if (!lesson?.scormPackage) return null;
  const standard = standardSchema.parse(lesson.scormPackage.standard);
  const [runtime, learner] = await Promise.all([
    prisma.scormRuntime.findUnique({
      where: { userId_lessonId: { userId, lessonId } },
      select: { cmi: true, completion: true, success: true, scorePercent: true },
    }),
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, fullName: true } }),
  ]);
  const stored = runtime ? cmiTreeSchema.safeParse(runtime.cmi) : null;
  return {
    standard,
    title: lesson.scormPackage.title,
    launchUrl: `${signedPackageBase(lesson.scormPackage.id)}${lesson.scormPackage.launchHref}`,
    cmi: withLearner(standard, resumeCmi(standard, stored?.success ? stored.data : null), {
      id: learner.id,
      name: learner.fullName,
    }),
    rule: ruleSchema.parse(lesson.scormRule ?? "completed"),
    passPercent: lesson.scormPassPercent,
    status: {
      completion: runtime?.completion ?? "unknown",
      success: runtime?.success ?? "unknown",
      scorePercent: runtime?.scorePercent ?? null,
    },
  };
}

export type CommitResult =
  | {
      ok: true;
      completed: boolean;
      newlyCompleted: boolean;
      versionId: string;
      summary: ReturnType<typeof summarizeCmi>;
    }
  | { ok: false; status: 404 };

/**
 * A commit from the player: the learner's own enrolled SCORM lesson only. The tree replaces the
 * stored one (a commit carries the whole tree); a lesson completes once, when the rule is met.
 */
export async function commitScormRuntime(
  userId: string,
  lessonId: string,
  cmi: CmiTree,
  now = new Date(),
): Promise<CommitResult> {
  const lesson = await enrolledScormLesson(userId, lessonId);
  if (!lesson?.scormPackage) return { ok: false, status: 404 };
  const standard = standardSchema.parse(lesson.scormPackage.standard);
  const summary = summarizeCmi(standard, cmi, lesson.scormPackage.masteryScore);
  const done = meetsRule(ruleSchema.parse(lesson.scormRule ?? "completed"), lesson.scormPassPercent, summary);
  const row = {
    cmi: cmi as object,
    completion: summary.completion,
    success: summary.success,
    scorePercent: summary.scorePercent,
  };
  return prisma.$transaction(async (tx) => {
    await tx.scormRuntime.upsert({
      where: { userId_lessonId: { userId, lessonId } },
      create: { userId, lessonId, ...row },
      update: row,
      select: { id: true },
    });
    const progress = await tx.lessonProgress.findUnique({
      where: { userId_lessonId: { userId, lessonId } },
      select: { completedAt: true },
    });
    const newlyCompleted = done && !progress?.completedAt;
    if (newlyCompleted)
      await tx.lessonProgress.upsert({
        where: { userId_lessonId: { userId, lessonId } },
        create: { userId, lessonId, completedAt: now },
        update: { completedAt: now },
        select: { id: true },
      });
    if (newlyCompleted) await queueXapi(async () => [await lessonCompletedEvent(tx, userId, lessonId, now)], tx);
    return {
      ok: true as const,
      completed: done || Boolean(progress?.completedAt),
      newlyCompleted,
      versionId: lesson.versionId,
      summary,
    };
  });
}

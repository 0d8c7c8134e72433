import { coursePath } from "~/lib/courses/paths";
import { certificateGaps } from "~/lib/credits/completion-rule";
import { prisma } from "~/lib/db.server";
import type { Locale } from "~/lib/i18n/i18n";

/**
 * Where a learner's certificate for one course version is, or what they still have to do to get
 * it (with links). Pages that end a step (the exam result, the course page, My learning) show it
 * first, so nobody is left wondering after a pass.
 */
export type CertificateSignpost =
  | { state: "issued"; code: string }
  | {
      state: "missing";
      lessons: { key: string; title: string; path: string }[];
      exam: { path: string } | null;
    };

/** The signposts of several course versions of one learner, in three queries whatever their number. */
export async function certificateSignposts(
  userId: string,
  versionIds: string[],
  locale: Locale,
): Promise<Map<string, CertificateSignpost>> {
  if (versionIds.length === 0) return new Map();
  const [versions, done, passed] = await Promise.all([
    prisma.courseVersion.findMany({
      where: { id: { in: versionIds } },
      select: {
        id: true,
        kind: true,
        number: true,
        course: { select: { slug: true } },
        lessons: {
          orderBy: { position: "asc" },
          select: { id: true, key: true, titleVi: true, titleEn: true, required: true },
        },
        exam: { select: { id: true } },
        completions: { where: { userId }, select: { certificate: { select: { code: true } } } },
      },
    }),
    prisma.lessonProgress.findMany({
      where: { userId, completedAt: { not: null }, lesson: { versionId: { in: versionIds } } },
      select: { lessonId: true },
    }),
    prisma.attempt.findMany({
      where: {
        userId,
        state: "graded",
        passed: true,
        countsForCertificate: true,
        exam: { versionId: { in: versionIds } },
      },
      select: { exam: { select: { versionId: true } } },
    }),
  ]);
  const doneLessons = new Set(done.map((row) => row.lessonId));
  const passedVersions = new Set(passed.map((row) => row.exam.versionId));
  const signposts = new Map<string, CertificateSignpost>();
  for (const version of versions) {
    const code = version.completions[0]?.certificate?.code;
    if (code) {
      signposts.set(version.id, { state: "issued", code });
      continue;
    }
    const basePath = coursePath(version.course.slug, version.kind === "delta" ? version.number : null);
    const gaps = certificateGaps(
      version.lessons.map((lesson) => ({ ...lesson, done: doneLessons.has(lesson.id) })),
      Boolean(version.exam),
      passedVersions.has(version.id),
    );
    signposts.set(version.id, {
      state: "missing",
      lessons: gaps.lessons.map((lesson) => ({
        key: lesson.key,
        title: locale === "en" ? lesson.titleEn : lesson.titleVi,
        path: `${basePath}/lessons/${lesson.key}`,
      })),
      // A "what changed" update's exam is on the update's own page.
      exam: gaps.exam ? { path: version.kind === "delta" ? basePath : `${basePath}/exam` } : null,
    });
  }
  return signposts;
}

export async function certificateSignpost(userId: string, versionId: string, locale: Locale) {
  return (await certificateSignposts(userId, [versionId], locale)).get(versionId) ?? null;
}

/**
 * Publishing a draft: refused with a list of what to fix, otherwise one transaction that makes
 * the draft an immutable published version. For a material change to an earlier published
 * version it also supersedes earlier certificates (by `material = true`), generates the "what
 * changed" delta from the computed diff, and enrols every holder of a valid earlier certificate.
 */
import { sendMail } from "~/lib/accounts/mail.server";
import { recordAudit } from "~/lib/audit/audit.server";
import { forgetVerifications } from "~/lib/certificates/certificates.server";
import { coursePath } from "~/lib/courses/paths";
import { prisma } from "~/lib/db.server";
import { publicLink } from "~/lib/env.server";
import type { Locale } from "~/lib/i18n/i18n";
import { serverTranslator } from "~/lib/i18n/i18n.server";
import type { AuthorContext } from "./access.server";
import { deltaBundle } from "./delta";
import { diffVersions, type VersionDiff } from "./diff";
import { publishProblems, type PublishProblem } from "./publish-check";
import { bundleHash, readVersionContent, searchTextOf, versionDigest, writeDeltaVersion } from "./versions.server";
import { invariantResponse } from "~/lib/http.server";

export type ChangeKind = "first" | "material" | "cosmetic";

async function newestPublishedFull(courseId: string, below?: number) {
  return prisma.courseVersion.findFirst({
    where: { courseId, kind: "full", status: "published", ...(below !== undefined ? { number: { lt: below } } : {}) },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
}

/** Holders of a certificate for an earlier version of the course that is not revoked (they get the delta). */
async function earlierHolders(courseId: string, number: number): Promise<string[]> {
  const rows = await prisma.certificate.findMany({
    where: { revokedAt: null, versionNumber: { lt: number }, version: { courseId } },
    distinct: ["userId"],
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

export type PublishPage = {
  draftNumber: number | null;
  previousNumber: number | null;
  problems: PublishProblem[];
  diff: VersionDiff | null;
  holders: number;
};

export async function getPublishPage(ctx: AuthorContext): Promise<PublishPage> {
  const draft = await prisma.courseVersion.findFirst({
    where: { courseId: ctx.courseId, kind: "full", status: "draft" },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
  if (!draft) return { draftNumber: null, previousNumber: null, problems: [], diff: null, holders: 0 };
  const previous = await newestPublishedFull(ctx.courseId, draft.number);
  const [content, next, old, holders] = await Promise.all([
    readVersionContent(prisma, draft.id),
    versionDigest(prisma, draft.id),
    previous ? versionDigest(prisma, previous.id) : Promise.resolve(null),
    previous ? earlierHolders(ctx.courseId, draft.number) : Promise.resolve([]),
  ]);
  return {
    draftNumber: draft.number,
    previousNumber: previous?.number ?? null,
    problems: publishProblems(content),
    diff: diffVersions(old, next),
    holders: holders.length,
  };
}

export type PublishResult =
  | { ok: true; number: number; delta: { number: number; lessons: number; questions: number; enrolled: number } | null }
  | { ok: false; problems: PublishProblem[] }
  | { ok: false; fieldErrors: Record<string, string> };

export async function publishDraft(
  ctx: AuthorContext,
  input: { change: ChangeKind; changeNote: string },
  ip: string,
  now = new Date(),
): Promise<PublishResult> {
  const draft = await prisma.courseVersion.findFirst({
    where: { courseId: ctx.courseId, kind: "full", status: "draft" },
    orderBy: { number: "desc" },
    select: { id: true, number: true },
  });
  if (!draft) return { ok: false, fieldErrors: { form: "authoring.publish.noDraft" } };
  const previous = await newestPublishedFull(ctx.courseId, draft.number);
  const note = input.changeNote.trim();
  if (previous) {
    if (input.change === "first") return { ok: false, fieldErrors: { change: "authoring.errors.change" } };
    if (!note) return { ok: false, fieldErrors: { changeNote: "authoring.errors.changeNote" } };
  }
  const content = await readVersionContent(prisma, draft.id);
  const problems = publishProblems(content);
  if (problems.length > 0) return { ok: false, problems };
  const diff = diffVersions(
    previous ? await versionDigest(prisma, previous.id) : null,
    await versionDigest(prisma, draft.id),
  );
  const material = previous ? input.change === "material" : null;
  const delta = material ? deltaBundle(content.bundle, new Set(diff.newOrChangedLessonKeys)) : null;
  if (material && !delta) return { ok: false, fieldErrors: { change: "authoring.errors.materialNoLessons" } };

  const published = await prisma.$transaction(
    async (tx) => {
      // The conditional update is the guard against a double submit: only one publish wins.
      const claimed = await tx.courseVersion.updateMany({
        where: { id: draft.id, courseId: ctx.courseId, status: "draft" },
        data: {
          status: "published",
          publishedAt: now,
          searchText: searchTextOf(content.bundle),
          contentHash: bundleHash(content.bundle),
          changeNote: note || null,
          material,
        },
      });
      invariantResponse(claimed.count === 1, "Conflict", { status: 409 });
      // A co-author's autosave between the checks above and this transaction must not slip in unchecked.
      const stored = (await readVersionContent(tx, draft.id)).bundle;
      invariantResponse(bundleHash(stored) === bundleHash(content.bundle), "Conflict", { status: 409 });
      let deltaSummary: { number: number; lessons: number; questions: number; enrolled: number } | null = null;
      if (delta) {
        const lessons = await tx.lesson.findMany({
          where: { versionId: draft.id, key: { in: diff.newOrChangedLessonKeys } },
          select: {
            key: true,
            attachments: {
              orderBy: { createdAt: "asc" },
              select: { fileName: true, mimeType: true, size: true, sha256: true },
            },
          },
        });
        const deltaId = await writeDeltaVersion(tx, {
          courseId: ctx.courseId,
          number: draft.number,
          deltaOfId: draft.id,
          bundle: delta,
          changeNote: note || null,
          attachments: new Map(lessons.map((l) => [l.key, l.attachments])),
          now,
        });
        const holders = await tx.certificate.findMany({
          where: { revokedAt: null, versionNumber: { lt: draft.number }, version: { courseId: ctx.courseId } },
          distinct: ["userId"],
          select: { userId: true, user: { select: { email: true, fullName: true, locale: true } } },
        });
        if (holders.length > 0)
          await tx.enrollment.createMany({
            data: holders.map((h) => ({ userId: h.userId, versionId: deltaId, source: "delta" })),
          });
        // Each holder is told, in their language, in the same transaction as the enrolment: the
        // outbox delivers the mails once the update exists.
        const titles = await tx.courseVersion.findUniqueOrThrow({
          where: { id: draft.id },
          select: { titleVi: true, titleEn: true },
        });
        for (const holder of holders) {
          const locale: Locale = holder.user.locale === "en" ? "en" : "vi";
          const { t } = serverTranslator(locale);
          const course = locale === "en" ? titles.titleEn : titles.titleVi;
          await sendMail(
            {
              to: holder.user.email,
              toName: holder.user.fullName,
              locale,
              subject: t("certificates.mail.superseded.subject", { course }),
              text: t("certificates.mail.superseded.body", {
                name: holder.user.fullName,
                course,
                number: draft.number,
                link: publicLink(coursePath(ctx.slug, draft.number)),
              }),
            },
            tx,
          );
        }
        deltaSummary = {
          number: draft.number,
          lessons: delta.modules.reduce((sum, m) => sum + m.lessons.length, 0),
          questions: delta.exam?.questions.length ?? 0,
          enrolled: holders.length,
        };
      }
      await recordAudit(
        {
          actorId: ctx.user.id,
          action: "course.publish",
          targetType: "courseVersion",
          targetId: draft.id,
          after: {
            slug: ctx.slug,
            number: draft.number,
            material,
            changeNote: note || null,
            lessons: diff.lessons.map((c) => `${c.change}:${c.key}`),
            questions: diff.questions.map((c) => `${c.change}:${c.key}`),
            delta: deltaSummary,
          },
          ip,
        },
        tx,
      );
      return { ok: true as const, number: draft.number, delta: deltaSummary };
    },
    { timeout: 60_000, maxWait: 15_000 },
  );
  // A material change supersedes earlier certificates: verification must not answer from its cache.
  if (material) forgetVerifications();
  return published;
}

/** Version N of the course compared with the published full version before it. */
export async function getVersionDiff(ctx: AuthorContext, number: number, locale: Locale) {
  const version = await prisma.courseVersion.findFirst({
    where: { courseId: ctx.courseId, kind: "full", number },
    select: {
      id: true,
      number: true,
      status: true,
      publishedAt: true,
      material: true,
      changeNote: true,
      titleVi: true,
      titleEn: true,
    },
  });
  invariantResponse(version, "Not found", { status: 404 });
  const previous = await newestPublishedFull(ctx.courseId, number);
  const [next, old, delta] = await Promise.all([
    versionDigest(prisma, version.id),
    previous ? versionDigest(prisma, previous.id) : Promise.resolve(null),
    prisma.courseVersion.findFirst({
      where: { courseId: ctx.courseId, kind: "delta", deltaOfId: version.id },
      select: {
        number: true,
        _count: { select: { lessons: true, questions: true, enrollments: true, completions: true } },
      },
    }),
  ]);
  return {
    number: version.number,
    title: locale === "en" ? version.titleEn : version.titleVi,
    status: version.status as "draft" | "published",
    publishedAt: version.publishedAt?.toISOString() ?? null,
    material: version.material,
    changeNote: version.changeNote,
    previousNumber: previous?.number ?? null,
    diff: diffVersions(old, next),
    delta: delta
      ? {
          number: delta.number,
          lessons: delta._count.lessons,
          questions: delta._count.questions,
          enrolled: delta._count.enrollments,
          completed: delta._count.completions,
        }
      : null,
  };
}

import { z } from "zod";
import { toCsv } from "~/lib/csv";
import { recordAudit } from "~/lib/audit/audit.server";
import { creditYear } from "~/lib/credits/completion-rule";
import { prisma } from "~/lib/db.server";
import { isoDate, type Locale } from "~/lib/i18n/i18n";
import { serverTranslator } from "~/lib/i18n/i18n.server";

/** Where a credit entry came from; the column is a plain string, parsed when read. */
const creditSource = z.enum(["completion", "delta", "correction"]);

export type CreditRow = {
  date: Date;
  courseTitleVi: string;
  courseTitleEn: string;
  version: number | null;
  amount: number;
  source: z.infer<typeof creditSource>;
  note: string | null;
  year: number;
};

/** The holder's ledger (newest first), this year's total and the yearly requirement of their job roles. */
export async function creditSummary(userId: string, year = creditYear(new Date())) {
  const [entries, memberships] = await Promise.all([
    prisma.creditEntry.findMany({
      where: { userId },
      orderBy: { createdAt: "desc" },
      select: { amount: true, year: true, source: true, note: true, createdAt: true, versionId: true },
    }),
    prisma.membership.findMany({ where: { userId }, select: { jobRole: true } }),
  ]);
  const versionIds = [...new Set(entries.map((entry) => entry.versionId).filter((id): id is string => Boolean(id)))];
  const versions = new Map(
    (
      await prisma.courseVersion.findMany({
        where: { id: { in: versionIds } },
        select: { id: true, titleVi: true, titleEn: true, number: true },
      })
    ).map((version) => [version.id, version]),
  );
  const jobRoles = [...new Set(memberships.map((membership) => membership.jobRole))];
  const requirements = jobRoles.length
    ? await prisma.creditRequirement.findMany({
        where: { year, jobRole: { in: jobRoles } },
        select: { jobRole: true, credits: true },
      })
    : [];
  const rows: CreditRow[] = entries.map((entry) => {
    const version = entry.versionId ? versions.get(entry.versionId) : undefined;
    return {
      date: entry.createdAt,
      courseTitleVi: version?.titleVi ?? "",
      courseTitleEn: version?.titleEn ?? "",
      version: version?.number ?? null,
      amount: entry.amount,
      source: creditSource.parse(entry.source),
      note: entry.note,
      year: entry.year,
    };
  });
  const total =
    Math.round(rows.filter((row) => row.year === year).reduce((sum, row) => sum + row.amount, 0) * 100) / 100;
  // Someone with several roles must meet the most demanding requirement.
  const requirement = requirements.length ? Math.max(...requirements.map((item) => item.credits)) : null;
  return { year, total, requirement, rows, jobRoles };
}

/**
 * The learner's transcript as CSV, through the shared writer (formula payloads neutralised).
 * Labels are in the reader's language; dates (YYYY-MM-DD, the day in Vietnam, as on the page)
 * and numbers (a "." decimal point) are machine-readable so any spreadsheet sorts and sums them.
 */
export function transcriptCsv(rows: CreditRow[], locale: Locale): string {
  const { t } = serverTranslator(locale);
  const header =
    locale === "vi"
      ? ["Ngày", "Khóa học", "Phiên bản", "Tín chỉ", "Nguồn", "Ghi chú", "Năm"]
      : ["Date", "Course", "Version", "Credits", "Source", "Note", "Year"];
  const lines = rows.map((row) => [
    isoDate(row.date),
    locale === "vi" ? row.courseTitleVi : row.courseTitleEn,
    row.version,
    row.amount,
    creditSourceLabel(t, row.source),
    row.note,
    row.year,
  ]);
  return toCsv(header, lines);
}

/** "completion" → "Hoàn thành khóa học": the source of a credit entry as the reader says it. */
export function creditSourceLabel(t: (key: string) => string, source: string): string {
  return t(`credits.source.${source}`);
}

export async function listRequirements() {
  return prisma.creditRequirement.findMany({
    orderBy: [{ year: "desc" }, { jobRole: "asc" }],
    select: { id: true, jobRole: true, year: true, credits: true },
  });
}

/** Sets the yearly requirement for a job role (configuration, not a ledger: it may change). */
export async function setRequirement(
  actorId: string,
  input: { jobRole: string; year: number; credits: number },
  ip: string,
) {
  const before = await prisma.creditRequirement.findUnique({
    where: { jobRole_year: { jobRole: input.jobRole, year: input.year } },
    select: { credits: true },
  });
  await prisma.$transaction(async (tx) => {
    await tx.creditRequirement.upsert({
      where: { jobRole_year: { jobRole: input.jobRole, year: input.year } },
      create: input,
      update: { credits: input.credits },
      select: { id: true },
    });
    await recordAudit(
      {
        actorId,
        action: "credits.requirement.set",
        targetType: "creditRequirement",
        targetId: `${input.jobRole}/${input.year}`,
        before: before ?? undefined,
        after: input,
        ip,
      },
      tx,
    );
  });
}

/** A correction is a new ledger entry (positive or negative); entries are never edited. */
export async function addCreditCorrection(
  actorId: string,
  input: { userId: string; amount: number; note: string },
  ip: string,
) {
  await prisma.$transaction(async (tx) => {
    const entry = await tx.creditEntry.create({
      data: {
        userId: input.userId,
        amount: input.amount,
        year: creditYear(new Date()),
        source: "correction",
        note: input.note,
        createdById: actorId,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        actorId,
        action: "credits.correction",
        targetType: "user",
        targetId: input.userId,
        after: { entryId: entry.id, amount: input.amount, note: input.note },
        ip,
      },
      tx,
    );
  });
}

// Bench scenario "compliance": the compliance dashboard over one unit tree of 100,000 officials
// (20,000 with --quick), generated directly in the database with batched inserts: a ministry,
// 20 provinces, 25 communes each; two mandatory courses, one of them overdue; 30 % finished,
// 20 % in progress. It times the dashboard's data (set-based SQL) and the page over HTTP as a
// global admin, against the 1 s budget, and the bulk import of 10,000 officials (1 min budget).
import crypto from "node:crypto";
import { BROWSER_HEADERS, logIn, ttfbProbe } from "./runner.server";
import { round, summarize } from "./stats";
import type { BenchContext, BenchRow, BenchScenario } from "./types";

const PROVINCES = 20;
const COMMUNES_PER_PROVINCE = 25;
const BATCH = 1000;
const ONE_STOP = "mot-cua-dien-tu-cho-can-bo";
const SECURITY = "an-toan-thong-tin-cho-cong-chuc";
const ROLES = ["cán bộ một cửa", "chuyên viên"] as const;
export const BUDGETS = { dashboardMs: 1000, importSeconds: 60 } as const;

type Population = { rootId: string; provinceId: string; officials: number; obligations: number };

function chunked<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Writes the tree, the officials, their memberships, progress, completions and credits, and two assignments. */
export async function generatePopulation(officials: number, log: (line: string) => void): Promise<Population> {
  // Imported here: the database client is created on import and must see the runner's DATABASE_URL.
  const { prisma } = await import("~/lib/db.server");
  const { creditYear } = await import("~/lib/credits/completion-rule");
  const tag = crypto.randomBytes(4).toString("hex");
  const started = performance.now();
  const rootId = `bm${tag}`;
  const units: { id: string; code: string; name: string; parentId: string | null; path: string; depth: number }[] = [
    {
      id: rootId,
      code: `BENCH-${tag}`.toUpperCase(),
      name: "Bộ (dữ liệu thử tải)",
      parentId: null,
      path: `/${rootId}/`,
      depth: 0,
    },
  ];
  const communes: string[] = [];
  for (let p = 0; p < PROVINCES; p++) {
    const provinceId = `bp${tag}${p}`;
    units.push({
      id: provinceId,
      code: `BENCH-${tag}-${p}`.toUpperCase(),
      name: `Tỉnh thử tải ${p + 1}`,
      parentId: rootId,
      path: `/${rootId}/${provinceId}/`,
      depth: 1,
    });
    for (let c = 0; c < COMMUNES_PER_PROVINCE; c++) {
      const communeId = `bc${tag}${p}x${c}`;
      units.push({
        id: communeId,
        code: `BENCH-${tag}-${p}-${c}`.toUpperCase(),
        name: `Xã thử tải ${p + 1}.${c + 1}`,
        parentId: provinceId,
        path: `/${rootId}/${provinceId}/${communeId}/`,
        depth: 2,
      });
      communes.push(communeId);
    }
  }
  for (const part of chunked(units, 200)) await prisma.organization.createMany({ data: part });

  const [oneStop, security] = await Promise.all(
    [ONE_STOP, SECURITY].map((slug) =>
      prisma.courseVersion.findFirstOrThrow({
        where: { course: { slug }, kind: "full", status: "published" },
        orderBy: { number: "desc" },
        select: { id: true, courseId: true, lessons: { take: 1, select: { id: true } } },
      }),
    ),
  );
  const year = creditYear(new Date());
  const now = new Date();
  const ids = Array.from({ length: officials }, (_, i) => `bu${tag}${i.toString(36)}`);
  for (const [index, part] of chunked(ids).entries()) {
    await prisma.user.createMany({
      data: part.map((id, j) => ({
        id,
        email: `${id}@bench.hocso.vn`,
        fullName: `Cán bộ thử tải ${index * BATCH + j + 1}`,
        passwordHash: null,
      })),
    });
    await prisma.membership.createMany({
      data: part.map((userId, j) => {
        const i = index * BATCH + j;
        return { userId, orgId: communes[i % communes.length], jobRole: ROLES[i % 5 < 2 ? 0 : 1] };
      }),
    });
    const finished = part.filter((_, j) => (index * BATCH + j) % 10 < 3);
    const inProgress = part.filter((_, j) => [3, 4].includes((index * BATCH + j) % 10));
    const completions = finished.map((userId) => ({
      id: `bk${userId}`,
      userId,
      versionId: oneStop.id,
      completedAt: now,
    }));
    await prisma.completion.createMany({ data: completions });
    await prisma.creditEntry.createMany({
      data: completions.map((completion) => ({
        userId: completion.userId,
        amount: 2,
        year,
        source: "completion",
        versionId: oneStop.id,
        completionId: completion.id,
      })),
    });
    await prisma.lessonProgress.createMany({
      data: inProgress.map((userId) => ({ userId, lessonId: oneStop.lessons[0].id, positionSeconds: 30 })),
    });
    if ((index + 1) % 20 === 0) log(`${(index + 1) * BATCH} officials written`);
  }
  for (const [jobRole, credits] of [
    [ROLES[0], 2],
    [ROLES[1], 4],
  ] as const) {
    await prisma.creditRequirement.upsert({
      where: { jobRole_year: { jobRole, year } },
      create: { jobRole, year, credits },
      update: {},
      select: { id: true },
    });
  }
  const day = 86400_000;
  await prisma.assignment.createMany({
    data: [
      {
        orgId: rootId,
        jobRole: null,
        courseId: oneStop.courseId,
        target: "latest",
        dueAt: new Date(now.getTime() + 20 * day),
        createdAt: now,
      },
      {
        orgId: rootId,
        jobRole: ROLES[1],
        courseId: security.courseId,
        target: "latest",
        dueAt: new Date(now.getTime() - 2 * day),
        createdAt: new Date(now.getTime() - 30 * day),
      },
      {
        orgId: units[1].id,
        jobRole: null,
        courseId: oneStop.courseId,
        target: "latest",
        dueAt: new Date(now.getTime() + 5 * day),
        createdAt: now,
      },
    ],
  });
  if (process.env.DATABASE_URL?.startsWith("postgres")) await prisma.$executeRawUnsafe("ANALYZE");
  log(
    `population of ${officials} officials in ${units.length} units written in ${round((performance.now() - started) / 1000, 1)} s`,
  );
  return { rootId, provinceId: units[1].id, officials, obligations: officials + Math.round(officials * 0.6) };
}

async function timeCalls(count: number, call: () => Promise<unknown>) {
  await call();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples;
}

function row(metric: string, samples: number[], note: string): BenchRow {
  const total = samples.reduce((sum, value) => sum + value, 0) / 1000;
  return {
    scenario: "compliance",
    metric,
    requests: samples.length,
    rps: total > 0 ? round(samples.length / total, 1) : 0,
    ...summarize(samples),
    errors: 0,
    note,
  };
}

const budget = (p50: number) =>
  `budget p50 < ${BUDGETS.dashboardMs} ms: ${p50 < BUDGETS.dashboardMs ? "met" : "MISSED"}`;

export const complianceScenario: BenchScenario = {
  name: "compliance",
  description:
    "compliance dashboard over one tree of 100,000 generated officials (data layer and page), and a 10,000-row import",
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const officials = ctx.quick ? 20_000 : 100_000;
    const population = await generatePopulation(officials, ctx.log);
    const { complianceOverview, loadComplianceView } = await import("~/lib/organizations/compliance.server");
    const { loadUnit } = await import("~/lib/organizations/scope.server");
    const scope = { global: true, roots: [] };
    const root = (await loadUnit(population.rootId))!;
    const province = (await loadUnit(population.provinceId))!;
    const count = ctx.quick ? 5 : 15;
    const rows: BenchRow[] = [];
    const scale = `${officials.toLocaleString("en")} officials, ${population.obligations.toLocaleString("en")} obligations`;

    ctx.log("dashboard data: whole tree, one province, one course");
    const whole = await timeCalls(count, () => complianceOverview(scope, root, {}));
    rows.push(row("data: tree of ministry", whole, `${scale}; ${budget(summarize(whole).p50)}`));
    rows.push(
      row(
        "data: one province",
        await timeCalls(count, () => complianceOverview(scope, province, {})),
        "drill-down, 25 communes",
      ),
    );
    rows.push(
      row(
        "data: filtered by course",
        await timeCalls(count, () => complianceOverview(scope, root, { courseSlug: SECURITY })),
        "60 % assigned, all overdue",
      ),
    );
    const page = await timeCalls(count, () => loadComplianceView(scope, { unit: root.id, page: 1 }, "vi"));
    rows.push(
      row("data: whole page loader", page, `overview + people + filter choices; ${budget(summarize(page).p50)}`),
    );

    const { createUser, uniqueEmail } = await import("~/lib/fixtures/factories.server");
    const admin = await createUser({ email: uniqueEmail("bench-admin"), role: "admin", fullName: "Quản trị thử tải" });
    const cookie = await logIn(ctx.baseUrl, admin.email, admin.password);
    const url = new URL(`/org/compliance?unit=${root.id}`, ctx.baseUrl).href;
    ctx.log(`GET /org/compliance: ${count} sequential requests`);
    const http = await ttfbProbe(url, { ...BROWSER_HEADERS, cookie }, { count, warmup: 1, maxSeconds: 120 });
    rows.push({
      scenario: "compliance",
      metric: "page /org/compliance (TTFB)",
      requests: http.requests,
      rps: http.rps,
      p50: http.p50,
      p95: http.p95,
      p99: http.p99,
      errors: http.errors,
      note: budget(http.p50),
    });

    rows.push(await importRow(ctx, population.provinceId));
    return rows;
  },
};

/** The bulk import of 10,000 officials into one province, timed to the commit and to the last invitation. */
async function importRow(ctx: BenchContext, provinceId: string): Promise<BenchRow> {
  const { prisma } = await import("~/lib/db.server");
  const { importOfficials } = await import("~/lib/organizations/import.server");
  const { drainInvitations } = await import("~/lib/organizations/invitations.server");
  const communes = await prisma.organization.findMany({ where: { parentId: provinceId }, select: { code: true } });
  const tag = crypto.randomBytes(3).toString("hex");
  const rows = Array.from(
    { length: 10_000 },
    (_, i) =>
      `import-${tag}-${i}@bench.hocso.vn,Nguyễn Văn Nhập ${i + 1},${communes[i % communes.length].code},chuyên viên`,
  );
  ctx.log("import of 10,000 officials");
  const started = performance.now();
  const report = await importOfficials(
    { id: "bench" },
    { global: true, roots: [] },
    `email,full_name,unit_code,job_role\n${rows.join("\n")}\n`,
    { ip: "127.0.0.1" },
  );
  // The import returns after the commit; the invitations go out in the background.
  const commit = (performance.now() - started) / 1000;
  const invitationsSent = await drainInvitations();
  const total = (performance.now() - started) / 1000;
  if (!report.imported) throw new Error(`the import was refused: ${JSON.stringify(report.issues.slice(0, 3))}`);
  return {
    scenario: "compliance",
    metric: "import 10,000 officials",
    requests: 1,
    rps: Number.NaN,
    p50: round(commit * 1000, 0),
    p95: round(commit * 1000, 0),
    p99: round(commit * 1000, 0),
    errors: report.invitationsQueued - invitationsSent,
    note: `committed in ${round(commit, 1)} s (budget ${BUDGETS.importSeconds} s: ${commit < BUDGETS.importSeconds ? "met" : "MISSED"}); with ${invitationsSent.toLocaleString("en")} invitations ${round(total, 1)} s`,
  };
}

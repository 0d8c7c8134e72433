import { performance } from "node:perf_hooks";
import { forgetVerifications, verifyByCode } from "~/lib/certificates/certificates.server";
import { renderCertificatePdf } from "~/lib/certificates/pdf.server";
import { tryCompleteCourse } from "~/lib/credits/completion.server";
import { prisma } from "~/lib/db.server";
import { completeAllLessons, createUser, recordGradedAttempt } from "~/lib/fixtures/factories.server";
import { loadTest } from "./runner.server";
import { round, summarize } from "./stats";
import type { BenchScenario } from "./types";

const SLUG = "an-toan-thong-tin-cho-cong-chuc";
const PDF_SAMPLES = 20;

/**
 * Public verification by code (the JSON endpoint a verifier app or a QR scan would call), and
 * the time to render one PDF certificate. The target is ≥ 3,000 verifications/s with p95 < 50 ms.
 * Three figures: one certificate scanned by everybody at once (its read is briefly cached),
 * many different certificates in turn, and the verification statement itself without HTTP or
 * cache (the database's own limit, for reading the others as a ratio). The server's
 * per-address rate limit is raised for this run (VERIFY_RATE_LIMIT): all load comes from one address.
 */
export const verifyScenario: BenchScenario = {
  name: "verify",
  description: "certificate verification by code (JSON) and PDF rendering",
  async run(ctx) {
    const holders = ctx.quick ? 20 : 200;
    const codes: string[] = [];
    for (let i = 0; i < holders; i++) {
      const user = await createUser({ fullName: `Trương Thị Bảo Ngọc ${i + 1}` });
      const versionId = await completeAllLessons(user.id, SLUG);
      await recordGradedAttempt(user.id, versionId, true);
      await tryCompleteCourse(user.id, versionId);
    }
    const issued = await prisma.certificate.findMany({
      where: { holderName: { startsWith: "Trương Thị Bảo Ngọc " } },
      orderBy: { issuedAt: "desc" },
      take: holders,
      select: {
        code: true,
        holderName: true,
        courseTitleVi: true,
        versionNumber: true,
        credits: true,
        issuedAt: true,
        validUntil: true,
      },
    });
    codes.push(...issued.map((c) => c.code));
    const certificate = issued[0];
    ctx.log(`verify: ${codes.length} certificates issued`);

    const probe = await fetch(`${ctx.baseUrl}/api/verify/${certificate.code}`);
    const verdict = (await probe.json()) as { status?: string };
    if (verdict.status !== "valid")
      throw new Error(`verification probe answered ${probe.status} ${JSON.stringify(verdict)}`);

    const seconds = ctx.quick ? 3 : 10;
    const hot = await loadTest({ url: `${ctx.baseUrl}/api/verify/${certificate.code}`, connections: 50, seconds });
    const spread = await loadTest({
      url: `${ctx.baseUrl}/api/verify/${certificate.code}`,
      paths: codes.map((code) => `/api/verify/${code}`),
      connections: 50,
      seconds,
    });
    const target = (load: { rps: number; p95: number; errors: number }) =>
      load.rps >= 3000 && load.p95 < 50 && load.errors === 0 ? "met" : "missed";

    // The statement without HTTP or cache: this process's own connection, one call at a time.
    const direct: number[] = [];
    const directUntil = performance.now() + seconds * 1000;
    for (let i = 0; performance.now() < directUntil; i++) {
      forgetVerifications();
      const started = performance.now();
      const result = await verifyByCode(codes[i % codes.length]);
      direct.push(performance.now() - started);
      if (!result.found) throw new Error(`certificate ${codes[i % codes.length]} not found`);
    }
    const raw = summarize(direct);
    const rawRps = round(direct.length / seconds, 0);

    const timings: number[] = [];
    for (let i = 0; i < (ctx.quick ? 5 : PDF_SAMPLES); i++) {
      const started = performance.now();
      await renderCertificatePdf({
        locale: "vi",
        holderName: certificate.holderName,
        courseTitle: certificate.courseTitleVi,
        courseVersion: certificate.versionNumber,
        credits: certificate.credits,
        issuedAt: certificate.issuedAt,
        validUntil: certificate.validUntil,
        code: certificate.code,
        verifyUrl: `${ctx.baseUrl}/verify/${certificate.code}`,
        issuerName: "HọcSố",
      });
      timings.push(performance.now() - started);
    }
    const pdf = summarize(timings);
    return [
      {
        scenario: "verify",
        metric: "GET /api/verify/:code, one certificate",
        requests: hot.requests,
        rps: hot.rps,
        p50: hot.p50,
        p95: hot.p95,
        p99: hot.p99,
        errors: hot.errors,
        note: `50 connections, all scanning one code; target ≥ 3,000/s, p95 < 50 ms: ${target(hot)}`,
      },
      {
        scenario: "verify",
        metric: `GET /api/verify/:code, ${codes.length} certificates`,
        requests: spread.requests,
        rps: spread.rps,
        p50: spread.p50,
        p95: spread.p95,
        p99: spread.p99,
        errors: spread.errors,
        note: `50 connections, codes in turn: ${target(spread)}`,
      },
      {
        scenario: "verify",
        metric: "verifyByCode, no HTTP, no cache",
        requests: direct.length,
        rps: rawRps,
        p50: raw.p50,
        p95: raw.p95,
        p99: raw.p99,
        errors: 0,
        note: "one statement per call, one connection: the database's own limit",
      },
      {
        scenario: "verify",
        metric: "PDF certificate render (in process)",
        requests: timings.length,
        rps: round(1000 / (pdf.p50 || 1), 1),
        p50: pdf.p50,
        p95: pdf.p95,
        p99: pdf.p99,
        errors: 0,
        note: "one A4 page, embedded Be Vietnam Pro subset, QR",
      },
    ];
  },
};

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
 * The server's per-address rate limit must be raised for this run (VERIFY_RATE_LIMIT), since all
 * load comes from one address.
 */
export const verifyScenario: BenchScenario = {
  name: "verify",
  description: "certificate verification by code (JSON) and PDF rendering",
  async run(ctx) {
    const user = await createUser({ fullName: "Trương Thị Bảo Ngọc" });
    const versionId = await completeAllLessons(user.id, SLUG);
    await recordGradedAttempt(user.id, versionId, true);
    await tryCompleteCourse(user.id, versionId);
    const certificate = await prisma.certificate.findFirstOrThrow({ where: { userId: user.id }, select: { code: true, holderName: true, courseTitleVi: true, versionNumber: true, credits: true, issuedAt: true, validUntil: true } });
    ctx.log(`verify: certificate ${certificate.code}`);

    const probe = await fetch(`${ctx.baseUrl}/api/verify/${certificate.code}`);
    const verdict = (await probe.json()) as { status?: string };
    if (verdict.status !== "valid") throw new Error(`verification probe answered ${probe.status} ${JSON.stringify(verdict)}`);

    const load = await loadTest({ url: `${ctx.baseUrl}/api/verify/${certificate.code}`, connections: 50, seconds: ctx.quick ? 3 : 10 });
    const target = load.rps >= 3000 && load.p95 < 50 ? "met" : "missed";

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
      { scenario: "verify", metric: "GET /api/verify/:code (JSON)", requests: load.requests, rps: load.rps, p50: load.p50, p95: load.p95, p99: load.p99, errors: load.errors, note: `target ≥ 3,000/s, p95 < 50 ms: ${target}` },
      { scenario: "verify", metric: "PDF certificate render (in process)", requests: timings.length, rps: round(1000 / (pdf.p50 || 1), 1), p50: pdf.p50, p95: pdf.p95, p99: pdf.p99, errors: 0, note: "one A4 page, embedded Be Vietnam Pro subset, QR" },
    ];
  },
};

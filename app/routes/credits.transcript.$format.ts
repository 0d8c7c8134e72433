import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/lib/accounts/auth.server";
import { renderTranscriptPdf } from "~/lib/certificates/pdf.server";
import { creditSourceLabel, creditSummary, transcriptCsv } from "~/lib/credits/credits.server";
import { invariantResponse } from "~/lib/http.server";
import { getLocale, serverTranslator } from "~/lib/i18n/i18n.server";

/** The holder's transcript for the current year as CSV or PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(params.format === "csv" || params.format === "pdf", "Not found", { status: 404 });
  const locale = getLocale(request);
  const summary = await creditSummary(user.id);
  const fileName = `hocso-transcript-${summary.year}.${params.format}`;
  if (params.format === "csv") {
    return new Response(transcriptCsv(summary.rows, locale), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
      },
    });
  }
  const rows = summary.rows.filter((row) => row.year === summary.year);
  const { t } = serverTranslator(locale);
  const pdf = await renderTranscriptPdf({
    locale,
    holderName: user.fullName,
    year: summary.year,
    rows: rows.map((row) => ({
      date: row.date,
      courseTitle: (locale === "en" ? row.courseTitleEn : row.courseTitleVi) || row.note || "",
      version: row.version ?? "",
      credits: row.amount,
      source: creditSourceLabel(t, row.source),
    })),
    total: summary.total,
    requirement: summary.requirement,
    issuerName: "HọcSố",
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

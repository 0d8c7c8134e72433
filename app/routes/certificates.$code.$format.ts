import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/lib/accounts/auth.server";
import { certificateForDownload, verifyUrl } from "~/lib/certificates/certificates.server";
import { renderCertificatePdf } from "~/lib/certificates/pdf.server";
import { invariantResponse } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";

/** The holder's downloads: the PDF certificate, the VC-JWT, and the JSON credential with its proof. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(["pdf", "jwt", "json"].includes(params.format ?? ""), "Not found", { status: 404 });
  const certificate = await certificateForDownload(params.code ?? "", user);
  invariantResponse(certificate, "Not found", { status: 404 });
  const disposition = (extension: string) => `attachment; filename="${certificate.code}.${extension}"`;
  if (params.format === "jwt") {
    return new Response(certificate.credentialJwt, {
      headers: { "Content-Type": "application/jwt", "Content-Disposition": disposition("jwt") },
    });
  }
  if (params.format === "json") {
    return new Response(certificate.credentialJson, {
      headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": disposition("json") },
    });
  }
  const locale = getLocale(request);
  const pdf = await renderCertificatePdf({
    locale,
    holderName: certificate.holderName,
    courseTitle: locale === "en" ? certificate.courseTitleEn : certificate.courseTitleVi,
    courseVersion: certificate.versionNumber,
    credits: certificate.credits,
    issuedAt: certificate.issuedAt,
    validUntil: certificate.validUntil,
    code: certificate.code,
    verifyUrl: verifyUrl(certificate.code),
    issuerName: "HọcSố",
  });
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": disposition("pdf"),
      "Cache-Control": "private, no-store",
    },
  });
}

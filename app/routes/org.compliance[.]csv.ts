import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLocale } from "~/lib/i18n/i18n.server";
import { complianceExport } from "~/lib/organizations/compliance.server";
import { complianceFilterSchema } from "~/lib/organizations/organizations.schema";
import { requireOrgAdmin } from "~/lib/organizations/scope.server";

/** /org/compliance.csv?unit=…&course=…&role=…: the dashboard's numbers for a spreadsheet. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrgAdmin(request);
  const filters = complianceFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { fileName, csv } = await complianceExport(scope, filters, getLocale(request));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

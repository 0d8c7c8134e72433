import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { exportCourseZip } from "~/lib/authoring/transfer.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const raw = new URL(request.url).searchParams.get("version");
  const number = raw && /^\d{1,6}$/.test(raw) ? Number(raw) : undefined;
  const zip = await exportCourseZip(ctx, number);
  return new Response(new Uint8Array(zip.bytes), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${zip.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

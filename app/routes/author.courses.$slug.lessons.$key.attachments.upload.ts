import type { ActionFunctionArgs } from "@remix-run/node";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { addAttachment, readMultipart } from "~/lib/authoring/attachments.server";
import { MAX_ATTACHMENT_BYTES } from "~/lib/authoring/upload";

/** The attachment upload the editor sends by XMLHttpRequest (for its progress bar); answers JSON. */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const upload = await readMultipart(request, "file", MAX_ATTACHMENT_BYTES);
  const result = upload.ok ? await addAttachment(ctx, params.key ?? "", upload.file) : upload;
  const body = result.ok ? { ok: true, uploaded: result.attachment.fileName } : { ok: false, error: result.error };
  return new Response(JSON.stringify(body), {
    status: result.ok ? 200 : 400,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

import fs from "node:fs";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/lib/accounts/auth.server";
import { attachmentForDownload } from "~/lib/authoring/attachments.server";
import { invariantResponse } from "~/lib/http.server";

/** A lesson attachment, for the course's authors, admins and learners enrolled in its version. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file =
    params.attachmentId && params.attachmentId.length <= 64
      ? await attachmentForDownload(user, params.attachmentId)
      : null;
  invariantResponse(file, "Not found", { status: 404 });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file.file)), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.size),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, max-age=3600",
    },
  });
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { parseForm } from "~/lib/forms.server";
import { clientIp, invariantResponse } from "~/lib/http.server";
import { logger } from "~/lib/logger.server";
import { importOfficials } from "~/lib/organizations/import.server";
import { importRunSchema } from "~/lib/organizations/organizations.schema";
import { requireOrgAdmin } from "~/lib/organizations/scope.server";

/**
 * The import with a progress bar: the same import as the page's form, answered as a stream of
 * JSON lines (progress…, then the result) so the browser can show how far it got. Progress
 * travels in the response of the request doing the work, so it works behind any number of
 * instances without shared state.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await requireOrgAdmin(request);
  const parsed = await parseForm(request, importRunSchema);
  invariantResponse(parsed.ok, "Bad request");
  const payload = parsed.data.payload;
  const options = { ip: clientIp(request) };
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (value: unknown) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        } catch {
          // The browser went away; the import still finishes (it is one transaction either way).
          open = false;
        }
      };
      try {
        const report = await importOfficials(user, scope, payload, {
          ...options,
          onProgress: (progress) => send({ type: "progress", ...progress }),
        });
        send({ type: "result", report });
      } catch (error) {
        logger.error({ err: error }, "import failed");
        send({ type: "error" });
      }
      if (open) controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      // no-transform: the compression middleware would otherwise buffer the progress lines.
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

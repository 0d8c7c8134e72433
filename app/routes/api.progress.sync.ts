import type { ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/lib/accounts/auth.server";
import { MAX_QUEUED_EVENTS, progressSyncSchema } from "~/lib/courses/courses.schema";
import { syncQueuedProgress } from "~/lib/courses/progress-sync.server";
import { jsonResponse, readJsonBody } from "~/lib/forms.server";

/** Progress queued offline: JSON { events: [...] } in the order recorded; answers a verdict per event. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) return jsonResponse({ error: "unauthenticated" }, 401);
  const parsed = await readJsonBody(request, progressSyncSchema);
  if (!parsed.ok) {
    const tooMany = parsed.issues.some((issue) => issue.code === "too_big" && issue.path.join(".") === "events");
    return tooMany ? jsonResponse({ error: "queue-too-large", max: MAX_QUEUED_EVENTS }, 413) : parsed.response;
  }
  return jsonResponse({ verdicts: await syncQueuedProgress(user.id, parsed.data.events) });
}

export function loader() {
  return jsonResponse({ error: "method-not-allowed" }, 405);
}

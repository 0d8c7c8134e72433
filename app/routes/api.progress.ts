import type { ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/lib/accounts/auth.server";
import { videoBeaconSchema } from "~/lib/courses/courses.schema";
import { recordVideoProgress } from "~/lib/courses/courses.server";
import { onLessonProgress } from "~/lib/credits/completion.server";
import { jsonResponse, readJsonBody } from "~/lib/forms.server";

/** Video heartbeat (fetch or sendBeacon): JSON { lessonId, positionSeconds, watchedDeltaSeconds }. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) return jsonResponse({ error: "unauthenticated" }, 401);
  const parsed = await readJsonBody(request, videoBeaconSchema);
  if (!parsed.ok) return parsed.response;
  const result = await recordVideoProgress(user.id, parsed.data);
  if (!result.ok) return jsonResponse({ error: result.reason }, result.status);
  if (result.newlyCompleted) await onLessonProgress(user.id, result.versionId);
  return jsonResponse({
    completed: result.completed,
    newlyCompleted: result.newlyCompleted,
    watchedSeconds: result.watchedSeconds,
  });
}

export function loader() {
  return jsonResponse({ error: "method-not-allowed" }, 405);
}

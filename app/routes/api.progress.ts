import type { ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/lib/accounts/auth.server";
import { videoBeaconSchema } from "~/lib/courses/courses.schema";
import { recordVideoProgress } from "~/lib/courses/courses.server";
import { onLessonProgress } from "~/lib/credits/completion.server";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });

/** Video heartbeat (fetch or sendBeacon): JSON { lessonId, positionSeconds, watchedDeltaSeconds }. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) return json({ error: "unauthenticated" }, 401);
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return json({ error: "invalid-json" }, 400);
  }
  const parsed = videoBeaconSchema.safeParse(body);
  if (!parsed.success)
    return json(
      { error: "invalid", issues: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) },
      400,
    );
  const result = await recordVideoProgress(user.id, parsed.data);
  if (!result.ok) return json({ error: result.reason }, result.status);
  if (result.newlyCompleted) await onLessonProgress(user.id, result.versionId);
  return json({
    completed: result.completed,
    newlyCompleted: result.newlyCompleted,
    watchedSeconds: result.watchedSeconds,
  });
}

export function loader() {
  return json({ error: "method-not-allowed" }, 405);
}

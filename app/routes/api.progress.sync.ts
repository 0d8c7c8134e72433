import type { ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/lib/accounts/auth.server";
import { MAX_QUEUED_EVENTS, progressSyncSchema } from "~/lib/courses/courses.schema";
import { syncQueuedProgress } from "~/lib/courses/progress-sync.server";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });

/** Progress queued offline: JSON { events: [...] } in the order recorded; answers a verdict per event. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) return json({ error: "unauthenticated" }, 401);
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return json({ error: "invalid-json" }, 400);
  }
  const parsed = progressSyncSchema.safeParse(body);
  if (!parsed.success) {
    const tooMany = parsed.error.issues.some((issue) => issue.code === "too_big" && issue.path.join(".") === "events");
    if (tooMany) return json({ error: "queue-too-large", max: MAX_QUEUED_EVENTS }, 413);
    return json(
      { error: "invalid", issues: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) },
      400,
    );
  }
  return json({ verdicts: await syncQueuedProgress(user.id, parsed.data.events) });
}

export function loader() {
  return json({ error: "method-not-allowed" }, 405);
}

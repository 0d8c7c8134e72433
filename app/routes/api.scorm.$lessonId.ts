import type { ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/lib/accounts/auth.server";
import { onLessonProgress } from "~/lib/credits/completion.server";
import { commitScormRuntime } from "~/lib/scorm/player.server";
import { cmiTreeSchema, MAX_CMI_JSON_BYTES } from "~/lib/scorm/runtime";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });

/** A SCORM commit relayed by the lesson page's player: JSON { cmi } for the learner's own lesson. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) return json({ error: "unauthenticated" }, 401);
  const text = await request.text();
  if (text.length > MAX_CMI_JSON_BYTES) return json({ error: "too-large" }, 413);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json({ error: "invalid-json" }, 400);
  }
  const parsed = cmiTreeSchema.safeParse((body as { cmi?: unknown } | null)?.cmi);
  if (!parsed.success) return json({ error: "invalid" }, 400);
  const result = await commitScormRuntime(user.id, params.lessonId ?? "", parsed.data);
  if (!result.ok) return json({ error: "not-found" }, result.status);
  if (result.newlyCompleted) await onLessonProgress(user.id, result.versionId);
  return json({ completed: result.completed, newlyCompleted: result.newlyCompleted, ...result.summary });
}

export function loader() {
  return json({ error: "method-not-allowed" }, 405);
}

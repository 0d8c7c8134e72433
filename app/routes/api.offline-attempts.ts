import type { ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/lib/accounts/auth.server";
import { MAX_SUBMISSION_BYTES } from "~/lib/exams/offline-attempt";
import { handInPackage } from "~/lib/exams/offline-attempts.server";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });

/** Hands in an offline practice attempt (JSON: the package back, the device's times, the answers). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) return json({ error: "unauthenticated" }, 401);
  // An announced oversized body is refused unread.
  const announced = Number(request.headers.get("Content-Length") ?? 0);
  const text = announced > MAX_SUBMISSION_BYTES ? "" : await request.text();
  const result = await handInPackage(user.id, text, Math.max(announced, Buffer.byteLength(text)));
  if (!result.ok) return json({ error: result.error }, result.status);
  return json({ ...result, resultUrl: `/attempts/${result.attemptId}/result` });
}

export function loader() {
  return json({ error: "method-not-allowed" }, 405);
}

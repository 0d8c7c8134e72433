import type { ActionFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/lib/accounts/auth.server";
import { offlinePackageRequestSchema } from "~/lib/exams/offline-attempt";
import { issuePackage } from "~/lib/exams/offline-attempts.server";
import { getLocale } from "~/lib/i18n/i18n.server";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });

const STATUS = { "not-found": 404, "not-enrolled": 403, "no-exam": 404, "not-offline": 403, limit: 409, cooldown: 409 };

/** Downloads the learner's offline practice package for a course's exam (form field `slug`). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  if (!user) return json({ error: "unauthenticated" }, 401);
  const parsed = offlinePackageRequestSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ error: "invalid" }, 400);
  const result = await issuePackage(user.id, parsed.data.slug, getLocale(request));
  if (!result.ok) return json({ error: result.reason, ...result }, STATUS[result.reason]);
  return json({ package: result.package, serverNow: Date.now() });
}

export function loader() {
  return json({ error: "method-not-allowed" }, 405);
}

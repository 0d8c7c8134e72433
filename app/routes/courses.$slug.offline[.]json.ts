import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/lib/accounts/auth.server";
import { getOfflinePackage } from "~/lib/courses/courses.server";
import { invariantResponse } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";

/** What "save for offline" would download for this learner's version, with sizes (JSON). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const offlinePackage = await getOfflinePackage(user.id, params.slug ?? "", getLocale(request));
  invariantResponse(offlinePackage, "Not enrolled", { status: 404 });
  return Response.json(offlinePackage, { headers: { "Cache-Control": "no-store" } });
}

// What every page's shell (app/root.tsx) needs from the request: the language, the signed-in
// user and the display preferences. One module for the root route on purpose: each server-only
// module a route imports becomes an empty ~100-byte script in the browser build, one round trip
// each on every page.
import { readSession } from "~/lib/accounts/session.server";
import { parseDisplayCookie } from "~/lib/display/display";
import { resolveLocale } from "~/lib/i18n/i18n.server";
import { administersOrganizations } from "~/lib/organizations/scope.server";

export async function shellData(request: Request) {
  const { locale, setCookie: localeCookie } = resolveLocale(request);
  const session = await readSession(request);
  const headers = new Headers();
  if (localeCookie) headers.append("Set-Cookie", localeCookie);
  if (session.setCookie) headers.append("Set-Cookie", session.setCookie);
  const user = session.user
    ? {
        id: session.user.id,
        fullName: session.user.fullName,
        role: session.user.role,
        isOrgAdmin: await administersOrganizations(session.user),
      }
    : null;
  const display = parseDisplayCookie(request.headers.get("Cookie"));
  return { shell: { locale, user, display }, headers };
}

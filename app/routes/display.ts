import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { parseDisplayCookie, serializeDisplayCookie, updateDisplay } from "~/lib/display/display";
import { safeRedirectPath } from "~/lib/http.server";

export function loader() {
  return redirect("/");
}

/** The text size / contrast buttons post here (a plain form, so it works without JavaScript). */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const preferences = updateDisplay(parseDisplayCookie(request.headers.get("Cookie")), {
    textSize: form.get("textSize"),
    contrast: form.get("contrast"),
  });
  return redirect(safeRedirectPath(form.get("redirectTo")), {
    headers: { "Set-Cookie": serializeDisplayCookie(preferences) },
  });
}

import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/lib/accounts/session.server";

export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/login?notice=logged-out", { headers: { "Set-Cookie": await endSession(request) } });
}

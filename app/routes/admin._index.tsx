import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/lib/accounts/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return redirect("/admin/users");
}

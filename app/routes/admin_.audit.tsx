import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

// The audit log lives under /org so that organisation admins can read their subtree's events too.
export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/org/audit${new URL(request.url).search}`);
}

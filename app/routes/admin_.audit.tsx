import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.admin.audit");

// The audit log lives under /org so that organisation admins can read their subtree's events too.
export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/org/audit${new URL(request.url).search}`);
}

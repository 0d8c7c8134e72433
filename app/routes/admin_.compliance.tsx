import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.admin.compliance");

// The dashboard lives under /org so that organisation admins can use it for their subtree too.
export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/org/compliance${new URL(request.url).search}`);
}

import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

// The dashboard lives under /org so that organisation admins can use it for their subtree too.
export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`/org/compliance${new URL(request.url).search}`);
}

import { redirectDocument, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.attempt");

// The attempt page is served before Remix (app/lib/exams/exam-room.server.ts). This route only
// exists for navigations that start inside the app — a link, or the redirect after a Remix form
// such as the login — which the browser would otherwise resolve to the 404 route: it sends the
// browser to load the page as a document.
export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return redirectDocument(`${url.pathname}${url.search}`);
}

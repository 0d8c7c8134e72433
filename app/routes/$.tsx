import type { MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-page";
import { invariantResponse } from "~/lib/http.server";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.notFound");

// Unknown paths render the translated 404 inside the normal page layout.
export function loader() {
  invariantResponse(false, "Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

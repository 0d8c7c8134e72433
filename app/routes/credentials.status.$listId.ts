import type { LoaderFunctionArgs } from "@remix-run/node";
import { STATUS_LIST_ID, statusListJwt } from "~/lib/certificates/certificates.server";

/**
 * The signed revocation list (BitstringStatusListCredential as a VC-JWT). Short max-age plus
 * ETag revalidation: a revocation reaches caches within 30 s, and an unchanged list costs a 304.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  if (params.listId !== STATUS_LIST_ID) return new Response("Not found", { status: 404 });
  const { jwt, etag } = await statusListJwt();
  const headers = {
    "Content-Type": "application/jwt",
    "Cache-Control": "public, max-age=30, must-revalidate",
    ETag: etag,
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag",
  };
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch?.split(",").some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers });
  return new Response(jwt, { headers });
}

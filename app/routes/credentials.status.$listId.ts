import type { LoaderFunctionArgs } from "@remix-run/node";
import { STATUS_LIST_ID, statusListJwt } from "~/lib/certificates/certificates.server";

/** The signed revocation list (BitstringStatusListCredential as a VC-JWT). */
export async function loader({ params }: LoaderFunctionArgs) {
  if (params.listId !== STATUS_LIST_ID) return new Response("Not found", { status: 404 });
  return new Response(await statusListJwt(), {
    headers: {
      "Content-Type": "application/jwt",
      "Cache-Control": "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

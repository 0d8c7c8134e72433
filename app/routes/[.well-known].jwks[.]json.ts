import { jwksDocument } from "~/lib/certificates/certificates.server";

/** Public keys for verifying credentials, current and retired. */
export async function loader() {
  return new Response(JSON.stringify(await jwksDocument(), null, 2), {
    headers: {
      "Content-Type": "application/jwk-set+json",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

import { didJson } from "~/lib/certificates/certificates.server";

/** The platform's did:web document: every signing key, current and retired. */
export async function loader() {
  return new Response(JSON.stringify(await didJson(), null, 2), {
    headers: {
      "Content-Type": "application/did+json",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { verifyByCode } from "~/lib/certificates/certificates.server";
import { clientIp } from "~/lib/http.server";
import { limitVerification } from "~/lib/rate-limit.server";

/** Machine-readable verification by code: the verdict and what the certificate states, nothing more. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  limitVerification(clientIp(request));
  const result = await verifyByCode(params.code ?? "");
  return new Response(JSON.stringify(result), {
    status: result.found ? 200 : 404,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" },
  });
}

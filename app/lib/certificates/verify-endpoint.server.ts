import type { ServerResponse } from "node:http";
import { logger } from "~/lib/logger.server";
import { type NodeRequest, nodeClientIp, sendJson } from "~/lib/node-http.server";
import { verificationAllowed } from "~/lib/rate-limit.server";
import { verifyByCode } from "./certificates.server";

// `GET /api/verify/:code`, mounted in Express before the Remix handler (app/server/main.ts):
// the machine-readable verdict a verifier app or a QR scanner asks for, at the rate of a whole
// hiring season. It needs neither a session nor a page, so it skips the framework: the rate
// limit, one statement, and the JSON.

// Any site may embed a verification widget: the answer is public by design.
const PUBLIC = { "Access-Control-Allow-Origin": "*" };

function codeOf(req: NodeRequest): string {
  const raw = req.params?.code ?? /^\/api\/verify\/([^/?]*)/.exec(req.url ?? "")?.[1] ?? "";
  try {
    return decodeURIComponent(raw);
  } catch {
    return "";
  }
}

/**
 * 200 with the verdict and what the certificate states; 404 `{ found: false }` for an unknown
 * code; 429 with Retry-After past VERIFY_RATE_LIMIT requests a minute from one address.
 */
export async function handleVerifyByCode(req: NodeRequest, res: ServerResponse): Promise<void> {
  try {
    const address = nodeClientIp(req);
    const limit = await verificationAllowed(address);
    if (!limit.ok)
      return sendJson(
        res,
        429,
        { error: "too-many-requests" },
        { ...PUBLIC, "Retry-After": String(limit.retryAfterSeconds) },
      );
    const result = await verifyByCode(codeOf(req));
    sendJson(res, result.found ? 200 : 404, result, PUBLIC);
  } catch (error) {
    logger.error({ err: error, url: req.url }, "verification by code failed");
    if (!res.headersSent) sendJson(res, 500, { error: "server" }, PUBLIC);
  }
}

import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES = 1024 * 1024;
// Uploads (attachments, course zips, CSV imports) have their own, larger limits.
const UPLOAD_BODY_BYTES = 25 * 1024 * 1024;

export function maxBodyBytesFor(pathname: string): number {
  return /\/(upload|import|attachments)(\/|$)/.test(pathname) ? UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
}

/**
 * SCORM package files (/scorm-content/): authoring tools write inline scripts and eval, so the
 * package gets them, but only inside a sandbox without allow-same-origin (an opaque origin: no
 * cookies, no storage of the app, no same-origin calls), framed by the app's own pages only, and
 * unable to submit forms or load anything from another site.
 */
function packageSecurityHeaders(https: boolean): Record<string, string> {
  const csp = [
    "sandbox allow-scripts",
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    // The sandboxed frame has an opaque origin, so its own requests for the package's scripts and
    // images are cross-origin: "same-origin" would block every one of them. The signed path is
    // what protects the files.
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** Headers sent with every response; scripts run only with this request's nonce. */
export function securityHeaders(
  nonce: string,
  pathname: string,
  https = false,
  /** In development only: the `remix dev` server whose socket tells the page to reload. */
  liveReloadOrigin?: string,
): Record<string, string> {
  if (pathname.startsWith("/scorm-content/")) return packageSecurityHeaders(https);
  const liveReload = liveReloadOrigin ? ` ${liveReloadOrigin.replace(/^http/, "ws")}` : "";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: https:",
    `connect-src 'self' https:${liveReload}`,
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Over HTTPS only: browsers ignore it on plain HTTP, and an intranet test install stays reachable.
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

function refuse(res: ServerResponse, status: number, message: string) {
  if (res.headersSent) return;
  // The unread rest of the body would otherwise be parsed as the next request on this
  // keep-alive connection (or hang it): answer, then close.
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" });
  res.end(message);
}

/**
 * Caps the bytes actually received for this request, whatever Content-Length says (chunked
 * bodies have none): a declared length over the limit is refused at once; otherwise every
 * chunk the HTTP parser delivers is counted, and past the limit the request gets a 413, its
 * reader stops receiving, and the connection is closed. Returns false when already refused.
 */
export function limitRequestBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): boolean {
  const message = `Request body too large (limit ${Math.round(maxBytes / 1024)} KB)`;
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBytes) {
    refuse(res, 413, message);
    req.resume();
    res.on("finish", () => req.socket.destroySoon());
    return false;
  }
  let received = 0;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null || chunk === undefined) return push(chunk, encoding);
    received += (chunk as Buffer).length;
    if (received <= maxBytes) return push(chunk, encoding);
    if (!res.headersSent) {
      refuse(res, 413, message);
      res.on("finish", () => req.destroy(new Error("request body too large")));
    }
    return false;
  };
  return true;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request from another site. Browsers send Origin on every POST; when it is
 * present it must be ours. Without Origin (curl, the offline verifier, old clients) we fall
 * back to Sec-Fetch-Site, and a request with neither cannot carry a victim's cookies anyway.
 */
export function isCrossSiteWrite(
  method: string,
  origin: string | undefined,
  secFetchSite: string | undefined,
  ownOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  if (origin && origin !== "null") return origin !== ownOrigin;
  if (origin === "null") return true;
  return secFetchSite === "cross-site";
}

export const MAX_BODY_BYTES = 1024 * 1024;
// Uploads (attachments, course zips, CSV imports) have their own, larger limits.
const UPLOAD_BODY_BYTES = 25 * 1024 * 1024;

export function maxBodyBytesFor(pathname: string): number {
  return /\/(upload|import|attachments)(\/|$)/.test(pathname) ? UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
}

/** Headers sent with every response; scripts run only with this request's nonce. */
export function securityHeaders(nonce: string, _pathname: string): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: https:",
    "connect-src 'self' https:",
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
  };
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

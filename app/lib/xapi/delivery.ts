// Pure rules of the xAPI sender: what an LRS answer means and when to try again. No I/O here;
// queue.server.ts applies them.

/**
 * - sent: stored (2xx), or 409 Conflict for a single statement: the LRS already has this id,
 *   which with our deterministic ids means it already has this statement.
 * - split: the LRS refused a batch as a whole (400 or 409): send its statements one by one, so
 *   that one bad or duplicate statement neither blocks nor drops the others.
 * - rejected: the LRS refuses this statement alone for good (400, 413, 422…): it is set aside
 *   (shown on /admin/xapi) so that the statements after it can go.
 * - retry: the LRS or the way to it is away or misconfigured (5xx, 401/403/404, 408, 429,
 *   time-outs, refused or dropped connections): everything waits and is tried again.
 */
export type LrsOutcome = "sent" | "split" | "rejected" | "retry";

export function classifyLrsResponse(status: number, batchSize: number): LrsOutcome {
  if (status >= 200 && status < 300) return "sent";
  if (status === 409) return batchSize > 1 ? "split" : "sent";
  if ([401, 403, 404, 408, 429].includes(status) || status >= 500) return "retry";
  if (status >= 400) return batchSize > 1 ? "split" : "rejected";
  return "retry";
}

const FIRST_RETRY_MS = 15 * 1000;
const LONGEST_RETRY_MS = 60 * 60 * 1000;

/** Exponential back-off after the n-th failed attempt (1-based): 15 s, 30 s, 1 min, … capped at 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), LONGEST_RETRY_MS);
}

/** A short, log-safe text for a failed request: never the credentials, at most 500 characters. */
export function lrsErrorText(status: number | null, detail: string): string {
  const text = (status === null ? detail : `HTTP ${status}${detail ? `: ${detail}` : ""}`).replace(/\s+/g, " ").trim();
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

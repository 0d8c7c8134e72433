// Pure rules of the mail outbox: how a message is rendered, how a failed delivery is classified
// and when it is tried again. No I/O here; the sender in mail.server.ts applies them.

export const OUTBOX_STATES = ["queued", "sending", "sent", "failed"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export function isOutboxState(value: unknown): value is OutboxState {
  return typeof value === "string" && (OUTBOX_STATES as readonly string[]).includes(value);
}

/** Deliveries tried before a message that keeps failing temporarily is marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30 * 1000;
const LONGEST_RETRY_MS = 60 * 60 * 1000;

/** Exponential back-off after the n-th failed attempt (1-based): 30 s, 1 min, 2 min, … capped at 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), LONGEST_RETRY_MS);
}

export type FailureKind = "temporary" | "permanent";

/**
 * A 5xx reply to the envelope or the message is permanent: the server will refuse the same mail
 * again. Everything else is temporary: 4xx replies, refused or dropped connections, time-outs,
 * and authentication failures (a configuration problem of ours, not of the message).
 */
export function classifyDeliveryError(error: unknown): FailureKind {
  const { responseCode, code } = (error ?? {}) as { responseCode?: unknown; code?: unknown };
  if (code === "EAUTH") return "temporary";
  return typeof responseCode === "number" && responseCode >= 500 && responseCode < 600 ? "permanent" : "temporary";
}

const CONNECTION_ERROR_CODES = new Set(["ECONNECTION", "ESOCKET", "ETIMEDOUT", "EDNS", "ECONNREFUSED"]);

/**
 * The mail server could not be reached at all (nothing was said about this message): the rest of
 * the batch would fail the same way, so the sender stops and leaves them for its next run.
 */
export function isConnectionFailure(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return typeof code === "string" && CONNECTION_ERROR_CODES.has(code) && typeof responseCode !== "number";
}

export type FailureOutcome = { state: "queued"; nextAttemptAt: Date } | { state: "failed" };

/** What a failed delivery leads to, given the attempts made so far including this one. */
export function afterFailure(kind: FailureKind, attempts: number, now: Date): FailureOutcome {
  if (kind === "permanent" || attempts >= MAX_DELIVERY_ATTEMPTS) return { state: "failed" };
  return { state: "queued", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}

/** The error text kept on the message: the SMTP reply when there is one, bounded in length. */
export function deliveryErrorText(error: unknown): string {
  const { response, message, code } = (error ?? {}) as { response?: unknown; message?: unknown; code?: unknown };
  const text =
    typeof response === "string" && response
      ? response
      : typeof message === "string" && message
        ? message
        : String(error);
  const prefixed = typeof code === "string" && !text.includes(code) ? `${code}: ${text}` : text;
  return prefixed.slice(0, 1000);
}

/** The domain of the sender address in MAIL_FROM ("HọcSố <no-reply@hocso.vn>" → "hocso.vn"). */
export function senderDomain(mailFrom: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom.trim());
  return match ? match[1].toLowerCase() : "localhost";
}

/** A Message-ID fixed when the message is queued, so that every retry sends the same one. */
export function messageIdFor(id: string, mailFrom: string): string {
  return `<${id}@${senderDomain(mailFrom)}>`;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

function linkified(line: string): string {
  let html = "";
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const at = match.index ?? 0;
    html += escapeHtml(line.slice(last, at));
    const url = escapeHtml(match[0]);
    html += `<a href="${url}">${url}</a>`;
    last = at + match[0].length;
  }
  return html + escapeHtml(line.slice(last));
}

/**
 * The HTML part of a message, made from its text part: paragraphs at blank lines, line breaks
 * kept, links clickable, everything else escaped. One source text means both parts say the same.
 */
export function mailHtml(text: string, locale: string): string {
  const paragraphs = text
    .replace(/\r\n/g, "\n")
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${block.split("\n").map(linkified).join("<br>\n")}</p>`);
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(locale)}">`,
    '<head><meta charset="utf-8"></head>',
    '<body style="font-family: sans-serif; line-height: 1.5">',
    ...paragraphs,
    "</body>",
    "</html>",
  ].join("\n");
}

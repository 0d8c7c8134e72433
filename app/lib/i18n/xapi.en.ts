import type { xapiVi } from "~/lib/i18n/xapi.vi";

export const xapiEn: Record<keyof typeof xapiVi, string> = {
  "admin.xapi": "Learning records (xAPI)",
  "admin.xapi.lead":
    "xAPI statements sent to the learning record store (LRS) in the order they happened. When the LRS does not answer, they are tried again with growing waits.",
  "admin.xapi.off": "No LRS is configured (XAPI_ENDPOINT): no statements are queued.",
  "admin.xapi.endpoint": "LRS: {endpoint}",
  "admin.xapi.summary": "Queue status",
  "admin.xapi.pending": "Waiting to be sent",
  "admin.xapi.sent": "Sent",
  "admin.xapi.rejected": "Rejected by the LRS",
  "admin.xapi.oldest": "Oldest waiting since",
  "admin.xapi.nextAttempt": "Next attempt",
  "admin.xapi.none": "—",
  "admin.xapi.failures": "Statements that failed",
  "admin.xapi.noFailures": "No statement has failed.",
  "admin.xapi.statement": "Statement",
  "admin.xapi.verb": "Verb",
  "admin.xapi.object": "Object",
  "admin.xapi.attempts": "Attempts",
  "admin.xapi.error": "Last error",
  "admin.xapi.state.retrying": "Will retry",
  "admin.xapi.state.rejected": "Rejected",
  "admin.xapi.retry": "Retry now",
  "admin.xapi.retried": "{count} statements queued to be sent now.",
  "admin.xapi.retryInvalid": "Invalid request: use the “Retry now” button.",
};

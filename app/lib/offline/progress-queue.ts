import type { QueuedProgressEvent, Verdict } from "~/lib/courses/progress-sync";
import { idbStore } from "./idb-store";

// Progress recorded while offline, kept on the device (IndexedDB) until the server has judged it.
// Used by the pages (on load and when the connection returns) and by the service worker
// (Background Sync), so it uses nothing but IndexedDB and fetch.

const DB_NAME = "hocso-offline";
const STORE = "progress";
/** Background Sync's tag for this queue. */
export const PROGRESS_SYNC_TAG = "hocso-progress";
/** The server takes at most 200 events per request (MAX_QUEUED_EVENTS); the queue goes in parts. */
const BATCH = 100;

type Stored = QueuedProgressEvent & { seq?: number };

const inStore = idbStore(DB_NAME, STORE, { keyPath: "seq", autoIncrement: true });

/** Events waiting for the server, in the order they were recorded. */
export async function queuedEvents(): Promise<Stored[]> {
  return (await inStore<Stored[]>("readonly", (store) => store.getAll())) ?? [];
}

export async function enqueueProgress(event: QueuedProgressEvent) {
  await inStore("readwrite", (store) => void store.add(event));
}

async function removeSent(seqs: number[]) {
  await inStore("readwrite", (store) => {
    for (const seq of seqs) store.delete(seq);
  });
}

export type FlushResult = { sent: number; refused: { id: string; reason: string }[]; remaining: number };

/**
 * Sends the queue in order. Judged events (applied, duplicates, refused) leave the queue; when the
 * network or the session is missing the rest stays for next time.
 */
export async function flushProgressQueue(): Promise<FlushResult> {
  const events = await queuedEvents();
  const refused: FlushResult["refused"] = [];
  let sent = 0;
  for (let start = 0; start < events.length; start += BATCH) {
    const batch = events.slice(start, start + BATCH);
    let response: Response;
    try {
      response = await fetch("/api/progress/sync", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ events: batch.map(({ seq: _seq, ...event }) => event) }),
      });
    } catch {
      break;
    }
    if (!response.ok) break;
    const { verdicts } = (await response.json()) as { verdicts: Verdict[] };
    const judged = new Set(verdicts.map((verdict) => verdict.id));
    for (const verdict of verdicts) if (verdict.outcome === "refused") refused.push(verdict);
    await removeSent(batch.filter((event) => judged.has(event.id)).map((event) => event.seq ?? -1));
    sent += judged.size;
  }
  return { sent, refused, remaining: (await queuedEvents()).length };
}

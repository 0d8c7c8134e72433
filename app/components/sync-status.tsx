import { useEffect, useState } from "react";
import { REFUSAL_REASONS, type RefusalReason } from "~/lib/courses/progress-sync";
import { useT } from "~/lib/i18n/use-t";
import { flushProgressQueue, PROGRESS_SYNC_TAG, queuedEvents, type FlushResult } from "~/lib/offline/progress-queue";

/** Pages dispatch this on window after they queue an event. */
export const PROGRESS_QUEUED_EVENT = "hocso-progress-queued";

type BackgroundSync = { sync?: { register: (tag: string) => Promise<void> } };

/** Asks for Background Sync where the browser has it; elsewhere the next load or "online" sends the queue. */
export async function requestProgressSync() {
  window.dispatchEvent(new Event(PROGRESS_QUEUED_EVENT));
  if (!("serviceWorker" in navigator)) return;
  const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & BackgroundSync;
  await registration.sync?.register(PROGRESS_SYNC_TAG).catch(() => undefined);
}

/** "3 thay đổi chờ đồng bộ", then "Đã đồng bộ" (and what the server refused, with its reason). */
export function SyncStatus() {
  const { t } = useT();
  const [pending, setPending] = useState(0);
  const [synced, setSynced] = useState(false);
  const [refused, setRefused] = useState<FlushResult["refused"]>([]);

  useEffect(() => {
    if (typeof indexedDB === "undefined") return;
    let active = true;
    const recount = async () => {
      const count = (await queuedEvents().catch(() => [])).length;
      if (active) setPending(count);
      return count;
    };
    const report = (result: FlushResult) => {
      if (!active) return;
      setPending(result.remaining);
      if (result.sent > 0 && result.remaining === 0) setSynced(true);
      if (result.refused.length > 0) setRefused(result.refused);
    };
    const flush = async () => {
      if ((await recount()) === 0 || !navigator.onLine) return;
      report(await flushProgressQueue());
    };
    const onQueued = () => {
      setSynced(false);
      void (navigator.onLine ? flush() : recount());
    };
    const onMessage = (event: MessageEvent<{ type?: string; result?: FlushResult }>) => {
      if (event.data?.type === "progress-synced" && event.data.result) report(event.data.result);
    };
    void flush();
    window.addEventListener("online", onQueued);
    window.addEventListener(PROGRESS_QUEUED_EVENT, onQueued);
    navigator.serviceWorker?.addEventListener("message", onMessage);
    return () => {
      active = false;
      window.removeEventListener("online", onQueued);
      window.removeEventListener(PROGRESS_QUEUED_EVENT, onQueued);
      navigator.serviceWorker?.removeEventListener("message", onMessage);
    };
  }, []);

  if (pending === 0 && !synced && refused.length === 0) return null;
  return (
    <div role="status" className="bg-brand-50 px-4 py-2 text-center text-sm font-medium text-brand-800">
      {pending > 0 ? <p>{t("offline.pending", { count: pending })}</p> : synced ? <p>{t("offline.synced")}</p> : null}
      {refused.length > 0 ? (
        <p className="text-accent-600">
          {t("offline.refusedCount", { count: refused.length })}{" "}
          {[
            ...new Set(
              refused.map((entry) =>
                isRefusalReason(entry.reason) ? t(`offline.refused.${entry.reason}`) : entry.reason,
              ),
            ),
          ].join("; ")}
        </p>
      ) : null}
    </div>
  );
}

function isRefusalReason(reason: string): reason is RefusalReason {
  return (REFUSAL_REASONS as readonly string[]).includes(reason);
}

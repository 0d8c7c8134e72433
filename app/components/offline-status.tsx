import { useEffect, useSyncExternalStore } from "react";
import { readOfflineCopyComment } from "~/lib/offline/cache-names";
import { useT } from "~/lib/i18n/use-t";

/** When the service worker answered this page from a saved copy: the time of that copy ("" if unknown). */
function savedCopyTime(): string | null {
  for (const node of Array.from(document.head.childNodes))
    if (node.nodeType === Node.COMMENT_NODE) {
      const savedAt = readOfflineCopyComment(node.textContent ?? "");
      if (savedAt !== null) return savedAt;
    }
  return null;
}

const subscribeToNothing = () => () => {};

function subscribeToConnection(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

/**
 * While offline, links load whole documents (which the service worker can answer from saved
 * copies) instead of Remix's data requests (which it cannot).
 */
function loadDocumentsWhileOffline(event: MouseEvent) {
  if (navigator.onLine || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.target || anchor.hasAttribute("download")) return;
  const url = new URL(anchor.href);
  if (url.origin !== window.location.origin) return;
  event.preventDefault();
  event.stopPropagation();
  window.location.assign(url.href);
}

/**
 * The service worker's registration and what the learner must know about the connection: that
 * this page is a saved copy (never shown as live), or that the device is offline.
 */
export function OfflineStatus() {
  const { t, date } = useT();
  const copySavedAt = useSyncExternalStore(subscribeToNothing, savedCopyTime, () => null);
  const online = useSyncExternalStore(
    subscribeToConnection,
    () => navigator.onLine,
    () => true,
  );

  useEffect(() => {
    window.addEventListener("click", loadDocumentsWhileOffline, true);
    if ("serviceWorker" in navigator) void navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => null);
    return () => window.removeEventListener("click", loadDocumentsWhileOffline, true);
  }, []);

  if (copySavedAt !== null) {
    const time = copySavedAt && !Number.isNaN(Date.parse(copySavedAt)) ? date(copySavedAt, true) : "";
    return (
      <p role="status" className="bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-900">
        {time ? t("offline.copyBanner", { time }) : t("offline.copyBannerNoTime")}
      </p>
    );
  }
  if (!online)
    return (
      <p role="status" className="bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-900">
        {t("offline.youAreOffline")}
      </p>
    );
  return null;
}

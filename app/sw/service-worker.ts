import { clientsClaim } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute, type PrecacheEntry } from "workbox-precaching";
import { registerRoute } from "workbox-routing";
import { CacheFirst } from "workbox-strategies";
import {
  ASSET_CACHE,
  ATTEMPT_CACHE,
  isAttemptPagePath,
  isPerUserCache,
  OFFLINE_SHELL_PATH,
  offlineCopyComment,
} from "../lib/offline/cache-names";
import { flushProgressQueue, PROGRESS_SYNC_TAG } from "../lib/offline/progress-queue";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: PrecacheEntry[] };
// Background Sync is not in TypeScript's WebWorker library yet.
type SyncEvent = ExtendableEvent & { tag: string };

// The build (.ci/build-sw.mjs) replaces self.__WB_MANIFEST with the fingerprinted files of this
// release and the offline shell; Workbox keeps them in a cache keyed by revision, so a new release
// installs beside the old one and removes it on activation.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
self.addEventListener("install", () => void self.skipWaiting());
clientsClaim();

// Other build files (route chunks, video players) on first use. Their names carry their content's
// hash, so a cached copy is never stale; a saved course's copies are found in its own cache too.
const assets = new CacheFirst({
  cacheName: ASSET_CACHE,
  plugins: [new ExpirationPlugin({ maxEntries: 150, purgeOnQuotaError: true })],
});
registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin && url.pathname.startsWith("/build/") && request.method === "GET",
  async (options) => (await caches.match(options.request)) ?? assets.handle(options),
);

/** A saved copy, marked so that the page says it is not live (see OfflineCopyBanner). */
async function markedCopy(response: Response): Promise<Response> {
  const savedAt = response.headers.get("date") ?? "";
  const html = (await response.text()).replace(/<head([^>]*)>/i, (head) => `${head}${offlineCopyComment(savedAt)}`);
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(html, { status: 200, headers });
}

async function offlineNavigation(request: Request): Promise<Response> {
  const saved = await caches.match(request, { ignoreSearch: true, ignoreVary: true });
  if (saved) return markedCopy(saved);
  return (await matchPrecache(OFFLINE_SHELL_PATH)) ?? Response.error();
}

// Pages: always the network first, because most of them change per user and per minute. Without a
// network, a page the learner saved (a course) or last opened (an attempt) is shown with a banner;
// anything else gets the offline shell. Attempt pages are copied on every successful load so a
// reload with no network reopens the attempt.
registerRoute(
  ({ request }) => request.mode === "navigate" && request.method === "GET",
  async ({ request, url }) => {
    try {
      const response = await fetch(request);
      if (isAttemptPagePath(url.pathname) && response.ok && !response.redirected) {
        const cache = await caches.open(ATTEMPT_CACHE);
        await cache.put(request, response.clone());
      }
      return response;
    } catch {
      return offlineNavigation(request);
    }
  },
);

// Signing out removes this learner's saved pages, so the next person on a shared device cannot read them.
self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "POST" || url.origin !== self.location.origin || url.pathname !== "/logout") return;
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names.filter(isPerUserCache).map((name) => caches.delete(name)))),
  );
});

// Background Sync (Chromium): the queue of offline progress goes out when the connection returns,
// even if no page is open; the open pages are told to recount it.
self.addEventListener("sync", (event) => {
  const sync = event as SyncEvent;
  if (sync.tag !== PROGRESS_SYNC_TAG) return;
  sync.waitUntil(
    flushProgressQueue().then(async (result) => {
      for (const client of await self.clients.matchAll()) client.postMessage({ type: "progress-synced", result });
    }),
  );
});

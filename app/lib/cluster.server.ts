import cluster from "node:cluster";

// What the processes of one instance say to each other over node:cluster's IPC channel. The
// primary (app/server/main.ts) serves no requests: it relays these between its HTTP workers and
// its one job worker, and it keeps the instance's rate-limit counters.

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export type ClusterMessage =
  /** HTTP worker → primary → job worker: run this background job now (e.g. after an import). */
  | { hocso: "run-job"; name: string }
  /** HTTP worker → primary → every other HTTP worker: e.g. forget a cached verification. */
  | { hocso: "broadcast"; topic: string; payload: string | null }
  /** Any worker → primary: count one request against the instance-wide limit. */
  | { hocso: "rate-limit"; id: number; key: string; limit: number; windowMs: number }
  | { hocso: "rate-limit-result"; id: number; result: RateLimitResult };

export function isClusterMessage(message: unknown): message is ClusterMessage {
  return typeof message === "object" && message !== null && typeof (message as { hocso?: unknown }).hocso === "string";
}

/** True in a worker forked by the primary; false in-process (WEB_CONCURRENCY=1), tests and CLIs. */
export const inClusterWorker = cluster.isWorker;

export function sendToPrimary(message: ClusterMessage) {
  process.send?.(message);
}

/** Listens to what the primary sends this worker (nothing outside a cluster). */
export function onPrimaryMessage(handler: (message: ClusterMessage) => void) {
  if (!inClusterWorker) return;
  process.on("message", (message: unknown) => {
    if (isClusterMessage(message)) handler(message);
  });
}

const topicHandlers = new Map<string, ((payload: string | null) => void)[]>();
let listeningToBroadcasts = false;

/** Runs `handler` here whenever another worker of this instance broadcasts on `topic`. */
export function onBroadcast(topic: string, handler: (payload: string | null) => void) {
  topicHandlers.set(topic, [...(topicHandlers.get(topic) ?? []), handler]);
  if (listeningToBroadcasts) return;
  listeningToBroadcasts = true;
  onPrimaryMessage((message) => {
    if (message.hocso === "broadcast") for (const run of topicHandlers.get(message.topic) ?? []) run(message.payload);
  });
}

/** Tells the other workers of this instance (the caller has already acted for itself). */
export function broadcast(topic: string, payload: string | null) {
  if (inClusterWorker) sendToPrimary({ hocso: "broadcast", topic, payload });
}

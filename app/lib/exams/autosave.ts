import { useCallback, useEffect, useRef, useState } from "react";

// The browser side of autosave. Every answer goes into a queue kept in memory and in
// localStorage (so a reload or a crashed tab loses nothing), and is sent to the JSON endpoint
// with at most one request per question in flight: a newer value waits for the older request,
// so answers can never arrive out of order. Failures are retried with exponential backoff,
// and at once when the browser says it is back online.

export type SaveStatus = "saving" | "saved" | "retrying" | "invalid";
export type Connection = "ok" | "offline" | "unauthenticated";
type Entry = { value: unknown; at: number };

const MAX_BACKOFF_MS = 30_000;
const REQUEST_TIMEOUT_MS = 15_000;

export function storageKey(attemptId: string): string {
  return `hocso.exam.${attemptId}`;
}

function readStorage(attemptId: string): Record<string, Entry> {
  try {
    const text = window.localStorage.getItem(storageKey(attemptId));
    const parsed = text ? (JSON.parse(text) as unknown) : null;
    return parsed && typeof parsed === "object" ? (parsed as Record<string, Entry>) : {};
  } catch {
    return {};
  }
}

function writeStorage(attemptId: string, pending: Map<string, Entry>) {
  try {
    if (pending.size === 0) window.localStorage.removeItem(storageKey(attemptId));
    else window.localStorage.setItem(storageKey(attemptId), JSON.stringify(Object.fromEntries(pending)));
  } catch {
    // Private mode or a full quota: the in-memory queue still retries until the tab closes.
  }
}

/** Forgets the unsent answers of an attempt (after it was submitted). */
export function clearStoredAnswers(attemptId: string) {
  try {
    window.localStorage.removeItem(storageKey(attemptId));
  } catch {
    // nothing stored
  }
}

type Options = {
  attemptId: string;
  /** When the server last saved each answer (ms): an older unsent answer from storage is dropped. */
  savedAt: Record<string, number>;
  /** Server time minus device time, in ms. */
  clockOffset: () => number;
  onServerTime: (serverNow: number, sentAt: number, receivedAt: number) => void;
  /** Answers restored from this device's storage (unsent before a reload). */
  onRestore: (values: Record<string, unknown>) => void;
  /** The attempt was submitted or its time is up (409/410). */
  onClosed: () => void;
};

export function useAnswerAutosave({ attemptId, savedAt, clockOffset, onServerTime, onRestore, onClosed }: Options) {
  const [statuses, setStatuses] = useState<Record<string, SaveStatus>>({});
  const [connection, setConnection] = useState<Connection>("ok");
  const pending = useRef(new Map<string, Entry>());
  const inFlight = useRef(new Set<string>());
  const failures = useRef(new Map<string, number>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const closed = useRef(false);
  const callbacks = useRef({ clockOffset, onServerTime, onClosed });
  callbacks.current = { clockOffset, onServerTime, onClosed };

  const setStatus = useCallback(
    (key: string, status: SaveStatus) =>
      setStatuses((current) => (current[key] === status ? current : { ...current, [key]: status })),
    [],
  );

  const send = useCallback(
    async (key: string): Promise<void> => {
      if (closed.current || inFlight.current.has(key)) return;
      const entry = pending.current.get(key);
      if (!entry) return;
      const timer = timers.current.get(key);
      if (timer) clearTimeout(timer);
      timers.current.delete(key);
      inFlight.current.add(key);
      const sentAt = Date.now();
      let retry = false;
      try {
        const response = await fetch(`/api/attempts/${encodeURIComponent(attemptId)}/answers`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          credentials: "same-origin",
          body: JSON.stringify({ questionKey: key, value: entry.value }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        if (response.ok) {
          const body = (await response.json()) as { serverNow?: number };
          if (typeof body.serverNow === "number") callbacks.current.onServerTime(body.serverNow, sentAt, Date.now());
          failures.current.delete(key);
          setConnection("ok");
          if (pending.current.get(key) === entry) {
            pending.current.delete(key);
            writeStorage(attemptId, pending.current);
            setStatus(key, "saved");
          }
        } else if (response.status === 409 || response.status === 410) {
          closed.current = true;
          callbacks.current.onClosed();
        } else if (response.status === 422 || response.status === 400) {
          if (pending.current.get(key) === entry) {
            pending.current.delete(key);
            writeStorage(attemptId, pending.current);
            setStatus(key, "invalid");
          }
        } else {
          if (response.status === 401) setConnection("unauthenticated");
          retry = true;
        }
      } catch {
        setConnection("offline");
        retry = true;
      } finally {
        inFlight.current.delete(key);
      }
      if (closed.current) return;
      if (retry) {
        const count = (failures.current.get(key) ?? 0) + 1;
        failures.current.set(key, count);
        setStatus(key, "retrying");
        const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (count - 1)) * (0.8 + Math.random() * 0.4);
        timers.current.set(
          key,
          setTimeout(() => void send(key), delay),
        );
      } else if (pending.current.has(key)) {
        // A newer value arrived while this one was in flight.
        void send(key);
      }
    },
    [attemptId, setStatus],
  );

  const enqueue = useCallback(
    (key: string, value: unknown) => {
      pending.current.set(key, { value, at: Date.now() + callbacks.current.clockOffset() });
      writeStorage(attemptId, pending.current);
      if (!inFlight.current.has(key)) setStatus(key, failures.current.has(key) ? "retrying" : "saving");
      void send(key);
    },
    [attemptId, send, setStatus],
  );

  /** Stops sending (the form is being submitted with every answer in it). */
  const stop = useCallback(() => {
    closed.current = true;
    for (const timer of timers.current.values()) clearTimeout(timer);
    timers.current.clear();
  }, []);

  // Answers this device had not sent before the page was (re)loaded: newer than what the
  // server has for that question, they win and are sent again.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const stored = readStorage(attemptId);
    const values: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(stored)) {
      if (!entry || typeof entry.at !== "number" || (savedAt[key] ?? 0) >= entry.at) continue;
      values[key] = entry.value;
      pending.current.set(key, entry);
    }
    writeStorage(attemptId, pending.current);
    if (Object.keys(values).length > 0) {
      onRestore(values);
      for (const key of Object.keys(values)) {
        setStatus(key, "saving");
        void send(key);
      }
    }
  }, [attemptId, savedAt, onRestore, send, setStatus]);

  useEffect(() => {
    const retryAll = () => {
      for (const key of pending.current.keys()) {
        failures.current.delete(key);
        void send(key);
      }
    };
    const offline = () => setConnection("offline");
    window.addEventListener("online", retryAll);
    window.addEventListener("offline", offline);
    const allTimers = timers.current;
    return () => {
      window.removeEventListener("online", retryAll);
      window.removeEventListener("offline", offline);
      for (const timer of allTimers.values()) clearTimeout(timer);
    };
  }, [send]);

  return { statuses, connection, enqueue, stop };
}

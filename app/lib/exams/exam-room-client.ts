import crypto from "node:crypto";
import zlib from "node:zlib";

// The attempt page's only script, small and standalone (no framework): it enhances the plain
// HTML form that works without JavaScript. It counts down from the server's clock, autosaves
// each answer as it is given, keeps unsent answers in IndexedDB (so they survive a reload or a
// closed tab while offline) and sends them again on load and when the browser is back online,
// asks for confirmation before submitting, and submits by itself when time is up.
//
// Each function below runs in the browser: the server sends its source text (see
// `clientScripts`), so it must use nothing from its module scope, only browser globals.

type Entry = { attemptId: string; questionKey: string; value: unknown; at: number };
type Config = {
  attemptId: string;
  deadline: number;
  serverNow: number;
  resultUrl: string;
  savedAt: Record<string, number>;
  messages: Record<string, string>;
};

/** The attempt page. */
function examRoom() {
  const configElement = document.getElementById("exam-room-config");
  const form = document.getElementById("exam-form") as HTMLFormElement | null;
  if (!configElement || !form) return;
  const config = JSON.parse(configElement.textContent ?? "{}") as Config;
  examReadAloud(config.messages);
  const msg = (key: string, params?: Record<string, string | number>) =>
    (config.messages[key] ?? key).replace(/\{(\w+)\}/g, (match, name: string) =>
      params && name in params ? String(params[name]) : match,
    );
  const MAX_BACKOFF_MS = 30_000;
  const REQUEST_TIMEOUT_MS = 15_000;
  const DB_NAME = "hocso-exam";
  const STORE = "answers";

  // ── A saved copy: the service worker answered this reload from its cache (no network). It marks
  // the copy with a comment at the start of <head> (OFFLINE_COPY_MARKER in offline/cache-names.ts). ──
  let copySavedAt: string | null = null;
  for (const node of Array.from(document.head.childNodes))
    if (node.nodeType === Node.COMMENT_NODE && (node.textContent ?? "").startsWith("hocso-offline-copy:"))
      copySavedAt = (node.textContent ?? "").slice("hocso-offline-copy:".length);
  if (copySavedAt !== null) {
    const savedAt = Date.parse(copySavedAt);
    const banner = document.createElement("p");
    banner.setAttribute("role", "status");
    banner.className = "bg-amber-100 px-4 py-2 text-center text-sm font-medium text-amber-900";
    banner.textContent = Number.isNaN(savedAt)
      ? msg("offline.copyBannerNoTime")
      : msg("offline.copyBanner", { time: new Date(savedAt).toLocaleString(document.documentElement.lang || "vi") });
    document.querySelector("main")?.before(banner);
  }

  // ── Server time: the page load's offset, refined by every save's round trip. A saved copy's
  // server clock is as old as the copy, so it counts on the device's clock until a save answers. ──
  let offset = copySavedAt === null ? config.serverNow - Date.now() : 0;
  const navigation = performance.getEntriesByType?.("navigation")[0] as PerformanceNavigationTiming | undefined;
  if (
    copySavedAt === null &&
    navigation &&
    navigation.responseStart > 0 &&
    new URL(navigation.name).pathname === location.pathname
  )
    offset = config.serverNow - (performance.timeOrigin + navigation.responseStart);
  let bestRoundTrip = Number.POSITIVE_INFINITY;
  const serverTime = () => Date.now() + offset;

  // ── The unsent answers, kept in IndexedDB (memory only where it is unavailable) ──
  let dbPromise: Promise<IDBDatabase | null> | null = null;
  const openDb = () => {
    dbPromise ??= new Promise<IDBDatabase | null>((resolve) => {
      try {
        const request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () =>
          request.result.createObjectStore(STORE, { keyPath: ["attemptId", "questionKey"] });
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(null);
      } catch {
        resolve(null);
      }
    });
    return dbPromise;
  };
  const storeOp = async (run: (store: IDBObjectStore) => IDBRequest) => {
    const db = await openDb();
    if (!db) return undefined;
    return new Promise<unknown>((resolve) => {
      try {
        const request = run(db.transaction(STORE, "readwrite").objectStore(STORE));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => resolve(undefined);
      } catch {
        resolve(undefined);
      }
    });
  };
  const keep = (entry: Entry) => void storeOp((store) => store.put(entry));
  const forget = (entry: Entry) =>
    void storeOp((store) => store.delete([entry.attemptId, entry.questionKey])).then(() => undefined);

  // ── Reading and showing a question's answer ──
  const fieldsets = Array.from(form.querySelectorAll<HTMLFieldSetElement>("fieldset[data-key]"));
  const byKey = new Map(fieldsets.map((fs) => [fs.dataset.key ?? "", fs]));
  const inputs = (fs: HTMLElement) => Array.from(fs.querySelectorAll<HTMLInputElement>("input"));
  const selects = (fs: HTMLElement) => Array.from(fs.querySelectorAll<HTMLSelectElement>("select"));

  const orderOf = (fs: HTMLElement): { ok: true; value: string[] } | { ok: false; error: string } => {
    const rows = selects(fs);
    const chosen = rows.filter((s) => s.value !== "");
    if (chosen.length === 0) return { ok: true, value: [] };
    if (chosen.length < rows.length) return { ok: false, error: "exams.error.orderIncomplete" };
    const slots: string[] = [];
    for (const row of rows) {
      const position = Number(row.value);
      if (slots[position - 1] !== undefined) return { ok: false, error: "exams.error.orderDuplicate" };
      slots[position - 1] = row.dataset.sub ?? "";
    }
    return { ok: true, value: slots };
  };

  const valueOf = (fs: HTMLElement): { ok: true; value: unknown } | { ok: false; error: string } => {
    const type = fs.dataset.type;
    if (type === "ordering") return orderOf(fs);
    if (type === "matching")
      return { ok: true, value: Object.fromEntries(selects(fs).map((s) => [s.dataset.sub ?? "", s.value])) };
    if (type === "multiple")
      return {
        ok: true,
        value: inputs(fs)
          .filter((i) => i.checked)
          .map((i) => i.value),
      };
    if (type === "short" || type === "numeric") return { ok: true, value: inputs(fs)[0]?.value ?? "" };
    const checked = inputs(fs).find((i) => i.checked)?.value ?? "";
    if (type === "truefalse") return { ok: true, value: checked === "true" ? true : checked === "false" ? false : "" };
    return { ok: true, value: checked };
  };

  const show = (fs: HTMLElement, value: unknown) => {
    const type = fs.dataset.type;
    if (type === "ordering" && Array.isArray(value)) {
      for (const s of selects(fs)) s.value = String(value.indexOf(s.dataset.sub) + 1 || "");
    } else if (type === "matching" && value && typeof value === "object") {
      for (const s of selects(fs)) s.value = (value as Record<string, string>)[s.dataset.sub ?? ""] ?? "";
    } else if (type === "short" || type === "numeric") {
      const input = inputs(fs)[0];
      if (input) input.value = typeof value === "string" ? value : "";
    } else {
      const wanted = Array.isArray(value) ? value.map(String) : [String(value)];
      for (const i of inputs(fs)) i.checked = wanted.includes(i.value);
    }
  };

  const isAnswered = (fs: HTMLElement) => {
    const type = fs.dataset.type;
    if (type === "ordering") return selects(fs).every((s) => s.value !== "");
    if (type === "matching") return selects(fs).some((s) => s.value !== "");
    if (type === "short" || type === "numeric") return (inputs(fs)[0]?.value ?? "").trim() !== "";
    return inputs(fs).some((i) => i.checked);
  };

  const progress = document.getElementById("exam-progress");
  const updateProgress = () => {
    if (progress)
      progress.textContent = msg("exams.attempt.progress", {
        count: fieldsets.filter(isAnswered).length,
        total: fieldsets.length,
      });
  };

  const STYLES: Record<string, [string, string]> = {
    saved: ["text-green-800", "✓"],
    saving: ["text-slate-600", "…"],
    retrying: ["text-amber-800", "↻"],
    invalid: ["text-red-800", "!"],
    late: ["text-red-800", "!"],
    unanswered: ["text-slate-500", "○"],
  };
  const setStatus = (key: string, status: string) => {
    const element = byKey.get(key)?.querySelector<HTMLElement>("[data-save-status]");
    const [style, icon] = STYLES[status] ?? ["", ""];
    if (!element || element.dataset.saveStatus === status) return;
    element.dataset.saveStatus = status;
    element.className = `text-sm ${style}`;
    element.innerHTML = "";
    const iconSpan = document.createElement("span");
    iconSpan.setAttribute("aria-hidden", "true");
    iconSpan.textContent = icon;
    const text = document.createElement("span");
    text.textContent = msg(`exams.attempt.status.${status}`);
    element.append(iconSpan, " ", text);
  };
  const setLocalError = (fs: HTMLElement, error: string | null) => {
    let element = fs.querySelector<HTMLElement>("[data-local-error]");
    if (!error) {
      element?.remove();
      return;
    }
    if (!element) {
      element = document.createElement("p");
      element.dataset.localError = "";
      element.className = "text-sm font-medium text-red-800";
      fs.querySelector("[data-save-status]")?.before(element);
    }
    element.textContent = msg(error);
  };

  const connection = document.getElementById("exam-connection");
  const setConnection = (key: string | null) => {
    if (!connection) return;
    connection.innerHTML = "";
    if (!key) return;
    const box = document.createElement("div");
    box.setAttribute("role", "status");
    box.className = "rounded-md border-l-4 px-4 py-3 text-sm border-brand-600 bg-brand-50 text-brand-900";
    box.textContent = msg(key);
    connection.append(box);
  };

  // ── Sending: at most one request per question in flight, so answers never arrive out of order ──
  const pending = new Map<string, Entry>();
  const inFlight = new Set<string>();
  const failures = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let closed = false;
  let goingToResult = false;
  const goToResult = () => {
    if (goingToResult) return;
    goingToResult = true;
    location.assign(config.resultUrl);
  };

  const send = async (key: string): Promise<void> => {
    const entry = pending.get(key);
    if (closed || inFlight.has(key) || !entry) return;
    clearTimeout(timers.get(key));
    timers.delete(key);
    inFlight.add(key);
    const sentAt = Date.now();
    let retry = false;
    try {
      const response = await fetch(`/api/attempts/${encodeURIComponent(config.attemptId)}/answers`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ questionKey: key, value: entry.value, answeredAt: Math.round(entry.at) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const body = (await response.json().catch(() => ({}))) as { serverNow?: number; error?: string };
      const done = (status: string) => {
        if (pending.get(key) !== entry) return;
        pending.delete(key);
        forget(entry);
        setStatus(key, status);
      };
      if (response.ok) {
        const receivedAt = Date.now();
        if (typeof body.serverNow === "number" && receivedAt - sentAt <= bestRoundTrip) {
          bestRoundTrip = receivedAt - sentAt;
          offset = body.serverNow - (sentAt + receivedAt) / 2;
        }
        failures.delete(key);
        setConnection(null);
        done("saved");
      } else if (response.status === 410 && body.error === "answered-after-deadline") {
        // Given after time was up (by this device's stamp): refused, and the learner is told why.
        done("late");
        setConnection("exams.attempt.lateRefused");
      } else if (response.status === 409 || response.status === 410) {
        closed = true;
        goToResult();
      } else if (response.status === 422 || response.status === 400) {
        done("invalid");
      } else {
        if (response.status === 401) setConnection("exams.attempt.sessionExpired");
        retry = true;
      }
    } catch {
      setConnection("exams.attempt.offline");
      retry = true;
    } finally {
      inFlight.delete(key);
    }
    if (closed) return;
    if (retry) {
      const count = (failures.get(key) ?? 0) + 1;
      failures.set(key, count);
      setStatus(key, "retrying");
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (count - 1)) * (0.8 + Math.random() * 0.4);
      timers.set(
        key,
        setTimeout(() => void send(key), delay),
      );
    } else if (pending.has(key)) {
      void send(key);
    }
  };

  const enqueue = (key: string, value: unknown) => {
    const entry: Entry = { attemptId: config.attemptId, questionKey: key, value, at: serverTime() };
    pending.set(key, entry);
    keep(entry);
    if (!inFlight.has(key)) setStatus(key, failures.has(key) ? "retrying" : "saving");
    void send(key);
  };

  const commit = (fs: HTMLElement) => {
    const key = fs.dataset.key ?? "";
    const value = valueOf(fs);
    updateProgress();
    if (!value.ok) {
      setLocalError(fs, value.error);
      return;
    }
    setLocalError(fs, null);
    enqueue(key, value.value);
  };

  const flushAll = async (withinMs: number) => {
    for (const key of pending.keys()) {
      failures.delete(key);
      void send(key);
    }
    const until = Date.now() + withinMs;
    while (pending.size > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  };

  // ── Input ──
  const typing = new Map<string, ReturnType<typeof setTimeout>>();
  const fieldsetOf = (target: EventTarget | null) =>
    target instanceof HTMLElement ? target.closest<HTMLFieldSetElement>("fieldset[data-key]") : null;
  form.addEventListener("focusin", (event) => {
    if (event.target instanceof HTMLSelectElement) event.target.dataset.previous = event.target.value;
  });
  form.addEventListener("change", (event) => {
    const fs = fieldsetOf(event.target);
    if (!fs) return;
    const target = event.target;
    if (fs.dataset.type === "ordering" && target instanceof HTMLSelectElement) {
      // Choosing a position another item has swaps the two, so the positions stay a permutation.
      const previous = target.dataset.previous ?? "";
      for (const other of selects(fs))
        if (other !== target && other.value === target.value && target.value !== "") other.value = previous;
      target.dataset.previous = target.value;
    }
    if (fs.dataset.type === "short" || fs.dataset.type === "numeric") return;
    commit(fs);
  });
  form.addEventListener("input", (event) => {
    const fs = fieldsetOf(event.target);
    if (!fs || (fs.dataset.type !== "short" && fs.dataset.type !== "numeric")) return;
    const key = fs.dataset.key ?? "";
    clearTimeout(typing.get(key));
    updateProgress();
    typing.set(
      key,
      setTimeout(() => {
        typing.delete(key);
        commit(fs);
      }, 800),
    );
  });
  form.addEventListener("focusout", (event) => {
    const fs = fieldsetOf(event.target);
    const key = fs?.dataset.key ?? "";
    if (!fs || !typing.has(key)) return;
    clearTimeout(typing.get(key));
    typing.delete(key);
    commit(fs);
  });

  // ── Submitting ──
  const submitButton = document.getElementById("exam-submit") as HTMLButtonElement | null;
  const dialog = document.getElementById("exam-confirm") as HTMLDialogElement | null;
  const offlineNotice = document.getElementById("exam-offline-submit");
  let submitting = false;
  const submitNow = async () => {
    if (submitting) return;
    if (!navigator.onLine) {
      if (offlineNotice) offlineNotice.hidden = false;
      window.addEventListener("online", () => void submitNow(), { once: true });
      return;
    }
    if (offlineNotice) offlineNotice.hidden = true;
    submitting = true;
    if (submitButton) {
      submitButton.disabled = true;
      submitButton.textContent = msg("exams.attempt.submitting");
    }
    // Answers stamped before the deadline that this device still holds go first, with their stamps.
    await flushAll(5_000);
    closed = true;
    const intent = document.createElement("input");
    intent.type = "hidden";
    intent.name = "intent";
    intent.value = "submit";
    form.append(intent);
    form.submit();
  };
  submitButton?.addEventListener("click", (event) => {
    event.preventDefault();
    if (!dialog?.showModal) return void submitNow();
    const left = fieldsets.length - fieldsets.filter(isAnswered).length;
    const unanswered = document.getElementById("exam-confirm-unanswered");
    if (unanswered) {
      unanswered.hidden = left === 0;
      unanswered.textContent = msg("exams.attempt.confirmUnanswered", { count: left });
    }
    dialog.showModal();
  });
  document.getElementById("exam-confirm-cancel")?.addEventListener("click", () => dialog?.close());
  document.getElementById("exam-confirm-submit")?.addEventListener("click", () => {
    dialog?.close();
    void submitNow();
  });

  // ── The countdown ──
  const clock = document.getElementById("exam-clock");
  const timer = document.createElement("p");
  timer.setAttribute("role", "timer");
  timer.setAttribute("aria-label", msg("exams.attempt.timeLeft"));
  const timerLabel = document.createElement("span");
  timerLabel.className = "sr-only";
  timerLabel.textContent = `${msg("exams.attempt.timeLeft")}: `;
  const timerText = document.createTextNode("");
  timer.append(timerLabel, timerText);
  const announcer = document.createElement("p");
  announcer.className = "sr-only";
  announcer.setAttribute("aria-live", "assertive");
  announcer.setAttribute("aria-atomic", "true");
  clock?.replaceChildren(timer, announcer);
  const format = (ms: number) => {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const mm = String(minutes).padStart(hours ? 2 : 1, "0");
    return `${hours ? `${hours}:` : ""}${mm}:${String(total % 60).padStart(2, "0")}`;
  };
  let previous = config.deadline - serverTime();
  let expired = false;
  const tick = () => {
    const left = config.deadline - serverTime();
    for (const [threshold, key] of [
      [300_000, "exams.attempt.announce5"],
      [60_000, "exams.attempt.announce1"],
    ] as const)
      if (previous > threshold && left <= threshold) announcer.textContent = msg(key);
    previous = left;
    timer.className = `rounded-md px-3 py-1 font-mono text-lg font-bold tabular-nums ${
      left <= 60_000
        ? "bg-red-700 text-white"
        : left <= 300_000
          ? "bg-amber-100 text-amber-900"
          : "bg-slate-100 text-slate-900"
    }`;
    timerText.textContent = left > 0 ? format(left) : msg("exams.attempt.timeUp");
    if (left <= 0 && !expired) {
      expired = true;
      dialog?.close();
      void submitNow();
    }
  };
  tick();
  setInterval(tick, 1000);

  // ── Start: show the statuses, then restore what this device had not sent ──
  for (const element of form.querySelectorAll<HTMLElement>("[data-save-status]")) element.hidden = false;
  window.addEventListener("online", () => void flushAll(0));
  window.addEventListener("offline", () => setConnection("exams.attempt.offline"));
  void storeOp((store) => store.getAll()).then((rows) => {
    for (const entry of (Array.isArray(rows) ? rows : []) as Entry[]) {
      if (entry.attemptId !== config.attemptId) continue;
      const fs = byKey.get(entry.questionKey);
      // Newer than what the server has for that question: it wins and is sent again.
      if (!fs || (config.savedAt[entry.questionKey] ?? 0) >= entry.at) {
        forget(entry);
        continue;
      }
      if (pending.has(entry.questionKey)) continue;
      show(fs, entry.value);
      pending.set(entry.questionKey, entry);
      setStatus(entry.questionKey, "saving");
    }
    updateProgress();
    void flushAll(0);
  });
}

/**
 * Read-aloud for the exam's questions, with the browser's speech synthesis and the device's
 * Vietnamese voice (the same choice as read-aloud.tsx and speech.ts, restated here because this
 * script is sent as source and imports nothing). Each question gets a button that reads what
 * the page shows of it (its number, prompt and the visible text of its choices), and never
 * anything else: no hidden answer data, no other question. Without a Vietnamese voice the page
 * says so once and offers no button.
 */
function examReadAloud(messages: Record<string, string>) {
  const form = document.getElementById("exam-form");
  if (!form || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) return;
  const synth = window.speechSynthesis;
  const MAX = 200;
  const pickVoice = () => {
    const score = (v: SpeechSynthesisVoice) =>
      (v.lang.replace("_", "-").toLowerCase() === "vi-vn" ? 4 : 0) + (v.localService ? 2 : 0) + (v.default ? 1 : 0);
    return synth
      .getVoices()
      .filter((v) => /^vi([-_]|$)/i.test(v.lang))
      .sort((a, b) => score(b) - score(a))[0];
  };
  // Pieces of at most MAX characters, cut at sentence ends and then spaces (Chrome stops long utterances).
  const pieces = (text: string) => {
    const out: string[] = [];
    for (const line of text.split(/\n+/)) {
      let current = "";
      for (const word of line.replace(/\s+/g, " ").trim().split(" ").filter(Boolean)) {
        if (current && current.length + 1 + word.length > MAX) {
          out.push(current);
          current = word;
        } else current = current ? `${current} ${word}` : word;
        if (/[.!?…;:]$/.test(word) && current.length > MAX / 2) {
          out.push(current);
          current = "";
        }
      }
      if (current) out.push(current);
    }
    return out;
  };
  let current: HTMLButtonElement | null = null;
  let run = 0;
  const label = (button: HTMLButtonElement, speaking: boolean) => {
    button.setAttribute("aria-pressed", String(speaking));
    button.textContent = "";
    const icon = document.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = speaking ? "■ " : "🔊 ";
    button.append(icon, speaking ? messages["readAloud.stop"] : (button.dataset.label ?? ""));
  };
  const stop = () => {
    run += 1;
    synth.cancel();
    if (current) label(current, false);
    current = null;
  };
  /** The question's visible text: what a sighted learner reads, in the page's order. */
  const visibleText = (fieldset: HTMLElement) => {
    const parts: string[] = [];
    const heading = fieldset.querySelector<HTMLElement>("[aria-hidden='true'] span");
    if (heading) parts.push(heading.innerText);
    const prompt = fieldset.querySelector<HTMLElement>("[id$='-prompt']");
    if (prompt) parts.push(prompt.innerText);
    fieldset.querySelectorAll<HTMLElement>("label").forEach((l) => {
      if (l.offsetParent !== null && l.innerText.trim()) parts.push(l.innerText);
    });
    return parts.join("\n");
  };
  const offer = () => {
    const voice = pickVoice();
    if (!voice) {
      if (document.getElementById("read-aloud-unavailable")) return;
      const note = document.createElement("p");
      note.id = "read-aloud-unavailable";
      note.setAttribute("role", "note");
      note.className = "text-sm text-slate-600";
      note.textContent = messages["readAloud.noVoice"];
      form.prepend(note);
      return;
    }
    document.getElementById("read-aloud-unavailable")?.remove();
    form.querySelectorAll<HTMLFieldSetElement>("fieldset[data-key]").forEach((fieldset, index) => {
      if (fieldset.querySelector("[data-read-aloud]")) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn-secondary px-2 py-1 text-sm";
      button.dataset.readAloud = "";
      button.dataset.label = messages["readAloud.question"].replace("{number}", String(index + 1));
      label(button, false);
      button.addEventListener("click", () => {
        const wasThis = current === button;
        stop();
        if (wasThis) return;
        const chosen = pickVoice();
        const texts = pieces(visibleText(fieldset));
        if (!chosen || texts.length === 0) return;
        const mine = (run += 1);
        current = button;
        label(button, true);
        texts.forEach((text, i) => {
          const utterance = new SpeechSynthesisUtterance(text);
          utterance.voice = chosen;
          utterance.lang = chosen.lang;
          utterance.rate = 0.9;
          const done = () => {
            if (run === mine) stop();
          };
          if (i === texts.length - 1) utterance.onend = done;
          utterance.onerror = done;
          synth.speak(utterance);
        });
      });
      fieldset.querySelector("[aria-hidden='true']")?.after(button);
    });
  };
  // Chrome lists its voices only after a `voiceschanged`; a device without a Vietnamese one is
  // known once the wait is over.
  synth.addEventListener("voiceschanged", offer);
  if (pickVoice()) offer();
  else window.setTimeout(offer, 1500);
  window.addEventListener("pagehide", () => synth.cancel());
}

/** The result page: the attempt is over, so the answers this device kept for it have no use. */
function forgetAttempt() {
  const attemptId = document.getElementById("exam-result")?.dataset.attempt;
  if (!attemptId) return;
  try {
    const request = indexedDB.open("hocso-exam", 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore("answers", { keyPath: ["attemptId", "questionKey"] });
    request.onsuccess = () => {
      const store = request.result.transaction("answers", "readwrite").objectStore("answers");
      store.delete(IDBKeyRange.bound([attemptId, ""], [attemptId, "\uffff"]));
    };
  } catch {
    // Nothing was stored on this device.
  }
}

export type ClientScript = { url: string; body: string; gzipped: Buffer; etag: string };

function asset(name: string, main: () => void, helpers: ((...args: never[]) => void)[] = []): ClientScript {
  // The build may wrap named functions in esbuild's `__name` helper; the browser has none.
  // Helpers are function declarations that `main` calls by name.
  const declarations = helpers.map((helper) => helper.toString()).join("\n");
  const body = `"use strict";(function(){var __name=function(f){return f};${declarations}\n(${main.toString()})();})();\n`;
  const hash = crypto.createHash("sha256").update(body).digest("hex").slice(0, 12);
  return { url: `/exam-room/${name}.${hash}.js`, body, gzipped: zlib.gzipSync(body, { level: 9 }), etag: `"${hash}"` };
}

let scripts: { attempt: ClientScript; result: ClientScript } | null = null;

/** The two scripts under fingerprinted URLs (served immutable), built once per process. */
export function clientScripts(): { attempt: ClientScript; result: ClientScript } {
  scripts ??= { attempt: asset("attempt", examRoom, [examReadAloud]), result: asset("result", forgetAttempt) };
  return scripts;
}

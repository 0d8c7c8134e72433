import { packageBodySchema, type PackageBody } from "~/lib/exams/offline-attempt";
import { listPractice, readPractice, writePractice, type StoredPractice } from "./practice-store";

// The offline practice player (public/practice.js on public/practice.html). Opens a package stored
// on the device (`/practice.html#<id>`), counts the time spent with performance.now() (monotonic:
// changing the device clock does not change it), keeps the answers in IndexedDB as they are
// given, and hands the attempt in when time is up or the learner says so — at once when online,
// otherwise as soon as the browser says the connection is back. The server grades and judges it.

const TEXT = {
  vi: {
    none: "Chưa có bài luyện tập nào được tải về máy này.",
    open: "Mở",
    minutes: (n: number) => `${n} phút`,
    timeLeft: (t: string) => `Còn lại ${t}`,
    submit: "Nộp bài",
    online: "Đang có mạng",
    offline: "Đang ngoại tuyến — bài làm được lưu trên máy",
    queued: "Đã nộp trên máy này. Bài sẽ được gửi đi chấm khi có mạng trở lại.",
    sending: "Đang gửi bài…",
    login: "Hãy đăng nhập rồi mở lại trang này để gửi bài.",
    graded: (p: string) => `Đã nộp và chấm: ${p} %.`,
    flagged: "Bài làm bị đánh dấu để giảng viên xem lại (thời gian trên máy không khớp).",
    result: "Xem kết quả",
    notFound: "Không tìm thấy bài luyện tập này trên máy.",
    refused: {
      "payload-too-large": "Bài làm quá lớn để gửi.",
      invalid: "Dữ liệu bài làm không hợp lệ.",
      tampered: "Đề trên máy đã bị sửa đổi nên không được chấp nhận.",
      "unknown-package": "Máy chủ không biết đề này.",
      forbidden: "Đề này thuộc về tài khoản khác.",
      replay: "Đề này đã được nộp trước đó.",
    } as Record<string, string>,
    refusedOther: "Máy chủ không nhận bài làm.",
  },
  en: {
    none: "No practice attempt has been downloaded to this device.",
    open: "Open",
    minutes: (n: number) => `${n} min`,
    timeLeft: (t: string) => `${t} left`,
    submit: "Hand in",
    online: "Online",
    offline: "Offline — your answers are kept on this device",
    queued: "Handed in on this device. It will be sent for grading when the connection returns.",
    sending: "Sending…",
    login: "Please sign in, then open this page again to send your attempt.",
    graded: (p: string) => `Handed in and graded: ${p} %.`,
    flagged: "The attempt is flagged for the trainer to review (the device's times do not fit).",
    result: "See the result",
    notFound: "This practice attempt is not on this device.",
    refused: {
      "payload-too-large": "The attempt is too large to send.",
      invalid: "The attempt's data is not valid.",
      tampered: "The package on this device was altered, so it was not accepted.",
      "unknown-package": "The server does not know this package.",
      forbidden: "This package belongs to another account.",
      replay: "This package was handed in before.",
    } as Record<string, string>,
    refusedOther: "The server did not accept the attempt.",
  },
};
type Text = (typeof TEXT)["vi"];

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function parseBody(record: StoredPractice): PackageBody | null {
  try {
    const parsed = packageBodySchema.safeParse(JSON.parse(record.package.body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function say(html: string | Node, tone: "info" | "error" | "success" = "info") {
  const box = byId("practice-status");
  const styles = {
    info: "border-brand-600 bg-brand-50",
    error: "border-red-700 bg-red-50",
    success: "border-green-700 bg-green-50",
  };
  const p = document.createElement("div");
  p.className = `rounded-md border-l-4 px-3 py-2 ${styles[tone]}`;
  p.append(html);
  box.replaceChildren(p);
}

async function renderList() {
  const list = byId("practice-list");
  const items = byId<HTMLUListElement>("practice-packages");
  list.hidden = false;
  const records = await listPractice();
  const rows = records.flatMap((record) => {
    const body = parseBody(record);
    if (!body) return [];
    const text = TEXT[body.locale];
    const item = document.createElement("li");
    item.className = "card flex flex-wrap items-center justify-between gap-2";
    const label = document.createElement("span");
    label.textContent = `${body.examTitle} · ${body.courseTitle} · ${text.minutes(body.timeLimitMinutes)}`;
    const link = document.createElement("a");
    link.className = "btn-secondary";
    link.href = `#${record.id}`;
    link.textContent = text.open;
    item.append(label, link);
    return [item];
  });
  if (rows.length === 0) {
    const empty = document.createElement("li");
    empty.textContent = TEXT.vi.none;
    rows.push(empty);
  }
  items.replaceChildren(...rows);
}

function restoreFields(form: HTMLFormElement, fields: [string, string][]) {
  for (const [name, value] of fields) {
    for (const element of Array.from(form.elements)) {
      if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement)) continue;
      if (element.name !== name) continue;
      if (element instanceof HTMLInputElement && (element.type === "radio" || element.type === "checkbox")) {
        if (element.value === value) element.checked = true;
      } else element.value = value;
    }
  }
}

function collectFields(form: HTMLFormElement): [string, string][] {
  return [...new FormData(form)].flatMap(([name, value]) => (typeof value === "string" ? [[name, value]] : []));
}

function formatLeft(ms: number) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

const RETRY_MS = 5_000;
let retry: number | undefined;
function retryLater(record: StoredPractice, text: Text) {
  window.clearTimeout(retry);
  retry = window.setTimeout(() => void send(record, text), RETRY_MS);
}

let sending = false;
async function send(record: StoredPractice, text: Text) {
  if (sending) return;
  sending = true;
  try {
    await sendOnce(record, text);
  } finally {
    sending = false;
  }
}

async function sendOnce(record: StoredPractice, text: Text) {
  if (record.state !== "handing-in") return;
  if (!navigator.onLine) {
    say(text.queued);
    return;
  }
  say(text.sending);
  let response: Response;
  try {
    response = await fetch("/api/offline-attempts", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({
        package: record.package,
        device: {
          downloadedAt: Math.round(record.downloadedAt),
          startedAt: Math.round(record.startedAt ?? record.downloadedAt),
          endedAt: Math.round(record.endedAt ?? Date.now()),
          elapsedMs: Math.round(record.elapsedMs),
        },
        fields: record.fields,
      }),
    });
  } catch {
    // The browser may say it is online a moment before requests go through: try again shortly.
    say(text.queued);
    retryLater(record, text);
    return;
  }
  const answer = (await response.json().catch(() => ({}))) as {
    error?: string;
    resultUrl?: string;
    percent?: number | null;
    flags?: string[];
  };
  if (response.status === 401) {
    say(text.login, "error");
    return;
  }
  if (response.ok && answer.resultUrl) {
    const done: StoredPractice = { ...record, state: "handed-in", resultUrl: answer.resultUrl, error: null };
    await writePractice(done);
    showHandedIn(done, text, answer.percent ?? null, answer.flags ?? []);
    return;
  }
  if (response.status >= 500) {
    say(text.queued);
    retryLater(record, text);
    return;
  }
  const error = answer.error ?? "unknown";
  await writePractice({ ...record, state: "refused", error });
  say(text.refused[error] ?? text.refusedOther, "error");
}

function showHandedIn(record: StoredPractice, text: Text, percent: number | null, flags: string[]) {
  const box = document.createElement("div");
  const line = document.createElement("p");
  line.textContent = percent === null ? text.queued : text.graded(String(percent));
  box.append(line);
  if (flags.length > 0) {
    const flagged = document.createElement("p");
    flagged.textContent = text.flagged;
    box.append(flagged);
  }
  if (record.resultUrl) {
    const link = document.createElement("a");
    link.className = "link";
    link.href = record.resultUrl;
    link.textContent = text.result;
    box.append(link);
  }
  say(box, "success");
}

async function openRoom(id: string) {
  const record = await readPractice(id);
  const body = record ? parseBody(record) : null;
  if (!record || !body) {
    byId("practice-list").hidden = true;
    byId("practice-room").hidden = false;
    say(TEXT.vi.notFound, "error");
    return;
  }
  const text = TEXT[body.locale];
  document.documentElement.lang = body.locale;
  byId("practice-list").hidden = true;
  byId("practice-room").hidden = false;
  byId("practice-title").textContent = body.examTitle;
  byId("practice-course").textContent = body.courseTitle;
  byId("practice-submit").textContent = text.submit;
  const form = byId<HTMLFormElement>("practice-form");
  // Markup the server rendered (every data text escaped, prompts sanitised) and signed.
  byId("practice-questions").innerHTML = body.html;
  restoreFields(form, record.fields);
  const connection = () => (byId("practice-connection").textContent = navigator.onLine ? text.online : text.offline);
  connection();
  window.addEventListener("offline", connection);

  let current = record;
  const closed = () => current.state !== "ready" && current.state !== "open";
  const lock = () => {
    for (const element of Array.from(form.elements)) (element as HTMLInputElement).disabled = true;
  };
  window.addEventListener("online", () => {
    connection();
    void send(current, text);
  });
  if (current.state === "handed-in") {
    lock();
    showHandedIn(current, text, null, []);
    byId("practice-clock").textContent = "";
    return;
  }
  if (current.state === "refused") {
    lock();
    say(text.refused[current.error ?? ""] ?? text.refusedOther, "error");
    return;
  }
  if (current.state === "handing-in") {
    lock();
    await send(current, text);
    return;
  }
  if (current.state === "ready") {
    current = { ...current, state: "open", startedAt: Date.now() };
    await writePractice(current);
  }
  const limitMs = body.timeLimitMinutes * 60_000;
  const base = current.elapsedMs;
  const origin = performance.now();
  const elapsed = () => base + (performance.now() - origin);
  const persist = async () => {
    if (closed()) return;
    current = { ...current, elapsedMs: elapsed(), fields: collectFields(form) };
    await writePractice(current);
  };
  const handIn = async () => {
    if (closed()) return;
    current = {
      ...current,
      elapsedMs: elapsed(),
      fields: collectFields(form),
      endedAt: Date.now(),
      state: "handing-in",
    };
    await writePractice(current);
    lock();
    await send(current, text);
  };
  const tick = () => {
    const left = limitMs - elapsed();
    byId("practice-clock").textContent = text.timeLeft(formatLeft(left));
    if (left <= 0) void handIn();
  };
  tick();
  const timer = window.setInterval(() => {
    tick();
    if (closed()) window.clearInterval(timer);
  }, 1000);
  const saver = window.setInterval(() => void persist(), 5000);
  form.addEventListener("change", () => void persist());
  form.addEventListener("input", () => void persist());
  window.addEventListener("pagehide", () => void persist());
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearInterval(saver);
    void handIn();
  });
}

function route() {
  const id = decodeURIComponent(location.hash.slice(1));
  if (id) void openRoom(id);
  else void renderList();
}

window.addEventListener("hashchange", () => location.reload());
route();

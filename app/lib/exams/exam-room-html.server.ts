import stylesheet from "~/styles/tailwind.css";
import type { CertificateSignpost } from "~/lib/credits/certificate-signpost.server";
import { formatDate, formatNumber, formatTime, translate, type Locale, type TranslateParams } from "~/lib/i18n/i18n";
import { messagesFor } from "~/lib/i18n/i18n.server";
import { emptyUiValue, isAnsweredUi, toUiValue, type UiValue } from "./answer-ui";
import type { AttemptResult, LearnerAttempt, LearnerAttemptQuestion } from "./attempts.server";
import { fieldName } from "./exams.schema";
import type { AnswerDisplay } from "./review";

// The exam room's pages as strings: the attempt page and the result page, served by
// exam-room.server.ts before Remix. They reproduce the layout of the app's other pages (the
// root layout's header and footer, the same Tailwind classes), because learners move between
// them; a change to the root layout (app/root.tsx) or to the question markup must be made here
// too. Every text that comes from data goes through `escapeHtml`; the prompts are the Markdown
// renderer's sanitised HTML. Nothing here sees an answer key: the inputs are learner views.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** JSON that is safe inside a `<script type="application/json">` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

type Translator = (key: string, params?: TranslateParams) => string;
function translator(locale: Locale): Translator {
  const messages = messagesFor(locale);
  return (key, params) => escapeHtml(translate(messages, key, params));
}

export type PageUser = { fullName: string; role: string; isOrgAdmin: boolean };

export type Shell = {
  locale: Locale;
  title: string;
  user: PageUser | null;
  /** Path and query of this page, for the language switch. */
  pathname: string;
  search: URLSearchParams;
};

const NAV = "rounded px-2 py-1 text-sm font-medium hover:bg-white/10 text-white/90";

function header(t: Translator, shell: Shell): string {
  const { user, locale } = shell;
  const params = new URLSearchParams(shell.search);
  const other = locale === "vi" ? "en" : "vi";
  params.set("lng", other);
  const links: string[] = [`<a href="/courses" class="${NAV}">${t("nav.courses")}</a>`];
  if (user) {
    links.push(`<a href="/learning" class="${NAV}">${t("nav.myLearning")}</a>`);
    links.push(`<a href="/credits" class="${NAV}">${t("nav.myCredits")}</a>`);
    if (user.role === "trainer" || user.role === "admin")
      links.push(`<a href="/author" class="${NAV}">${t("nav.author")}</a>`);
    if (user.isOrgAdmin && user.role !== "admin") links.push(`<a href="/org" class="${NAV}">${t("nav.org")}</a>`);
    if (user.role === "admin") links.push(`<a href="/admin" class="${NAV}">${t("nav.admin")}</a>`);
  }
  const account = user
    ? `<a href="/account" class="${NAV}" title="${t("nav.signedInAs", { name: user.fullName })}">${t("nav.account")}</a>` +
      `<form method="post" action="/logout"><button type="submit" class="rounded px-2 py-1 text-sm font-medium text-white/90 hover:bg-white/10">${t("nav.logout")}</button></form>`
    : `<a href="/login" class="${NAV}">${t("nav.login")}</a>` +
      `<a href="/register" class="rounded bg-white px-3 py-1 text-sm font-semibold text-brand-700 hover:bg-brand-50">${t("nav.register")}</a>`;
  return (
    `<header class="bg-brand-700 text-white"><div class="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">` +
    `<a href="/" class="text-xl font-extrabold tracking-tight">${t("app.name")}</a>` +
    `<nav aria-label="${t("nav.main")}" class="order-3 flex w-full flex-wrap gap-1 sm:order-none sm:w-auto">${links.join("")}</nav>` +
    `<div class="ml-auto flex items-center gap-2">` +
    `<a href="${escapeHtml(`${shell.pathname}?${params.toString()}`)}" class="rounded px-2 py-1 text-sm font-medium text-white/90 underline-offset-2 hover:underline" hreflang="${other}" lang="${other}">${t("nav.switchTo")}</a>` +
    `${account}</div></div></header>`
  );
}

/** The root layout around a page's main content. */
export function renderShell(shell: Shell, main: string): string {
  const t = translator(shell.locale);
  return (
    `<!DOCTYPE html><html lang="${shell.locale}"><head><meta charset="utf-8"/>` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"/><meta name="theme-color" content="#0b3d91"/>` +
    `<title>${escapeHtml(shell.title)}</title><link rel="stylesheet" href="${stylesheet}"/>` +
    `<link rel="icon" href="/favicon.svg" type="image/svg+xml"/></head>` +
    `<body class="flex min-h-screen flex-col">` +
    `<a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-brand-700">${t("app.skipToContent")}</a>` +
    header(t, shell) +
    `<main id="main" tabindex="-1" class="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none">${main}</main>` +
    `<footer class="border-t border-slate-200 bg-white"><div class="mx-auto flex max-w-6xl flex-wrap justify-between gap-2 px-4 py-4 text-sm text-slate-600">` +
    `<p>${t("app.footer")}</p><a href="/verify" class="link">${t("app.footer.verify")}</a></div></footer>` +
    `</body></html>`
  );
}

/** The app's error page (as GeneralErrorBoundary shows it) for 403, 404 and 500. */
export function renderErrorPage(shell: Omit<Shell, "title">, status: 403 | 404 | 500, requestId: string): string {
  const t = translator(shell.locale);
  const copy = status === 500 ? "error.500" : `error.${status}`;
  const main =
    `<section class="mx-auto max-w-xl py-12 text-center" aria-labelledby="error-title">` +
    `<p class="text-5xl font-bold text-brand-700">${status}</p>` +
    `<h1 id="error-title" class="mt-4 text-2xl font-bold">${t(`${copy}.title`)}</h1>` +
    `<p class="mt-3 text-slate-700">${t(`${copy}.text`)}</p>` +
    (status === 500
      ? `<p class="mt-3 font-mono text-sm text-slate-600">${t("error.requestId", { id: requestId })}</p>`
      : "") +
    `<p class="mt-6"><a href="/" class="btn-primary">${t("error.backHome")}</a></p></section>`;
  return renderShell({ ...shell, title: "HọcSố" }, main);
}

function alert(tone: "error" | "success" | "info", html: string, attributes = ""): string {
  const styles = {
    error: "border-accent-600 bg-red-50 text-red-900",
    success: "border-green-700 bg-green-50 text-green-900",
    info: "border-brand-600 bg-brand-50 text-brand-900",
  }[tone];
  return `<div role="${tone === "error" ? "alert" : "status"}" class="rounded-md border-l-4 px-4 py-3 text-sm ${styles}"${attributes}>${html}</div>`;
}

// ─── The attempt page ────────────────────────────────────────────────────────

const CHOICE_LABEL =
  "flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50";
const CHOICE_INPUT = "mt-1 h-4 w-4 shrink-0 accent-brand-700";
const STATUS_STYLE = { saved: "text-green-800", unanswered: "text-slate-500" };
const STATUS_ICON = { saved: "✓", unanswered: "○" };

function choice(type: "radio" | "checkbox", name: string, value: string, checked: boolean, text: string): string {
  return (
    `<label class="${CHOICE_LABEL}"><input class="${CHOICE_INPUT}" type="${type}" name="${escapeHtml(name)}" value="${escapeHtml(value)}"${checked ? " checked" : ""}/>` +
    `<span>${text}</span></label>`
  );
}

function select(
  id: string,
  name: string,
  className: string,
  options: [string, string][],
  chosen: string,
  extra = "",
): string {
  const items = options
    .map(
      ([value, label]) =>
        `<option value="${escapeHtml(value)}"${value === chosen ? " selected" : ""}>${label}</option>`,
    )
    .join("");
  return `<select id="${escapeHtml(id)}" name="${escapeHtml(name)}" class="${className}"${extra}>${items}</select>`;
}

/** One question: a fieldset whose inputs post as part of the whole-page form (ExamQuestion's markup). */
function renderQuestion(
  t: Translator,
  locale: Locale,
  q: LearnerAttemptQuestion,
  index: number,
  value: UiValue,
  error: string | undefined,
): string {
  const base = `q-${index + 1}`;
  const hintKey =
    q.type === "multiple"
      ? "exams.answer.multipleHint"
      : q.type === "matching"
        ? "exams.answer.matchHint"
        : q.type === "ordering"
          ? "exams.answer.orderHint"
          : q.type === "numeric"
            ? "exams.answer.numberHint"
            : null;
  const describedBy = [`${base}-prompt`, hintKey ? `${base}-hint` : null, error ? `${base}-error` : null]
    .filter(Boolean)
    .join(" ");
  const name = fieldName(q.key);
  const text = typeof value === "string" ? value : "";
  const list = Array.isArray(value) ? value : [];
  const map = typeof value === "object" && !Array.isArray(value) ? value : {};
  const invalid = error ? ` aria-invalid="true"` : "";
  let inputs = "";
  switch (q.type) {
    case "single":
      for (const o of q.options ?? []) inputs += choice("radio", name, o.id, text === o.id, escapeHtml(o.text));
      break;
    case "multiple":
      for (const o of q.options ?? [])
        inputs += choice("checkbox", name, o.id, list.includes(o.id), escapeHtml(o.text));
      break;
    case "truefalse":
      for (const c of ["true", "false"] as const)
        inputs += choice("radio", name, c, text === c, t(`exams.answer.${c}`));
      break;
    case "short":
    case "numeric":
      inputs =
        `<div class="space-y-1"><label for="${base}-input" class="block text-sm font-medium">${t("exams.answer.yours")}</label>` +
        `<input id="${base}-input" name="${escapeHtml(name)}" type="text"${q.type === "numeric" ? ` inputmode="decimal"` : ""} autocomplete="off" spellcheck="false" maxlength="${q.type === "numeric" ? 100 : 1000}" class="input max-w-md" value="${escapeHtml(text)}" aria-describedby="${describedBy}"${invalid}/></div>`;
      break;
    case "matching": {
      const options: [string, string][] = [
        ["", t("exams.answer.choose")],
        ...(q.right ?? []).map((r): [string, string] => [r.id, escapeHtml(r.text)]),
      ];
      for (const left of q.left ?? []) {
        const id = `${base}-${left.id}`;
        inputs +=
          `<div class="grid gap-1 rounded-md border border-slate-200 px-3 py-2 sm:grid-cols-2 sm:items-center sm:gap-3">` +
          `<label for="${escapeHtml(id)}" class="text-sm">${escapeHtml(left.text)}</label>` +
          select(
            id,
            fieldName(q.key, left.id),
            "input",
            options,
            map[left.id] ?? "",
            ` data-sub="${escapeHtml(left.id)}"`,
          ) +
          `</div>`;
      }
      break;
    }
    case "ordering": {
      const items = q.items ?? [];
      const options: [string, string][] = [
        ["", t("exams.answer.choose")],
        ...items.map((_, position): [string, string] => [
          String(position + 1),
          t("exams.answer.position", { number: position + 1 }),
        ]),
      ];
      for (const item of items) {
        const id = `${base}-${item.id}`;
        inputs +=
          `<div class="flex items-center gap-3 rounded-md border border-slate-200 px-3 py-2">` +
          select(
            id,
            fieldName(q.key, item.id),
            "input w-auto shrink-0",
            options,
            map[item.id] ?? "",
            `${invalid} data-sub="${escapeHtml(item.id)}"`,
          ) +
          `<label for="${escapeHtml(id)}" class="text-sm">${escapeHtml(item.text)}</label></div>`;
      }
      break;
    }
  }
  const status = isAnsweredUi(q, value) ? "saved" : "unanswered";
  const points = t("exams.attempt.points", { points: formatNumber(locale, q.points) });
  const number = t("exams.attempt.question", { number: index + 1 });
  return (
    `<fieldset class="card space-y-3" aria-describedby="${describedBy}" id="${base}" data-key="${escapeHtml(q.key)}" data-type="${q.type}">` +
    `<legend class="sr-only">${number} · ${points}</legend>` +
    `<div class="flex flex-wrap items-baseline justify-between gap-2" aria-hidden="true"><span class="font-semibold text-brand-800">${number}</span><span class="text-sm text-slate-600">${points}</span></div>` +
    `<div id="${base}-prompt" class="prose-lesson -my-3">${q.promptHtml}</div>` +
    (hintKey ? `<p id="${base}-hint" class="text-sm text-slate-600">${t(hintKey)}</p>` : "") +
    `<div class="space-y-2">${inputs}</div>` +
    (error ? `<p id="${base}-error" class="text-sm font-medium text-red-800">${t(error)}</p>` : "") +
    // Shown once the script runs; without it the form's buttons save.
    (error
      ? ""
      : `<p class="text-sm ${STATUS_STYLE[status]}" data-save-status="${status}" hidden><span aria-hidden="true">${STATUS_ICON[status]}</span> <span>${t(`exams.attempt.status.${status}`)}</span></p>`) +
    `</fieldset>`
  );
}

/** An offline practice package's questions, unanswered: the same markup as the attempt page. */
export function renderPracticeQuestions(locale: Locale, questions: LearnerAttemptQuestion[]): string {
  const t = translator(locale);
  return questions.map((q, index) => renderQuestion(t, locale, q, index, emptyUiValue(q), undefined)).join("");
}

/** What the attempt page's script needs to know (read from a JSON data block, never executed). */
export type ExamRoomConfig = {
  attemptId: string;
  deadline: number;
  serverNow: number;
  resultUrl: string;
  /** When the server last saved each answer (ms): an older unsent answer on the device is dropped. */
  savedAt: Record<string, number>;
  messages: Record<string, string>;
};

const CLIENT_MESSAGES = [
  "exams.attempt.timeLeft",
  "exams.attempt.timeUp",
  "exams.attempt.announce5",
  "exams.attempt.announce1",
  "exams.attempt.progress",
  "exams.attempt.status.saved",
  "exams.attempt.status.saving",
  "exams.attempt.status.retrying",
  "exams.attempt.status.invalid",
  "exams.attempt.status.unanswered",
  "exams.attempt.status.late",
  "exams.attempt.offline",
  "exams.attempt.sessionExpired",
  "exams.attempt.submitting",
  "exams.attempt.confirmUnanswered",
  "exams.attempt.lateRefused",
  "exams.error.orderIncomplete",
  "exams.error.orderDuplicate",
  "offline.copyBanner",
  "offline.copyBannerNoTime",
  "readAloud.question",
  "readAloud.stop",
  "readAloud.noVoice",
] as const;

export type AttemptPageInput = {
  attempt: LearnerAttempt;
  locale: Locale;
  /** ms of a whole-page save just made (the "saved at" notice), or null. */
  savedAt: number | null;
  /** Per question key, the message key of a refused field of the last whole-page save. */
  errors: Record<string, string>;
  scriptUrl: string;
};

export function renderAttemptMain({ attempt, locale, savedAt, errors, scriptUrl }: AttemptPageInput): string {
  const t = translator(locale);
  const values = attempt.questions.map((q) =>
    attempt.saved[q.key] ? toUiValue(q, attempt.saved[q.key]?.value) : emptyUiValue(q),
  );
  const answered = attempt.questions.filter((q, i) => isAnsweredUi(q, values[i] ?? emptyUiValue(q))).length;
  const total = attempt.questions.length;
  const deadline = Date.parse(attempt.deadline);
  const serverNow = Date.parse(attempt.serverNow);
  const hasErrors = Object.keys(errors).length > 0;
  const messages = messagesFor(locale);
  const config: ExamRoomConfig = {
    attemptId: attempt.id,
    deadline,
    serverNow,
    resultUrl: `/attempts/${attempt.id}/result`,
    savedAt: Object.fromEntries(Object.entries(attempt.saved).map(([key, answer]) => [key, answer.savedAt])),
    messages: Object.fromEntries(CLIENT_MESSAGES.map((key) => [key, translate(messages, key)])),
  };
  const questions = attempt.questions
    .map((q, index) => renderQuestion(t, locale, q, index, values[index] ?? emptyUiValue(q), errors[q.key]))
    .join("");
  return (
    `<article class="mx-auto max-w-3xl space-y-4" id="exam-room">` +
    `<header class="space-y-1"><a href="/courses/${escapeHtml(attempt.slug)}/exam" class="link text-sm">${t("exams.intro.backToCourse", { course: attempt.courseTitle })}</a>` +
    `<h1 class="text-2xl font-extrabold sm:text-3xl">${t("exams.attempt.heading", { exam: attempt.examTitle })}</h1>` +
    `<p class="text-sm text-slate-600">${t("exams.attempt.number", { number: attempt.number })}</p></header>` +
    `<div class="sticky top-0 z-10 -mx-4 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-slate-200 bg-white/95 px-4 py-2 shadow-sm">` +
    `<div id="exam-clock"><p class="text-sm"><strong>${t("exams.attempt.deadline", { time: formatTime(locale, new Date(deadline)) })}</strong> ` +
    `${t("exams.attempt.minutesLeftAtLoad", { minutes: Math.max(0, Math.round((deadline - serverNow) / 60_000)) })}</p></div>` +
    `<p class="text-sm font-medium" aria-live="polite" id="exam-progress">${t("exams.attempt.progress", { count: answered, total })}</p></div>` +
    `<noscript>${alert("info", t("exams.attempt.noScript"))}</noscript>` +
    `<div role="status" aria-live="polite" id="exam-connection"></div>` +
    (savedAt && !hasErrors
      ? alert("success", t("exams.attempt.savedAt", { time: formatTime(locale, new Date(savedAt)) }))
      : "") +
    (hasErrors ? alert("error", t("exams.attempt.savedWithErrors")) : "") +
    alert("error", t("exams.attempt.submitOffline"), ` id="exam-offline-submit" hidden`) +
    `<form method="post" action="/attempts/${escapeHtml(attempt.id)}" novalidate class="space-y-4" id="exam-form">` +
    `<input type="hidden" name="fields" value="all"/>${questions}` +
    `<div class="flex flex-wrap gap-3 border-t border-slate-200 pt-4">` +
    `<button type="submit" name="intent" value="save" class="btn-secondary">${t("exams.attempt.saveAll")}</button>` +
    `<button type="submit" name="intent" value="submit" class="btn-primary" id="exam-submit">${t("exams.attempt.submit")}</button>` +
    `</div></form>` +
    `<dialog id="exam-confirm" aria-labelledby="confirm-title" class="w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50">` +
    `<div class="space-y-3 p-5"><h2 id="confirm-title" class="text-lg font-bold">${t("exams.attempt.confirmTitle")}</h2>` +
    `<p>${t("exams.attempt.confirmText")}</p><p class="font-medium text-amber-900" id="exam-confirm-unanswered" hidden></p>` +
    `<div class="flex flex-wrap justify-end gap-3 pt-2">` +
    `<button type="button" class="btn-secondary" id="exam-confirm-cancel">${t("exams.attempt.confirmCancel")}</button>` +
    `<button type="button" class="btn-primary" id="exam-confirm-submit">${t("exams.attempt.confirmSubmit")}</button>` +
    `</div></div></dialog></article>` +
    `<script type="application/json" id="exam-room-config">${scriptJson(config)}</script>` +
    `<script src="${scriptUrl}" defer></script>`
  );
}

// ─── The result page ─────────────────────────────────────────────────────────

function answerHtml(t: Translator, locale: Locale, display: AnswerDisplay): string {
  switch (display.kind) {
    case "none":
      return `<p class="italic text-slate-600">${t("exams.result.noAnswer")}</p>`;
    case "bool":
      return `<p>${t(display.value ? "exams.answer.true" : "exams.answer.false")}</p>`;
    case "texts":
      return display.texts.length === 1
        ? `<p>${escapeHtml(display.texts[0] ?? "")}</p>`
        : `<ul class="list-disc pl-5">${display.texts.map((text) => `<li>${escapeHtml(text)}</li>`).join("")}</ul>`;
    case "order":
      return `<ol class="list-decimal pl-5">${display.texts.map((text) => `<li>${escapeHtml(text)}</li>`).join("")}</ol>`;
    case "pairs":
      return `<ul class="space-y-1">${display.pairs
        .map(
          (pair) =>
            `<li>${escapeHtml(pair.left)} <span aria-hidden="true">→</span> <strong>${escapeHtml(pair.right ?? "—")}</strong></li>`,
        )
        .join("")}</ul>`;
    case "numbers":
      return `<ul class="list-disc pl-5">${display.answers
        .map(
          (answer) =>
            `<li>${
              "value" in answer
                ? answer.tolerance
                  ? t("exams.result.numberTolerance", {
                      value: formatNumber(locale, answer.value, 6),
                      tolerance: formatNumber(locale, answer.tolerance, 6),
                    })
                  : escapeHtml(formatNumber(locale, answer.value, 6))
                : t("exams.result.numberRange", {
                    min: formatNumber(locale, answer.min, 6),
                    max: formatNumber(locale, answer.max, 6),
                  })
            }</li>`,
        )
        .join("")}</ul>`;
  }
}

const STATUS_TONE: Record<string, string> = {
  correct: "bg-green-100 text-green-900",
  partial: "bg-amber-100 text-amber-900",
  incorrect: "bg-red-100 text-red-900",
  unanswered: "bg-slate-100 text-slate-700",
};

function signpostHtml(t: Translator, signpost: CertificateSignpost): string {
  if (signpost.state === "issued") {
    const code = escapeHtml(signpost.code);
    return (
      `<section class="card space-y-2 border-l-4 border-l-green-700" aria-labelledby="certificate-signpost-heading" data-testid="certificate-signpost">` +
      `<h2 id="certificate-signpost-heading" class="text-lg font-bold text-green-800">${t("signpost.issued.title")}</h2>` +
      `<p>${t("signpost.issued.body", { code: signpost.code })}</p><div class="flex flex-wrap gap-3">` +
      `<a href="/certificates/${code}/pdf" class="btn-primary" download>${t("signpost.issued.download")}</a>` +
      `<a href="/credits" class="btn-secondary">${t("signpost.issued.all")}</a>` +
      `<a href="/verify/${code}" class="link self-center">${t("signpost.issued.verify")}</a></div></section>`
    );
  }
  const nothingLeft = signpost.lessons.length === 0 && !signpost.exam;
  const steps =
    signpost.lessons
      .map(
        (lesson) =>
          `<li><a href="${escapeHtml(lesson.path)}" class="link">${t("signpost.missing.lesson", { title: lesson.title })}</a></li>`,
      )
      .join("") +
    (signpost.exam
      ? `<li><a href="${escapeHtml(signpost.exam.path)}" class="link">${t("signpost.missing.exam")}</a></li>`
      : "");
  return (
    `<section class="card space-y-2 border-l-4 border-l-brand-600" aria-labelledby="certificate-signpost-heading" data-testid="certificate-signpost">` +
    `<h2 id="certificate-signpost-heading" class="text-lg font-bold">${t("signpost.missing.title")}</h2>` +
    (nothingLeft
      ? `<p>${t("signpost.missing.pending")}</p>`
      : `<p>${t("signpost.missing.body")}</p><ul class="list-disc space-y-1 pl-5">${steps}</ul>`) +
    `</section>`
  );
}

export function renderResultMain(
  result: AttemptResult,
  signpost: CertificateSignpost | null,
  locale: Locale,
  clearScriptUrl: string,
): string {
  const t = translator(locale);
  const n = (value: number) => formatNumber(locale, value);
  const review = result.questions
    ? `<section aria-labelledby="review-heading" class="space-y-4"><h2 id="review-heading" class="text-xl font-bold">${t("exams.result.review")}</h2><ol class="space-y-4">` +
      result.questions
        .map(
          (q, index) =>
            `<li class="card space-y-3" data-review-question="${escapeHtml(q.key)}">` +
            `<div class="flex flex-wrap items-baseline justify-between gap-2"><h3 class="font-semibold text-brand-800">${t("exams.attempt.question", { number: index + 1 })}</h3>` +
            `<span class="rounded px-2 py-0.5 text-sm font-medium ${STATUS_TONE[q.status] ?? ""}">${t(`exams.result.status.${q.status}`)} · ${t("exams.result.earned", { earned: n(q.earned), max: n(q.points) })}</span></div>` +
            `<div class="prose-lesson -my-3">${q.promptHtml}</div>` +
            `<div><h4 class="text-sm font-semibold text-slate-600">${t("exams.result.yourAnswer")}</h4>${answerHtml(t, locale, q.yourAnswer)}</div>` +
            (q.feedback
              ? `<div><h4 class="text-sm font-semibold text-slate-600">${t("exams.result.feedback")}</h4><ul class="list-disc pl-5">${q.feedback.map((text) => `<li>${escapeHtml(text)}</li>`).join("")}</ul></div>`
              : "") +
            (q.correctAnswer
              ? `<div class="rounded-md bg-green-50 px-3 py-2"><h4 class="text-sm font-semibold text-green-900">${t("exams.result.correctAnswer")}</h4>${answerHtml(t, locale, q.correctAnswer)}</div>`
              : "") +
            (q.explanationHtml
              ? `<div><h4 class="text-sm font-semibold text-slate-600">${t("exams.result.explanation")}</h4><div class="prose-lesson -my-3">${q.explanationHtml}</div></div>`
              : "") +
            `</li>`,
        )
        .join("") +
      `</ol></section>`
    : "";
  const slug = escapeHtml(result.slug);
  return (
    `<article class="mx-auto max-w-3xl space-y-6" id="exam-result" data-attempt="${escapeHtml(result.id)}">` +
    `<header class="space-y-1"><a href="/courses/${slug}" class="link text-sm">${t("exams.intro.backToCourse", { course: result.courseTitle })}</a>` +
    `<h1 class="text-2xl font-extrabold sm:text-3xl">${t("exams.result.title")}</h1><p class="text-slate-700">${escapeHtml(result.examTitle)}</p></header>` +
    `<section class="card space-y-2 border-l-4 ${result.passed ? "border-l-green-700" : "border-l-accent-600"}" aria-labelledby="score-heading">` +
    `<h2 id="score-heading" class="text-2xl font-bold ${result.passed ? "text-green-800" : "text-red-800"}">${t(result.passed ? "exams.result.passed" : "exams.result.failed")}</h2>` +
    `<p class="text-lg font-semibold">${t("exams.result.score", { earned: n(result.earned), max: n(result.maxScore), percent: n(result.percent) })}</p>` +
    `<p class="text-sm text-slate-700">${t("exams.result.passMark", { percent: n(result.passPercent) })}</p>` +
    (result.submittedAt
      ? `<p class="text-sm text-slate-700">${t("exams.result.attempt", { number: result.number, date: formatDate(locale, result.submittedAt, true) })}</p>`
      : "") +
    (result.autoSubmitted ? `<p class="text-sm text-slate-700">${t("exams.result.auto")}</p>` : "") +
    `</section>` +
    (signpost ? signpostHtml(t, signpost) : "") +
    (result.policy === "score" ? `<p class="text-slate-700">${t("exams.result.scoreOnly")}</p>` : "") +
    (result.policy === "answers" ? `<p class="text-slate-700">${t("exams.result.answersOnly")}</p>` : "") +
    review +
    `<p class="flex flex-wrap gap-3"><a href="/courses/${slug}/exam" class="btn-primary">${t("exams.result.backToExam")}</a>` +
    `<a href="/courses/${slug}" class="btn-secondary">${t("exams.result.backToCourse")}</a></p></article>` +
    // The attempt is over: the script forgets the answers this device still kept for it.
    `<script src="${clearScriptUrl}" defer></script>`
  );
}

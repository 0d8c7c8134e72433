import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ExamQuestion } from "~/components/exam-question";
import { FormAlert } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-page";
import { useHydrated } from "~/components/use-hydrated";
import { requireUser } from "~/lib/accounts/auth.server";
import { emptyUiValue, fromUiValue, isAnsweredUi, toUiValue, type UiValue } from "~/lib/exams/answer-ui";
import { getAttemptForLearner, saveAnswersFromForm, submitAttempt } from "~/lib/exams/attempts.server";
import { useAnswerAutosave } from "~/lib/exams/autosave";
import { attemptActionSchema, attemptIdSchema } from "~/lib/exams/exams.schema";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { readFormData } from "~/lib/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.attempt.examTitle} · HọcSố` : "HọcSố" },
];

// An attempt page must never come from a cache: its answers and remaining time change.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

function attemptIdFrom(params: { attemptId?: string }): string {
  const parsed = attemptIdSchema.safeParse(params.attemptId);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const attemptId = attemptIdFrom(params);
  const locale = getLocale(request);
  const result = await getAttemptForLearner((await requireUser(request)).id, attemptId, locale);
  if (!result.ok) {
    if (result.status === 409) throw redirect(`/attempts/${attemptId}/result`);
    throw new Response(result.status === 403 ? "Forbidden" : "Not found", { status: result.status });
  }
  const saved = new URL(request.url).searchParams.get("saved");
  return data(
    { attempt: result.value, savedAt: saved && /^\d{1,15}$/.test(saved) ? Number(saved) : null },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const attemptId = attemptIdFrom(params);
  const form = await readFormData(request);
  const parsed = attemptActionSchema.safeParse({ intent: form.get("intent"), fields: form.get("fields") ?? undefined });
  if (!parsed.success) throw new Response("Bad request", { status: 400 });
  let errors: Record<string, string> = {};
  if (parsed.data.fields === "all") {
    const saved = await saveAnswersFromForm(user.id, attemptId, form);
    if (!saved.ok) {
      if (saved.status === 403 || saved.status === 404)
        throw new Response(saved.status === 403 ? "Forbidden" : "Not found", { status: saved.status });
      return redirect(`/attempts/${attemptId}/result`);
    }
    errors = saved.errors;
  }
  if (parsed.data.intent === "submit") {
    const submitted = await submitAttempt(user.id, attemptId);
    if (!submitted.ok)
      throw new Response(submitted.status === 403 ? "Forbidden" : "Not found", { status: submitted.status });
    return redirect(`/attempts/${attemptId}/result`);
  }
  if (Object.keys(errors).length > 0) return data({ errors, savedAt: Date.now() }, { status: 400 });
  return redirect(`/attempts/${attemptId}?saved=${Date.now()}`);
}

function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(hours ? 2 : 1, "0");
  return `${hours ? `${hours}:` : ""}${mm}:${String(seconds).padStart(2, "0")}`;
}

// The first render after a full page load can use the navigation's timing: the server built
// the page just before its first byte arrived, whatever time the page then took to load.
let documentTimingUsed = false;
function initialClockOffset(serverNowMs: number, path: string): number {
  if (!documentTimingUsed) {
    documentTimingUsed = true;
    const navigation = performance.getEntriesByType?.("navigation")[0] as PerformanceNavigationTiming | undefined;
    if (navigation && navigation.responseStart > 0 && new URL(navigation.name).pathname === path) {
      return serverNowMs - (performance.timeOrigin + navigation.responseStart);
    }
  }
  return serverNowMs - Date.now();
}

/** Server time on this device: an offset from the page load, refined by every save's round trip. */
function useServerClock(serverNow: string, path: string) {
  const offset = useRef<number | null>(null);
  const bestRoundTrip = useRef(Number.POSITIVE_INFINITY);
  // Worked out on first use in the browser (the server renders with no offset).
  const getOffset = useCallback(() => {
    if (offset.current === null && typeof window !== "undefined")
      offset.current = initialClockOffset(Date.parse(serverNow), path);
    return offset.current ?? 0;
  }, [serverNow, path]);
  const onServerTime = useCallback((serverNowMs: number, sentAt: number, receivedAt: number) => {
    const roundTrip = receivedAt - sentAt;
    if (roundTrip <= bestRoundTrip.current) {
      bestRoundTrip.current = roundTrip;
      offset.current = serverNowMs - (sentAt + receivedAt) / 2;
    }
  }, []);
  return { getOffset, onServerTime };
}

function Countdown({
  deadline,
  getOffset,
  onExpire,
}: {
  deadline: string;
  getOffset: () => number;
  onExpire: () => void;
}) {
  const { t } = useT();
  const deadlineMs = Date.parse(deadline);
  const [left, setLeft] = useState(() => deadlineMs - (Date.now() + getOffset()));
  const [announcement, setAnnouncement] = useState("");
  const previous = useRef(left);
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  });
  useEffect(() => {
    const tick = () => {
      const now = deadlineMs - (Date.now() + getOffset());
      for (const [threshold, key] of [
        [300_000, "exams.attempt.announce5"],
        [60_000, "exams.attempt.announce1"],
      ] as const) {
        if (previous.current > threshold && now <= threshold) setAnnouncement(t(key));
      }
      previous.current = now;
      setLeft(now);
      if (now <= 0) expire.current();
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [deadlineMs, getOffset, t]);
  const tone =
    left <= 60_000
      ? "bg-red-700 text-white"
      : left <= 300_000
        ? "bg-amber-100 text-amber-900"
        : "bg-slate-100 text-slate-900";
  return (
    <>
      <p
        role="timer"
        aria-label={t("exams.attempt.timeLeft")}
        className={`rounded-md px-3 py-1 font-mono text-lg font-bold tabular-nums ${tone}`}
      >
        <span className="sr-only">{t("exams.attempt.timeLeft")}: </span>
        {left > 0 ? formatClock(left) : t("exams.attempt.timeUp")}
      </p>
      <p className="sr-only" aria-live="assertive" aria-atomic="true">
        {announcement}
      </p>
    </>
  );
}

export default function AttemptPage() {
  const { t, time } = useT();
  const { attempt, savedAt } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const hydrated = useHydrated();
  const [submitting, setSubmitting] = useState(false);
  const [offlineSubmit, setOfflineSubmit] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const questions = attempt.questions;
  const byKey = useMemo(() => new Map(questions.map((q) => [q.key, q])), [questions]);
  const [values, setValues] = useState<Record<string, UiValue>>(() =>
    Object.fromEntries(
      questions.map((q) => [q.key, attempt.saved[q.key] ? toUiValue(q, attempt.saved[q.key].value) : emptyUiValue(q)]),
    ),
  );
  const savedAtByKey = useMemo(
    () => Object.fromEntries(Object.entries(attempt.saved).map(([key, answer]) => [key, answer.savedAt])),
    [attempt.saved],
  );
  const clock = useServerClock(attempt.serverNow, `/attempts/${attempt.id}`);
  const goToResult = useCallback(() => window.location.assign(`/attempts/${attempt.id}/result`), [attempt.id]);
  const onRestore = useCallback(
    (restored: Record<string, unknown>) =>
      setValues((current) => {
        const next = { ...current };
        for (const [key, value] of Object.entries(restored)) {
          const q = byKey.get(key);
          if (q) next[key] = toUiValue(q, value);
        }
        return next;
      }),
    [byKey],
  );
  const { statuses, connection, enqueue, stop } = useAnswerAutosave({
    attemptId: attempt.id,
    savedAt: savedAtByKey,
    clockOffset: clock.getOffset,
    onServerTime: clock.onServerTime,
    onRestore,
    onClosed: goToResult,
  });
  const typingTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const commit = useCallback(
    (key: string, ui: UiValue) => {
      const q = byKey.get(key);
      if (!q) return;
      const value = fromUiValue(q, ui);
      if (!value.ok) {
        setLocalErrors((current) => ({ ...current, [key]: value.error }));
        return;
      }
      setLocalErrors((current) => {
        if (!(key in current)) return current;
        const { [key]: _removed, ...rest } = current;
        return rest;
      });
      enqueue(key, value.value);
    },
    [byKey, enqueue],
  );

  const change = (key: string, ui: UiValue, when: "now" | "typing") => {
    setValues((current) => ({ ...current, [key]: ui }));
    const pendingTimer = typingTimers.current.get(key);
    if (pendingTimer) clearTimeout(pendingTimer);
    typingTimers.current.delete(key);
    if (when === "now") commit(key, ui);
    else
      typingTimers.current.set(
        key,
        setTimeout(() => commit(key, ui), 800),
      );
  };

  const flushTyping = (key: string) => {
    const pendingTimer = typingTimers.current.get(key);
    if (!pendingTimer) return;
    clearTimeout(pendingTimer);
    typingTimers.current.delete(key);
    commit(key, values[key] ?? "");
  };

  const submitNow = useCallback(() => {
    if (!formRef.current) return;
    if (typeof navigator !== "undefined" && navigator.onLine === false) {
      setOfflineSubmit(true);
      return;
    }
    setSubmitting(true);
    stop();
    const formData = new FormData(formRef.current);
    formData.set("intent", "submit");
    submit(formData, { method: "post" });
  }, [stop, submit]);

  // Time is up: submit what is on the page (the server would do it after the grace period).
  const expired = useRef(false);
  const onExpire = useCallback(() => {
    if (expired.current) return;
    expired.current = true;
    dialogRef.current?.close();
    submitNow();
  }, [submitNow]);
  useEffect(() => {
    if (!offlineSubmit) return;
    const retry = () => {
      setOfflineSubmit(false);
      submitNow();
    };
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [offlineSubmit, submitNow]);

  const answered = questions.filter((q) => isAnsweredUi(q, values[q.key] ?? emptyUiValue(q))).length;
  const errors = { ...(actionData && "errors" in actionData ? actionData.errors : {}), ...localErrors };
  const busy = submitting || navigation.state === "submitting";
  const connectionMessage =
    connection === "unauthenticated"
      ? t("exams.attempt.sessionExpired")
      : connection === "offline"
        ? t("exams.attempt.offline")
        : "";
  const deadlineTime = time(attempt.deadline);
  const minutesAtLoad = Math.max(
    0,
    Math.round((Date.parse(attempt.deadline) - Date.parse(attempt.serverNow)) / 60_000),
  );

  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <header className="space-y-1">
        <Link to={`/courses/${attempt.slug}/exam`} className="link text-sm">
          {t("exams.intro.backToCourse", { course: attempt.courseTitle })}
        </Link>
        <h1 className="text-2xl font-extrabold sm:text-3xl">
          {t("exams.attempt.heading", { exam: attempt.examTitle })}
        </h1>
        <p className="text-sm text-slate-600">{t("exams.attempt.number", { number: attempt.number })}</p>
      </header>

      <div className="sticky top-0 z-10 -mx-4 flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-slate-200 bg-white/95 px-4 py-2 shadow-sm">
        {hydrated ? (
          <Countdown deadline={attempt.deadline} getOffset={clock.getOffset} onExpire={onExpire} />
        ) : (
          <p className="text-sm">
            <strong>{t("exams.attempt.deadline", { time: deadlineTime })}</strong>{" "}
            {t("exams.attempt.minutesLeftAtLoad", { minutes: minutesAtLoad })}
          </p>
        )}
        <p className="text-sm font-medium" aria-live="polite">
          {t("exams.attempt.progress", { count: answered, total: questions.length })}
        </p>
      </div>

      <noscript>
        <FormAlert tone="info">{t("exams.attempt.noScript")}</FormAlert>
      </noscript>
      <div role="status" aria-live="polite">
        {connectionMessage ? <FormAlert tone="info">{connectionMessage}</FormAlert> : null}
      </div>
      {savedAt && !actionData ? (
        <FormAlert tone="success">{t("exams.attempt.savedAt", { time: time(new Date(savedAt)) })}</FormAlert>
      ) : null}
      {actionData && "errors" in actionData ? <FormAlert>{t("exams.attempt.savedWithErrors")}</FormAlert> : null}
      {offlineSubmit ? <FormAlert>{t("exams.attempt.submitOffline")}</FormAlert> : null}

      <Form method="post" ref={formRef} noValidate className="space-y-4" id="exam-form">
        <input type="hidden" name="fields" value="all" />
        {questions.map((q, index) => {
          const value = values[q.key] ?? emptyUiValue(q);
          const status = hydrated ? (statuses[q.key] ?? (isAnsweredUi(q, value) ? "saved" : "unanswered")) : undefined;
          return (
            <ExamQuestion
              key={q.key}
              q={q}
              index={index}
              value={value}
              status={errors[q.key] ? undefined : status}
              error={errors[q.key]}
              onChange={(ui, when) => change(q.key, ui, when)}
              onBlur={() => flushTyping(q.key)}
            />
          );
        })}
        <div className="flex flex-wrap gap-3 border-t border-slate-200 pt-4">
          <button type="submit" name="intent" value="save" className="btn-secondary" disabled={busy}>
            {t("exams.attempt.saveAll")}
          </button>
          {hydrated ? (
            <button
              type="button"
              className="btn-primary"
              disabled={busy}
              onClick={() => (dialogRef.current?.showModal ? dialogRef.current.showModal() : submitNow())}
            >
              {busy ? t("exams.attempt.submitting") : t("exams.attempt.submit")}
            </button>
          ) : (
            <button type="submit" name="intent" value="submit" className="btn-primary">
              {t("exams.attempt.submit")}
            </button>
          )}
        </div>
      </Form>

      <dialog
        ref={dialogRef}
        aria-labelledby="confirm-title"
        className="w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        <div className="space-y-3 p-5">
          <h2 id="confirm-title" className="text-lg font-bold">
            {t("exams.attempt.confirmTitle")}
          </h2>
          <p>{t("exams.attempt.confirmText")}</p>
          {answered < questions.length ? (
            <p className="font-medium text-amber-900">
              {t("exams.attempt.confirmUnanswered", { count: questions.length - answered })}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-3 pt-2">
            <button type="button" className="btn-secondary" onClick={() => dialogRef.current?.close()}>
              {t("exams.attempt.confirmCancel")}
            </button>
            <button
              type="button"
              className="btn-primary"
              disabled={busy}
              onClick={() => {
                dialogRef.current?.close();
                submitNow();
              }}
            >
              {t("exams.attempt.confirmSubmit")}
            </button>
          </div>
        </div>
      </dialog>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { Link, NavLink, useBlocker, useFetcher } from "@remix-run/react";
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { get, type FieldErrors, type FieldValues } from "react-hook-form";
import type { VersionDiff } from "~/lib/authoring/diff";
import type { PublishProblem } from "~/lib/authoring/publish-check";
import { messageText } from "~/lib/exams/import-errors";
import { useT } from "~/lib/i18n/use-t";

/** The message for a (possibly nested, "options.0.text") field: the browser's check first, then the server's. */
export function useFieldErrors(errors: FieldErrors<FieldValues>, server: Partial<Record<string, string>> | undefined) {
  return useCallback(
    (name: string): string | undefined => {
      // A list's own error (for a field array) is kept under "<list>.root".
      const client = (get(errors, name) ?? {}) as { message?: unknown; root?: { message?: unknown } };
      const message = typeof client.message === "string" ? client.message : client.root?.message;
      return typeof message === "string" ? message : server?.[name];
    },
    [errors, server],
  );
}

export function CourseNav({ slug, isOwner }: { slug: string; isOwner: boolean }) {
  const { t } = useT();
  const tab = ({ isActive }: { isActive: boolean }) =>
    `whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${isActive ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-200"}`;
  const base = `/author/courses/${slug}`;
  return (
    <nav aria-label={t("authoring.nav.label")} className="flex flex-wrap gap-1">
      <NavLink to={base} end className={tab}>
        {t("authoring.nav.overview")}
      </NavLink>
      <NavLink to={`${base}/details`} className={tab}>
        {t("authoring.nav.details")}
      </NavLink>
      <NavLink to={`${base}/content`} className={tab}>
        {t("authoring.nav.content")}
      </NavLink>
      <NavLink to={`${base}/questions`} className={tab}>
        {t("authoring.nav.questions")}
      </NavLink>
      <NavLink to={`${base}/exam`} className={tab}>
        {t("authoring.nav.exam")}
      </NavLink>
      {isOwner ? (
        <NavLink to={`${base}/authors`} className={tab}>
          {t("authoring.nav.authors")}
        </NavLink>
      ) : null}
      <NavLink to={`${base}/publish`} className={tab}>
        {t("authoring.nav.publish")}
      </NavLink>
    </nav>
  );
}

/** Which version an editor shows, and what saving does to a published one. */
export function VersionBanner({ version }: { version: { number: number; isDraft: boolean } }) {
  const { t } = useT();
  return version.isDraft ? (
    <p className="text-sm text-slate-600" data-testid="version-banner">
      {t("authoring.version.draft", { number: version.number })}
    </p>
  ) : (
    <p
      className="rounded-md border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      data-testid="version-banner"
    >
      {t("authoring.version.published", { number: version.number, next: version.number + 1 })}
    </p>
  );
}

type FieldShellProps = {
  label: string;
  error?: string;
  hint?: string;
  children: (ids: { id: string; describedBy?: string; invalid?: true }) => ReactNode;
  className?: string;
};

export function FieldShell({ label, error, hint, children, className }: FieldShellProps) {
  const { t } = useT();
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, describedBy, invalid: error ? true : undefined })}
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-accent-600">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

type InputLikeProps = { label: string; error?: string; hint?: string; registration?: object; className?: string };

export function TextAreaField({
  label,
  error,
  hint,
  registration,
  className,
  ...rest
}: InputLikeProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint} className={className}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          className="input font-[inherit]"
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...rest}
          {...registration}
        />
      )}
    </FieldShell>
  );
}

export function SelectField({
  label,
  error,
  hint,
  registration,
  className,
  children,
  ...rest
}: InputLikeProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldShell label={label} error={error} hint={hint} className={className}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          className="input"
          aria-describedby={describedBy}
          aria-invalid={invalid}
          {...rest}
          {...registration}
        >
          {children}
        </select>
      )}
    </FieldShell>
  );
}

/** An error message for a whole list (options, pairs…), announced when it appears. */
export function ListError({ error, id }: { error?: string; id?: string }) {
  const { t } = useT();
  return error ? (
    <p id={id} role="alert" className="text-sm font-medium text-accent-600">
      {t(error)}
    </p>
  ) : null;
}

export type SaveState = "idle" | "dirty" | "saving" | "saved" | "error";

export function SaveIndicator({ state, savedAt }: { state: SaveState; savedAt: string | null }) {
  const { t, time } = useT();
  const text =
    state === "saving"
      ? t("authoring.save.saving")
      : state === "error"
        ? t("authoring.save.error")
        : state === "dirty"
          ? t("authoring.save.dirty")
          : savedAt
            ? t("authoring.save.savedAt", { time: time(savedAt) })
            : "";
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="save-status"
      data-state={state}
      className={`min-h-5 text-sm ${state === "error" ? "font-medium text-accent-600" : state === "saved" ? "text-green-800" : "text-slate-600"}`}
    >
      {text}
    </p>
  );
}

type AutosaveResponse = { ok: boolean; savedAt?: string };

/**
 * Saves a form through a fetcher a moment after the last change (and at once on "Lưu"), so a
 * draft is never more than a pause away from the server. Only a form the browser-side schema
 * accepts is sent; what the server refuses shows as "not saved".
 */
export function useDraftAutosave({
  formRef,
  validate,
  delayMs = 1500,
  enabled = true,
}: {
  formRef: RefObject<HTMLFormElement>;
  validate: () => Promise<boolean>;
  delayMs?: number;
  enabled?: boolean;
}) {
  const fetcher = useFetcher<AutosaveResponse>();
  const revision = useRef(0);
  const [changed, setChanged] = useState(0);
  const [savedRevision, setSavedRevision] = useState(0);
  const sentRevision = useRef(0);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const save = useCallback(async () => {
    clearTimeout(timer.current);
    const form = formRef.current;
    if (!form) return;
    if (!(await validate())) {
      setFailed(true);
      return;
    }
    const data = new FormData(form);
    data.set("intent", "autosave");
    sentRevision.current = revision.current;
    fetcher.submit(data, { method: "post" });
  }, [fetcher, formRef, validate]);

  const onChange = useCallback(() => {
    revision.current += 1;
    setChanged(revision.current);
    setFailed(false);
  }, []);

  useEffect(() => {
    if (!enabled || changed === 0 || changed === savedRevision) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), delayMs);
    return () => clearTimeout(timer.current);
  }, [changed, savedRevision, enabled, delayMs, save]);

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.ok) {
      setSavedRevision(sentRevision.current);
      setSavedAt(fetcher.data.savedAt ?? new Date().toISOString());
      setFailed(false);
    } else {
      setFailed(true);
    }
  }, [fetcher.state, fetcher.data]);

  const dirty = changed !== savedRevision;
  const state: SaveState =
    fetcher.state !== "idle" ? "saving" : failed ? "error" : dirty ? "dirty" : savedAt ? "saved" : "idle";
  return {
    onChange,
    save,
    state,
    savedAt,
    dirty,
    serverErrors:
      fetcher.data && !fetcher.data.ok
        ? (fetcher.data as { fieldErrors?: Record<string, string> }).fieldErrors
        : undefined,
  };
}

/** Warns before leaving with unsaved changes: the browser's prompt on unload, ours on in-app navigation. */
export function UnsavedChangesGuard({ when }: { when: boolean }) {
  const { t } = useT();
  useEffect(() => {
    if (!when) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [when]);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname,
  );
  const stay = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (blocker.state === "blocked") stay.current?.focus();
  }, [blocker.state]);
  if (blocker.state !== "blocked") return null;
  return (
    <div
      className="fixed inset-0 z-40 flex items-end justify-center bg-slate-900/40 p-4 sm:items-center"
      role="presentation"
    >
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="unsaved-title"
        aria-describedby="unsaved-text"
        className="card w-full max-w-md space-y-3"
      >
        <h2 id="unsaved-title" className="text-lg font-bold">
          {t("authoring.unsaved.title")}
        </h2>
        <p id="unsaved-text" className="text-sm text-slate-700">
          {t("authoring.unsaved.text")}
        </p>
        <div className="flex flex-wrap justify-end gap-2">
          <button ref={stay} type="button" className="btn-primary" onClick={() => blocker.reset?.()}>
            {t("authoring.unsaved.stay")}
          </button>
          <button type="button" className="btn-secondary" onClick={() => blocker.proceed?.()}>
            {t("authoring.unsaved.leave")}
          </button>
        </div>
      </div>
    </div>
  );
}

function fixLink(slug: string, fix: string): string {
  const base = `/author/courses/${slug}`;
  if (fix.startsWith("lesson:")) return `${base}/lessons/${fix.slice(7)}`;
  if (fix.startsWith("question:")) return `${base}/questions/${fix.slice(9)}`;
  return `${base}/${fix}`;
}

/** What stops publishing, each with a link to the editor that fixes it. */
export function ProblemList({ slug, problems }: { slug: string; problems: PublishProblem[] }) {
  const { t } = useT();
  const text = (p: PublishProblem) => messageText(t, { code: p.key, params: p.params });
  return (
    <ul className="space-y-2" data-testid="publish-problems">
      {problems.map((p, i) => (
        <li
          key={i}
          className="flex flex-wrap items-baseline justify-between gap-2 rounded-md border-l-4 border-accent-600 bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          <span>{text(p)}</span>
          <Link to={fixLink(slug, p.fix)} className="link shrink-0">
            {t("authoring.publish.fix")}
          </Link>
        </li>
      ))}
    </ul>
  );
}

const changeStyles = {
  added: "bg-green-100 text-green-900",
  changed: "bg-amber-100 text-amber-900",
  removed: "bg-slate-200 text-slate-800",
} as const;

/** Lessons and questions added, changed and removed, as computed from keys and content hashes. */
export function DiffTables({ diff }: { diff: VersionDiff }) {
  const { t, locale } = useT();
  return (
    <div className="space-y-4" data-testid="version-diff">
      <section className="card space-y-2" aria-labelledby="diff-lessons">
        <h3 id="diff-lessons" className="font-semibold">
          {t("authoring.diff.lessons")}
        </h3>
        {diff.lessons.length === 0 ? (
          <p className="text-sm text-slate-600">
            {t("authoring.diff.noLessonChanges", { count: diff.unchangedLessons })}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {diff.lessons.map((c) => (
              <li
                key={`${c.change}-${c.key}`}
                className="flex flex-wrap items-center gap-2 py-2"
                data-change={c.change}
              >
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${changeStyles[c.change]}`}>
                  {t(`authoring.diff.${c.change}`)}
                </span>
                <span className="font-medium">{locale === "en" ? c.title.en : c.title.vi}</span>
                <code className="text-xs text-slate-500">{c.key}</code>
              </li>
            ))}
            {diff.unchangedLessons > 0 ? (
              <li className="py-2 text-slate-600">
                {t("authoring.diff.unchangedLessons", { count: diff.unchangedLessons })}
              </li>
            ) : null}
          </ul>
        )}
      </section>
      <section className="card space-y-2" aria-labelledby="diff-questions">
        <h3 id="diff-questions" className="font-semibold">
          {t("authoring.diff.questions")}
        </h3>
        {diff.questions.length === 0 ? (
          <p className="text-sm text-slate-600">
            {t("authoring.diff.noQuestionChanges", { count: diff.unchangedQuestions })}
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {diff.questions.map((c) => (
              <li
                key={`${c.change}-${c.key}`}
                className="flex flex-wrap items-center gap-2 py-2"
                data-change={c.change}
              >
                <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${changeStyles[c.change]}`}>
                  {t(`authoring.diff.${c.change}`)}
                </span>
                <span className="min-w-0 flex-1 truncate">{c.prompt}</span>
                <code className="text-xs text-slate-500">{c.key}</code>
              </li>
            ))}
            {diff.unchangedQuestions > 0 ? (
              <li className="py-2 text-slate-600">
                {t("authoring.diff.unchangedQuestions", { count: diff.unchangedQuestions })}
              </li>
            ) : null}
          </ul>
        )}
      </section>
    </div>
  );
}

import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useHydrated } from "~/components/use-hydrated";
import type { LessonPage } from "~/lib/courses/courses.server";
import type { MessageKey } from "~/lib/i18n/messages.vi";
import { useT } from "~/lib/i18n/use-t";

type Player = NonNullable<LessonPage["lesson"]["scorm"]>;
type SaveState =
  { kind: "idle" } | { kind: "saved"; at: Date } | { kind: "offline" } | { kind: "failed"; status: string };

const RETRY_MS = [2_000, 5_000, 10_000, 30_000];

/**
 * The SCORM player: the package runs in a sandboxed frame (scripts only, an opaque origin), with
 * scorm-again's API inside it; every commit it posts here is sent to the server by this page,
 * which alone holds the session. The latest tree is kept and re-sent until the server has it.
 */
export function ScormPlayer({ lessonId, player, title }: { lessonId: string; player: Player; title: string }) {
  const { t } = useT();
  const hydrated = useHydrated();
  const frame = useRef<HTMLIFrameElement>(null);
  const pending = useRef<unknown>(null);
  const sending = useRef(false);
  const attempt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [save, setSave] = useState<SaveState>({ kind: "idle" });
  const [completed, setCompleted] = useState(false);
  const { revalidate } = useRevalidator();
  // Retries call the newest flush through this ref (a callback cannot name itself).
  const retry = useRef<() => void>(() => undefined);

  const flush = useCallback(async () => {
    if (sending.current || pending.current === null) return;
    const cmi = pending.current;
    pending.current = null;
    sending.current = true;
    try {
      const response = await fetch(`/api/scorm/${lessonId}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ cmi }),
      });
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { completed: boolean; newlyCompleted: boolean };
      attempt.current = 0;
      setSave({ kind: "saved", at: new Date() });
      setCompleted(body.completed);
      if (body.newlyCompleted) revalidate();
    } catch (error) {
      // Keep the newest tree: a commit that arrived meanwhile supersedes the failed one.
      pending.current ??= cmi;
      setSave(
        navigator.onLine
          ? { kind: "failed", status: error instanceof Error ? error.message : "?" }
          : { kind: "offline" },
      );
      clearTimeout(timer.current);
      timer.current = setTimeout(() => retry.current(), RETRY_MS[Math.min(attempt.current++, RETRY_MS.length - 1)]);
    } finally {
      sending.current = false;
    }
    if (pending.current !== null && attempt.current === 0) retry.current();
  }, [lessonId, revalidate]);
  useEffect(() => {
    retry.current = () => void flush();
  }, [flush]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      // Only the player's own frame; its origin is opaque ("null"), so the window identifies it.
      if (!frame.current || event.source !== frame.current.contentWindow) return;
      const data = event.data as { hocso?: string; cmi?: unknown } | null;
      if (data?.hocso !== "scorm-commit" || typeof data.cmi !== "object" || data.cmi === null) return;
      pending.current = data.cmi;
      void flush();
    };
    const onOnline = () => void flush();
    const onOffline = () => setSave({ kind: "offline" });
    window.addEventListener("message", onMessage);
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    return () => {
      window.removeEventListener("message", onMessage);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      clearTimeout(timer.current);
    };
  }, [flush]);

  // The frame is started once per lesson: a revalidation (after the lesson completes, say) hands
  // this component a freshly signed path and the tree just saved, and passing either on would
  // reload the package under the learner, or overwrite the state its bridge keeps in window.name.
  const [launch] = useState(() => ({ url: player.launchUrl, standard: player.standard, cmi: player.cmi }));
  const status = completed ? "completed" : player.status.completion;
  const frameName = hydrated
    ? JSON.stringify({
        hocso: "scorm",
        standard: launch.standard,
        cmi: launch.cmi,
        parentOrigin: window.location.origin,
      })
    : "";
  return (
    <section className="space-y-2" aria-labelledby="scorm-heading">
      <h2 id="scorm-heading" className="sr-only">
        {t("scorm.player.heading")}
      </h2>
      <p className="text-sm text-slate-700">
        {player.rule === "score"
          ? t("scorm.player.rule.score", { percent: player.passPercent ?? 100 })
          : t(`scorm.player.rule.${player.rule}`)}
      </p>
      {hydrated ? (
        <iframe
          ref={frame}
          name={frameName}
          src={launch.url}
          title={t("scorm.player.frameTitle", { title })}
          sandbox="allow-scripts"
          referrerPolicy="no-referrer"
          className="h-[75vh] min-h-[420px] w-full rounded border border-slate-300 bg-white"
          data-testid="scorm-frame"
        />
      ) : (
        <p className="card">{t("scorm.player.noScript")}</p>
      )}
      <p className="text-sm" role="status" aria-live="polite" data-testid="scorm-save">
        {save.kind === "offline" ? (
          <span className="font-medium text-amber-800">{t("scorm.player.offline")}</span>
        ) : save.kind === "failed" ? (
          <span className="font-medium text-red-800">{t("scorm.player.saveFailed", { status: save.status })}</span>
        ) : save.kind === "saved" ? (
          t("scorm.player.saved", { time: save.at.toLocaleTimeString() })
        ) : (
          t("scorm.player.status", {
            completion: t(completionKey(status)),
            success: t(successKey(player.status.success)),
            score:
              player.status.scorePercent !== null ? t("scorm.player.score", { score: player.status.scorePercent }) : "",
          })
        )}
      </p>
    </section>
  );
}

function completionKey(completion: string): MessageKey {
  if (completion === "completed") return "scorm.status.completed";
  if (completion === "incomplete") return "scorm.status.incomplete";
  return "scorm.status.unknown";
}

function successKey(success: string): MessageKey {
  if (success === "passed") return "scorm.status.passed";
  if (success === "failed") return "scorm.status.failed";
  return "scorm.status.successUnknown";
}

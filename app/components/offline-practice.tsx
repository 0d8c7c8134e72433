import { useState, type FormEvent } from "react";
import { useHydrated } from "~/components/use-hydrated";
import { storeDownloaded } from "~/lib/offline/practice-store";
import { useT } from "~/lib/i18n/use-t";

type State = { kind: "idle" } | { kind: "busy" } | { kind: "saved"; id: string } | { kind: "error"; message: string };

/**
 * "Tải đề về máy": downloads the learner's signed offline package (no answer keys) into IndexedDB
 * and links to the offline player, which the service worker keeps for use with no network.
 */
export function OfflinePracticeCard({
  slug,
  timeLimitMinutes,
  countsForCertificate,
}: {
  slug: string;
  timeLimitMinutes: number;
  countsForCertificate: boolean;
}) {
  const { t, time } = useT();
  const hydrated = useHydrated();
  const [state, setState] = useState<State>({ kind: "idle" });

  async function download(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setState({ kind: "busy" });
    try {
      const response = await fetch("/api/offline-packages", {
        method: "POST",
        body: new FormData(event.currentTarget),
        credentials: "same-origin",
      });
      const answer = (await response.json()) as {
        package?: { body: string; kid: string; sig: string };
        error?: string;
        nextAttemptAt?: string;
      };
      if (response.ok && answer.package) {
        const id = (JSON.parse(answer.package.body) as { id: string }).id;
        await storeDownloaded(answer.package, id);
        setState({ kind: "saved", id });
        return;
      }
      const message =
        answer.error === "limit"
          ? t("practice.intro.refused.limit")
          : answer.error === "cooldown" && answer.nextAttemptAt
            ? t("practice.intro.refused.cooldown", { time: time(answer.nextAttemptAt) })
            : answer.error === "not-offline"
              ? t("practice.intro.refused.not-offline")
              : t("practice.intro.failed");
      setState({ kind: "error", message });
    } catch {
      setState({ kind: "error", message: t("practice.intro.failed") });
    }
  }

  return (
    <section className="card space-y-3" aria-labelledby="practice-heading" data-testid="offline-practice">
      <h2 id="practice-heading" className="font-semibold">
        {t("practice.intro.title")}
      </h2>
      <p className="text-sm">{t("practice.intro.text", { minutes: timeLimitMinutes })}</p>
      <p className="text-sm text-slate-700">
        {countsForCertificate ? t("practice.intro.countsForCertificate") : t("practice.intro.noCertificate")}
      </p>
      {hydrated ? (
        <form method="post" action="/api/offline-packages" onSubmit={(event) => void download(event)}>
          <input type="hidden" name="slug" value={slug} />
          <button type="submit" className="btn-secondary" disabled={state.kind === "busy"}>
            {state.kind === "busy" ? t("practice.intro.downloading") : t("practice.intro.download")}
          </button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">{t("practice.intro.noScript")}</p>
      )}
      <div role="status" aria-live="polite">
        {state.kind === "saved" ? (
          <p className="text-sm">
            {t("practice.intro.saved")}{" "}
            <a href={`/practice.html#${state.id}`} className="link">
              {t("practice.intro.open")}
            </a>
          </p>
        ) : state.kind === "error" ? (
          <p className="text-sm font-medium text-red-800">{state.message}</p>
        ) : null}
      </div>
    </section>
  );
}

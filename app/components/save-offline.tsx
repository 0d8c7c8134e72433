import { useEffect, useState } from "react";
import { useFileSize } from "~/components/file-size";
import { ProgressBar } from "~/components/progress-bar";
import { useHydrated } from "~/components/use-hydrated";
import type { OfflinePackage } from "~/lib/courses/courses.server";
import { useT } from "~/lib/i18n/use-t";
import { COURSE_META_PATH, courseCacheName } from "~/lib/offline/cache-names";
import { readSavedCourse, removeSavedCourse, type SavedCourse } from "~/lib/offline/saved-course";

type Manifest = { routes: Record<string, { module: string; imports?: string[]; css?: string[] }> };

/** The build files a saved page needs to run offline: the current page's and the course routes'. */
function buildFiles(): string[] {
  const files = new Set(
    performance
      .getEntriesByType("resource")
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === window.location.origin && url.pathname.startsWith("/build/"))
      .map((url) => url.pathname),
  );
  const manifest = (window as unknown as { __remixManifest?: Manifest }).__remixManifest;
  for (const id of ["routes/courses.$slug.lessons.$lessonKey", "routes/courses.$slug._index"]) {
    const route = manifest?.routes[id];
    if (route) for (const file of [route.module, ...(route.imports ?? []), ...(route.css ?? [])]) files.add(file);
  }
  return [...files];
}

function isQuotaError(error: unknown) {
  return error instanceof DOMException && (error.name === "QuotaExceededError" || error.code === 22);
}

type State =
  | { step: "idle" }
  | { step: "choose"; plan: OfflinePackage }
  | { step: "saving"; done: number; total: number }
  | { step: "error"; message: string };

function sizes(plan: OfflinePackage) {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const videos = plan.lessons.flatMap((lesson) => (lesson.video ? [lesson.video] : []));
  return {
    text: sum(plan.lessons.map((lesson) => lesson.textBytes)),
    images: sum(plan.lessons.flatMap((lesson) => lesson.images.map((image) => image.bytes))),
    attachments: sum(plan.lessons.flatMap((lesson) => lesson.attachments.map((attachment) => attachment.bytes))),
    videos,
    videoBytes: videos.every((video) => video.bytes !== null) ? sum(videos.map((video) => video.bytes ?? 0)) : null,
  };
}

/**
 * "Lưu để học khi không có mạng": the download size first, then a progress bar, then the
 * learner's version readable offline (Cache Storage, one cache per course, replaced whole).
 */
export function SaveOffline({ slug, latestVersion }: { slug: string; latestVersion: number }) {
  const { t, date } = useT();
  const size = useFileSize();
  const [saved, setSaved] = useState<SavedCourse | null>(null);
  const [state, setState] = useState<State>({ step: "idle" });
  const [withVideo, setWithVideo] = useState(false);
  const hydrated = useHydrated();

  useEffect(() => {
    if (!("caches" in window)) return;
    void caches.open(courseCacheName(slug)).then(readSavedCourse).then(setSaved);
  }, [slug]);

  if (!hydrated || !("caches" in window) || !("serviceWorker" in navigator)) return null;

  const choose = async () => {
    try {
      const response = await fetch(`/courses/${slug}/offline.json`, { credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      setState({ step: "choose", plan: (await response.json()) as OfflinePackage });
    } catch {
      setState({ step: "error", message: t("offline.save.failed") });
    }
  };

  const save = async (plan: OfflinePackage) => {
    const urls = [
      plan.coursePageUrl,
      ...plan.lessons.flatMap((lesson) => [
        lesson.url,
        ...lesson.images.map((image) => image.url),
        ...lesson.attachments.map((attachment) => attachment.url),
        ...(withVideo && lesson.video ? [lesson.video.url] : []),
      ]),
      ...buildFiles(),
    ];
    const name = courseCacheName(slug);
    await caches.delete(name);
    const cache = await caches.open(name);
    let bytes = 0;
    setState({ step: "saving", done: 0, total: urls.length });
    try {
      for (const [index, url] of urls.entries()) {
        const response = await fetch(url, { credentials: "same-origin" });
        // A redirect (an expired session's login page) is not the page to keep.
        if (!response.ok || response.redirected) throw new Error(`${url}: ${response.status}`);
        bytes += (await response.clone().blob()).size;
        await cache.put(url, response);
        setState({ step: "saving", done: index + 1, total: urls.length });
      }
      const meta: SavedCourse = {
        slug,
        title: plan.title,
        versionNumber: plan.versionNumber,
        savedAt: new Date().toISOString(),
        bytes,
        lessons: plan.lessons.map(({ key, title, url }) => ({ key, title, url })),
      };
      await cache.put(
        COURSE_META_PATH,
        new Response(JSON.stringify(meta), { headers: { "Content-Type": "application/json" } }),
      );
      setSaved(meta);
      setState({ step: "idle" });
    } catch (error) {
      // Half a course is no use offline: nothing stays unless everything was saved.
      await caches.delete(name);
      setSaved(null);
      setState({ step: "error", message: isQuotaError(error) ? t("offline.save.quota") : t("offline.save.failed") });
    }
  };

  const remove = async () => {
    await removeSavedCourse(slug);
    setSaved(null);
  };

  return (
    <section className="card space-y-3 text-sm" aria-labelledby="save-offline-heading">
      <h2 id="save-offline-heading" className="font-semibold">
        {t("offline.save.heading")}
      </h2>
      {saved ? (
        <>
          <p role="status">
            {t("offline.save.saved", { number: saved.versionNumber, time: date(saved.savedAt, true) })}
          </p>
          {saved.versionNumber < latestVersion ? (
            <p className="rounded-md border-l-4 border-brand-600 bg-brand-50 px-3 py-2">
              {t("offline.save.newer", { saved: saved.versionNumber, current: latestVersion })}
            </p>
          ) : null}
        </>
      ) : null}
      {state.step === "choose" ? (
        <ChoosePanel
          plan={state.plan}
          withVideo={withVideo}
          onVideo={setWithVideo}
          onConfirm={() => void save(state.plan)}
          onCancel={() => setState({ step: "idle" })}
          size={size}
        />
      ) : state.step === "saving" ? (
        <div className="space-y-1">
          <p>
            {t("offline.save.progress")} {state.done}/{state.total}
          </p>
          <ProgressBar percent={(state.done / state.total) * 100} label={t("offline.save.progress")} />
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn-primary" onClick={() => void choose()}>
            {saved && saved.versionNumber < latestVersion ? t("offline.save.update") : t("offline.save.button")}
          </button>
          {saved ? (
            <button type="button" className="btn-secondary" onClick={() => void remove()}>
              {t("offline.save.remove")}
            </button>
          ) : null}
        </div>
      )}
      {state.step === "error" ? (
        <p role="alert" className="text-accent-600">
          {state.message}
        </p>
      ) : null}
      <p>
        <a className="link" href="/offline.html">
          {t("offline.save.list")}
        </a>
      </p>
    </section>
  );
}

function ChoosePanel({
  plan,
  withVideo,
  onVideo,
  onConfirm,
  onCancel,
  size,
}: {
  plan: OfflinePackage;
  withVideo: boolean;
  onVideo: (value: boolean) => void;
  onConfirm: () => void;
  onCancel: () => void;
  size: (bytes: number) => string;
}) {
  const { t } = useT();
  const s = sizes(plan);
  const total = s.text + s.images + s.attachments + (withVideo ? (s.videoBytes ?? 0) : 0);
  return (
    <div className="space-y-2">
      <p>{t("offline.save.sizes", { text: size(s.text), images: size(s.images), attachments: size(s.attachments) })}</p>
      {s.videos.length > 0 ? (
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={withVideo} onChange={(event) => onVideo(event.target.checked)} />
          {s.videoBytes !== null
            ? t("offline.save.withVideo", { size: size(s.videoBytes) })
            : t("offline.save.videoUnknown")}
        </label>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" onClick={onConfirm}>
          {t("offline.save.confirm", { size: size(total) })}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          {t("offline.save.cancel")}
        </button>
      </div>
    </div>
  );
}

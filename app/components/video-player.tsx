import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { CaptionLanguage } from "~/lib/content/webvtt";
import { useT } from "~/lib/i18n/use-t";

const HEARTBEAT_MS = 10_000;
/** A jump bigger than this between two timeupdate events is a seek, not watching. */
const MAX_PLAYBACK_STEP_SECONDS = 1.5;

export function playableSource(src: string): { url: string; hls: boolean } {
  if (src.startsWith("mux:")) return { url: `https://stream.mux.com/${src.slice(4)}.m3u8`, hls: true };
  return { url: src, hls: /\.m3u8(\?|$)/.test(src) };
}

type Props = {
  lessonId: string;
  src: string;
  durationSeconds: number;
  startAtSeconds: number;
  watchedSeconds: number;
  muxEnvKey: string;
  title: string;
  /** Languages with a WebVTT caption track (served by /captions/:lessonId/:language). */
  captions: CaptionLanguage[];
};

/**
 * Native <video> (hls.js only where the browser lacks HLS), our own progress heartbeat every
 * 10 s and on pause/leave, resume at the saved position, and Mux Data when a key is configured.
 */
export function VideoPlayer({
  lessonId,
  src,
  durationSeconds,
  startAtSeconds,
  watchedSeconds,
  muxEnvKey,
  title,
  captions,
}: Props) {
  const { t, locale } = useT();
  // The reader's language is shown by default, else the first track (deaf learners need them on).
  const defaultTrack = captions.includes(locale) ? locale : captions[0];
  const videoRef = useRef<HTMLVideoElement>(null);
  const revalidator = useRevalidator();
  const [watched, setWatched] = useState(watchedSeconds);
  const [status, setStatus] = useState<"idle" | "saving" | "offline">("idle");
  const { url, hls } = playableSource(src);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let pendingWatch = 0;
    let lastTime = video.currentTime;
    let destroyed = false;
    let detachHls: (() => void) | undefined;

    if (hls && !video.canPlayType("application/vnd.apple.mpegurl")) {
      void import("hls.js").then(({ default: Hls }) => {
        if (destroyed || !Hls.isSupported()) return;
        const player = new Hls();
        player.loadSource(url);
        player.attachMedia(video);
        detachHls = () => player.destroy();
      });
    } else {
      video.src = url;
    }
    if (muxEnvKey) {
      void import("mux-embed").then(({ default: mux }) => {
        if (destroyed) return;
        mux.monitor(video, {
          debug: false,
          data: {
            env_key: muxEnvKey,
            player_name: "HọcSố",
            video_id: lessonId,
            video_title: title,
            player_init_time: Date.now(),
          },
        });
      });
    }

    const payload = () => {
      const body = {
        lessonId,
        positionSeconds: Math.min(video.currentTime, durationSeconds),
        watchedDeltaSeconds: Math.round(pendingWatch * 10) / 10,
      };
      return body;
    };
    const send = async () => {
      const body = payload();
      if (body.watchedDeltaSeconds <= 0 && Math.abs(body.positionSeconds - startAtSeconds) < 1 && video.paused) return;
      setStatus("saving");
      try {
        const response = await fetch("/api/progress", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
          credentials: "same-origin",
        });
        if (!response.ok) throw new Error(String(response.status));
        const result = (await response.json()) as {
          completed: boolean;
          newlyCompleted: boolean;
          watchedSeconds: number;
        };
        pendingWatch = Math.max(0, pendingWatch - body.watchedDeltaSeconds);
        setWatched(result.watchedSeconds);
        setStatus("idle");
        if (result.newlyCompleted) revalidator.revalidate();
      } catch {
        // Kept in pendingWatch: the next heartbeat retries with the accumulated time.
        setStatus(navigator.onLine ? "idle" : "offline");
      }
    };
    const beacon = () => {
      const body = payload();
      if (body.watchedDeltaSeconds <= 0 && video.currentTime === 0) return;
      if (navigator.sendBeacon?.("/api/progress", new Blob([JSON.stringify(body)], { type: "application/json" })))
        pendingWatch = 0;
    };

    const onLoaded = () => {
      if (startAtSeconds > 1 && startAtSeconds < durationSeconds - 2) video.currentTime = startAtSeconds;
      lastTime = video.currentTime;
    };
    const onTimeUpdate = () => {
      const step = video.currentTime - lastTime;
      if (step > 0 && step <= MAX_PLAYBACK_STEP_SECONDS * Math.max(1, video.playbackRate)) pendingWatch += step;
      lastTime = video.currentTime;
    };
    const onSeeked = () => {
      lastTime = video.currentTime;
    };
    const onPause = () => void send();
    const onHidden = () => {
      if (document.visibilityState === "hidden") beacon();
    };
    const timer = window.setInterval(() => {
      if (!video.paused) void send();
    }, HEARTBEAT_MS);

    video.addEventListener("loadedmetadata", onLoaded);
    video.addEventListener("timeupdate", onTimeUpdate);
    video.addEventListener("seeked", onSeeked);
    video.addEventListener("pause", onPause);
    video.addEventListener("ended", onPause);
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("pagehide", beacon);
    if (video.readyState >= 1) onLoaded();
    return () => {
      destroyed = true;
      beacon();
      window.clearInterval(timer);
      video.removeEventListener("loadedmetadata", onLoaded);
      video.removeEventListener("timeupdate", onTimeUpdate);
      video.removeEventListener("seeked", onSeeked);
      video.removeEventListener("pause", onPause);
      video.removeEventListener("ended", onPause);
      document.removeEventListener("visibilitychange", onHidden);
      window.removeEventListener("pagehide", beacon);
      detachHls?.();
    };
    // The effect is bound to one lesson's video; revalidator is stable enough for its use here.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the line above
  }, [lessonId, url]);

  const watchedPercent = durationSeconds > 0 ? Math.min(100, Math.floor((watched / durationSeconds) * 100)) : 0;
  return (
    <figure className="space-y-2">
      {/* A video without caption tracks has its transcript beside the player as the text alternative. */}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption -- the tracks are the lesson's; see above */}
      <video
        ref={videoRef}
        controls
        playsInline
        preload="metadata"
        className="aspect-video w-full rounded-lg bg-black"
        aria-label={title}
        data-testid="lesson-video"
        src={hls ? undefined : url}
      >
        {captions.map((language) => (
          <track
            key={language}
            kind="captions"
            src={`/captions/${lessonId}/${language}`}
            srcLang={language}
            label={t(`lesson.captions.${language}`)}
            default={language === defaultTrack}
          />
        ))}
        <p>{t("lesson.videoUnsupported")}</p>
      </video>
      <figcaption className="flex flex-wrap justify-between gap-2 text-sm text-slate-600">
        <span data-testid="watched-percent">{t("lesson.watched", { percent: watchedPercent })}</span>
        <span aria-live="polite">
          {status === "saving" ? t("lesson.saving") : status === "offline" ? t("lesson.offline") : ""}
        </span>
      </figcaption>
      <p className="text-sm text-slate-600">{t("lesson.videoHint")}</p>
    </figure>
  );
}

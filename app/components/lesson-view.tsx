import { LessonChanges, type LessonChangesData } from "~/components/lesson-changes";
import { Form, Link, useActionData, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { useFileSize } from "~/components/file-size";
import { useHydrated } from "~/components/use-hydrated";
import { FormAlert } from "~/components/form-alert";
import { ProgressBar } from "~/components/progress-bar";
import { ReadAloud } from "~/components/read-aloud";
import { requestProgressSync } from "~/components/sync-status";
import { ScormPlayer } from "~/components/scorm-player";
import { VideoPlayer } from "~/components/video-player";
import type { LessonPage } from "~/lib/courses/courses.server";
import { useT } from "~/lib/i18n/use-t";
import { enqueueProgress } from "~/lib/offline/progress-queue";

function formatClock(seconds: number) {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

function LessonAttachments({ attachments }: { attachments: LessonPage["lesson"]["attachments"] }) {
  const { t } = useT();
  const size = useFileSize();
  if (attachments.length === 0) return null;
  return (
    <section className="card space-y-2" aria-labelledby="lesson-attachments-heading">
      <h2 id="lesson-attachments-heading" className="font-semibold">
        {t("lesson.attachments")}
      </h2>
      <ul className="space-y-1 text-sm">
        {attachments.map((attachment) => (
          <li key={attachment.id} className="flex flex-wrap items-baseline gap-x-2">
            <a href={`/attachments/${attachment.id}`} download={attachment.fileName} className="link">
              <span className="sr-only">{t("lesson.download")} </span>
              {attachment.fileName}
            </a>
            <span className="text-slate-500">({size(attachment.size)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What a lesson route's action answers when "I have watched it" came too early. */
export type LessonActionData = { secondsLeft: number; watchPass: string };

/**
 * Without JavaScript no heartbeat is sent: the learner says they watched, and the server
 * accepts it once enough time has passed since it served the page (the rule is shown).
 */
function NoScriptVideoCompletion({
  video,
  nextKey,
}: {
  video: NonNullable<LessonPage["lesson"]["video"]>;
  nextKey: string;
}) {
  const { t } = useT();
  const tooEarly = useActionData<LessonActionData>();
  const time = formatClock(video.secondsRequiredWithoutScript);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700" id="no-script-rule">
        {t("lesson.noScript.rule", { time })}
      </p>
      {tooEarly?.secondsLeft ? (
        <FormAlert>{t("lesson.noScript.tooEarly", { time, left: formatClock(tooEarly.secondsLeft) })}</FormAlert>
      ) : null}
      <Form method="post">
        <input type="hidden" name="next" value={nextKey} />
        {/* After a refusal keep the first pass: the time already waited still counts. */}
        <input type="hidden" name="watchPass" value={tooEarly?.watchPass ?? video.watchPass} />
        <button type="submit" className="btn-primary" aria-describedby="no-script-rule">
          {t("lesson.noScript.submit")}
        </button>
      </Form>
    </div>
  );
}

/**
 * The body of a lesson page, for a course lesson and a "what changed" lesson alike. Links go
 * below `basePath` (the course's or the update's page); "mark as complete" posts to the route
 * that renders it.
 */
export function LessonView({
  page,
  basePath,
  backLabel,
  muxEnvKey,
  changes = null,
  preview = false,
}: {
  page: LessonPage;
  basePath: string;
  backLabel: string;
  muxEnvKey: string;
  /** In an update course: what changed inside this lesson since the version its holders studied. */
  changes?: LessonChangesData;
  /** A trainer's preview of a draft: nothing to complete, no progress recorded. */
  preview?: boolean;
}) {
  const { t } = useT();
  const busy = useNavigation().state === "submitting";
  const hydrated = useHydrated();
  const { lesson, lessonCount, previous, next, progress } = page;
  const userId = useRouteLoaderData<{ user: { id: string } | null }>("root")?.user?.id;
  const [queued, setQueued] = useState<string | null>(null);
  // Offline (a saved copy), "mark as complete" is queued on the device and sent when the network returns.
  const completeOffline = (event: FormEvent) => {
    if (navigator.onLine || !userId) return;
    event.preventDefault();
    void enqueueProgress({
      id: crypto.randomUUID(),
      kind: "lesson-done",
      userId,
      lessonId: lesson.id,
      at: new Date().toISOString(),
    }).then(() => {
      setQueued(lesson.id);
      void requestProgressSync();
    });
  };
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <nav className="space-y-2 text-sm" aria-label={t("courses.progressLabel")}>
        <Link to={basePath} className="link">
          ← {backLabel}
        </Link>
        <div className="flex items-center justify-between gap-3">
          <span className="text-slate-600">{t("lesson.of", { position: lesson.position, count: lessonCount })}</span>
          <span className="font-medium">{t("courses.progress", { percent: progress })}</span>
        </div>
        <ProgressBar percent={progress} label={t("courses.progressLabel")} />
      </nav>
      <h1 className="text-2xl font-extrabold sm:text-3xl">{lesson.title}</h1>
      <ReadAloud text={lesson.title} targetId="lesson-body" />
      <LessonChanges changes={changes} />
      {lesson.video ? (
        <section className="space-y-3">
          <VideoPlayer
            key={lesson.id}
            lessonId={lesson.id}
            src={lesson.video.src}
            durationSeconds={lesson.video.durationSeconds}
            startAtSeconds={lesson.positionSeconds}
            watchedSeconds={lesson.watchedSeconds}
            muxEnvKey={muxEnvKey}
            title={lesson.title}
            captions={lesson.video.captions}
          />
          {lesson.positionSeconds > 1 && !lesson.completed ? (
            <p className="text-sm text-slate-600">
              {t("lesson.resumeAt", { time: formatClock(lesson.positionSeconds) })}
            </p>
          ) : null}
          {lesson.video.transcript ? (
            <details className="card">
              <summary className="cursor-pointer font-semibold">{t("lesson.transcript")}</summary>
              <p className="mt-2 whitespace-pre-line text-slate-800">{lesson.video.transcript}</p>
            </details>
          ) : null}
        </section>
      ) : null}
      <div id="lesson-body" className="prose-lesson card text-base" dangerouslySetInnerHTML={{ __html: lesson.html }} />
      {lesson.scorm ? (
        <ScormPlayer key={lesson.id} lessonId={lesson.id} player={lesson.scorm} title={lesson.title} />
      ) : null}
      <LessonAttachments attachments={lesson.attachments} />
      <div className="card flex flex-wrap items-center justify-between gap-3">
        {preview ? (
          <p className="text-sm text-slate-600">{t("lesson.preview.noProgress")}</p>
        ) : lesson.completed ? (
          <p className="font-medium text-green-800" role="status">
            ✓ {t("lesson.completed")}
          </p>
        ) : queued === lesson.id ? (
          <p className="font-medium text-green-800" role="status">
            ✓ {t("offline.lessonQueued")}
          </p>
        ) : lesson.scorm ? (
          <p className="text-sm text-slate-600">{t("scorm.player.heading")}</p>
        ) : lesson.video && hydrated ? (
          <p className="text-sm text-slate-600">{t("lesson.videoHint")}</p>
        ) : lesson.video ? (
          <NoScriptVideoCompletion video={lesson.video} nextKey={next?.key ?? ""} />
        ) : (
          <Form method="post" onSubmit={completeOffline}>
            <input type="hidden" name="next" value={next?.key ?? ""} />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("lesson.markComplete")}
            </button>
          </Form>
        )}
      </div>
      <nav className="flex flex-wrap justify-between gap-3" aria-label={t("lesson.backToCourse")}>
        {previous ? (
          <Link to={`${basePath}/lessons/${previous.key}`} className="btn-secondary" rel="prev">
            ← {t("lesson.previous")}: {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={`${basePath}/lessons/${next.key}`} className="btn-secondary" rel="next">
            {t("lesson.next")}: {next.title} →
          </Link>
        ) : (
          <Link to={basePath} className="btn-secondary">
            {t("lesson.backToCourse")}
          </Link>
        )}
      </nav>
    </article>
  );
}

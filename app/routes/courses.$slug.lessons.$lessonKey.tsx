import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ProgressBar } from "~/components/progress-bar";
import { VideoPlayer } from "~/components/video-player";
import { requireUser } from "~/lib/accounts/auth.server";
import { completeTextLesson, getLessonPage } from "~/lib/courses/courses.server";
import { onLessonProgress } from "~/lib/credits/completion.server";
import { env } from "~/lib/env.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lesson.title} · ${data.courseTitle}` : "HọcSố" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await getLessonPage(user.id, params.slug!, params.lessonKey!, getLocale(request));
  return { ...page, muxEnvKey: page.lesson.video ? env.muxEnvKey : "" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const { versionId } = await completeTextLesson(user.id, params.slug!, params.lessonKey!);
  await onLessonProgress(user.id, versionId);
  const next = formData.get("next");
  return redirect(typeof next === "string" && /^[a-z0-9-]+$/.test(next) ? `/courses/${params.slug}/lessons/${next}` : `/courses/${params.slug}`);
}

function formatClock(seconds: number) {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

export default function LessonPage() {
  const { t } = useT();
  const { slug, courseTitle, lesson, lessonCount, previous, next, progress, muxEnvKey } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <nav className="space-y-2 text-sm" aria-label={t("courses.progressLabel")}>
        <Link to={`/courses/${slug}`} className="link">
          ← {courseTitle}
        </Link>
        <div className="flex items-center justify-between gap-3">
          <span className="text-slate-600">{t("lesson.of", { position: lesson.position, count: lessonCount })}</span>
          <span className="font-medium">{t("courses.progress", { percent: progress })}</span>
        </div>
        <ProgressBar percent={progress} label={t("courses.progressLabel")} />
      </nav>
      <h1 className="text-2xl font-extrabold sm:text-3xl">{lesson.title}</h1>
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
          />
          {lesson.positionSeconds > 1 && !lesson.completed ? <p className="text-sm text-slate-600">{t("lesson.resumeAt", { time: formatClock(lesson.positionSeconds) })}</p> : null}
          {lesson.video.transcript ? (
            <details className="card">
              <summary className="cursor-pointer font-semibold">{t("lesson.transcript")}</summary>
              <p className="mt-2 whitespace-pre-line text-slate-800">{lesson.video.transcript}</p>
            </details>
          ) : null}
        </section>
      ) : null}
      <div className="prose-lesson card text-base" dangerouslySetInnerHTML={{ __html: lesson.html }} />
      <div className="card flex flex-wrap items-center justify-between gap-3">
        {lesson.completed ? (
          <p className="font-medium text-green-800" role="status">
            ✓ {t("lesson.completed")}
          </p>
        ) : lesson.video ? (
          <p className="text-sm text-slate-600">{t("lesson.videoHint")}</p>
        ) : (
          <Form method="post">
            <input type="hidden" name="next" value={next?.key ?? ""} />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("lesson.markComplete")}
            </button>
          </Form>
        )}
      </div>
      <nav className="flex flex-wrap justify-between gap-3" aria-label={t("lesson.backToCourse")}>
        {previous ? (
          <Link to={`/courses/${slug}/lessons/${previous.key}`} className="btn-secondary" rel="prev">
            ← {t("lesson.previous")}: {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={`/courses/${slug}/lessons/${next.key}`} className="btn-secondary" rel="next">
            {t("lesson.next")}: {next.title} →
          </Link>
        ) : (
          <Link to={`/courses/${slug}`} className="btn-secondary">
            {t("lesson.backToCourse")}
          </Link>
        )}
      </nav>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

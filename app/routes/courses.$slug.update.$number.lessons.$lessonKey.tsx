import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useFileSize } from "~/components/authoring";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ProgressBar } from "~/components/progress-bar";
import { VideoPlayer } from "~/components/video-player";
import { requireUser } from "~/lib/accounts/auth.server";
import { completeDeltaLesson, getDeltaLessonPage } from "~/lib/courses/courses.server";
import { onLessonProgress } from "~/lib/credits/completion.server";
import { env } from "~/lib/env.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lesson.title} · ${data.courseTitle}` : "HọcSố" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await getDeltaLessonPage(user.id, params.slug ?? "", Number(params.number), params.lessonKey ?? "", getLocale(request));
  return { ...page, muxEnvKey: page.lesson.video ? env.muxEnvKey : "" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const number = Number(params.number);
  const { versionId } = await completeDeltaLesson(user.id, params.slug ?? "", number, params.lessonKey ?? "");
  await onLessonProgress(user.id, versionId);
  const next = form.get("next");
  const base = `/courses/${params.slug}/update/${number}`;
  return redirect(typeof next === "string" && /^[a-z0-9-]+$/.test(next) ? `${base}/lessons/${next}` : base);
}

export default function DeltaLessonPage() {
  const { t } = useT();
  const size = useFileSize();
  const { slug, number, courseTitle, lesson, lessonCount, previous, next, progress, muxEnvKey } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const base = `/courses/${slug}/update/${number}`;
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <nav className="space-y-2 text-sm" aria-label={t("courses.progressLabel")}>
        <Link to={base} className="link">
          ← {courseTitle} · {t("learning.delta")}
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
          <VideoPlayer key={lesson.id} lessonId={lesson.id} src={lesson.video.src} durationSeconds={lesson.video.durationSeconds} startAtSeconds={lesson.positionSeconds} watchedSeconds={lesson.watchedSeconds} muxEnvKey={muxEnvKey} title={lesson.title} />
          {lesson.video.transcript ? (
            <details className="card">
              <summary className="cursor-pointer font-semibold">{t("lesson.transcript")}</summary>
              <p className="mt-2 whitespace-pre-line text-slate-800">{lesson.video.transcript}</p>
            </details>
          ) : null}
        </section>
      ) : null}
      <div className="prose-lesson card text-base" dangerouslySetInnerHTML={{ __html: lesson.html }} />
      {lesson.attachments.length > 0 ? (
        <section className="card space-y-2" aria-labelledby="attachments-heading">
          <h2 id="attachments-heading" className="font-semibold">
            {t("authoring.attachments.title")}
          </h2>
          <ul className="text-sm">
            {lesson.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/attachments/${a.id}`} className="link">
                  {a.fileName}
                </a>{" "}
                <span className="text-slate-500">({size(a.size)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
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
          <Link to={`${base}/lessons/${previous.key}`} className="btn-secondary" rel="prev">
            ← {t("lesson.previous")}: {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={`${base}/lessons/${next.key}`} className="btn-secondary" rel="next">
            {t("lesson.next")}: {next.title} →
          </Link>
        ) : (
          <Link to={base} className="btn-secondary">
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

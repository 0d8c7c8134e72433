import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CourseSyllabus, LearnerProgress } from "~/components/course-syllabus";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert } from "~/components/forms";
import { requireUser } from "~/lib/accounts/auth.server";
import { startDeltaAttempt } from "~/lib/authoring/retraining.server";
import { getDeltaPage } from "~/lib/courses/courses.server";
import { coursePath } from "~/lib/courses/paths";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, "title.update", data?.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getDeltaPage(user.id, params.slug ?? "", Number(params.number), getLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const started = await startDeltaAttempt(user.id, params.slug ?? "", Number(params.number));
  if (started.ok) return redirect(`/attempts/${started.attemptId}`);
  return data(
    { refused: started.reason, nextAttemptAt: "nextAttemptAt" in started ? started.nextAttemptAt.toISOString() : null },
    { status: 409 },
  );
}

export default function DeltaCoursePage() {
  const { t, date, number } = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const basePath = coursePath(page.slug, page.number);
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="space-y-6">
        <header>
          <p className="text-sm font-semibold uppercase tracking-wide text-accent-600">{t("learning.delta")}</p>
          <h1 className="mt-1 text-3xl font-extrabold">{page.title}</h1>
          <p className="mt-2 text-sm text-slate-500">
            {t("delta.forVersion", { number: page.number, date: page.publishedAt ? date(page.publishedAt) : "" })}
          </p>
        </header>
        {page.changeNote ? (
          <section
            className="rounded-md border-l-4 border-brand-600 bg-brand-50 px-4 py-3"
            aria-labelledby="what-changed"
          >
            <h2 id="what-changed" className="font-semibold">
              {t("delta.whatChanged")}
            </h2>
            <p className="mt-1 whitespace-pre-line">{page.changeNote}</p>
          </section>
        ) : null}
        <p className="text-slate-700">{t("delta.lead")}</p>
        <CourseSyllabus
          id="delta-lessons"
          heading={t("delta.lessons")}
          modules={page.modules}
          basePath={basePath}
          linked
          numberModules={false}
        />
      </div>
      <aside className="space-y-4">
        <div className="card space-y-3">
          <p className="text-2xl font-bold text-green-800">{t("courses.credits", { credits: number(page.credits) })}</p>
          <LearnerProgress
            percent={page.progress}
            basePath={basePath}
            continueLessonKey={page.completedAt ? null : page.continueLessonKey}
          />
          {page.completedAt ? (
            <div className="space-y-2">
              <p className="font-medium text-green-800">
                {t("learning.completedOn", { date: date(page.completedAt) })}
              </p>
              {page.certificateCode ? (
                <Link to={`/verify/${page.certificateCode}`} className="link text-sm">
                  {t("delta.certificate", { code: page.certificateCode })}
                </Link>
              ) : null}
            </div>
          ) : null}
        </div>
        {page.exam ? (
          <div className="card space-y-3 text-sm">
            <h2 className="font-semibold">{page.exam.title}</h2>
            <p className="text-slate-700">
              {t("courses.examSummary", {
                questions: page.exam.questionCount,
                minutes: page.exam.timeLimitMinutes,
                pass: page.exam.passPercent,
              })}
            </p>
            {actionData && "refused" in actionData ? (
              <FormAlert>
                {actionData.refused === "cooldown" && actionData.nextAttemptAt
                  ? t("delta.examCooldown", { time: date(actionData.nextAttemptAt, true) })
                  : t(`delta.examRefused.${actionData.refused}`)}
              </FormAlert>
            ) : null}
            {page.exam.passed ? (
              <p className="font-medium text-green-800">✓ {t("delta.examPassed")}</p>
            ) : (
              <Form method="post">
                <button type="submit" className="btn-primary w-full" disabled={busy}>
                  {page.exam.attempts.some((a) => a.state === "in_progress")
                    ? t("exams.cta.resume")
                    : t("delta.startExam")}
                </button>
              </Form>
            )}
            {page.exam.attempts.length > 0 ? (
              <ul className="space-y-1">
                {page.exam.attempts.map((a) => (
                  <li key={a.id}>
                    <Link
                      to={a.state === "in_progress" ? `/attempts/${a.id}` : `/attempts/${a.id}/result`}
                      className="link"
                    >
                      {t("delta.attempt", { number: a.number })}
                    </Link>{" "}
                    {a.percent !== null ? `· ${number(a.percent)}%` : ""} {a.passed ? "✓" : ""}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </aside>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

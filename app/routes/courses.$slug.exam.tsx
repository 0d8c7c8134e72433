import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { CertificateSignpostCard } from "~/components/certificate-signpost";
import { ExamBlockedNote, ExamHistory } from "~/components/exam-history";
import { GeneralErrorBoundary } from "~/components/error-page";
import { OfflinePracticeCard } from "~/components/offline-practice";
import { requireUser } from "~/lib/accounts/auth.server";
import { certificateSignpost } from "~/lib/credits/certificate-signpost.server";
import { getExamOverview } from "~/lib/exams/attempts.server";
import { invariantResponse } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? null : "title.exam", data?.overview.exam.title, data?.overview.courseTitle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const overview = await getExamOverview(user.id, params.slug!, getLocale(request));
  invariantResponse(overview, "Not found", { status: 404 });
  // Once passed, the certificate (or what is still missing for it) is the next step, not another attempt.
  const signpost =
    overview.enrolled && overview.passed
      ? await certificateSignpost(user.id, overview.versionId, getLocale(request))
      : null;
  return data({ overview, signpost }, { headers: { "Cache-Control": "no-store" } });
}

export default function ExamIntroPage() {
  const { t, time, number } = useT();
  const { overview, signpost } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const { exam } = overview;
  const used = overview.attempts.length;
  return (
    <div className="mx-auto grid max-w-5xl gap-6 lg:grid-cols-[1fr_20rem]">
      <article className="space-y-5">
        <header className="space-y-1">
          <Link to={`/courses/${overview.slug}`} className="link text-sm">
            {t("exams.intro.backToCourse", { course: overview.courseTitle })}
          </Link>
          <h1 className="text-2xl font-extrabold sm:text-3xl">{exam.title}</h1>
        </header>
        {signpost ? <CertificateSignpostCard signpost={signpost} /> : null}
        <section className="card space-y-2" aria-labelledby="rules-heading">
          <h2 id="rules-heading" className="font-semibold">
            {t("exams.rules.title")}
          </h2>
          <ul className="list-disc space-y-1 pl-5 text-slate-800">
            <li>{t("exams.rules.questions", { count: exam.questionCount })}</li>
            <li>{t("exams.rules.time", { minutes: exam.timeLimitMinutes })}</li>
            <li>{t("exams.rules.pass", { percent: number(exam.passPercent) })}</li>
            <li>
              {exam.maxAttempts > 0
                ? t("exams.rules.attempts", { count: exam.maxAttempts })
                : t("exams.rules.attemptsUnlimited")}
            </li>
            {exam.cooldownMinutes > 0 ? <li>{t("exams.rules.cooldown", { minutes: exam.cooldownMinutes })}</li> : null}
            <li>{t(`exams.rules.review.${exam.reviewPolicy}`)}</li>
            <li>{t("exams.rules.autosave")}</li>
            <li>{t("exams.rules.autoSubmit")}</li>
          </ul>
        </section>
        <section className="card space-y-3" aria-label={t("exams.intro.start")}>
          {!overview.enrolled ? (
            <>
              <p>{t("exams.intro.notEnrolled")}</p>
              <Link to={`/courses/${overview.slug}`} className="btn-primary">
                {t("exams.intro.goToCourse")}
              </Link>
            </>
          ) : (
            <>
              {overview.passed ? <p className="font-semibold text-green-800">{t("exams.intro.passed")}</p> : null}
              {overview.best !== null ? (
                <p className="text-sm">{t("exams.intro.best", { percent: number(overview.best) })}</p>
              ) : null}
              <p className="text-sm text-slate-700">
                {exam.maxAttempts > 0
                  ? t("exams.intro.attemptsUsed", { used, max: exam.maxAttempts })
                  : t("exams.intro.attemptsUsedUnlimited", { used })}
              </p>
              {overview.inProgress ? (
                <>
                  <p className="text-sm">{t("exams.intro.resumeHint", { time: time(overview.inProgress.deadline) })}</p>
                  <Link to={`/attempts/${overview.inProgress.id}`} className="btn-primary">
                    {t("exams.intro.resume")}
                  </Link>
                </>
              ) : overview.passed ? null : overview.blocked ? (
                <ExamBlockedNote overview={overview} />
              ) : (
                // A plain HTML post (also with JavaScript on), answered outside Remix by the exam
                // start endpoint (app/lib/exams/start-endpoint.server.ts); refusals come back here.
                <Form method="post" reloadDocument>
                  <button
                    type="submit"
                    name="intent"
                    value="start"
                    className="btn-primary w-full sm:w-auto"
                    disabled={busy}
                  >
                    {t("exams.intro.start")}
                  </button>
                </Form>
              )}
            </>
          )}
        </section>
      </article>
      <aside className="h-fit space-y-4">
        {overview.enrolled && exam.offline.allowed ? (
          <OfflinePracticeCard
            slug={overview.slug}
            timeLimitMinutes={exam.timeLimitMinutes}
            countsForCertificate={exam.offline.countsForCertificate}
          />
        ) : null}
        <div className="card">
          <ExamHistory attempts={overview.attempts} />
        </div>
      </aside>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { CertificateSignpostCard } from "~/components/certificate-signpost";
import { CourseSyllabus, LearnerProgress } from "~/components/course-syllabus";
import { ExamBlockedNote, ExamHistory } from "~/components/exam-history";
import { GeneralErrorBoundary } from "~/components/error-page";
import { SaveOffline } from "~/components/save-offline";
import { getOptionalUser, requireUser } from "~/lib/accounts/auth.server";
import { enroll, getCoursePage } from "~/lib/courses/courses.server";
import { certificateSignpost } from "~/lib/credits/certificate-signpost.server";
import { skillLabel } from "~/lib/courses/digcomp";
import { coursePath } from "~/lib/courses/paths";
import { getExamOverview } from "~/lib/exams/attempts.server";
import { invariantResponse } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? null : "title.courses", data?.course.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const course = await getCoursePage(params.slug!, user?.id ?? null, getLocale(request));
  invariantResponse(course, "Not found", { status: 404 });
  const examOverview =
    user && course.exam && course.enrolled ? await getExamOverview(user.id, params.slug!, getLocale(request)) : null;
  const signpost =
    user && course.enrolled ? await certificateSignpost(user.id, course.versionId, getLocale(request)) : null;
  return { course, signedIn: Boolean(user), examOverview, signpost };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await enroll(user.id, params.slug!);
  return redirect(coursePath(params.slug ?? ""));
}

export default function CoursePage() {
  const { t, locale, number } = useT();
  const { course, signedIn, examOverview, signpost } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="space-y-6">
        <header>
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">
            {t(`courses.audience.${course.audience}`)}
          </p>
          <h1 className="mt-1 text-3xl font-extrabold">{course.title}</h1>
          <p className="mt-3 text-lg text-slate-700">{course.summary}</p>
          <p className="mt-2 text-sm text-slate-500">{t("courses.version", { number: course.versionNumber })}</p>
        </header>
        {course.newerVersion ? (
          <p className="rounded-md border-l-4 border-brand-600 bg-brand-50 px-4 py-3 text-sm">
            {t("courses.newerVersion", { number: course.newerVersion })}
          </p>
        ) : null}
        {course.updates.map((update) => (
          <section
            key={update.number}
            className="rounded-md border-l-4 border-accent-600 bg-amber-50 px-4 py-3"
            aria-labelledby={`update-${update.number}`}
            data-testid="course-update"
          >
            <h2 id={`update-${update.number}`} className="font-bold">
              {update.completed
                ? t("courses.update.done", { number: update.number })
                : t("courses.update.title", { number: update.number })}
            </h2>
            {update.completed ? null : <p className="mt-1 text-sm">{t("courses.update.lead")}</p>}
            <Link to={update.path} className={update.completed ? "link mt-2 inline-block" : "btn-primary mt-2"}>
              {t("courses.update.open")}
            </Link>
          </section>
        ))}
        <CourseSyllabus
          id="syllabus-heading"
          heading={t("courses.syllabus")}
          modules={course.modules}
          basePath={coursePath(course.slug)}
          linked={course.enrolled}
          numberModules
        />
      </div>
      <aside className="space-y-4">
        {signpost ? <CertificateSignpostCard signpost={signpost} /> : null}
        <div className="card space-y-3">
          <p className="text-2xl font-bold text-green-800">
            {t("courses.credits", { credits: number(course.credits) })}
          </p>
          <p className="text-sm text-slate-700">{t("courses.duration", { minutes: course.durationMinutes })}</p>
          {course.enrolled ? (
            <LearnerProgress
              percent={course.progress}
              basePath={coursePath(course.slug)}
              continueLessonKey={course.continueLessonKey}
            />
          ) : signedIn ? (
            <Form method="post">
              <button type="submit" className="btn-primary w-full" disabled={busy}>
                {t("courses.enrol")}
              </button>
            </Form>
          ) : (
            <Link
              to={`/login?redirectTo=${encodeURIComponent(`/courses/${course.slug}`)}`}
              className="btn-primary w-full"
            >
              {t("courses.enrolLogin")}
            </Link>
          )}
        </div>
        {course.enrolled ? (
          <SaveOffline slug={course.slug} latestVersion={course.newerVersion ?? course.versionNumber} />
        ) : null}
        {course.exam ? (
          <div className="card text-sm">
            <h2 className="font-semibold">{t("courses.exam")}</h2>
            <p className="mt-1 text-slate-700">
              {t("courses.examSummary", {
                questions: course.exam.questionCount,
                minutes: course.exam.timeLimitMinutes,
                pass: course.exam.passPercent,
              })}
            </p>
            <p className="text-slate-700">
              {course.exam.maxAttempts > 0
                ? t("courses.examAttempts", { count: course.exam.maxAttempts })
                : t("courses.examUnlimited")}
            </p>
            {examOverview ? (
              <div className="mt-3 space-y-3">
                {examOverview.blocked && !examOverview.inProgress && !examOverview.passed ? (
                  <ExamBlockedNote overview={examOverview} />
                ) : null}
                {examOverview.passed && !examOverview.inProgress ? (
                  <p className="font-medium text-green-800">✓ {t("exams.cta.passed")}</p>
                ) : (
                  <Link
                    to={`/courses/${course.slug}/exam`}
                    className={
                      examOverview.inProgress || !examOverview.blocked ? "btn-primary w-full" : "btn-secondary w-full"
                    }
                  >
                    {examOverview.inProgress ? t("exams.cta.resume") : t("exams.cta.open")}
                  </Link>
                )}
                <ExamHistory attempts={examOverview.attempts} headingLevel={3} />
              </div>
            ) : (
              <p className="mt-2 text-slate-600">{t("exams.cta.enrolFirst")}</p>
            )}
          </div>
        ) : null}
        <div className="card text-sm">
          <h2 className="font-semibold">{t("courses.forWhom")}</h2>
          <p className="mt-1">{t(`courses.audience.${course.audience}`)}</p>
          <h2 className="mt-3 font-semibold">{t("courses.skills")}</h2>
          <ul className="mt-1 list-disc pl-5">
            {course.skills.map((code) => (
              <li key={code}>{skillLabel(code, locale)}</li>
            ))}
          </ul>
          {course.certificateValidityMonths ? (
            <p className="mt-3 text-slate-700">
              {t("courses.certificateValidity", { months: course.certificateValidityMonths })}
            </p>
          ) : null}
        </div>
      </aside>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgressBar } from "~/components/progress-bar";
import { getOptionalUser } from "~/lib/accounts/auth.server";
import { listMyLearning, listNewestCourses } from "~/lib/courses/courses.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => {
  const [title] = pageTitle(matches, "title.home");
  return [title, { name: "description", content: title.title.replace(/ · HọcSố$/, "") }];
};

const NEWEST_COURSES = 3;
const CONTINUE_COURSES = 3;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = getLocale(request);
  const [newest, learning] = await Promise.all([
    listNewestCourses(NEWEST_COURSES, locale),
    user ? listMyLearning(user.id, locale) : Promise.resolve([]),
  ]);
  const unfinished = learning.filter((course) => !course.completedAt && course.continueLesson);
  return {
    signedIn: Boolean(user),
    newest,
    continueLearning: unfinished.slice(0, CONTINUE_COURSES).map((course) => ({
      id: course.id,
      title: course.title,
      progress: course.progress,
      lessonPath: `${course.path}/lessons/${course.continueLesson!.key}`,
      lessonTitle: course.continueLesson!.title,
    })),
  };
}

export default function Home() {
  const { t, number } = useT();
  const { signedIn, newest, continueLearning } = useLoaderData<typeof loader>();
  const features = ["anywhere", "credits", "retraining"] as const;
  return (
    <div className="space-y-10">
      <section className="rounded-xl bg-gradient-to-br from-brand-700 to-brand-900 px-6 py-10 text-white sm:px-10">
        <p className="text-sm font-semibold uppercase tracking-wide text-white/80">{t("app.tagline")}</p>
        <h1 className="mt-2 max-w-3xl text-3xl font-extrabold sm:text-4xl">{t("home.title")}</h1>
        <p className="mt-4 max-w-2xl text-lg text-white/90">{t("home.lead")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <Link to="/courses" className="btn bg-white text-brand-800 hover:bg-brand-50">
            {t("home.browse")}
          </Link>
          {signedIn ? null : (
            <Link to="/register" className="btn border border-white/70 text-white hover:bg-white/10">
              {t("home.start")}
            </Link>
          )}
        </div>
      </section>
      {continueLearning.length > 0 ? (
        <section aria-labelledby="home-continue" className="space-y-3">
          <h2 id="home-continue" className="text-xl font-bold">
            {t("home.continue.title")}
          </h2>
          <ul className="grid gap-4 sm:grid-cols-3">
            {continueLearning.map((course) => (
              <li key={course.id} className="card flex flex-col gap-3" data-testid="home-continue">
                <h3 className="font-bold">{course.title}</h3>
                <p className="text-sm text-slate-700">{t("courses.progress", { percent: course.progress })}</p>
                <ProgressBar percent={course.progress} label={t("courses.progressLabel")} />
                <Link to={course.lessonPath} className="btn-primary mt-auto">
                  {t("learning.continueWith", { title: course.lessonTitle })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {newest.length > 0 ? (
        <section aria-labelledby="home-newest" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="home-newest" className="text-xl font-bold">
              {t("home.newest.title")}
            </h2>
            <Link to="/courses" className="link text-sm">
              {t("home.newest.all")}
            </Link>
          </div>
          <ul className="grid gap-4 sm:grid-cols-3">
            {newest.map((course) => (
              <li key={course.slug} className="card flex flex-col" data-testid="home-newest">
                <h3 className="text-lg font-bold">
                  <Link to={`/courses/${course.slug}`} className="hover:underline">
                    {course.title}
                  </Link>
                </h3>
                <p className="mt-2 flex-1 text-sm text-slate-700">{course.summary}</p>
                <p className="mt-3 text-sm text-slate-600">
                  <span className="font-semibold text-green-800">
                    {t("courses.credits", { credits: number(course.credits) })}
                  </span>
                  {" · "}
                  {t("courses.duration", { minutes: course.durationMinutes })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="grid gap-4 sm:grid-cols-3">
        {features.map((feature) => (
          <div key={feature} className="card">
            <h2 className="text-lg font-bold text-brand-800">{t(`home.feature.${feature}.title`)}</h2>
            <p className="mt-2 text-slate-700">{t(`home.feature.${feature}.text`)}</p>
          </div>
        ))}
      </section>
    </div>
  );
}

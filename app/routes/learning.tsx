import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CertificateSignpostLine } from "~/components/certificate-signpost";
import { ProgressBar } from "~/components/progress-bar";
import { requireUser } from "~/lib/accounts/auth.server";
import { certificateSignposts } from "~/lib/credits/certificate-signpost.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { myLearningWithRequired } from "~/lib/organizations/assignments.server";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.learning");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = getLocale(request);
  const courses = await myLearningWithRequired(user.id, locale);
  const signposts = await certificateSignposts(
    user.id,
    courses.map((course) => course.versionId),
    locale,
  );
  return {
    courses: courses.map((course) => ({ ...course, signpost: signposts.get(course.versionId) ?? null })),
  };
}

export default function MyLearning() {
  const { t, date } = useT();
  const { courses } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("learning.title")}</h1>
      {courses.length === 0 ? (
        <div className="card text-center">
          <p className="font-semibold">{t("learning.empty")}</p>
          <p className="mt-2 text-slate-700">{t("learning.emptyHint")}</p>
          <Link to="/courses" className="btn-primary mt-4">
            {t("home.browse")}
          </Link>
        </div>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {courses.map((course) => (
            <li
              key={course.id}
              className={`card space-y-3 ${course.required && course.required.status !== "completed" ? "border-l-4 border-l-accent-600" : ""}`}
              data-testid="learning-course"
            >
              <div>
                {course.required ? (
                  <p className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="rounded-full bg-accent-600 px-2 py-0.5 text-xs font-bold uppercase text-white">
                      {t("learning.required")}
                    </span>
                    {course.required.status === "completed" ? null : (
                      <span
                        className={
                          course.required.status === "overdue"
                            ? "font-semibold text-accent-600"
                            : "font-medium text-slate-800"
                        }
                      >
                        {t("learning.dueOn", { date: date(course.required.dueAt) })}
                        {course.required.status === "overdue" ? ` · ${t("learning.overdue")}` : ""}
                        {course.required.newcomerGrace ? ` · ${t("learning.newcomerGrace")}` : ""}
                      </span>
                    )}
                  </p>
                ) : null}
                {course.kind === "delta" ? (
                  <p className="text-xs font-semibold uppercase text-accent-600">{t("learning.delta")}</p>
                ) : null}
                <h2 className="text-lg font-bold">
                  <Link to={course.path} className="hover:underline">
                    {course.title}
                  </Link>
                </h2>
                <p className="text-sm text-slate-500">{t("courses.version", { number: course.versionNumber })}</p>
              </div>
              <p className="text-sm font-medium">{t("courses.progress", { percent: course.progress })}</p>
              <ProgressBar percent={course.progress} label={`${t("courses.progressLabel")}: ${course.title}`} />
              {course.signpost ? (
                <p>
                  <CertificateSignpostLine signpost={course.signpost} />
                </p>
              ) : null}
              {course.completedAt ? (
                <p className="text-sm font-medium text-green-800">
                  {t("learning.completedOn", { date: date(course.completedAt) })}
                </p>
              ) : course.continueLesson ? (
                <Link to={`${course.path}/lessons/${course.continueLesson.key}`} className="btn-primary">
                  {t("learning.continueWith", { title: course.continueLesson.title })}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

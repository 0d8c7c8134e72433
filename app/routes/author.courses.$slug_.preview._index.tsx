import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CourseSyllabus } from "~/components/course-syllabus";
import { GeneralErrorBoundary } from "~/components/error-page";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { previewPath } from "~/lib/authoring/paths";
import { getPreviewCourse } from "~/lib/authoring/preview.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.author.preview", data?.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return getPreviewCourse(ctx, getLocale(request));
}

export default function PreviewCoursePage() {
  const { t, number } = useT();
  const course = useLoaderData<typeof loader>();
  const base = previewPath(course.slug);
  const first = course.modules.flatMap((module) => module.lessons)[0];
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-extrabold sm:text-3xl">{course.title}</h1>
        <p className="text-slate-700">{course.summary}</p>
        <p className="text-sm text-slate-600">{t("courses.duration", { minutes: course.durationMinutes })}</p>
        {first ? (
          <Link to={`${base}/lessons/${first.key}`} className="btn-primary">
            {first.title} →
          </Link>
        ) : null}
      </header>
      {first ? (
        <CourseSyllabus
          id="preview-outline"
          heading={t("authoring.preview.outline")}
          modules={course.modules}
          basePath={base}
          linked
          numberModules
        />
      ) : (
        <p className="card">{t("authoring.preview.noLessons")}</p>
      )}
      <section aria-labelledby="preview-exam-heading" className="card space-y-2">
        <h2 id="preview-exam-heading" className="text-xl font-bold">
          {course.exam?.title ?? t("authoring.preview.practice")}
        </h2>
        {course.exam ? (
          <p className="text-sm text-slate-700">
            {t("authoring.preview.examRules", {
              count: course.exam.questionCount,
              minutes: course.exam.timeLimitMinutes,
              percent: number(course.exam.passPercent),
            })}
          </p>
        ) : null}
        <Link to={`${base}/exam`} className="btn-secondary">
          {t("authoring.preview.practice")}
        </Link>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

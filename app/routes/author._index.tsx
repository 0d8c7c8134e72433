import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { requireTrainer } from "~/lib/authoring/access.server";
import { listWorkspace } from "~/lib/authoring/authoring.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.author");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireTrainer(request);
  return { courses: await listWorkspace(user, getLocale(request)), isAdmin: user.role === "admin" };
}

export default function AuthorWorkspace() {
  const { t, date } = useT();
  const { courses, isAdmin } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">{t("authoring.workspace.title")}</h1>
          <p className="mt-1 text-slate-700">
            {isAdmin ? t("authoring.workspace.leadAdmin") : t("authoring.workspace.lead")}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to="/author/import" className="btn-secondary">
            {t("authoring.workspace.import")}
          </Link>
          <Link to="/author/new" className="btn-primary">
            {t("authoring.workspace.new")}
          </Link>
        </div>
      </div>
      {courses.length === 0 ? (
        <div className="card text-center">
          <p className="font-semibold">{t("authoring.workspace.empty")}</p>
          <p className="mt-2 text-slate-700">{t("authoring.workspace.emptyHint")}</p>
        </div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="author-courses">
          {courses.map((course) => (
            <li key={course.slug} className="card space-y-3">
              <div>
                <h2 className="text-lg font-bold">
                  <Link to={`/author/courses/${course.slug}`} className="hover:underline">
                    {course.title}
                  </Link>
                </h2>
                <p className="text-sm text-slate-500">
                  <code>{course.slug}</code> ·{" "}
                  {course.isOwner
                    ? t("authoring.role.owner")
                    : isAdmin
                      ? t("authoring.role.admin")
                      : t("authoring.role.coauthor")}
                </p>
              </div>
              <div className="flex flex-wrap gap-2 text-xs font-semibold">
                {course.draftNumber ? (
                  <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">
                    {t("authoring.status.draft", { number: course.draftNumber })}
                  </span>
                ) : null}
                {course.publishedNumber ? (
                  <span className="rounded-full bg-green-100 px-2 py-0.5 text-green-900">
                    {t("authoring.status.published", {
                      number: course.publishedNumber,
                      date: course.publishedAt ? date(course.publishedAt) : "",
                    })}
                  </span>
                ) : (
                  <span className="rounded-full bg-slate-200 px-2 py-0.5 text-slate-800">
                    {t("authoring.status.neverPublished")}
                  </span>
                )}
              </div>
              <dl className="grid grid-cols-2 gap-2 text-sm">
                <div>
                  <dt className="text-slate-600">{t("authoring.stats.learners")}</dt>
                  <dd className="text-lg font-bold">{course.learners}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">{t("authoring.stats.passRate")}</dt>
                  <dd className="text-lg font-bold">{course.passRate === null ? "—" : `${course.passRate}%`}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AUDIENCES, listCatalogue, type Audience } from "~/lib/courses/courses.server";
import { skillLabel } from "~/lib/courses/digcomp";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.courses");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 200);
  const audienceParam = url.searchParams.get("audience") ?? "";
  const audience = (AUDIENCES as readonly string[]).includes(audienceParam) ? (audienceParam as Audience) : "";
  const skill = (url.searchParams.get("skill") ?? "").slice(0, 10);
  const catalogue = await listCatalogue({ q, audience, skill }, getLocale(request));
  return { ...catalogue, q, audience, skill };
}

export default function Catalogue() {
  const { t, locale, number } = useT();
  const { courses, skills, total, q, audience, skill } = useLoaderData<typeof loader>();
  const filtered = Boolean(q || audience || skill);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("courses.title")}</h1>
        <p className="mt-1 text-slate-700">{t("courses.lead")}</p>
      </header>
      <Form method="get" role="search" className="card grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">
            {t("courses.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder={t("courses.searchPlaceholder")}
            className="input mt-1"
          />
        </div>
        <div>
          <label htmlFor="audience" className="block text-sm font-medium">
            {t("courses.audience")}
          </label>
          <select id="audience" name="audience" defaultValue={audience} className="input mt-1">
            <option value="">{t("courses.audience.all")}</option>
            <option value="citizens">{t("courses.audience.citizens")}</option>
            <option value="officials">{t("courses.audience.officials")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="skill" className="block text-sm font-medium">
            {t("courses.skill")}
          </label>
          <select id="skill" name="skill" defaultValue={skill} className="input mt-1 max-w-xs">
            <option value="">{t("courses.skill.all")}</option>
            {skills.map((code) => (
              <option key={code} value={code}>
                {skillLabel(code, locale)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-primary">
          {t("courses.searchButton")}
        </button>
      </Form>
      <p className="text-sm text-slate-600" role="status">
        {t("courses.results", { count: courses.length })}
      </p>
      {courses.length === 0 ? (
        <div className="card text-center">
          <p className="font-semibold">{total === 0 ? t("courses.emptyNone") : t("courses.empty", { q: q || "…" })}</p>
          {filtered ? (
            <>
              <p className="mt-2 text-slate-700">{t("courses.emptyHint")}</p>
              <Link to="/courses" className="btn-secondary mt-4">
                {t("courses.showAll")}
              </Link>
            </>
          ) : null}
        </div>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {courses.map((course) => (
            <li key={course.slug} className="card flex flex-col">
              <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">
                {t(`courses.audience.${course.audience}`)}
              </p>
              <h2 className="mt-1 text-lg font-bold">
                <Link to={`/courses/${course.slug}`} className="hover:underline">
                  {course.title}
                </Link>
              </h2>
              <p className="mt-2 flex-1 text-sm text-slate-700">{course.summary}</p>
              <dl className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
                <div>
                  <dt className="sr-only">{t("courses.credits", { credits: "" })}</dt>
                  <dd className="font-semibold text-green-800">
                    {t("courses.credits", { credits: number(course.credits) })}
                  </dd>
                </div>
                <div>
                  <dt className="sr-only">{t("courses.duration", { minutes: "" })}</dt>
                  <dd>{t("courses.duration", { minutes: course.durationMinutes })}</dd>
                </div>
                <div>
                  <dd>{t("courses.lessons", { count: course.lessonCount })}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

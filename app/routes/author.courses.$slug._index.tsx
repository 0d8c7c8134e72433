import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert } from "~/components/forms";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { previewPath } from "~/lib/authoring/paths";
import { discardDraft, getCourseOverview } from "~/lib/authoring/authoring.server";
import type { ImportOutcome } from "~/lib/content/import.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { draftActionSchema } from "~/lib/authoring/authoring.schema";
import { parseIntentForm, readFormData } from "~/lib/forms.server";
import { invariantResponse } from "~/lib/http.server";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.overview", parentTitle(matches, "routes/author.courses.$slug"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return getCourseOverview(ctx, getLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const parsed = parseIntentForm(await readFormData(request), draftActionSchema);
  invariantResponse(parsed.ok, "Bad request");
  const discarded = await discardDraft(ctx);
  return redirect(`/author/courses/${ctx.slug}${discarded ? "?discarded=1" : ""}`);
}

/** What `?imported=` may say (set by the import's redirect); anything else in the address shows nothing. */
const IMPORT_OUTCOMES = [
  "created",
  "new-version",
  "unchanged",
  "draft-replaced",
] as const satisfies readonly ImportOutcome["action"][];

export default function CourseOverview() {
  const { t, date, number } = useT();
  const course = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const imported = IMPORT_OUTCOMES.find((outcome) => outcome === search.get("imported"));
  const full = course.versions.filter((v) => v.kind === "full");
  const deltas = new Map(course.versions.filter((v) => v.kind === "delta").map((v) => [v.number, v]));
  return (
    <div className="space-y-6">
      {imported ? <FormAlert tone="success">{t(`authoring.import.done.${imported}`)}</FormAlert> : null}
      {search.get("discarded") ? <FormAlert tone="success">{t("authoring.overview.discarded")}</FormAlert> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="card">
          <p className="text-sm text-slate-600">{t("authoring.stats.learners")}</p>
          <p className="text-2xl font-bold">{course.stats.learners}</p>
        </div>
        <div className="card">
          <p className="text-sm text-slate-600">{t("authoring.stats.passRate")}</p>
          <p className="text-2xl font-bold">{course.stats.passRate === null ? "—" : `${course.stats.passRate}%`}</p>
        </div>
        <div className="card space-y-2">
          <p className="text-sm text-slate-600">{t("authoring.overview.next")}</p>
          {course.draftNumber ? (
            <Link to={`/author/courses/${course.slug}/publish`} className="btn-primary w-full">
              {t("authoring.overview.publishDraft", { number: course.draftNumber })}
            </Link>
          ) : (
            <Link to={`/author/courses/${course.slug}/content`} className="btn-primary w-full">
              {t("authoring.overview.edit")}
            </Link>
          )}
          <Link to={previewPath(course.slug)} className="btn-secondary w-full">
            {t("authoring.preview.link")}
          </Link>
        </div>
      </div>

      <section aria-labelledby="versions-heading" className="space-y-3">
        <h2 id="versions-heading" className="text-xl font-bold">
          {t("authoring.overview.versions")}
        </h2>
        <ul className="space-y-3">
          {full.map((v) => {
            const delta = deltas.get(v.number);
            return (
              <li key={v.number} className="card space-y-2" data-testid={`version-${v.number}`}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h3 className="font-semibold">
                    {t("courses.version", { number: v.number })}{" "}
                    <span
                      className={`ml-1 rounded-full px-2 py-0.5 text-xs font-semibold ${v.status === "draft" ? "bg-amber-100 text-amber-900" : "bg-green-100 text-green-900"}`}
                    >
                      {v.status === "draft"
                        ? t("authoring.status.draftShort")
                        : t("authoring.status.publishedOn", { date: v.publishedAt ? date(v.publishedAt) : "" })}
                    </span>
                    {v.material !== null ? (
                      <span className="ml-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800">
                        {v.material ? t("authoring.change.material") : t("authoring.change.cosmetic")}
                      </span>
                    ) : null}
                  </h3>
                  <div className="flex flex-wrap gap-3 text-sm">
                    <Link to={`/author/courses/${course.slug}/versions/${v.number}`} className="link">
                      {t("authoring.overview.diff")}
                    </Link>
                    <a href={`/author/courses/${course.slug}/export?version=${v.number}`} className="link" download>
                      {t("authoring.overview.export")}
                    </a>
                  </div>
                </div>
                <p className="text-sm text-slate-700">
                  {t("authoring.overview.counts", {
                    lessons: v.lessons,
                    questions: v.questions,
                    learners: number(v.enrolled),
                  })}
                </p>
                {v.changeNote ? (
                  <p className="text-sm">{t("authoring.overview.changeNote", { note: v.changeNote })}</p>
                ) : null}
                {delta ? (
                  <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900">
                    {t("authoring.overview.delta", {
                      lessons: delta.lessons,
                      questions: delta.questions,
                      learners: delta.enrolled,
                    })}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
        {course.canDiscard ? (
          <Form
            method="post"
            onSubmit={(event) => {
              if (!window.confirm(t("authoring.overview.discardConfirm"))) event.preventDefault();
            }}
          >
            <button type="submit" name="intent" value="discard" className="btn-secondary">
              {t("authoring.overview.discard", { number: course.draftNumber ?? 0 })}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="authors-heading" className="card space-y-2">
        <h2 id="authors-heading" className="font-semibold">
          {t("authoring.authors.title")}
        </h2>
        <ul className="text-sm">
          {course.authors.map((a) => (
            <li key={a.id}>
              {a.fullName}{" "}
              <span className="text-slate-500">
                ({a.isOwner ? t("authoring.role.owner") : t("authoring.role.coauthor")})
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

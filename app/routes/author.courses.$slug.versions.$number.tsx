import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { DiffTables } from "~/components/authoring";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert } from "~/components/forms";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { getVersionDiff } from "~/lib/authoring/publish.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.version", parentTitle(matches, "routes/author.courses.$slug"));
import { invariantResponse } from "~/lib/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const number = Number(params.number);
  invariantResponse(Number.isInteger(number) && number >= 1, "Not found", { status: 404 });
  return getVersionDiff(ctx, number, getLocale(request));
}

export default function VersionDiffPage() {
  const { t, date, time } = useT();
  const version = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <div className="space-y-4">
      {search.get("published") ? (
        <FormAlert tone="success">
          {version.previousNumber
            ? t("authoring.publish.done", { number: version.number })
            : t("authoring.publish.doneFirst", { number: version.number })}
          {version.delta
            ? ` ${t("authoring.publish.doneDelta", { lessons: version.delta.lessons, questions: version.delta.questions, learners: version.delta.enrolled })}`
            : ""}
        </FormAlert>
      ) : null}
      <h2 className="text-xl font-bold">
        {version.previousNumber
          ? t("authoring.versions.title", { number: version.number, previous: version.previousNumber })
          : t("authoring.versions.first", { number: version.number })}
      </h2>
      <dl className="card grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">{t("authoring.versions.status")}</dt>
          <dd className="font-medium">
            {version.status === "draft"
              ? t("authoring.status.draftShort")
              : version.publishedAt
                ? t("authoring.status.publishedAt", {
                    time: time(version.publishedAt),
                    date: date(version.publishedAt),
                  })
                : t("authoring.status.publishedOn", { date: "" })}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("authoring.versions.kind")}</dt>
          <dd className="font-medium">
            {version.material === null
              ? "—"
              : version.material
                ? t("authoring.change.material")
                : t("authoring.change.cosmetic")}
          </dd>
        </div>
        {version.changeNote ? (
          <div className="sm:col-span-2">
            <dt className="text-slate-600">{t("authoring.publish.changeNote")}</dt>
            <dd>{version.changeNote}</dd>
          </div>
        ) : null}
        {version.delta ? (
          <div className="sm:col-span-2">
            <dt className="text-slate-600">{t("authoring.versions.delta")}</dt>
            <dd data-testid="delta-summary">
              {t("authoring.versions.deltaSummary", {
                lessons: version.delta.lessons,
                questions: version.delta.questions,
                learners: version.delta.enrolled,
                completed: version.delta.completed,
              })}
            </dd>
          </div>
        ) : null}
      </dl>
      <DiffTables diff={version.diff} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

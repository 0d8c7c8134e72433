import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { listOfflineAttempts } from "~/lib/exams/offline-attempts.server";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";
import { useT } from "~/lib/i18n/use-t";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.offlineAttempts", parentTitle(matches, "routes/author.courses.$slug"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return { attempts: await listOfflineAttempts(ctx.courseId) };
}

/** The course's offline practice attempts, flagged ones marked: what a trainer reviews. */
export default function OfflineAttemptsPage() {
  const { t, date, time, number } = useT();
  const { attempts } = useLoaderData<typeof loader>();
  const when = (value: string | null) => (value ? `${time(value)} ${date(value)}` : "—");
  return (
    <section className="space-y-4" aria-labelledby="offline-attempts-title">
      <h2 id="offline-attempts-title" className="text-xl font-bold">
        {t("practice.review.title")}
      </h2>
      <p className="text-sm text-slate-700">{t("practice.review.intro")}</p>
      {attempts.length === 0 ? (
        <p className="card">{t("practice.review.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-2 pr-3">{t("practice.review.learner")}</th>
                <th className="py-2 pr-3">{t("practice.review.attempt")}</th>
                <th className="py-2 pr-3">{t("practice.review.times")}</th>
                <th className="py-2 pr-3">{t("practice.review.elapsed")}</th>
                <th className="py-2 pr-3">{t("practice.review.score")}</th>
                <th className="py-2">{t("practice.review.status")}</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((a) => (
                <tr key={a.id} className="border-b border-slate-200 align-top" data-testid="offline-attempt">
                  <td className="py-2 pr-3">
                    {a.learner}
                    <br />
                    <span className="text-slate-600">{a.email}</span>
                  </td>
                  <td className="py-2 pr-3">
                    {a.number} / v{a.versionNumber}
                  </td>
                  <td className="py-2 pr-3">
                    {when(a.deviceStartedAt)} → {when(a.deviceEndedAt)}
                  </td>
                  <td className="py-2 pr-3">
                    {t("practice.review.minutes", {
                      elapsed: a.elapsedMinutes === null ? "—" : number(a.elapsedMinutes),
                      limit: a.timeLimitMinutes,
                    })}
                  </td>
                  <td className="py-2 pr-3">{a.percent === null ? "—" : `${number(a.percent)} %`}</td>
                  <td className="py-2">
                    {a.flags.length === 0 ? (
                      <span className="font-medium text-green-800">{t("practice.review.accepted")}</span>
                    ) : (
                      <>
                        <span className="font-medium text-red-800">{t("practice.review.flagged")}</span>
                        <ul className="list-disc pl-5">
                          {a.flags.map((flag) => (
                            <li key={flag}>{t(`practice.flag.${flag}`)}</li>
                          ))}
                        </ul>
                      </>
                    )}
                    <span className="block text-slate-600">
                      {a.countsForCertificate ? t("practice.review.counts") : t("practice.review.notCounted")}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

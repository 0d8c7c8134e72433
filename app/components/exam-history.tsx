import { Link } from "@remix-run/react";
import type { AttemptHistoryItem, ExamOverview } from "~/lib/exams/attempts.server";
import { useT } from "~/lib/i18n/use-t";

/** A learner's attempts at one exam, newest first, each with its result link. */
export function ExamHistory({ attempts, headingLevel = 2 }: { attempts: AttemptHistoryItem[]; headingLevel?: 2 | 3 }) {
  const { t, date, number } = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="exam-history-heading" className="space-y-2">
      <Heading id="exam-history-heading" className="font-semibold">
        {t("exams.history.title")}
      </Heading>
      {attempts.length === 0 ? (
        <p className="text-sm text-slate-600">{t("exams.history.empty")}</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm">
          {[...attempts].reverse().map((attempt) => (
            <li key={attempt.id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2">
              <span>
                <span className="font-medium">{t("exams.history.attempt", { number: attempt.number })}</span>
                <span className="text-slate-600"> · {date(attempt.submittedAt ?? attempt.startedAt, true)}</span>
                {attempt.autoSubmitted ? <span className="text-slate-600"> · {t("exams.history.auto")}</span> : null}
              </span>
              {attempt.state === "in_progress" ? (
                <Link to={`/attempts/${attempt.id}`} className="link font-medium">
                  {t("exams.history.inProgress")} · {t("exams.history.continue")}
                </Link>
              ) : attempt.state === "graded" && attempt.percent !== null ? (
                <Link
                  to={`/attempts/${attempt.id}/result`}
                  className="link"
                  aria-label={`${t("exams.history.viewLabel", { number: attempt.number })}: ${attempt.passed ? t("exams.history.passed", { percent: number(attempt.percent) }) : t("exams.history.failed", { percent: number(attempt.percent) })}`}
                >
                  <span className={attempt.passed ? "font-semibold text-green-800" : "font-semibold text-red-800"}>
                    {attempt.passed
                      ? t("exams.history.passed", { percent: number(attempt.percent) })
                      : t("exams.history.failed", { percent: number(attempt.percent) })}
                  </span>
                </Link>
              ) : (
                <span className="text-slate-600">{t("exams.history.grading")}</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** "Next attempt possible at 14:30" (with the date when it is not today), or the limit reached. */
export function ExamBlockedNote({ overview }: { overview: Pick<ExamOverview, "blocked" | "exam"> }) {
  const { t, date, time } = useT();
  if (!overview.blocked) return null;
  if (overview.blocked.reason === "limit")
    return (
      <p className="text-sm font-medium text-red-800">{t("exams.intro.limit", { max: overview.exam.maxAttempts })}</p>
    );
  const at = overview.blocked.nextAttemptAt;
  const sameDay = date(at) === date(new Date());
  return (
    <p className="text-sm font-medium text-amber-900" data-next-attempt={at}>
      {sameDay
        ? t("exams.intro.cooldown", { time: time(at) })
        : t("exams.intro.cooldownDate", { time: time(at), date: date(at) })}
    </p>
  );
}

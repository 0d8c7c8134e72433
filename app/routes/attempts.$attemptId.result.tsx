import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { CertificateSignpostCard } from "~/components/certificate-signpost";
import { GeneralErrorBoundary } from "~/components/error-page";
import { requireUser } from "~/lib/accounts/auth.server";
import { certificateSignpost } from "~/lib/credits/certificate-signpost.server";
import { getAttemptResult } from "~/lib/exams/attempts.server";
import { clearStoredAnswers } from "~/lib/exams/autosave";
import { attemptIdSchema } from "~/lib/exams/exams.schema";
import type { AnswerDisplay } from "~/lib/exams/review";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.result.examTitle} · HọcSố` : "HọcSố" },
];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = attemptIdSchema.safeParse(params.attemptId);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const result = await getAttemptResult(user.id, parsed.data, getLocale(request));
  if (!result.ok) {
    if (result.status === 409 && result.state === "open") throw redirect(`/attempts/${parsed.data}`);
    if (result.status === 409)
      throw new Response("The result is being written", { status: 503, headers: { "Retry-After": "1" } });
    throw new Response(result.status === 403 ? "Forbidden" : "Not found", { status: result.status });
  }
  // After a pass the next step is the certificate (or what is still missing for it), not another attempt.
  const signpost = result.value.passed
    ? await certificateSignpost(user.id, result.value.versionId, getLocale(request))
    : null;
  return data({ result: result.value, signpost }, { headers: { "Cache-Control": "no-store" } });
}

function Answer({ display }: { display: AnswerDisplay }) {
  const { t, number } = useT();
  switch (display.kind) {
    case "none":
      return <p className="italic text-slate-600">{t("exams.result.noAnswer")}</p>;
    case "bool":
      return <p>{t(display.value ? "exams.answer.true" : "exams.answer.false")}</p>;
    case "texts":
      return display.texts.length === 1 ? (
        <p>{display.texts[0]}</p>
      ) : (
        <ul className="list-disc pl-5">
          {display.texts.map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      );
    case "order":
      return (
        <ol className="list-decimal pl-5">
          {display.texts.map((text, index) => (
            <li key={`${index}-${text}`}>{text}</li>
          ))}
        </ol>
      );
    case "pairs":
      return (
        <ul className="space-y-1">
          {display.pairs.map((pair) => (
            <li key={pair.left}>
              {pair.left} <span aria-hidden="true">→</span> <strong>{pair.right ?? "—"}</strong>
            </li>
          ))}
        </ul>
      );
    case "numbers":
      return (
        <ul className="list-disc pl-5">
          {display.answers.map((answer, index) => (
            <li key={index}>
              {"value" in answer
                ? answer.tolerance
                  ? t("exams.result.numberTolerance", {
                      value: number(answer.value, 6),
                      tolerance: number(answer.tolerance, 6),
                    })
                  : number(answer.value, 6)
                : t("exams.result.numberRange", { min: number(answer.min, 6), max: number(answer.max, 6) })}
            </li>
          ))}
        </ul>
      );
  }
}

const statusTone: Record<string, string> = {
  correct: "bg-green-100 text-green-900",
  partial: "bg-amber-100 text-amber-900",
  incorrect: "bg-red-100 text-red-900",
  unanswered: "bg-slate-100 text-slate-700",
};

export default function AttemptResultPage() {
  const { t, date, number } = useT();
  const { result, signpost } = useLoaderData<typeof loader>();

  // The attempt is over: unsent answers kept on this device have no use any more.
  useEffect(() => clearStoredAnswers(result.id), [result.id]);

  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-1">
        <Link to={`/courses/${result.slug}`} className="link text-sm">
          {t("exams.intro.backToCourse", { course: result.courseTitle })}
        </Link>
        <h1 className="text-2xl font-extrabold sm:text-3xl">{t("exams.result.title")}</h1>
        <p className="text-slate-700">{result.examTitle}</p>
      </header>

      <section
        className={`card space-y-2 border-l-4 ${result.passed ? "border-l-green-700" : "border-l-accent-600"}`}
        aria-labelledby="score-heading"
      >
        <h2 id="score-heading" className={`text-2xl font-bold ${result.passed ? "text-green-800" : "text-red-800"}`}>
          {result.passed ? t("exams.result.passed") : t("exams.result.failed")}
        </h2>
        <p className="text-lg font-semibold">
          {t("exams.result.score", {
            earned: number(result.earned),
            max: number(result.maxScore),
            percent: number(result.percent),
          })}
        </p>
        <p className="text-sm text-slate-700">{t("exams.result.passMark", { percent: number(result.passPercent) })}</p>
        {result.submittedAt ? (
          <p className="text-sm text-slate-700">
            {t("exams.result.attempt", { number: result.number, date: date(result.submittedAt, true) })}
          </p>
        ) : null}
        {result.autoSubmitted ? <p className="text-sm text-slate-700">{t("exams.result.auto")}</p> : null}
      </section>

      {signpost ? <CertificateSignpostCard signpost={signpost} /> : null}

      {result.policy === "score" ? <p className="text-slate-700">{t("exams.result.scoreOnly")}</p> : null}
      {result.policy === "answers" ? <p className="text-slate-700">{t("exams.result.answersOnly")}</p> : null}

      {result.questions ? (
        <section aria-labelledby="review-heading" className="space-y-4">
          <h2 id="review-heading" className="text-xl font-bold">
            {t("exams.result.review")}
          </h2>
          <ol className="space-y-4">
            {result.questions.map((q, index) => (
              <li key={q.key} className="card space-y-3" data-review-question={q.key}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold text-brand-800">{t("exams.attempt.question", { number: index + 1 })}</h3>
                  <span className={`rounded px-2 py-0.5 text-sm font-medium ${statusTone[q.status] ?? ""}`}>
                    {t(`exams.result.status.${q.status}`)} ·{" "}
                    {t("exams.result.earned", { earned: number(q.earned), max: number(q.points) })}
                  </span>
                </div>
                <div className="prose-lesson -my-3" dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
                <div>
                  <h4 className="text-sm font-semibold text-slate-600">{t("exams.result.yourAnswer")}</h4>
                  <Answer display={q.yourAnswer} />
                </div>
                {q.feedback ? (
                  <div>
                    <h4 className="text-sm font-semibold text-slate-600">{t("exams.result.feedback")}</h4>
                    <ul className="list-disc pl-5">
                      {q.feedback.map((text) => (
                        <li key={text}>{text}</li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                {q.correctAnswer ? (
                  <div className="rounded-md bg-green-50 px-3 py-2">
                    <h4 className="text-sm font-semibold text-green-900">{t("exams.result.correctAnswer")}</h4>
                    <Answer display={q.correctAnswer} />
                  </div>
                ) : null}
                {q.explanationHtml ? (
                  <div>
                    <h4 className="text-sm font-semibold text-slate-600">{t("exams.result.explanation")}</h4>
                    <div className="prose-lesson -my-3" dangerouslySetInnerHTML={{ __html: q.explanationHtml }} />
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <p className="flex flex-wrap gap-3">
        <Link to={`/courses/${result.slug}/exam`} className="btn-primary">
          {t("exams.result.backToExam")}
        </Link>
        <Link to={`/courses/${result.slug}`} className="btn-secondary">
          {t("exams.result.backToCourse")}
        </Link>
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

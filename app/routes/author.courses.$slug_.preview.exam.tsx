import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { ExamQuestion } from "~/components/exam-question";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { previewPath } from "~/lib/authoring/paths";
import {
  checkPreviewPractice,
  getPreviewPractice,
  type PreviewCheck,
  type PreviewQuestionResult,
} from "~/lib/authoring/preview.server";
import type { LearnerAttemptQuestion } from "~/lib/exams/attempts.server";
import { toUiValue, type UiValue } from "~/lib/exams/answer-ui";
import { readFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, "title.author.previewExam", data?.examTitle ?? undefined, data?.courseTitle);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return getPreviewPractice(ctx, getLocale(request));
}

/** "Kiểm tra": grades the posted answers in memory and answers with the result; nothing is stored. */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return checkPreviewPractice(ctx, await readFormData(request), getLocale(request));
}

const resultStyles: Record<PreviewQuestionResult["status"], string> = {
  correct: "bg-green-50 text-green-900",
  partial: "bg-amber-50 text-amber-900",
  incorrect: "bg-red-50 text-red-900",
  unanswered: "bg-slate-100 text-slate-800",
};

function PracticeQuestion({
  q,
  index,
  posted,
  error,
  result,
}: {
  q: LearnerAttemptQuestion;
  index: number;
  posted: unknown;
  error: string | undefined;
  result: PreviewQuestionResult | undefined;
}) {
  const { t, number } = useT();
  const [value, setValue] = useState<UiValue>(() => toUiValue(q, posted));
  return (
    <li className="card space-y-3" data-testid={`preview-question-${q.key}`}>
      <ExamQuestion
        q={q}
        index={index}
        value={value}
        onChange={(next) => setValue(next)}
        onBlur={() => undefined}
        error={error}
      />
      {result ? (
        <div
          role="status"
          className={`rounded-md px-3 py-2 text-sm font-medium ${resultStyles[result.status]}`}
          data-testid="preview-question-result"
        >
          {t(`authoring.try.${result.status}`, { earned: number(result.earned), max: number(result.max) })}
          {result.explanationHtml ? (
            <div className="mt-1 font-normal" dangerouslySetInnerHTML={{ __html: result.explanationHtml }} />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function CheckSummary({ check, passPercent }: { check: PreviewCheck; passPercent: number }) {
  const { t, number } = useT();
  return (
    <div
      role="status"
      className={`card font-semibold ${check.passed ? "text-green-900" : "text-red-900"}`}
      data-testid="preview-result"
    >
      <p>
        {t("authoring.preview.result", {
          earned: number(check.earned),
          max: number(check.max),
          percent: number(check.percent),
        })}
      </p>
      <p>
        {check.passed
          ? t("authoring.preview.passed", { percent: number(passPercent) })
          : t("authoring.preview.failed", { percent: number(passPercent) })}
      </p>
    </div>
  );
}

export default function PreviewPracticePage() {
  const { t } = useT();
  const practice = useLoaderData<typeof loader>();
  const check = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  // Each check remounts the questions with what was posted, so the answers stay as given.
  const round = check ? JSON.stringify(check.answers) : "";
  return (
    <article className="mx-auto max-w-3xl space-y-5">
      <header className="space-y-1">
        <Link to={previewPath(practice.slug)} className="link text-sm">
          ← {practice.courseTitle}
        </Link>
        <h1 className="text-2xl font-extrabold sm:text-3xl">{practice.examTitle ?? t("authoring.preview.practice")}</h1>
        <p className="text-slate-700">{t("authoring.preview.practiceLead", { count: practice.questions.length })}</p>
      </header>
      {check ? <CheckSummary check={check} passPercent={practice.passPercent} /> : null}
      {practice.questions.length === 0 ? (
        <p className="card">{t("authoring.preview.noQuestions")}</p>
      ) : (
        <Form method="post" className="space-y-4" key={round}>
          <ol className="space-y-4">
            {practice.questions.map((q, index) => (
              <PracticeQuestion
                key={q.key}
                q={q}
                index={index}
                posted={check?.answers[q.key]}
                error={check?.errors[q.key]}
                result={check?.results[q.key]}
              />
            ))}
          </ol>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("authoring.preview.check")}
          </button>
        </Form>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

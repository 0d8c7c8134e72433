import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { VersionBanner } from "~/components/authoring";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert } from "~/components/forms";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { deleteQuestion, listQuestions } from "~/lib/authoring/authoring.server";
import { QUESTION_TYPES } from "~/lib/exams/question";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { questionListActionSchema } from "~/lib/authoring/authoring.schema";
import { parseIntentForm, readFormData } from "~/lib/forms.server";
import { invariantResponse } from "~/lib/http.server";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.questions", parentTitle(matches, "routes/author.courses.$slug"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return listQuestions(ctx, getLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const parsed = parseIntentForm(await readFormData(request), questionListActionSchema);
  invariantResponse(parsed.ok, "Bad request");
  return deleteQuestion(ctx, parsed.data.questionKey);
}

export default function QuestionBank() {
  const { t, number } = useT();
  const { slug } = useParams();
  const { version, questions, lessons, pools, hasExam, giftSkipped } = useLoaderData<typeof loader>();
  const lessonTitle = new Map(lessons.map((l) => [l.key, l.title]));
  const [search] = useSearchParams();
  const imported = search.get("imported");
  return (
    <div className="space-y-4">
      <VersionBanner version={version} />
      {imported ? <FormAlert tone="success">{t("authoring.gift.imported", { count: imported })}</FormAlert> : null}
      <div className="card flex flex-wrap items-end justify-between gap-3">
        <Form method="get" action={`/author/courses/${slug}/questions/new`} className="flex flex-wrap items-end gap-2">
          <div className="space-y-1">
            <label htmlFor="new-type" className="block text-sm font-medium">
              {t("authoring.q.type")}
            </label>
            <select id="new-type" name="type" className="input w-auto">
              {QUESTION_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`authoring.q.types.${type}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-primary">
            {t("authoring.q.add")}
          </button>
        </Form>
        <div className="flex flex-wrap gap-2">
          <Link to={`/author/courses/${slug}/questions/import`} className="btn-secondary">
            {t("authoring.q.import")}
          </Link>
          {questions.length > 0 ? (
            <a href={`/author/courses/${slug}/questions/gift.txt`} download className="btn-secondary">
              {t("authoring.q.exportGift")}
            </a>
          ) : null}
        </div>
      </div>
      {giftSkipped.length > 0 ? (
        <p className="text-sm text-slate-700" data-testid="gift-skipped">
          {t("authoring.q.giftSkipped", { count: giftSkipped.length, keys: giftSkipped.join(", ") })}
        </p>
      ) : null}
      {!hasExam && questions.length > 0 ? (
        <p className="rounded-md border-l-4 border-amber-500 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("authoring.q.noExam")}{" "}
          <Link to={`/author/courses/${slug}/exam`} className="link">
            {t("authoring.nav.exam")}
          </Link>
        </p>
      ) : null}
      {pools.length > 0 ? (
        <p className="text-sm text-slate-700">
          {t("authoring.q.pools", { pools: pools.map((p) => `${p.pool} (${p.size})`).join(", ") })}
        </p>
      ) : null}
      {questions.length === 0 ? (
        <p className="card text-slate-700">{t("authoring.q.empty")}</p>
      ) : (
        <ol className="space-y-2" data-testid="questions">
          {questions.map((q, i) => (
            <li key={q.key} className="card flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0 flex-1 space-y-1">
                <p className="text-xs font-semibold uppercase text-slate-500">
                  {i + 1}. {t(`authoring.q.types.${q.type}`)} · {t("authoring.q.poolShort", { pool: q.pool })} ·{" "}
                  {t("exams.attempt.points", { points: number(q.points) })}
                </p>
                <p className="font-medium">
                  <Link to={`/author/courses/${slug}/questions/${q.key}`} className="hover:underline">
                    {q.prompt}
                  </Link>
                </p>
                <p className="text-sm text-slate-600">
                  <code>{q.key}</code>
                  {q.lessons.length > 0
                    ? ` · ${t("authoring.q.taggedTo", { lessons: q.lessons.map((k) => lessonTitle.get(k) ?? k).join(", ") })}`
                    : ` · ${t("authoring.q.untagged")}`}
                </p>
                {q.problems > 0 ? (
                  <p className="text-sm font-medium text-accent-600">
                    {t("authoring.q.hasProblems", { count: q.problems })}
                  </p>
                ) : null}
              </div>
              <div className="flex gap-2">
                <Link to={`/author/courses/${slug}/questions/${q.key}`} className="btn-secondary px-3 py-1">
                  {t("authoring.action.edit")}
                </Link>
                <Form
                  method="post"
                  onSubmit={(event) => {
                    if (!window.confirm(t("authoring.q.deleteConfirm"))) event.preventDefault();
                  }}
                >
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="questionKey" value={q.key} />
                  <button
                    type="submit"
                    className="btn-secondary px-3 py-1 text-accent-600"
                    aria-label={t("authoring.q.delete", { key: q.key })}
                  >
                    {t("authoring.action.delete")}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

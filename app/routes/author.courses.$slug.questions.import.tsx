import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { VersionBanner } from "~/components/authoring";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert } from "~/components/forms";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { readMultipart } from "~/lib/authoring/attachments.server";
import { giftImportSchema } from "~/lib/authoring/authoring.schema";
import { listQuestions } from "~/lib/authoring/authoring.server";
import { importQuestions, previewQuestionImport, type QuestionImportPreview } from "~/lib/authoring/transfer.server";
import { messageText } from "~/lib/exams/import-errors";
import type { Question } from "~/lib/exams/question";
import { formText, parseFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.questionImport", parentTitle(matches, "routes/author.courses.$slug"));

const MAX_BANK_BYTES = 2 * 1024 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const bank = await listQuestions(ctx, getLocale(request));
  return { version: bank.version, lessons: bank.lessons };
}

type ImportAction = {
  error?: string;
  preview?: QuestionImportPreview;
  text: string;
  format: "gift" | "aiken";
  pool: string;
  lesson: string;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const upload = await readMultipart(request, "file", MAX_BANK_BYTES);
  if (!upload.ok)
    return data<ImportAction>(
      { error: upload.error, text: "", format: "gift", pool: "default", lesson: "" },
      { status: 400 },
    );
  const fields = upload.fields;
  const settings = parseFormData(fields, giftImportSchema);
  const text = upload.file ? new TextDecoder().decode(upload.file.bytes) : formText(fields, "text");
  if (!settings.ok)
    return data<ImportAction>(
      {
        // The settings sit above the text: the first problem is told there.
        error: Object.values(settings.fieldErrors)[0] ?? "authoring.gift.invalid",
        text,
        format: "gift",
        pool: "default",
        lesson: "",
      },
      { status: 400 },
    );
  const input = { ...settings.data, text };
  const echo = { text, format: input.format, pool: input.pool, lesson: input.lesson };
  if (!text.trim()) return data<ImportAction>({ error: "authoring.gift.nothing", ...echo }, { status: 400 });
  if (input.intent === "import") {
    const result = await importQuestions(ctx, input);
    if (result.ok) return redirect(`/author/courses/${ctx.slug}/questions?imported=${result.added}`);
    return data<ImportAction>({ error: result.error, preview: result.preview, ...echo }, { status: 400 });
  }
  return data<ImportAction>({ preview: await previewQuestionImport(ctx, input), ...echo });
}

function AnswerKey({ q }: { q: Question }) {
  const { t, number } = useT();
  switch (q.type) {
    case "single":
    case "multiple":
      return (
        <ul className="mt-1 space-y-0.5">
          {q.options.map((o) => (
            <li key={o.id} className={o.weight > 0 ? "font-medium text-green-800" : "text-slate-700"}>
              {o.weight > 0 ? "✓" : "○"} {o.text}
              {o.weight > 0 && o.weight < 1 ? ` (${number(o.weight * 100)}%)` : ""}
            </li>
          ))}
        </ul>
      );
    case "truefalse":
      return <p className="mt-1 font-medium text-green-800">✓ {t(`exams.answer.${q.answer}`)}</p>;
    case "short":
      return <p className="mt-1 text-green-800">✓ {q.answers.map((a) => a.text).join(" · ")}</p>;
    case "numeric":
      return (
        <p className="mt-1 text-green-800">
          ✓{" "}
          {q.answers
            .map((a) =>
              a.kind === "tolerance"
                ? `${number(a.value, 6)} ± ${number(a.tolerance, 6)}`
                : `${number(a.min, 6)} – ${number(a.max, 6)}`,
            )
            .join(" · ")}
        </p>
      );
    case "matching":
      return (
        <ul className="mt-1">
          {q.pairs.map((p) => (
            <li key={p.id}>
              {p.left} → {p.right}
            </li>
          ))}
          {q.distractors?.length ? <li>{t("authoring.q.distractors", { list: q.distractors.join(" · ") })}</li> : null}
        </ul>
      );
    case "ordering":
      return (
        <ol className="mt-1 list-decimal pl-5">
          {q.items.map((i) => (
            <li key={i.id}>{i.text}</li>
          ))}
        </ol>
      );
  }
}

export default function ImportQuestions() {
  const { t } = useT();
  const { slug } = useParams();
  const { version, lessons } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const preview = actionData?.preview;
  const settings = actionData ?? { text: "", format: "gift" as const, pool: "default", lesson: "" };
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/author/courses/${slug}/questions`} className="link">
          ← {t("authoring.nav.questions")}
        </Link>
      </p>
      <h2 className="text-xl font-bold">{t("authoring.gift.title")}</h2>
      <VersionBanner version={version} />
      <p className="text-slate-700">{t("authoring.gift.lead")}</p>
      {actionData?.error ? <FormAlert>{t(actionData.error)}</FormAlert> : null}
      {/* Full page posts: ".../import" is a path the server accepts larger bodies on. */}
      <Form method="post" encType="multipart/form-data" reloadDocument className="card space-y-4">
        <input type="hidden" name="intent" value="check" />
        <div className="grid gap-4 md:grid-cols-3">
          <div className="space-y-1">
            <label htmlFor="format" className="block text-sm font-medium">
              {t("authoring.gift.format")}
            </label>
            <select id="format" name="format" className="input" defaultValue={settings.format}>
              <option value="gift">GIFT (Moodle)</option>
              <option value="aiken">Aiken</option>
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="pool" className="block text-sm font-medium">
              {t("authoring.q.pool")}
            </label>
            <input id="pool" name="pool" className="input" defaultValue={settings.pool} />
          </div>
          <div className="space-y-1">
            <label htmlFor="lesson" className="block text-sm font-medium">
              {t("authoring.gift.lesson")}
            </label>
            <select id="lesson" name="lesson" className="input" defaultValue={settings.lesson}>
              <option value="">{t("authoring.gift.noLesson")}</option>
              {lessons.map((l) => (
                <option key={l.key} value={l.key}>
                  {l.title}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="space-y-1">
          <label htmlFor="file" className="block text-sm font-medium">
            {t("authoring.gift.file")}
          </label>
          <input id="file" name="file" type="file" accept=".gift,.txt,text/plain" className="block w-full text-sm" />
        </div>
        <div className="space-y-1">
          <label htmlFor="text" className="block text-sm font-medium">
            {t("authoring.gift.paste")}
          </label>
          <textarea id="text" name="text" rows={8} className="input font-mono text-sm" defaultValue={settings.text} />
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("authoring.gift.check")}
        </button>
      </Form>

      {preview ? (
        <section aria-labelledby="preview-heading" className="space-y-3" data-testid="gift-preview">
          <h3 id="preview-heading" className="text-lg font-bold">
            {t("authoring.gift.summary", {
              questions: preview.questions.length,
              errors: preview.errors.length,
              unsupported: preview.unsupported.length,
            })}
          </h3>
          {preview.errors.length > 0 ? (
            <ul
              className="space-y-1 rounded-md border-l-4 border-accent-600 bg-red-50 px-4 py-3 text-sm text-red-900"
              data-testid="gift-errors"
            >
              {preview.errors.map((e, i) => (
                <li key={i}>{t("authoring.gift.errorLine", { line: e.line, message: messageText(t, e) })}</li>
              ))}
            </ul>
          ) : null}
          {preview.unsupported.length > 0 ? (
            <ul className="space-y-1 rounded-md border-l-4 border-amber-500 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              {preview.unsupported.map((u, i) => (
                <li key={i}>
                  {t("authoring.gift.unsupportedLine", {
                    line: u.line,
                    kind: t(`authoring.gift.kind.${u.kind}`),
                    title: u.title ? ` (“${u.title}”)` : "",
                  })}
                </li>
              ))}
            </ul>
          ) : null}
          {preview.notices.length > 0 ? (
            <section
              aria-labelledby="notices-heading"
              className="rounded-md border-l-4 border-sky-600 bg-sky-50 px-4 py-3 text-sm text-sky-950"
              data-testid="gift-notices"
            >
              <h4 id="notices-heading" className="font-semibold">
                {t("authoring.gift.notices", { count: preview.notices.length })}
              </h4>
              <ul className="mt-1 space-y-1">
                {preview.notices.map((n, i) => (
                  <li key={i}>
                    {t("authoring.gift.noticeLine", { line: n.line, key: n.key, message: messageText(t, n) })}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {preview.renamed.length > 0 ? (
            <p className="text-sm text-slate-700">
              {t("authoring.gift.renamed", { list: preview.renamed.map((r) => `${r.from} → ${r.to}`).join(", ") })}
            </p>
          ) : null}
          <ol className="space-y-2">
            {preview.questions.map((q, i) => (
              <li key={q.key} className="card text-sm">
                <p className="text-xs font-semibold uppercase text-slate-500">
                  {i + 1}. {t(`authoring.q.types.${q.type}`)} · <code className="normal-case">{q.key}</code> ·{" "}
                  {t("authoring.q.poolShort", { pool: q.pool })}
                </p>
                <p className="mt-1 font-medium">{q.prompt}</p>
                <AnswerKey q={q} />
              </li>
            ))}
          </ol>
          <Form method="post" encType="multipart/form-data" reloadDocument className="card space-y-3">
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="format" value={settings.format} />
            <input type="hidden" name="pool" value={settings.pool} />
            <input type="hidden" name="lesson" value={settings.lesson} />
            <textarea name="text" hidden readOnly value={settings.text} />
            {preview.unsupported.length > 0 ? (
              <label className="flex items-center gap-2 text-sm font-medium">
                <input type="checkbox" name="skipUnsupported" className="h-4 w-4 accent-brand-700" />
                {t("authoring.gift.skip", { count: preview.unsupported.length })}
              </label>
            ) : null}
            <button
              type="submit"
              className="btn-primary"
              disabled={preview.errors.length > 0 || preview.questions.length === 0}
            >
              {t("authoring.gift.confirm", { count: preview.questions.length })}
            </button>
            {preview.errors.length > 0 ? (
              <p className="text-sm text-slate-700">{t("authoring.gift.fixErrors")}</p>
            ) : null}
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert } from "~/components/forms";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { readMultipart } from "~/lib/authoring/attachments.server";
import { MAX_ZIP_BYTES } from "~/lib/authoring/zip";
import { parseFormData } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import type { ScormProblem } from "~/lib/scorm/manifest";
import { scormUploadSchema } from "~/lib/scorm/scorm.schema";
import { attachScormPackage, getScormEditor, type PackageSummary } from "~/lib/scorm/scorm.server";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.scorm", parentTitle(matches, "routes/author.courses.$slug"));

// The path ends in /upload: the server allows upload-sized bodies there (app/server/security.ts).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  return getScormEditor(ctx, params.key ?? "", getLocale(request));
}

type UploadAction =
  | { ok: false; error?: string; problem?: ScormProblem; fieldErrors?: Record<string, string> }
  | { ok: true; dryRun: boolean; summary: PackageSummary; versionNumber?: number };

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const upload = await readMultipart(request, "zip", MAX_ZIP_BYTES);
  if (!upload.ok) return data<UploadAction>({ ok: false, error: upload.error }, { status: 400 });
  const parsed = parseFormData(upload.fields, scormUploadSchema);
  if (!parsed.ok) return data<UploadAction>({ ok: false, fieldErrors: parsed.fieldErrors }, { status: 400 });
  if (!upload.file) return data<UploadAction>({ ok: false, error: "scorm.author.missing" }, { status: 400 });
  const { intent, rule, passPercent } = parsed.data;
  const result = await attachScormPackage(
    ctx,
    params.key ?? "",
    upload.file.bytes,
    { rule, passPercent: passPercent ?? null },
    intent === "check",
  );
  if (!result.ok) return data<UploadAction>({ ok: false, problem: result.problem }, { status: 400 });
  return data<UploadAction>({
    ok: true,
    dryRun: result.dryRun,
    summary: result.summary,
    ...(result.dryRun ? {} : { versionNumber: result.saved.versionNumber }),
  });
}

export default function ScormUpload() {
  const { t } = useT();
  const { slug } = useParams();
  const editor = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/author/courses/${slug}/lessons/${editor.key}`} className="link">
          ← {editor.title}
        </Link>
      </p>
      <h2 className="text-xl font-bold">{t("scorm.author.heading")}</h2>
      <p className="text-slate-700">{t("scorm.author.lead")}</p>
      <p data-testid="scorm-current">
        {editor.current
          ? t("scorm.author.current", {
              title: editor.current.title,
              standard: t(`scorm.standard.${editor.current.standard}`),
            })
          : t("scorm.author.none")}
      </p>
      {result && !result.ok && (result.problem || result.error) ? (
        <FormAlert>
          <p className="font-semibold">{t("scorm.author.refused")}</p>
          <p data-testid="scorm-problem">
            {result.problem ? t(result.problem.code, result.problem.params) : t(result.error ?? "")}
          </p>
        </FormAlert>
      ) : null}
      {result?.ok ? (
        <div className="card space-y-2" role="status" data-testid="scorm-summary">
          <p className="font-semibold">
            {result.dryRun
              ? t("scorm.author.dryRun", {
                  standard: t(`scorm.standard.${result.summary.standard}`),
                  title: result.summary.title,
                  files: result.summary.files,
                })
              : t("scorm.author.attached", { number: result.versionNumber ?? 0 })}
          </p>
          <p>{t("scorm.author.launch", { href: result.summary.launchHref })}</p>
          {result.summary.masteryScore !== null ? (
            <p>{t("scorm.author.mastery", { score: result.summary.masteryScore })}</p>
          ) : null}
          <h3 className="font-semibold">{t("scorm.author.scos")}</h3>
          <ul className="list-disc pl-6">
            {result.summary.scos.map((sco) => (
              <li key={sco.identifier}>
                {sco.title} <span className="font-mono text-xs">({sco.href})</span>
              </li>
            ))}
          </ul>
          {result.summary.ignored.length > 0 ? (
            <p className="text-sm text-slate-600">
              {t("scorm.author.ignored", { items: result.summary.ignored.join(", ") })}
            </p>
          ) : null}
        </div>
      ) : null}
      {/* A full page post: upload-sized bodies are allowed on ".../upload" only, not on Remix's ".data" requests. */}
      <Form method="post" encType="multipart/form-data" reloadDocument className="card space-y-4">
        <div className="space-y-1">
          <label htmlFor="zip" className="block text-sm font-medium">
            {t("scorm.author.file")}
          </label>
          <input
            id="zip"
            name="zip"
            type="file"
            accept=".zip,application/zip"
            required
            className="block w-full text-sm"
          />
        </div>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t("scorm.author.rule")}</legend>
          {(["completed", "passed", "score"] as const).map((rule) => (
            <label key={rule} className="flex items-center gap-2">
              <input type="radio" name="rule" value={rule} defaultChecked={editor.rule === rule} />
              {t(`scorm.author.rule.${rule}`)}
            </label>
          ))}
        </fieldset>
        <div className="space-y-1">
          <label htmlFor="passPercent" className="block text-sm font-medium">
            {t("scorm.author.passPercent")}
          </label>
          <input
            id="passPercent"
            name="passPercent"
            type="number"
            min={1}
            max={100}
            defaultValue={editor.passPercent ?? ""}
            className="input w-32"
            aria-invalid={fieldErrors.passPercent ? true : undefined}
            aria-describedby={fieldErrors.passPercent ? "passPercent-error" : undefined}
          />
          {fieldErrors.passPercent ? (
            <p id="passPercent-error" className="text-sm text-red-700">
              {t(fieldErrors.passPercent)}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap gap-3">
          <button type="submit" name="intent" value="check" className="btn-secondary">
            {t("scorm.author.check")}
          </button>
          <button type="submit" name="intent" value="attach" className="btn-primary">
            {t("scorm.author.attach")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

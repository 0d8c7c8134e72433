import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams, useRevalidator } from "@remix-run/react";
import { useRef, useState, type FormEvent } from "react";
import { useFileSize } from "~/components/file-size";
import { VersionBanner } from "~/components/authoring";
import { useHydrated } from "~/components/use-hydrated";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, useActionResult } from "~/components/forms";
import { ProgressBar } from "~/components/progress-bar";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { addAttachment, readMultipart, removeAttachment } from "~/lib/authoring/attachments.server";
import { getLessonEditor } from "~/lib/authoring/authoring.server";
import { ACCEPT_ATTR, ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from "~/lib/authoring/upload";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { attachmentActionSchema } from "~/lib/authoring/authoring.schema";
import { parseIntentForm, readFormData } from "~/lib/forms.server";
import { invariantResponse } from "~/lib/http.server";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.attachments", parentTitle(matches, "routes/author.courses.$slug"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const lesson = await getLessonEditor(ctx, params.key ?? "", getLocale(request));
  return { version: lesson.version, key: lesson.key, title: lesson.values.titleVi, attachments: lesson.attachments };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const key = params.key ?? "";
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readMultipart(request, "file", MAX_ATTACHMENT_BYTES);
    const result = upload.ok ? await addAttachment(ctx, key, upload.file) : upload;
    return result.ok
      ? { ok: true as const, uploaded: result.attachment.fileName }
      : data({ ok: false as const, error: result.error }, { status: 400 });
  }
  const parsed = parseIntentForm(await readFormData(request), attachmentActionSchema);
  invariantResponse(parsed.ok, "Bad request");
  await removeAttachment(ctx, key, parsed.data.attachmentId);
  return { ok: true as const, removed: true };
}

type AttachmentAction = { ok: boolean; error?: string; uploaded?: string; removed?: boolean };

function precheck(file: File | null): string | null {
  if (!file || file.size === 0) return "authoring.upload.missing";
  if (file.size > MAX_ATTACHMENT_BYTES) return "authoring.upload.tooLarge";
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  return ATTACHMENT_TYPES[ext] ? null : "authoring.upload.type";
}

export default function LessonAttachments() {
  const { t } = useT();
  const size = useFileSize();
  const { slug } = useParams();
  const { version, key, title, attachments } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const hydrated = useHydrated();
  const revalidator = useRevalidator();
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<AttachmentAction | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const shown = result ?? actionData;

  // With JavaScript the file goes up by XMLHttpRequest, which reports upload progress.
  const upload = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const file = fileInput.current?.files?.[0] ?? null;
    const problem = precheck(file);
    if (problem) {
      setResult({ ok: false, error: problem });
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/author/courses/${slug}/lessons/${key}/attachments/upload`);
    xhr.responseType = "json";
    setProgress(0);
    setResult(null);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress((e.loaded / e.total) * 100);
    };
    xhr.onload = () => {
      setProgress(null);
      const body = xhr.response as AttachmentAction | null;
      if (xhr.status === 200 && body?.ok) {
        formElement.reset();
        setResult(body);
        revalidator.revalidate();
      } else {
        setResult({
          ok: false,
          error: body?.error ?? (xhr.status === 413 ? "authoring.upload.tooLarge" : "authoring.upload.failed"),
        });
      }
    };
    xhr.onerror = () => {
      setProgress(null);
      setResult({ ok: false, error: "authoring.upload.failed" });
    };
    xhr.send(new FormData(formElement));
  };

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p className="text-sm">
        <Link to={`/author/courses/${slug}/lessons/${key}`} className="link">
          ← {title}
        </Link>
      </p>
      <h2 className="text-xl font-bold">{t("authoring.attachments.title")}</h2>
      <VersionBanner version={version} />
      {shown?.error ? <FormAlert>{t(shown.error)}</FormAlert> : null}
      {shown?.uploaded ? (
        <FormAlert tone="success">{t("authoring.attachments.uploaded", { name: shown.uploaded })}</FormAlert>
      ) : null}
      {attachments.length === 0 ? (
        <p className="card text-slate-700">{t("authoring.attachments.empty")}</p>
      ) : (
        <ul className="card divide-y divide-slate-100" data-testid="attachments">
          {attachments.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <a href={`/attachments/${a.id}`} className="link break-all">
                {a.fileName}
              </a>
              <span className="flex items-center gap-3">
                <span className="text-slate-500">{size(a.size)}</span>
                <Form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="attachmentId" value={a.id} />
                  <button
                    type="submit"
                    className="btn-secondary px-2 py-1 text-accent-600"
                    aria-label={t("authoring.attachments.delete", { name: a.fileName })}
                  >
                    {t("authoring.action.delete")}
                  </button>
                </Form>
              </span>
            </li>
          ))}
        </ul>
      )}
      {/* Without JavaScript this is a full page post to ".../attachments", a path the server allows large bodies on. */}
      <Form
        method="post"
        encType="multipart/form-data"
        reloadDocument
        onSubmit={hydrated ? upload : undefined}
        className="card space-y-3"
      >
        <div className="space-y-1">
          <label htmlFor="file" className="block text-sm font-medium">
            {t("authoring.attachments.file")}
          </label>
          <input
            ref={fileInput}
            id="file"
            name="file"
            type="file"
            accept={ACCEPT_ATTR}
            required
            className="block w-full text-sm"
            aria-describedby="file-hint"
          />
          <p id="file-hint" className="text-sm text-slate-600">
            {t("authoring.attachments.hint")}
          </p>
        </div>
        {progress !== null ? (
          <div className="space-y-1" role="status">
            <ProgressBar percent={progress} label={t("authoring.attachments.progress")} />
            <p className="text-sm text-slate-600">
              {t("authoring.attachments.uploading", { percent: Math.round(progress) })}
            </p>
          </div>
        ) : null}
        <button type="submit" className="btn-primary" disabled={progress !== null}>
          {t("authoring.attachments.upload")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

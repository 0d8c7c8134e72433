import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert } from "~/components/forms";
import { requireTrainer } from "~/lib/authoring/access.server";
import { readMultipart } from "~/lib/authoring/attachments.server";
import { importCourseZip } from "~/lib/authoring/transfer.server";
import { MAX_ZIP_BYTES } from "~/lib/authoring/zip";
import { contentErrorText, type ContentError } from "~/lib/content/format";
import { clientIp } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.authorImport");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireTrainer(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireTrainer(request);
  const upload = await readMultipart(request, "zip", MAX_ZIP_BYTES);
  if (!upload.ok) return data({ error: upload.error, errors: [] as ContentError[] }, { status: 400 });
  if (!upload.file) return data({ error: "authoring.import.missing", errors: [] as ContentError[] }, { status: 400 });
  const result = await importCourseZip(user, upload.file.name, upload.file.bytes, clientIp(request));
  if (!result.ok)
    return data(
      {
        error: "error" in result ? result.error : "authoring.import.invalid",
        errors: "errors" in result ? result.errors : [],
      },
      { status: 400 },
    );
  return redirect(`/author/courses/${result.slug}?imported=${result.action}`);
}

export default function ImportCourse() {
  const { t } = useT();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p className="text-sm">
        <Link to="/author" className="link">
          ← {t("authoring.workspace.title")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("authoring.import.title")}</h1>
      <p className="text-slate-700">{t("authoring.import.lead")}</p>
      {actionData?.error ? (
        <FormAlert>
          <p className="font-semibold">{t(actionData.error, { count: actionData.errors.length })}</p>
          {actionData.errors.length > 0 ? (
            <ul className="mt-2 space-y-1 font-mono text-xs" data-testid="import-errors">
              {actionData.errors.map((e, i) => (
                <li key={i}>
                  {t("authoring.import.errorLine", { file: e.file, line: e.line, message: contentErrorText(t, e) })}
                </li>
              ))}
            </ul>
          ) : null}
        </FormAlert>
      ) : null}
      {/* A full page post: the server allows large bodies only on ".../import", not on Remix's ".data" requests. */}
      <Form method="post" encType="multipart/form-data" reloadDocument className="card space-y-4">
        <div className="space-y-1">
          <label htmlFor="zip" className="block text-sm font-medium">
            {t("authoring.import.file")}
          </label>
          <input
            id="zip"
            name="zip"
            type="file"
            accept=".zip,application/zip"
            required
            className="block w-full text-sm"
            aria-describedby="zip-hint"
          />
          <p id="zip-hint" className="text-sm text-slate-600">
            {t("authoring.import.hint")}
          </p>
        </div>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("authoring.import.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { FormAlert } from "~/components/forms";
import { CertificateFacts, VerdictPanel } from "~/components/verdict";
import { normalizeCertificateCode } from "~/lib/certificates/code";
import { verifyUploadedCredential, type UploadVerdict } from "~/lib/certificates/certificates.server";
import { MAX_INPUT_BYTES } from "~/lib/certificates/verify";
import { clientIp, invariantResponse } from "~/lib/http.server";
import { limitVerification } from "~/lib/rate-limit.server";
import { useT } from "~/lib/i18n/use-t";
import { readFormData } from "~/lib/forms.server";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.verify");

export function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code");
  if (code !== null) {
    const normalized = normalizeCertificateCode(code);
    return redirect(`/verify/${encodeURIComponent(normalized ?? code.trim().slice(0, 40))}`);
  }
  return null;
}

type ActionData = { error: string } | { verdict: UploadVerdict };

export async function action({ request }: ActionFunctionArgs): Promise<ActionData> {
  await limitVerification(clientIp(request));
  let text = "";
  try {
    const formData = request.headers.get("Content-Type")?.startsWith("multipart/form-data")
      ? await unstable_parseMultipartFormData(
          request,
          unstable_createMemoryUploadHandler({ maxPartSize: MAX_INPUT_BYTES }),
        )
      : await readFormData(request);
    const file = formData.get("file");
    const pasted = formData.get("credential");
    if (file instanceof File && file.size > 0) text = await file.text();
    else if (typeof pasted === "string") text = pasted;
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { error: "certificates.errors.tooLarge" };
    if (error instanceof Response) throw error;
    invariantResponse(false, "Malformed form body");
  }
  if (!text.trim()) return { error: "certificates.errors.paste" };
  if (text.length > MAX_INPUT_BYTES) return { error: "certificates.errors.tooLarge" };
  return { verdict: await verifyUploadedCredential(text) };
}

export default function VerifyPage() {
  const { t, date, number } = useT();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const verdict = actionData && "verdict" in actionData ? actionData.verdict : null;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("verify.title")}</h1>
        <p className="mt-1 text-slate-700">{t("verify.lead")}</p>
      </header>
      <Form method="get" className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("verify.byCode")}</h2>
        <div>
          <label htmlFor="code" className="block text-sm font-medium">
            {t("verify.codeLabel")}
          </label>
          <input
            id="code"
            name="code"
            required
            maxLength={40}
            autoCapitalize="characters"
            autoComplete="off"
            className="input mt-1 font-mono uppercase"
            aria-describedby="code-hint"
          />
          <p id="code-hint" className="mt-1 text-sm text-slate-600">
            {t("verify.codeHint")}
          </p>
        </div>
        <button type="submit" className="btn-primary">
          {t("verify.check")}
        </button>
      </Form>
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("verify.byFile")}</h2>
        {actionData && "error" in actionData ? <FormAlert>{t(actionData.error)}</FormAlert> : null}
        <div>
          <label htmlFor="file" className="block text-sm font-medium">
            {t("verify.fileLabel")}
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".jwt,.json,application/json,text/plain"
            className="mt-1 block w-full text-sm"
          />
        </div>
        <div>
          <label htmlFor="credential" className="block text-sm font-medium">
            {t("verify.pasteLabel")}
          </label>
          <textarea
            id="credential"
            name="credential"
            rows={4}
            className="input mt-1 font-mono text-xs"
            spellCheck={false}
          />
        </div>
        <button type="submit" className="btn-secondary" disabled={busy}>
          {t("verify.checkFile")}
        </button>
      </Form>
      {verdict ? (
        <VerdictPanel status={verdict.status}>
          <CertificateFacts
            facts={[
              { label: t("certificates.code"), value: verdict.code },
              { label: t("verify.holder"), value: verdict.holderName },
              {
                label: t("verify.course"),
                value:
                  verdict.courseTitle && verdict.versionNumber !== undefined
                    ? `${verdict.courseTitle} (${t("certificates.versionOf", { number: verdict.versionNumber })})`
                    : verdict.courseTitle,
              },
              { label: t("verify.credits"), value: verdict.credits !== undefined ? number(verdict.credits) : null },
              { label: t("verify.issued"), value: verdict.validFrom ? date(verdict.validFrom) : null },
              {
                label: t("verify.expires"),
                value: verdict.validUntil
                  ? date(verdict.validUntil)
                  : verdict.validFrom
                    ? t("certificates.noExpiry")
                    : null,
              },
            ]}
          />
          {verdict.status === "revoked" && verdict.revokedReason ? (
            <p className="mt-3 font-medium">{t("verify.revokedReason", { reason: verdict.revokedReason })}</p>
          ) : null}
          {verdict.status === "superseded" && verdict.supersededBy ? (
            <p className="mt-3">{t("verify.supersededBy", { number: verdict.supersededBy })}</p>
          ) : null}
        </VerdictPanel>
      ) : null}
      <p className="text-sm">
        <Link to="/developers/verify" className="link">
          {t("verify.developersLink")}
        </Link>
      </p>
    </div>
  );
}

import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useNavigation } from "@remix-run/react";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { forgotPasswordSchema } from "~/lib/accounts/accounts.schema";
import { requestPasswordReset } from "~/lib/accounts/auth.server";
import { clientIp, formSuccess, invalidForm } from "~/lib/http.server";
import { parseForm } from "~/lib/forms.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.forgotPassword");

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, forgotPasswordSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  await requestPasswordReset(parsed.data.email, getLocale(request), clientIp(request));
  return data(formSuccess());
}

export default function ForgotPassword() {
  const { t } = useT();
  const actionData = useActionResult<typeof action>();
  const form = useZodForm(forgotPasswordSchema, actionData);
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("auth.forgot.title")}</h1>
      <p className="mt-2 text-slate-700">{t("auth.forgot.lead")}</p>
      {actionData?.ok ? (
        <div className="mt-4">
          <FormAlert tone="success">{t("auth.forgot.sent")}</FormAlert>
        </div>
      ) : (
        <Form method="post" noValidate onSubmit={form.onSubmit} className="card mt-4 space-y-4">
          <TextField label={t("form.email")} type="email" autoComplete="email" required field={form.field("email")} />
          <button type="submit" className="btn-primary w-full" disabled={busy}>
            {t("auth.forgot.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

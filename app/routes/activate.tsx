import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { NewPasswordFields } from "~/components/account-fields";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { resetPasswordSchema } from "~/lib/accounts/accounts.schema";
import { activateAccount, checkActivationToken } from "~/lib/accounts/auth.server";
import { parseForm } from "~/lib/forms.server";
import { invalidForm } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.activate");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const check = token ? await checkActivationToken(token) : ({ ok: false, error: "errors.activate.invalid" } as const);
  return check.ok ? { token, email: check.email, error: null } : { token, email: "", error: check.error };
}

/** The invitation's set-password form: the same fields as a reset, but it signs the official in. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, resetPasswordSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const result = await activateAccount(request, parsed.data.token, parsed.data.password);
  if (!result.ok) return invalidForm({}, {}, result.error);
  return redirect(result.landing, { headers: { "Set-Cookie": result.setCookie } });
}

export default function Activate() {
  const { t } = useT();
  const { token, email, error } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const form = useZodForm(resetPasswordSchema, actionData, { token });
  const busy = useNavigation().state === "submitting";
  const problem = actionData?.formError ?? error;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("auth.activate.title")}</h1>
      {problem ? (
        <div className="mt-4 space-y-3">
          <FormAlert>{t(problem)}</FormAlert>
          <Link to="/login" className="link">
            {t("nav.login")}
          </Link>
        </div>
      ) : (
        <>
          <p className="mt-2 text-slate-700">{t("auth.activate.lead")}</p>
          <Form method="post" noValidate onSubmit={form.onSubmit} className="card mt-4 space-y-4">
            <input type="hidden" {...form.register("token")} value={token} />
            <TextField
              label={t("form.email")}
              type="email"
              name="email"
              autoComplete="username"
              readOnly
              value={email}
              hint={t("auth.activate.emailHint")}
            />
            <NewPasswordFields form={form} />
            <button type="submit" className="btn-primary w-full" disabled={busy}>
              {t("auth.activate.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

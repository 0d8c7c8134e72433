import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { EmailField, keepingRedirectTo } from "~/components/account-fields";
import { FormAlert, TextField, useZodForm, type ActionResult, useActionResult } from "~/components/forms";
import { loginSchema } from "~/lib/accounts/accounts.schema";
import { anonymousOnly, logIn } from "~/lib/accounts/auth.server";
import { parseForm } from "~/lib/forms.server";
import { clientIp, invalidForm, safeRedirectPath } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.login");

export async function loader({ request }: LoaderFunctionArgs) {
  await anonymousOnly(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, loginSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const result = await logIn(request, parsed.data.email, parsed.data.password, clientIp(request));
  if (!result.ok) {
    const formError =
      result.error === "errors.login.throttled"
        ? { key: result.error, minutes: result.minutes }
        : { key: result.error, minutes: 0 };
    return data(
      { ok: false, fieldErrors: {}, values: parsed.values, formError },
      { status: result.error === "errors.login.throttled" ? 429 : 400 },
    );
  }
  return redirect(safeRedirectPath(parsed.data.redirectTo, result.landing), {
    headers: { "Set-Cookie": result.setCookie },
  });
}

const notices: Record<string, string> = {
  reset: "auth.login.resetDone",
  "logged-out": "auth.login.loggedOut",
};

export default function Login() {
  const { t } = useT();
  const actionData = useActionResult<typeof action>() as
    (ActionResult & { formError?: { key: string; minutes: number } }) | undefined;
  const [searchParams] = useSearchParams();
  const form = useZodForm(loginSchema, actionData);
  const busy = useNavigation().state === "submitting";
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const notice = notices[searchParams.get("notice") ?? ""];
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("auth.login.title")}</h1>
      <div className="mt-4 space-y-3">
        {notice ? <FormAlert tone="success">{t(notice)}</FormAlert> : null}
        {redirectTo && !actionData ? <FormAlert tone="info">{t("auth.login.loginRequired")}</FormAlert> : null}
        {actionData?.formError ? (
          <FormAlert>{t(actionData.formError.key, { minutes: actionData.formError.minutes })}</FormAlert>
        ) : null}
      </div>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="card mt-4 space-y-4">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <EmailField form={form} />
        <TextField
          label={t("form.password")}
          type="password"
          autoComplete="current-password"
          required
          field={form.field("password")}
        />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("auth.login.submit")}
        </button>
      </Form>
      <div className="mt-4 flex flex-wrap justify-between gap-2 text-sm">
        <Link to="/forgot-password" className="link">
          {t("auth.login.forgot")}
        </Link>
        <span>
          {t("auth.login.noAccount")}{" "}
          <Link to={keepingRedirectTo("/register", redirectTo)} className="link">
            {t("nav.register")}
          </Link>
        </span>
      </div>
    </div>
  );
}

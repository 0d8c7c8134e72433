import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import { EmailField, keepingRedirectTo } from "~/components/account-fields";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { registerSchema } from "~/lib/accounts/accounts.schema";
import { anonymousOnly, registerUser } from "~/lib/accounts/auth.server";
import { parseForm } from "~/lib/forms.server";
import { clientIp, invalidForm } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.register");

export async function loader({ request }: LoaderFunctionArgs) {
  await anonymousOnly(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, registerSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  await registerUser(parsed.data, getLocale(request), clientIp(request));
  // The same answer whether or not the address has an account (the mail says which).
  return redirect("/register?sent=1");
}

export default function Register() {
  const { t } = useT();
  const actionData = useActionResult<typeof action>();
  const [searchParams] = useSearchParams();
  const form = useZodForm(registerSchema, actionData);
  const busy = useNavigation().state === "submitting";
  const redirectTo = searchParams.get("redirectTo") ?? "";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("auth.register.title")}</h1>
      {searchParams.get("sent") ? (
        <div className="mt-4">
          <FormAlert tone="success">{t("auth.register.sent")}</FormAlert>
        </div>
      ) : (
        <p className="mt-2 text-sm text-slate-700">{t("auth.register.lead")}</p>
      )}
      <Form method="post" noValidate onSubmit={form.onSubmit} className="card mt-4 space-y-4">
        <TextField label={t("form.fullName")} autoComplete="name" required field={form.field("fullName")} />
        <EmailField form={form} />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("auth.register.submit")}
        </button>
      </Form>
      <p className="mt-4 text-sm">
        {t("auth.register.haveAccount")}{" "}
        <Link to={keepingRedirectTo("/login", redirectTo)} className="link">
          {t("nav.login")}
        </Link>
      </p>
    </div>
  );
}

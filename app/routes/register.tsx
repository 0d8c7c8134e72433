import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { TextField, useZodForm, type ActionResult } from "~/components/forms";
import { registerSchema } from "~/lib/accounts/accounts.schema";
import { anonymousOnly, registerUser } from "~/lib/accounts/auth.server";
import { parseForm } from "~/lib/forms.server";
import { invalidForm, safeRedirectPath } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";

export const meta: MetaFunction = () => [{ title: "Đăng ký · HọcSố" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await anonymousOnly(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, registerSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const result = await registerUser(request, parsed.data, getLocale(request));
  if (!result.ok) return invalidForm({ [result.field]: result.error }, parsed.values);
  return redirect(safeRedirectPath(parsed.data.redirectTo, "/courses"), {
    headers: { "Set-Cookie": result.setCookie },
  });
}

export default function Register() {
  const { t } = useT();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const [searchParams] = useSearchParams();
  const form = useZodForm(registerSchema, actionData);
  const busy = useNavigation().state === "submitting";
  const redirectTo = searchParams.get("redirectTo") ?? "";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("auth.register.title")}</h1>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="card mt-4 space-y-4">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField label={t("form.fullName")} autoComplete="name" required field={form.field("fullName")} />
        <TextField
          label={t("form.email")}
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          field={form.field("email")}
        />
        <TextField
          label={t("form.password")}
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint={t("form.passwordHint")}
          field={form.field("password")}
        />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("auth.register.submit")}
        </button>
      </Form>
      <p className="mt-4 text-sm">
        {t("auth.register.haveAccount")}{" "}
        <Link to={`/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`} className="link">
          {t("nav.login")}
        </Link>
      </p>
    </div>
  );
}

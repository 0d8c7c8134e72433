import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { NewPasswordFields } from "~/components/account-fields";
import { FormAlert, useZodForm, useActionResult } from "~/components/forms";
import { resetPasswordSchema } from "~/lib/accounts/accounts.schema";
import { checkResetToken, oneTimeTokenPurpose, resetPassword } from "~/lib/accounts/auth.server";
import { invalidForm } from "~/lib/http.server";
import { parseForm } from "~/lib/forms.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.resetPassword");

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  // Invitations sent before activation had its own page pointed here: send them on.
  if (token && (await oneTimeTokenPurpose(token)) === "invite")
    throw redirect(`/activate?token=${encodeURIComponent(token)}`);
  const check = token ? await checkResetToken(token) : ({ ok: false, error: "errors.reset.invalid" } as const);
  return { token, error: check.ok ? null : check.error };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, resetPasswordSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const result = await resetPassword(parsed.data.token, parsed.data.password);
  if (!result.ok) return invalidForm({}, {}, result.error);
  return redirect("/login?notice=reset");
}

export default function ResetPassword() {
  const { t } = useT();
  const { token, error } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const form = useZodForm(resetPasswordSchema, actionData, { token });
  const busy = useNavigation().state === "submitting";
  const problem = actionData?.formError ?? error;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("auth.reset.title")}</h1>
      {problem ? (
        <div className="mt-4 space-y-3">
          <FormAlert>{t(problem)}</FormAlert>
          <Link to="/forgot-password" className="link">
            {t("auth.login.forgot")}
          </Link>
        </div>
      ) : (
        <Form method="post" noValidate onSubmit={form.onSubmit} className="card mt-4 space-y-4">
          <input type="hidden" {...form.register("token")} value={token} />
          <NewPasswordFields form={form} />
          <button type="submit" className="btn-primary w-full" disabled={busy}>
            {t("auth.reset.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}

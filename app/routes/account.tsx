import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { NewPasswordFields } from "~/components/account-fields";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { accountActionSchema, changePasswordSchema } from "~/lib/accounts/accounts.schema";
import { changePassword, logOutEverywhere, requireUser } from "~/lib/accounts/auth.server";
import { countSessions, endSession } from "~/lib/accounts/session.server";
import { getAccount } from "~/lib/accounts/users.server";
import { clientIp, invalidForm } from "~/lib/http.server";
import { answerInvitation, myInvitations } from "~/lib/organizations/join-invitations.server";
import { parseIntentForm, readFormData } from "~/lib/forms.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.account");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [account, sessions, invitations] = await Promise.all([
    getAccount(user.id),
    countSessions(user.id),
    myInvitations(user),
  ]);
  return { account, sessions, invitations };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseIntentForm(await readFormData(request), accountActionSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const input = parsed.data;
  if (input.intent === "logout-everywhere") {
    await logOutEverywhere(user.id);
    return redirect("/login?notice=logged-out", { headers: { "Set-Cookie": await endSession(request) } });
  }
  if (input.intent !== "change-password") {
    const accept = input.intent === "acceptInvitation";
    const result = await answerInvitation(user, input.invitationId, accept, clientIp(request));
    const notice = !result.ok ? "invitation-gone" : accept ? "invitation-accepted" : "invitation-declined";
    return redirect(`/account?notice=${notice}`);
  }
  const result = await changePassword(request, user.id, input.currentPassword, input.password);
  if (!result.ok) return invalidForm({ [result.field]: result.error });
  return redirect("/account?notice=password-changed", { headers: { "Set-Cookie": result.setCookie } });
}

export default function Account() {
  const { t, date } = useT();
  const { account, sessions, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const [searchParams] = useSearchParams();
  const form = useZodForm(changePasswordSchema, actionData);
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold">{t("account.title")}</h1>
      {searchParams.get("notice") === "password-changed" ? (
        <FormAlert tone="success">{t("account.passwordChanged")}</FormAlert>
      ) : null}
      {searchParams.get("notice") === "invitation-accepted" ? (
        <FormAlert tone="success">{t("account.invitationAccepted")}</FormAlert>
      ) : null}
      {searchParams.get("notice") === "invitation-declined" ? (
        <FormAlert tone="success">{t("account.invitationDeclined")}</FormAlert>
      ) : null}
      {searchParams.get("notice") === "invitation-gone" ? <FormAlert>{t("account.invitationGone")}</FormAlert> : null}
      {invitations.length > 0 ? (
        <section className="card space-y-3" aria-labelledby="invitations-heading">
          <h2 id="invitations-heading" className="text-lg font-semibold">
            {t("account.invitations")}
          </h2>
          <p className="text-sm text-slate-700">{t("account.invitationsLead")}</p>
          <ul className="divide-y divide-slate-200">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  {t("account.invitation", {
                    unit: invitation.unitName,
                    code: invitation.unitCode,
                    jobRole: invitation.jobRole,
                    date: date(invitation.expiresAt),
                  })}
                </span>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="acceptInvitation"
                    className="btn-primary px-3 py-1"
                    aria-label={t("account.invitationAcceptNamed", { unit: invitation.unitName })}
                  >
                    {t("account.invitationAccept")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="declineInvitation"
                    className="btn-secondary px-3 py-1"
                    aria-label={t("account.invitationDeclineNamed", { unit: invitation.unitName })}
                  >
                    {t("account.invitationDecline")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="text-lg font-semibold">
          {t("account.profile")}
        </h2>
        <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="font-medium text-slate-600">{t("form.fullName")}</dt>
          <dd>{account.fullName}</dd>
          <dt className="font-medium text-slate-600">{t("form.email")}</dt>
          <dd>{account.email}</dd>
          <dt className="font-medium text-slate-600">{t("account.role")}</dt>
          <dd>{t(`roles.${account.role}`)}</dd>
          <dt className="font-medium text-slate-600">{t("admin.users.created")}</dt>
          <dd>{date(account.createdAt)}</dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-lg font-semibold">
          {t("account.changePassword")}
        </h2>
        <Form method="post" noValidate onSubmit={form.onSubmit} className="mt-3 space-y-4">
          <TextField
            label={t("form.currentPassword")}
            type="password"
            autoComplete="current-password"
            required
            field={form.field("currentPassword")}
          />
          <NewPasswordFields form={form} />
          <button type="submit" name="intent" value="change-password" className="btn-primary" disabled={busy}>
            {t("account.changePassword")}
          </button>
        </Form>
      </section>
      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          {t("account.sessions")}
        </h2>
        <p className="mt-2 text-sm text-slate-700">{t("account.sessionsLead", { count: sessions })}</p>
        <Form method="post" className="mt-3">
          <button type="submit" name="intent" value="logout-everywhere" className="btn-secondary">
            {t("account.logoutEverywhere")}
          </button>
        </Form>
      </section>
    </div>
  );
}

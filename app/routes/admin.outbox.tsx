import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { EmptyState } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, useActionResult } from "~/components/forms";
import { pageFrom, Pagination } from "~/components/pagination";
import { resendMailSchema } from "~/lib/accounts/accounts.schema";
import { requireRole } from "~/lib/accounts/auth.server";
import { isOutboxState, OUTBOX_STATES, type OutboxState } from "~/lib/accounts/mail";
import { listOutbox, resendFailedMail } from "~/lib/accounts/mail.server";
import { parseForm } from "~/lib/forms.server";
import { clientIp, formSuccess, invalidForm } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.admin.outbox");

const PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const page = pageFrom(url);
  const requested = url.searchParams.get("state");
  const state = isOutboxState(requested) ? requested : null;
  const { total, messages } = await listOutbox({ page, pageSize: PAGE_SIZE, state });
  return { messages, state, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const parsed = await parseForm(request, resendMailSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const result = await resendFailedMail(admin.id, parsed.data.id, clientIp(request));
  if (!result.ok) return invalidForm({ id: result.error }, parsed.values);
  return formSuccess({ to: result.to }, parsed.values);
}

const STATE_STYLES: Record<OutboxState, string> = {
  queued: "bg-amber-100 text-amber-900",
  sending: "bg-sky-100 text-sky-900",
  sent: "bg-green-100 text-green-900",
  failed: "bg-red-100 text-red-900",
};

export default function Outbox() {
  const { t, date } = useT();
  const { messages, state, page, pages } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>() as
    { ok: boolean; to?: string; fieldErrors?: Record<string, string> } | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="outbox-heading" className="space-y-4">
      <h2 id="outbox-heading" className="text-xl font-semibold">
        {t("admin.outbox")}
      </h2>
      <p className="text-sm text-slate-700">{t("admin.outbox.lead")}</p>
      {actionData?.ok ? (
        <FormAlert tone="success">{t("admin.outbox.resent", { to: actionData.to ?? "" })}</FormAlert>
      ) : null}
      {actionData && !actionData.ok ? (
        <FormAlert>
          {Object.values(actionData.fieldErrors ?? {})
            .map((key) => t(key))
            .join(" ")}
        </FormAlert>
      ) : null}
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="outbox-state" className="block text-sm font-medium">
            {t("admin.outbox.filter")}
          </label>
          <select id="outbox-state" name="state" defaultValue={state ?? ""} className="input w-auto">
            <option value="">{t("admin.outbox.filterAll")}</option>
            {OUTBOX_STATES.map((value) => (
              <option key={value} value={value}>
                {t(`admin.outbox.state.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          {t("admin.outbox.filterButton")}
        </button>
      </Form>
      {messages.length === 0 ? (
        <EmptyState>{t("admin.outbox.empty")}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {messages.map((message) => (
            <li key={message.id} className="card">
              <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STATE_STYLES[message.state]}`}>
                  {t(`admin.outbox.state.${message.state}`)}
                </span>
                <span>
                  {t("admin.outbox.to")}:{" "}
                  <span className="font-medium text-slate-900">
                    {message.toName ? `${message.toName} <${message.to}>` : message.to}
                  </span>
                </span>
                <span>· {date(message.createdAt, true)}</span>
                <span>· {t("admin.outbox.attempts", { count: message.attempts })}</span>
                {message.sentAt ? (
                  <span>· {t("admin.outbox.sentAt", { date: date(message.sentAt, true) })}</span>
                ) : null}
                {message.state === "queued" && message.attempts > 0 ? (
                  <span>· {t("admin.outbox.nextAttempt", { date: date(message.nextAttemptAt, true) })}</span>
                ) : null}
              </p>
              <p className="mt-1 font-semibold">{message.subject}</p>
              {message.lastError && message.state !== "sent" ? (
                <p className="mt-2 text-sm text-red-900">
                  {t("admin.outbox.error")}: <code className="break-words">{message.lastError}</code>
                </p>
              ) : null}
              {message.state === "failed" ? (
                <Form method="post" className="mt-2">
                  <input type="hidden" name="id" value={message.id} />
                  <button type="submit" className="btn-secondary" disabled={busy}>
                    {t("admin.outbox.resend")}
                  </button>
                </Form>
              ) : null}
              <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-sm text-slate-800">
                {message.text}
              </pre>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

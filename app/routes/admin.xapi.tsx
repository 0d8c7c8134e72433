import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EmptyState } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert } from "~/components/forms";
import { requireRole } from "~/lib/accounts/auth.server";
import { parseForm } from "~/lib/forms.server";
import { clientIp, formSuccess, invalidForm } from "~/lib/http.server";
import { pageTitle } from "~/lib/i18n/titles";
import { useT } from "~/lib/i18n/use-t";
import { retryXapiNow, xapiQueueOverview } from "~/lib/xapi/queue.server";
import { retryXapiSchema } from "~/lib/xapi/xapi.schema";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.admin.xapi");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return xapiQueueOverview();
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const parsed = await parseForm(request, retryXapiSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  const { queued } = await retryXapiNow(admin.id, clientIp(request));
  return formSuccess({ queued }, parsed.values);
}

export default function XapiQueue() {
  const { t, date } = useT();
  const overview = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    { ok: boolean; queued?: number; fieldErrors?: Record<string, string> } | undefined;
  const busy = useNavigation().state === "submitting";
  const when = (value: string | Date | null) => (value ? date(value, true) : t("admin.xapi.none"));
  return (
    <section aria-labelledby="xapi-heading" className="space-y-4">
      <h2 id="xapi-heading" className="text-xl font-semibold">
        {t("admin.xapi")}
      </h2>
      <p className="text-sm text-slate-700">{t("admin.xapi.lead")}</p>
      {overview.endpoint ? (
        <p className="text-sm text-slate-700">{t("admin.xapi.endpoint", { endpoint: overview.endpoint })}</p>
      ) : (
        <FormAlert tone="info">{t("admin.xapi.off")}</FormAlert>
      )}
      {actionData?.ok ? (
        <FormAlert tone="success">{t("admin.xapi.retried", { count: actionData.queued ?? 0 })}</FormAlert>
      ) : null}
      {actionData && !actionData.ok ? (
        <FormAlert>
          {Object.values(actionData.fieldErrors ?? {})
            .map((key) => t(key))
            .join(" ")}
        </FormAlert>
      ) : null}
      <div className="card">
        <h3 className="font-semibold">{t("admin.xapi.summary")}</h3>
        <dl className="mt-2 grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">{t("admin.xapi.pending")}</dt>
            <dd className="text-lg font-semibold" data-testid="xapi-pending">
              {overview.pending}
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("admin.xapi.sent")}</dt>
            <dd className="text-lg font-semibold">{overview.sent}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("admin.xapi.rejected")}</dt>
            <dd className="text-lg font-semibold">{overview.rejected}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("admin.xapi.oldest")}</dt>
            <dd>{when(overview.oldestPendingAt)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">{t("admin.xapi.nextAttempt")}</dt>
            <dd>{overview.pending ? when(overview.nextAttemptAt) : t("admin.xapi.none")}</dd>
          </div>
        </dl>
        <Form method="post" className="mt-3">
          <input type="hidden" name="intent" value="retry" />
          <button type="submit" className="btn-primary" disabled={busy || !overview.configured}>
            {t("admin.xapi.retry")}
          </button>
        </Form>
      </div>
      <h3 className="font-semibold">{t("admin.xapi.failures")}</h3>
      {overview.failures.length === 0 ? (
        <EmptyState>{t("admin.xapi.noFailures")}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {overview.failures.map((row) => (
            <li key={row.sequence} className="card text-sm">
              <p className="flex flex-wrap items-center gap-2 text-slate-600">
                <span
                  className={`rounded px-2 py-0.5 text-xs font-semibold ${row.rejectedAt ? "bg-red-100 text-red-900" : "bg-amber-100 text-amber-900"}`}
                >
                  {t(row.rejectedAt ? "admin.xapi.state.rejected" : "admin.xapi.state.retrying")}
                </span>
                <span>· {date(row.createdAt, true)}</span>
                <span>
                  · {t("admin.xapi.attempts")}: {row.attempts}
                </span>
                {row.rejectedAt ? null : (
                  <span>
                    · {t("admin.xapi.nextAttempt")}: {date(row.nextAttemptAt, true)}
                  </span>
                )}
              </p>
              <p className="mt-1">
                {t("admin.xapi.verb")}: <span className="font-medium">{row.verb}</span> · {t("admin.xapi.object")}:{" "}
                <code className="break-all">{row.object}</code>
              </p>
              <p className="mt-1 text-slate-600">
                {t("admin.xapi.statement")}: <code className="break-all">{row.id}</code>
              </p>
              <p className="mt-1 text-red-900">
                {t("admin.xapi.error")}: <code className="break-words">{row.lastError}</code>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

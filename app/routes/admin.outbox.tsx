import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyState } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-page";
import { pageFrom, Pagination } from "~/components/pagination";
import { requireRole } from "~/lib/accounts/auth.server";
import { listOutbox } from "~/lib/accounts/mail.server";
import { useT } from "~/lib/i18n/use-t";

const PAGE_SIZE = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const page = pageFrom(new URL(request.url));
  const { total, messages } = await listOutbox({ page, pageSize: PAGE_SIZE });
  return { messages, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export default function Outbox() {
  const { t, date } = useT();
  const { messages, page, pages } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="outbox-heading" className="space-y-4">
      <h2 id="outbox-heading" className="text-xl font-semibold">
        {t("admin.outbox")}
      </h2>
      <p className="text-sm text-slate-700">{t("admin.outbox.lead")}</p>
      {messages.length === 0 ? (
        <EmptyState>{t("admin.outbox.empty")}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {messages.map((message) => (
            <li key={message.id} className="card">
              <p className="text-sm text-slate-600">
                {t("admin.outbox.to")}: <span className="font-medium text-slate-900">{message.to}</span> ·{" "}
                {date(message.createdAt, true)}
              </p>
              <p className="mt-1 font-semibold">{message.subject}</p>
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

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { requireCourseAuthor, requireOwner } from "~/lib/authoring/access.server";
import { coAuthorActionSchema, coAuthorSchema } from "~/lib/authoring/authoring.schema";
import { addCoAuthor, getCourseOverview, removeCoAuthor } from "~/lib/authoring/authoring.server";
import { parseIntentForm, readFormData } from "~/lib/forms.server";
import { clientIp, invalidForm } from "~/lib/http.server";
import { getLocale } from "~/lib/i18n/i18n.server";
import { useT } from "~/lib/i18n/use-t";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.authors", parentTitle(matches, "routes/author.courses.$slug"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  requireOwner(ctx);
  return { authors: (await getCourseOverview(ctx, getLocale(request))).authors };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  requireOwner(ctx);
  const parsed = parseIntentForm(await readFormData(request), coAuthorActionSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  if (parsed.data.intent === "remove") {
    await removeCoAuthor(ctx, parsed.data.userId, clientIp(request));
    return { ok: true as const, removed: true };
  }
  const result = await addCoAuthor(ctx, parsed.data.email, clientIp(request));
  if (!result.ok) return invalidForm(result.fieldErrors, parsed.values);
  return { ok: true as const, added: result.fullName };
}

export default function CoAuthors() {
  const { t } = useT();
  const { authors } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const form = useZodForm(coAuthorSchema, actionData);
  const { reset } = form;
  useEffect(() => {
    if (actionData?.added) reset({ email: "" });
  }, [actionData, reset]);
  return (
    <div className="max-w-2xl space-y-4">
      <p className="text-slate-700">{t("authoring.authors.lead")}</p>
      {actionData?.added ? (
        <FormAlert tone="success">{t("authoring.authors.added", { name: actionData.added })}</FormAlert>
      ) : null}
      <ul className="card divide-y divide-slate-100" data-testid="authors">
        {authors.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
            <span>
              <span className="font-medium">{a.fullName}</span> <span className="text-slate-500">{a.email}</span>
            </span>
            {a.isOwner ? (
              <span className="text-slate-600">{t("authoring.role.owner")}</span>
            ) : (
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="userId" value={a.id} />
                <button
                  type="submit"
                  className="btn-secondary px-2 py-1 text-accent-600"
                  aria-label={t("authoring.authors.remove", { name: a.fullName })}
                >
                  {t("authoring.action.remove")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <Form method="post" noValidate onSubmit={form.onSubmit} className="card space-y-3">
        <input type="hidden" name="intent" value="add" />
        <TextField
          label={t("authoring.authors.email")}
          type="email"
          inputMode="email"
          autoComplete="off"
          hint={t("authoring.authors.emailHint")}
          field={form.field("email")}
        />
        <button type="submit" className="btn-primary">
          {t("authoring.authors.add")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

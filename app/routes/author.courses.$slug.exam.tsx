import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import {
  ListError,
  SaveIndicator,
  SelectField,
  UnsavedChangesGuard,
  useDraftAutosave,
  useFieldErrors,
  VersionBanner,
} from "~/components/authoring";
import { useHydrated } from "~/components/use-hydrated";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert, TextField, useZodForm, useActionResult } from "~/components/forms";
import { requireCourseAuthor } from "~/lib/authoring/access.server";
import { examActionSchema, examSettingsSchema } from "~/lib/authoring/authoring.schema";
import { getExamSettings, removeExam, saveExamSettings } from "~/lib/authoring/authoring.server";
import { invalidForm } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { parseIntentForm, readFormData } from "~/lib/forms.server";
import { pageTitle, parentTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(matches, "title.author.exam", parentTitle(matches, "routes/author.courses.$slug"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const settings = await getExamSettings(ctx);
  // A spare row lets a pool be added without JavaScript; blank rows are ignored when saving.
  return {
    ...settings,
    slug: ctx.slug,
    values: { ...settings.values, pools: [...settings.values.pools, { pool: "", draw: "" }] },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const parsed = parseIntentForm(await readFormData(request), examActionSchema);
  if (!parsed.ok) return invalidForm(parsed.fieldErrors, parsed.values);
  if (parsed.data.intent === "remove") return { ...(await removeExam(ctx)), removed: true };
  const result = await saveExamSettings(ctx, parsed.data);
  if (!result.ok) return invalidForm(result.fieldErrors, parsed.values);
  return { ...result, values: parsed.values };
}

type Values = {
  titleVi: string;
  titleEn: string;
  timeLimitMinutes: string;
  passPercent: string;
  maxAttempts: string;
  cooldownMinutes: string;
  review: string;
  allowOffline: boolean;
  offlineCountsForCertificate: boolean;
  pools: { pool: string; draw: string }[];
};

export default function ExamSettings() {
  const { t } = useT();
  const { version, poolSizes, hasExam, values, slug } = useLoaderData<typeof loader>();
  const actionData = useActionResult<typeof action>();
  const hydrated = useHydrated();
  const form = useZodForm<typeof examSettingsSchema, Values>(examSettingsSchema, actionData, values);
  const pools = useFieldArray({ control: form.control, name: "pools" });
  const watched = form.watch("pools");
  const formRef = useRef<HTMLFormElement>(null);
  const autosave = useDraftAutosave({ formRef, validate: () => form.trigger(), enabled: hasExam });
  const error = useFieldErrors(form.formState.errors, autosave.serverErrors ?? actionData?.fieldErrors);
  const known = Object.keys(poolSizes);
  const dirty = hasExam ? autosave.dirty : form.formState.isDirty;
  return (
    <div className="space-y-4" data-hydrated={hydrated || undefined}>
      <VersionBanner version={version} />
      {actionData?.removed ? <FormAlert tone="success">{t("authoring.exam.removed")}</FormAlert> : null}
      {!hasExam ? (
        <p className="rounded-md border-l-4 border-brand-600 bg-brand-50 px-3 py-2 text-sm">
          {t("authoring.exam.none")}
        </p>
      ) : null}
      <Form
        ref={formRef}
        method="post"
        noValidate
        onChange={autosave.onChange}
        onSubmit={(event) => void form.handleSubmit(() => autosave.save())(event)}
        className="card space-y-4"
      >
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            label={t("authoring.field.titleVi")}
            registration={form.register("titleVi")}
            error={error("titleVi")}
          />
          <TextField
            label={t("authoring.field.titleEn")}
            registration={form.register("titleEn")}
            error={error("titleEn")}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <TextField
            label={t("authoring.exam.timeLimit")}
            inputMode="numeric"
            registration={form.register("timeLimitMinutes")}
            error={error("timeLimitMinutes")}
          />
          <TextField
            label={t("authoring.exam.passPercent")}
            inputMode="decimal"
            registration={form.register("passPercent")}
            error={error("passPercent")}
          />
          <TextField
            label={t("authoring.exam.maxAttempts")}
            hint={t("authoring.exam.maxAttemptsHint")}
            inputMode="numeric"
            registration={form.register("maxAttempts")}
            error={error("maxAttempts")}
          />
          <TextField
            label={t("authoring.exam.cooldown")}
            inputMode="numeric"
            registration={form.register("cooldownMinutes")}
            error={error("cooldownMinutes")}
          />
        </div>
        <SelectField
          label={t("authoring.exam.review")}
          registration={form.register("review")}
          error={error("review")}
          className="max-w-md"
        >
          {(["score", "answers", "full"] as const).map((r) => (
            <option key={r} value={r}>
              {t(`authoring.exam.review.${r}`)}
            </option>
          ))}
        </SelectField>
        <OfflineFlags form={form} slug={slug} allowed={values.allowOffline} />
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold">{t("authoring.exam.pools")}</legend>
          <p className="text-sm text-slate-600">{t("authoring.exam.poolsHint")}</p>
          <ListError error={error("pools")} />
          <datalist id="known-pools">
            {known.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          {pools.fields.map((field, i) => {
            const name = watched?.[i]?.pool ?? "";
            const size = poolSizes[name] ?? 0;
            return (
              <div key={field.id} className="flex flex-wrap items-start gap-2" data-testid={`pool-${i}`}>
                <div className="w-48">
                  <TextField
                    label={t("authoring.exam.pool", { number: i + 1 })}
                    list="known-pools"
                    registration={form.register(`pools.${i}.pool`)}
                    error={error(`pools.${i}.pool`)}
                  />
                </div>
                <div className="w-32">
                  <TextField
                    label={t("authoring.exam.draw")}
                    inputMode="numeric"
                    registration={form.register(`pools.${i}.draw`)}
                    error={error(`pools.${i}.draw`)}
                  />
                </div>
                <p className="self-end pb-2 text-sm text-slate-600">
                  {name ? t("authoring.exam.poolSize", { count: size }) : ""}
                </p>
                {hydrated ? (
                  <button
                    type="button"
                    className="btn-secondary self-end px-2 py-1 text-accent-600"
                    onClick={() => pools.remove(i)}
                    aria-label={t("authoring.exam.removePool", { number: i + 1 })}
                  >
                    ✕
                  </button>
                ) : null}
              </div>
            );
          })}
          {hydrated ? (
            <button
              type="button"
              className="btn-secondary"
              onClick={() => {
                // The new row goes before the trailing spare row, which must stay last to be ignored.
                const last = (watched ?? []).length - 1;
                const spare = last >= 0 && !watched?.[last]?.pool && !watched?.[last]?.draw;
                const row = { pool: known[0] ?? "default", draw: "1" };
                if (spare) pools.insert(last, row);
                else pools.append(row);
              }}
            >
              + {t("authoring.exam.addPool")}
            </button>
          ) : null}
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" name="intent" value="save" className="btn-primary">
            {hasExam ? t("authoring.save.button") : t("authoring.exam.create")}
          </button>
          <SaveIndicator
            state={autosave.state === "idle" && actionData?.ok && actionData.savedAt ? "saved" : autosave.state}
            savedAt={autosave.savedAt ?? actionData?.savedAt ?? null}
          />
        </div>
      </Form>
      {hasExam ? (
        <Form
          method="post"
          onSubmit={(event) => {
            if (!window.confirm(t("authoring.exam.removeConfirm"))) event.preventDefault();
          }}
        >
          <button type="submit" name="intent" value="remove" className="btn-secondary text-accent-600">
            {t("authoring.exam.remove")}
          </button>
        </Form>
      ) : null}
      <UnsavedChangesGuard when={hydrated && dirty} />
    </div>
  );
}

/** "Cho phép làm offline": meant for practice, said so, with the review of offline attempts one link away. */
function OfflineFlags({ form, slug, allowed }: { form: UseFormReturn<Values>; slug: string; allowed: boolean }) {
  const { t } = useT();
  return (
    <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">{t("practice.editor.legend")}</legend>
      <p className="text-sm text-slate-600" id="offline-hint">
        {t("practice.editor.hint")}
      </p>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          className="h-4 w-4 accent-brand-700"
          aria-describedby="offline-hint"
          {...form.register("allowOffline")}
        />
        {t("practice.editor.allow")}
      </label>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" className="h-4 w-4 accent-brand-700" {...form.register("offlineCountsForCertificate")} />
        {t("practice.editor.counts")}
      </label>
      {allowed ? (
        <p className="text-sm">
          <Link to={`/author/courses/${slug}/offline-attempts`} className="link">
            {t("practice.editor.review")}
          </Link>
        </p>
      ) : null}
    </fieldset>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

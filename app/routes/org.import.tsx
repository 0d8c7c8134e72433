import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { GeneralErrorBoundary } from "~/components/error-page";
import { FormAlert } from "~/components/forms";
import { clientIp, invariantResponse } from "~/lib/http.server";
import { useT } from "~/lib/i18n/use-t";
import { dryRunImport, importOfficials, type ImportPhase, type ImportReport } from "~/lib/organizations/import.server";
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS } from "~/lib/organizations/officials-csv.server";
import { importActionSchema } from "~/lib/organizations/organizations.schema";
import { listUnitChoices } from "~/lib/organizations/organizations.server";
import { requireOrgAdmin } from "~/lib/organizations/scope.server";
import { parseIntentForm, readFormData } from "~/lib/forms.server";
import { pageTitle } from "~/lib/i18n/titles";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "title.org.import");

// Only the first issues are listed on the page; the count says how many there are in all.
const SHOWN_ISSUES = 500;

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrgAdmin(request);
  const units = await listUnitChoices(scope, 8);
  return {
    columns: IMPORT_COLUMNS,
    maxRows: MAX_IMPORT_ROWS,
    exampleUnit: units.find((unit) => unit.depth > 0)?.code ?? units[0]?.code ?? "TN-01",
  };
}

type Report = Omit<ImportReport, "issues"> & { issues: ImportReport["issues"]; issueCount: number };
type ActionData = {
  kind: "dryRun" | "import";
  report: Report | null;
  payload: string | null;
  fileName: string;
  error?: string;
};

function trimmed(report: ImportReport): Report {
  return { ...report, issues: report.issues.slice(0, SHOWN_ISSUES), issueCount: report.issues.length };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await requireOrgAdmin(request);
  const formData = await readFormData(request);
  const parsed = parseIntentForm(formData, importActionSchema);
  // Both forms are the page's own hidden fields: a post they fail is not one of its forms.
  invariantResponse(parsed.ok, "Bad request");
  const input = parsed.data;
  if (input.intent === "dryRun") {
    const file = formData.get("file");
    if (!(file instanceof Blob) || file.size === 0) {
      return data<ActionData>(
        { kind: "dryRun", report: null, payload: null, fileName: "", error: "org.import.noFile" },
        { status: 400 },
      );
    }
    const fileName = "name" in file && typeof file.name === "string" ? file.name : "";
    const { text, ...report } = await dryRunImport(scope, new Uint8Array(await file.arrayBuffer()), fileName);
    return data<ActionData>(
      { kind: "dryRun", report: trimmed(report), payload: report.ok ? text : null, fileName },
      { status: report.ok ? 200 : 400 },
    );
  }
  // Without JavaScript the import runs here; with it, the page posts to /org/import/run for a progress bar.
  const report = await importOfficials(user, scope, input.payload, { ip: clientIp(request) });
  return data<ActionData>(
    { kind: "import", report: trimmed(report), payload: null, fileName: input.fileName },
    { status: report.ok ? 200 : 400 },
  );
}

type Progress = { phase: ImportPhase; done: number; total: number };

function IssueTable({ report }: { report: Report }) {
  const { t } = useT();
  return (
    <div className="space-y-2">
      <FormAlert>{t("org.import.hasIssues", { count: report.issueCount })}</FormAlert>
      <div className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" data-testid="import-issues">
          <caption className="sr-only">{t("org.import.issuesCaption")}</caption>
          <thead className="sticky top-0 bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("org.import.col.row")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("org.import.col.column")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("org.import.col.problem")}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.issues.map((issue, index) => (
              <tr key={index} className="border-t border-slate-200">
                <td className="px-3 py-2 font-mono">{issue.row}</td>
                <td className="px-3 py-2 font-mono">{issue.column ?? "—"}</td>
                <td className="px-3 py-2">
                  {t(`org.import.issue.${issue.code}`, { value: issue.value ?? "", other: issue.otherRow ?? "" })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.issueCount > report.issues.length ? (
        <p className="text-sm text-slate-600">
          {t("org.import.moreIssues", { count: report.issueCount - report.issues.length })}
        </p>
      ) : null}
    </div>
  );
}

function Summary({ report, done }: { report: Report; done: boolean }) {
  const { t } = useT();
  const items = [
    ["org.import.sum.rows", report.rows],
    ["org.import.sum.newUsers", report.newUsers],
    ["org.import.sum.existingUsers", report.existingUsers],
    ["org.import.sum.newMemberships", report.newMemberships],
    ["org.import.sum.changedMemberships", report.changedMemberships],
    ["org.import.sum.unchangedMemberships", report.unchangedMemberships],
    ...(done ? [["org.import.sum.invitations", report.invitationsQueued] as const] : []),
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="import-summary">
      {items.map(([key, value]) => (
        <div key={key} className="rounded-md bg-slate-100 px-3 py-2">
          <dt className="text-slate-600">{t(key)}</dt>
          <dd className="text-lg font-semibold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function ImportPage() {
  const { t } = useT();
  const { columns, maxRows, exampleUnit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [progress, setProgress] = useState<Progress | null>(null);
  const [streamed, setStreamed] = useState<{ payload: string; report: Report | null; failed: boolean } | null>(null);
  const dryRun = actionData?.kind === "dryRun" ? actionData : null;
  const imported = streamed?.report ?? (actionData?.kind === "import" ? actionData.report : null);
  const importDone = Boolean(imported?.imported && (!streamed || streamed.payload === dryRun?.payload));

  const onImport = async (event: FormEvent<HTMLFormElement>) => {
    if (typeof window.ReadableStream === "undefined") return;
    event.preventDefault();
    const payload = dryRun?.payload ?? "";
    setStreamed(null);
    setProgress({ phase: "checking", done: 0, total: 1 });
    let report: Report | null = null;
    let failed = false;
    try {
      const response = await fetch("/org/import/run", {
        method: "POST",
        body: new FormData(event.currentTarget),
        credentials: "same-origin",
      });
      if (!response.ok || !response.body) throw new Error(String(response.status));
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const message = JSON.parse(line) as
            ({ type: "progress" } & Progress) | { type: "result"; report: ImportReport } | { type: "error" };
          if (message.type === "progress")
            setProgress({ phase: message.phase, done: message.done, total: message.total });
          else if (message.type === "result") report = trimmed(message.report);
          else failed = true;
        }
      }
    } catch {
      failed = true;
    }
    setProgress(null);
    setStreamed({ payload, report, failed: failed || !report });
  };

  return (
    <section className="space-y-5" aria-labelledby="import-heading">
      <h2 id="import-heading" className="text-xl font-semibold">
        {t("org.import.title")}
      </h2>
      <div className="card space-y-2 text-sm text-slate-700">
        <p>{t("org.import.lead", { max: maxRows.toLocaleString("vi-VN") })}</p>
        <p>
          {t("org.import.columns")} <code className="rounded bg-slate-100 px-1">{columns.join(",")}</code>
        </p>
        <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs">
          {`${columns.join(",")}\nnguyen.van.an@example.gov.vn,Nguyễn Văn An,${exampleUnit},cán bộ một cửa`}
        </pre>
        <p>{t("org.import.encodings")}</p>
        <p>{t("org.import.excel")}</p>
      </div>

      <Form
        method="post"
        encType="multipart/form-data"
        className="card flex flex-wrap items-end gap-3"
        onSubmit={() => setStreamed(null)}
      >
        <input type="hidden" name="intent" value="dryRun" />
        <div className="min-w-0 flex-1 space-y-1">
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
            {t("org.import.file")}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv,text/plain,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            className="input"
          />
        </div>
        <button type="submit" className="btn-primary" disabled={busy || progress !== null}>
          {t("org.import.dryRun")}
        </button>
      </Form>

      {dryRun?.error ? <FormAlert>{t(dryRun.error)}</FormAlert> : null}

      {dryRun?.report && !importDone ? (
        <div className="space-y-3" aria-live="polite">
          <h3 className="text-lg font-semibold">{t("org.import.dryRunResult", { file: dryRun.fileName })}</h3>
          {dryRun.report.encoding ? (
            <p className="text-sm text-slate-600">{t("org.import.encoding", { encoding: dryRun.report.encoding })}</p>
          ) : null}
          {dryRun.report.format === "xlsx" ? (
            <p className="text-sm text-slate-600">{t("org.import.readXlsx")}</p>
          ) : null}
          {dryRun.report.ok ? (
            <>
              <FormAlert tone="info">{t("org.import.ready", { count: dryRun.report.rows })}</FormAlert>
              <Summary report={dryRun.report} done={false} />
              <Form method="post" onSubmit={onImport} className="flex flex-wrap items-center gap-3">
                <input type="hidden" name="intent" value="import" />
                <input type="hidden" name="fileName" value={dryRun.fileName} />
                <input type="hidden" name="payload" value={dryRun.payload ?? ""} />
                <button type="submit" className="btn-primary" disabled={busy || progress !== null}>
                  {t("org.import.run", { count: dryRun.report.rows })}
                </button>
              </Form>
            </>
          ) : (
            <IssueTable report={dryRun.report} />
          )}
        </div>
      ) : null}

      {progress ? (
        <div className="card space-y-2" role="status" aria-live="polite">
          <p className="text-sm font-medium">
            {t(`org.import.phase.${progress.phase}`, { done: progress.done, total: progress.total })}
          </p>
          <progress
            className="h-3 w-full"
            max={Math.max(1, progress.total)}
            value={progress.done}
            aria-label={t("org.import.progress")}
          />
        </div>
      ) : null}

      {streamed?.failed ? <FormAlert>{t("org.import.failed")}</FormAlert> : null}
      {imported && !imported.imported && imported.conflict ? <FormAlert>{t("org.import.conflict")}</FormAlert> : null}
      {imported && !imported.imported && !imported.conflict && imported.issueCount > 0 ? (
        <IssueTable report={imported} />
      ) : null}
      {imported?.imported ? (
        <div className="space-y-3" aria-live="polite">
          <FormAlert tone="success">{t("org.import.done", { count: imported.rows })}</FormAlert>
          <Summary report={imported} done />
          {imported.invitationsQueued > 0 ? (
            <FormAlert tone="info">
              {t("org.import.invitationsQueued", { count: imported.invitationsQueued })}
            </FormAlert>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

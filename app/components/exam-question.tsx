import type { ReactNode } from "react";
import { choosePosition, type UiValue } from "~/lib/exams/answer-ui";
import { fieldName } from "~/lib/exams/exams.schema";
import type { QuestionType } from "~/lib/exams/question";
import { useT } from "~/lib/i18n/use-t";

export type ExamQuestionView = {
  key: string;
  type: QuestionType;
  points: number;
  promptHtml: string;
  options?: { id: string; text: string }[];
  left?: { id: string; text: string }[];
  right?: { id: string; text: string }[];
  items?: { id: string; text: string }[];
};

type SaveStatus = "saving" | "saved" | "retrying" | "invalid";

type Props = {
  q: ExamQuestionView;
  index: number;
  value: UiValue;
  /** "now" for a click or a choice; "typing" for text, which is saved after a pause or on blur. */
  onChange: (value: UiValue, when: "now" | "typing") => void;
  onBlur: () => void;
  /** Shown once JavaScript runs; without it the form's buttons save. */
  status?: SaveStatus | "unanswered";
  error?: string;
};

const statusStyles: Record<SaveStatus | "unanswered", string> = {
  saved: "text-green-800",
  saving: "text-slate-600",
  retrying: "text-amber-800",
  invalid: "text-red-800",
  unanswered: "text-slate-500",
};
const statusIcons: Record<SaveStatus | "unanswered", string> = {
  saved: "✓",
  saving: "…",
  retrying: "↻",
  invalid: "!",
  unanswered: "○",
};

function Choice({ children, ...input }: { children: ReactNode } & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
      <input className="mt-1 h-4 w-4 shrink-0 accent-brand-700" {...input} />
      <span>{children}</span>
    </label>
  );
}

/** One question of an attempt: a fieldset whose inputs post as part of the whole-page form. */
export function ExamQuestion({ q, index, value, onChange, onBlur, status, error }: Props) {
  const { t, number } = useT();
  const base = `q-${index + 1}`;
  const promptId = `${base}-prompt`;
  const hintId = `${base}-hint`;
  const errorId = `${base}-error`;
  const hint =
    q.type === "multiple"
      ? t("exams.answer.multipleHint")
      : q.type === "matching"
        ? t("exams.answer.matchHint")
        : q.type === "ordering"
          ? t("exams.answer.orderHint")
          : q.type === "numeric"
            ? t("exams.answer.numberHint")
            : null;
  const describedBy = [promptId, hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  const name = fieldName(q.key);
  const text = typeof value === "string" ? value : "";
  const list = Array.isArray(value) ? value : [];
  const map = typeof value === "object" && !Array.isArray(value) ? value : {};

  let inputs: ReactNode;
  switch (q.type) {
    case "single":
      inputs = (q.options ?? []).map((option) => (
        <Choice
          key={option.id}
          type="radio"
          name={name}
          value={option.id}
          checked={text === option.id}
          onChange={() => onChange(option.id, "now")}
        >
          {option.text}
        </Choice>
      ));
      break;
    case "multiple":
      inputs = (q.options ?? []).map((option) => (
        <Choice
          key={option.id}
          type="checkbox"
          name={name}
          value={option.id}
          checked={list.includes(option.id)}
          onChange={(event) =>
            onChange(event.currentTarget.checked ? [...list, option.id] : list.filter((id) => id !== option.id), "now")
          }
        >
          {option.text}
        </Choice>
      ));
      break;
    case "truefalse":
      inputs = (["true", "false"] as const).map((choice) => (
        <Choice
          key={choice}
          type="radio"
          name={name}
          value={choice}
          checked={text === choice}
          onChange={() => onChange(choice, "now")}
        >
          {t(`exams.answer.${choice}`)}
        </Choice>
      ));
      break;
    case "short":
    case "numeric":
      inputs = (
        <div className="space-y-1">
          <label htmlFor={`${base}-input`} className="block text-sm font-medium">
            {t("exams.answer.yours")}
          </label>
          <input
            id={`${base}-input`}
            name={name}
            type="text"
            inputMode={q.type === "numeric" ? "decimal" : undefined}
            autoComplete="off"
            spellCheck={false}
            maxLength={q.type === "numeric" ? 100 : 1000}
            className="input max-w-md"
            value={text}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            onChange={(event) => onChange(event.currentTarget.value, "typing")}
            onBlur={onBlur}
          />
        </div>
      );
      break;
    case "matching":
      inputs = (q.left ?? []).map((left) => {
        const id = `${base}-${left.id}`;
        return (
          <div
            key={left.id}
            className="grid gap-1 rounded-md border border-slate-200 px-3 py-2 sm:grid-cols-2 sm:items-center sm:gap-3"
          >
            <label htmlFor={id} className="text-sm">
              {left.text}
            </label>
            <select
              id={id}
              name={fieldName(q.key, left.id)}
              className="input"
              value={map[left.id] ?? ""}
              onChange={(event) => onChange({ ...map, [left.id]: event.currentTarget.value }, "now")}
            >
              <option value="">{t("exams.answer.choose")}</option>
              {(q.right ?? []).map((right) => (
                <option key={right.id} value={right.id}>
                  {right.text}
                </option>
              ))}
            </select>
          </div>
        );
      });
      break;
    case "ordering": {
      const items = q.items ?? [];
      inputs = items.map((item) => {
        const id = `${base}-${item.id}`;
        return (
          <div key={item.id} className="flex items-center gap-3 rounded-md border border-slate-200 px-3 py-2">
            <select
              id={id}
              name={fieldName(q.key, item.id)}
              className="input w-auto shrink-0"
              value={map[item.id] ?? ""}
              aria-invalid={error ? true : undefined}
              onChange={(event) => onChange(choosePosition(map, item.id, event.currentTarget.value), "now")}
            >
              <option value="">{t("exams.answer.choose")}</option>
              {items.map((_, position) => (
                <option key={position} value={String(position + 1)}>
                  {t("exams.answer.position", { number: position + 1 })}
                </option>
              ))}
            </select>
            <label htmlFor={id} className="text-sm">
              {item.text}
            </label>
          </div>
        );
      });
      break;
    }
  }

  return (
    <fieldset className="card space-y-3" aria-describedby={describedBy} id={base}>
      <legend className="sr-only">
        {t("exams.attempt.question", { number: index + 1 })} · {t("exams.attempt.points", { points: number(q.points) })}
      </legend>
      <div className="flex flex-wrap items-baseline justify-between gap-2" aria-hidden="true">
        <span className="font-semibold text-brand-800">{t("exams.attempt.question", { number: index + 1 })}</span>
        <span className="text-sm text-slate-600">{t("exams.attempt.points", { points: number(q.points) })}</span>
      </div>
      <div id={promptId} className="prose-lesson -my-3" dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="space-y-2">{inputs}</div>
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-800">
          {t(error)}
        </p>
      ) : null}
      {status ? (
        <p className={`text-sm ${statusStyles[status]}`} data-save-status={status}>
          <span aria-hidden="true">{statusIcons[status]}</span> <span>{t(`exams.attempt.status.${status}`)}</span>
        </p>
      ) : null}
    </fieldset>
  );
}

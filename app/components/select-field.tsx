import { useId, type ReactNode } from "react";
import { useT } from "~/lib/i18n/use-t";

/**
 * A labelled <select> with its error tied to it (aria-invalid, aria-describedby), for forms
 * and GET filter bars alike. `registration` comes from react-hook-form where the form uses it.
 */
export function SelectField({
  label,
  name,
  id,
  error,
  children,
  registration,
  defaultValue,
}: {
  label: string;
  name: string;
  id?: string;
  error?: string;
  children: ReactNode;
  registration?: Record<string, unknown>;
  defaultValue?: string;
}) {
  const { t } = useT();
  const generatedId = useId();
  const selectId = id ?? generatedId;
  return (
    <div className="space-y-1">
      <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={selectId}
        name={name}
        className="input"
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${selectId}-error` : undefined}
        {...registration}
      >
        {children}
      </select>
      {error ? (
        <p id={`${selectId}-error`} className="text-sm font-medium text-accent-600">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

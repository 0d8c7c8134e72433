import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useEffect, useId, type FormEvent, type InputHTMLAttributes } from "react";
import { useForm, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { useT } from "~/lib/i18n/use-t";

// In its own module so that pages without a form library (the lesson page) can show an alert.
export { FormAlert } from "./form-alert";

export type ActionResult = {
  ok: boolean;
  fieldErrors?: Partial<Record<string, string>>;
  values?: Record<string, unknown>;
  formError?: string;
};

/**
 * react-hook-form + the shared zod schema, enhancing a Remix <Form>: with JavaScript the form
 * is validated before it is sent; without it the browser posts and the action validates with
 * the same schema. Server errors (400) are shown on the same fields.
 */
export function useZodForm<Schema extends z.ZodTypeAny>(
  schema: Schema,
  actionData: ActionResult | undefined,
  defaultValues?: Partial<z.input<Schema>>,
) {
  type Values = z.input<Schema> & FieldValues;
  const submit = useSubmit();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: { ...(defaultValues ?? {}), ...(actionData?.values ?? {}) } as never,
  });
  const { setError, setValue, getValues } = form;
  useEffect(() => {
    if (!actionData) return;
    // After a refused submission the password fields start empty again, as they do without JS.
    for (const name of Object.keys(getValues() ?? {})) {
      if (/password/i.test(name)) setValue(name as Path<Values>, "" as never);
    }
    for (const [name, message] of Object.entries(actionData.fieldErrors ?? {})) {
      if (message) setError(name as Path<Values>, { type: "server", message });
    }
  }, [actionData, setError, setValue, getValues]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() =>
      submit(submitter ?? formElement, { method: "post", action: formElement.getAttribute("action") ?? undefined }),
    )(event);
  };
  const initial = { ...(defaultValues ?? {}), ...(actionData?.values ?? {}) } as Record<string, unknown>;
  /** Everything a TextField needs: the registration, the value to render without JS, the error. */
  const field = (name: Path<Values>) => {
    const clientMessage = form.formState.errors[name]?.message;
    const value = initial[name];
    return {
      registration: form.register(name),
      defaultValue: typeof value === "string" && !/password/i.test(name) ? value : undefined,
      error: typeof clientMessage === "string" ? clientMessage : actionData?.fieldErrors?.[name],
    };
  };
  return { ...form, onSubmit, field } as UseFormReturn<Values> & { onSubmit: typeof onSubmit; field: typeof field };
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  error?: string;
  hint?: string;
  registration?: Record<string, unknown>;
  field?: { registration: Record<string, unknown>; defaultValue?: string; error?: string };
};

/** A labelled input with its error tied to it (aria-invalid, aria-describedby). */
export function TextField({ label, hint, field, id, ...rest }: FieldProps) {
  const { error = field?.error, registration = field?.registration, ...inputProps } = rest;
  if (field?.defaultValue !== undefined && inputProps.defaultValue === undefined)
    inputProps.defaultValue = field.defaultValue;
  const { t } = useT();
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const errorId = `${inputId}-error`;
  const hintId = `${inputId}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={inputId}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...inputProps}
        {...registration}
      />
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-accent-600">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

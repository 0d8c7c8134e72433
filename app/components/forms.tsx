import { zodResolver } from "@hookform/resolvers/zod";
import type { SerializeFrom } from "@remix-run/node";
import { useActionData, useSubmit } from "@remix-run/react";
import { useEffect, useId, type FormEvent, type InputHTMLAttributes } from "react";
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type Resolver,
  type UseFormRegisterReturn,
  type UseFormReturn,
} from "react-hook-form";
import type { z } from "zod";
import { useT } from "~/lib/i18n/use-t";

// In its own module so that pages without a form library (the lesson page) can show an alert.
export { FormAlert } from "./form-alert";

/** What a form needs from its action's answer: the echoed values and the message per field. */
export type ActionResult = {
  ok?: boolean;
  fieldErrors?: Partial<Record<string, string>>;
  values?: Record<string, unknown>;
  formError?: string;
};

type KeysOf<Union> = Union extends unknown ? keyof Union : never;
type ValueAt<Union, Key extends PropertyKey> = Union extends unknown
  ? Key extends keyof Union
    ? Union[Key]
    : never
  : never;
/** An action's answers (a union, one member per `return`) as one object: every key, optional. */
export type ActionData<Union> = { [Key in KeysOf<Union>]?: ValueAt<Union, Key> };

/**
 * `useActionData` for an action that answers in several shapes (refused, saved, removed…): the
 * page reads `result?.savedAt` or `result?.fieldErrors` without narrowing first or casting.
 */
export function useActionResult<Action>(): ActionData<SerializeFrom<Action>> | undefined {
  // A widening, sound for every union (each member has a subset of the keys); TypeScript only
  // cannot prove it for a generic `Action`, so it is stated once here instead of in each route.
  return useActionData<Action>() as ActionData<SerializeFrom<Action>> | undefined;
}

/**
 * What a form's inputs hold. The schemas preprocess what was posted, so their zod input is mostly
 * `unknown`; a form whose code reads its values (watch, field arrays) names them instead.
 */
type FormValuesOf<Schema extends z.ZodTypeAny> = z.input<Schema> & FieldValues;

/** A typed form bound to one zod schema: react-hook-form's API plus the submit handler and `field`. */
export type ZodForm<Values extends FieldValues> = UseFormReturn<Values> & {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** Everything a TextField needs: the registration, the value to render without JS, the error. */
  field: (name: Path<Values>) => FieldBinding;
};

/** One field of a form: its registration, the value to render without JS, its error. */
export type FieldBinding = {
  registration: UseFormRegisterReturn;
  defaultValue: string | undefined;
  error: string | undefined;
};

const SECRET = /password/i;

/**
 * The schema validates what the inputs hold, as the action validates what is posted; the client
 * never uses the parsed output (the browser posts the form itself), so the resolver answers in
 * the form's own value type.
 */
function resolverFor<Values extends FieldValues>(schema: z.ZodTypeAny): Resolver<Values> {
  const resolve = zodResolver(schema);
  return (values, context, options) => resolve(values, context, options);
}

/** The values the form starts with: its defaults, then what the server echoed back after a refusal. */
function startingValues<Values extends FieldValues>(
  defaults: DefaultValues<Values> | undefined,
  echoed: Record<string, unknown> | undefined,
): DefaultValues<Values> | undefined {
  if (!echoed) return defaults;
  return Object.assign({}, defaults, echoed);
}

/**
 * react-hook-form + the shared zod schema, enhancing a Remix <Form>: with JavaScript the form
 * is validated before it is sent; without it the browser posts and the action validates with
 * the same schema. Server errors (400) are shown on the same fields. `Values` defaults to the
 * schema's input; forms with nested values pass theirs (`useZodForm<typeof s, QuestionFormValues>`).
 */
export function useZodForm<Schema extends z.ZodTypeAny, Values extends FieldValues = FormValuesOf<Schema>>(
  schema: Schema,
  actionData: ActionResult | undefined,
  defaultValues?: NoInfer<DefaultValues<Values>>,
): ZodForm<Values> {
  const submit = useSubmit();
  const initial = startingValues<Values>(defaultValues, actionData?.values);
  const form = useForm<Values>({ resolver: resolverFor<Values>(schema), mode: "onTouched", defaultValues: initial });
  const { setError, resetField, getValues } = form;
  useEffect(() => {
    if (!actionData) return;
    // After a refused submission the password fields start empty again, as they do without JS
    // (they are never among the defaults or the echoed values, so a reset empties them).
    for (const name of Object.keys(getValues() ?? {})) {
      if (SECRET.test(name)) resetField(name as Path<Values>);
    }
    for (const [name, message] of Object.entries(actionData.fieldErrors ?? {})) {
      if (message) setError(name as Path<Values>, { type: "server", message });
    }
  }, [actionData, setError, resetField, getValues]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() =>
      submit(submitter ?? formElement, { method: "post", action: formElement.getAttribute("action") ?? undefined }),
    )(event);
  };
  const echoed: Record<string, unknown> = { ...initial };
  const field = (name: Path<Values>) => {
    const clientMessage = form.formState.errors[name]?.message;
    const value = echoed[name];
    return {
      registration: form.register(name),
      defaultValue: typeof value === "string" && !SECRET.test(name) ? value : undefined,
      error: typeof clientMessage === "string" ? clientMessage : actionData?.fieldErrors?.[name],
    };
  };
  return { ...form, onSubmit, field };
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  error?: string;
  hint?: string;
  registration?: UseFormRegisterReturn;
  field?: { registration: UseFormRegisterReturn; defaultValue?: string; error?: string };
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

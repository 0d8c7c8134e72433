import { TextField, type FieldBinding } from "~/components/forms";
import { useT } from "~/lib/i18n/use-t";

/** What these blocks need from a form: `form.field` of a schema that has the fields they render. */
type FieldsOf<Name extends string> = { field: (name: Name) => FieldBinding };

/**
 * The new password and its confirmation, with the strength hint: the fields of the shared zod
 * piece (`withNewPassword` in accounts.schema.ts) on the activation, reset and account pages.
 */
export function NewPasswordFields({ form }: { form: FieldsOf<"password" | "confirmPassword"> }) {
  const { t } = useT();
  return (
    <>
      <TextField
        label={t("form.newPassword")}
        type="password"
        autoComplete="new-password"
        required
        hint={t("form.passwordHint")}
        field={form.field("password")}
      />
      <TextField
        label={t("form.confirmPassword")}
        type="password"
        autoComplete="new-password"
        required
        field={form.field("confirmPassword")}
      />
    </>
  );
}

/** The email address a visitor types to log in or register. */
export function EmailField({ form }: { form: FieldsOf<"email"> }) {
  const { t } = useT();
  return (
    <TextField
      label={t("form.email")}
      type="email"
      autoComplete="email"
      inputMode="email"
      required
      field={form.field("email")}
    />
  );
}

/** A link between the login and register pages that keeps where the visitor was going. */
export function keepingRedirectTo(path: string, redirectTo: string): string {
  return redirectTo ? `${path}?redirectTo=${encodeURIComponent(redirectTo)}` : path;
}

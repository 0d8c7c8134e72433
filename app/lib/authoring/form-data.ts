/**
 * Form posts with nested field names (`options.0.text`, `pools.1.draw`) as the nested object
 * react-hook-form works with, so a schema validates the same shape with and without JavaScript.
 * Names listed in `lists` are checkbox groups: every value is kept, as an array.
 */
export function nestedFormData(formData: FormData, lists: string[] = []): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const name of new Set(formData.keys())) {
    if (lists.includes(name)) {
      root[name] = formData.getAll(name).filter((v): v is string => typeof v === "string");
      continue;
    }
    const value = formData.get(name);
    if (typeof value !== "string") continue;
    const parts = name.split(".");
    // Guard against prototype pollution through crafted field names.
    if (parts.some((p) => p === "__proto__" || p === "constructor" || p === "prototype" || p === "")) continue;
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const last = i === parts.length - 1;
      const index = /^\d{1,3}$/.test(part) ? Number(part) : null;
      const slot: string | number = index ?? part;
      if (Array.isArray(node) && index === null) break;
      if (last) {
        (node as Record<string | number, unknown>)[slot] = value;
        break;
      }
      const nextIsIndex = /^\d{1,3}$/.test(parts[i + 1]);
      let child = (node as Record<string | number, unknown>)[slot];
      if (child === undefined || typeof child !== "object" || child === null) {
        child = nextIsIndex ? [] : {};
        (node as Record<string | number, unknown>)[slot] = child;
      }
      node = child as Record<string, unknown> | unknown[];
    }
  }
  return root;
}

/** The first message per field ("pools.0.draw"), as field errors are returned by every form action. */
export function fieldErrorsOf(issues: { path: (string | number)[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.join(".") || "form";
    errors[field] ??= issue.message;
  }
  return errors;
}

type SafeParser<T> = {
  safeParse: (
    value: unknown,
  ) =>
    | { success: true; data: T }
    | { success: false; error: { issues: { path: (string | number)[]; message: string }[] } };
};

/** Validates a nested form post with the schema the browser used; echoes the values back on failure. */
export function parseNestedForm<T>(
  formData: FormData,
  schema: SafeParser<T>,
  lists: string[] = [],
):
  | { ok: true; data: T; values: Record<string, unknown> }
  | { ok: false; fieldErrors: Record<string, string>; values: Record<string, unknown> } {
  const values = nestedFormData(formData, lists);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  return { ok: false, fieldErrors: fieldErrorsOf(result.error.issues), values };
}

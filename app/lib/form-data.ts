/**
 * Form posts with nested field names (`options.0.text`, `pools.1.draw`) as the nested object
 * react-hook-form works with, so a schema validates the same shape with and without JavaScript.
 * Names listed in `lists` are checkbox groups: every value is kept, as an array. Any other name
 * posted twice keeps its last value (a hidden default followed by the checkbox that overrides it).
 * Plain names (`email`) are the flat case of the same rule, so every form is read this way.
 */
export function nestedFormData(formData: FormData, lists: string[] = []): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const name of new Set(formData.keys())) {
    if (lists.includes(name)) {
      root[name] = formData.getAll(name).filter((v): v is string => typeof v === "string");
      continue;
    }
    const value = formData.getAll(name).at(-1);
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

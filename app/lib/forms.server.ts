import type { z, ZodIssue } from "zod";
import { fieldErrorsOf, nestedFormData } from "~/lib/form-data";
import { invariantResponse } from "~/lib/http.server";

const SECRET_FIELDS = /password/i;

/** A posted text field's value; "" when it is absent or is a file. */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export type ParsedForm<T> =
  | { ok: true; data: T; values: Record<string, unknown> }
  | { ok: false; fieldErrors: Record<string, string>; values: Record<string, unknown> };

/**
 * The one parser of a posted form: validates it with the same zod schema the browser used, as
 * the nested object react-hook-form works with (`options.0.text`; `lists` name checkbox groups).
 * Values are echoed back so the form keeps what was typed — never a password.
 */
export function parseFormData<Output>(
  formData: FormData,
  schema: z.ZodType<Output, z.ZodTypeDef, unknown>,
  lists: string[] = [],
): ParsedForm<Output> {
  const raw = nestedFormData(formData, lists);
  const values = Object.fromEntries(Object.entries(raw).filter(([key]) => !SECRET_FIELDS.test(key)));
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data, values };
  return { ok: false, fieldErrors: fieldErrorsOf(result.error.issues), values };
}

type IntentUnion = z.ZodDiscriminatedUnion<"intent", z.ZodDiscriminatedUnionOption<"intent">[]>;
type IntentSchema = IntentUnion | z.ZodEffects<IntentUnion>;

/**
 * The one way a page with several forms (or several buttons) reads a post: the hidden `intent`
 * field picks the form's schema out of the page's discriminated union (in `<domain>.schema.ts`),
 * and that schema validates the whole form (then the union's own refinements, if it has any).
 * An intent no form of the page has is a 400.
 */
export function parseIntentForm<Schema extends IntentSchema>(
  formData: FormData,
  schema: Schema,
  lists: string[] = [],
): ParsedForm<z.output<Schema>> {
  const base: IntentSchema = schema;
  const union = "optionsMap" in base ? base : base.innerType();
  invariantResponse(union.optionsMap.has(formText(formData, "intent")), "Unknown action");
  return parseFormData<z.output<Schema>>(formData, schema, lists);
}

const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * The one way an action reads its form: any other content type (JSON, XML, none) is a 415, a
 * body that is not well-formed (a truncated multipart upload) a 400 — never a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  if (!FORM_TYPES.test(request.headers.get("Content-Type") ?? "")) {
    throw new Response(
      "Unsupported content type: send a form (application/x-www-form-urlencoded or multipart/form-data)",
      {
        status: 415,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      },
    );
  }
  try {
    return await request.formData();
  } catch {
    throw new Response("Malformed form body", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

export async function parseForm<Output>(request: Request, schema: z.ZodType<Output, z.ZodTypeDef, unknown>) {
  return parseFormData(await readFormData(request), schema);
}

/** An answer of the small JSON endpoints (fetch, sendBeacon): never cached. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}

/**
 * The one way a JSON endpoint reads its body: parsed with its schema. A refusal carries the 400
 * to return (malformed JSON, or the schema's issues) and the issues, for an endpoint that answers
 * some of them differently.
 */
export async function readJsonBody<Output>(
  request: Request,
  schema: z.ZodType<Output, z.ZodTypeDef, unknown>,
): Promise<{ ok: true; data: Output } | { ok: false; response: Response; issues: ZodIssue[] }> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return { ok: false, response: jsonResponse({ error: "invalid-json" }, 400), issues: [] };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues;
  const described = issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  return { ok: false, response: jsonResponse({ error: "invalid", issues: described }, 400), issues };
}

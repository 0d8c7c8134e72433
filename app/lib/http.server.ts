import { data } from "@remix-run/node";

/** Throws a Response when the condition is falsy (Epic Stack style guard). */
export function invariantResponse(condition: unknown, message: string, init?: ResponseInit): asserts condition {
  if (!condition) {
    throw new Response(message, {
      status: 400,
      ...init,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...init?.headers },
    });
  }
}

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

export function clientIp(request: Request): string {
  return request.headers.get("x-hocso-client-ip") ?? "unknown";
}

/** A 400 with field errors, in the shape every form route returns. */
export function invalidForm(
  errors: Partial<Record<string, string>>,
  values: Record<string, unknown> = {},
  formError?: string,
) {
  return data({ ok: false as const, fieldErrors: errors, values, formError }, { status: 400 });
}

/** A same-site path to return to after login; anything else falls back to "/". */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

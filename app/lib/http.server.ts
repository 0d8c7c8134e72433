import { data } from "@remix-run/node";
import { env } from "~/lib/env.server";

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

/**
 * A 200 for an accepted form, the counterpart of `invalidForm`: the same shape with `ok: true`,
 * plus what the page shows of the outcome (`extra`) and the values the form keeps (none by default).
 * A plain object, which Remix answers with a 200.
 */
export function formSuccess<Extra extends Record<string, unknown> = Record<never, never>>(
  extra: Extra = {} as Extra,
  values: Record<string, unknown> = {},
) {
  return { ok: true as const, fieldErrors: {}, values, ...extra };
}

/**
 * A path on this site to return to after login; anything else gives `fallback`. The value is
 * parsed as a URL against PUBLIC_URL, as a browser would, and kept only when it stays on that
 * origin: tabs and newlines (which browsers strip), backslashes (which they read as slashes),
 * encoded slashes and other schemes all fall back. Never throws.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/")) return fallback;
  // Control characters, backslashes and encoded slashes / backslashes / controls have no place in
  // one of our own paths; refusing them outright avoids any parser disagreement.
  const hasControlOrBackslash = [...to].some((char) => char.charCodeAt(0) < 0x20 || char === "\u007f" || char === "\\");
  if (hasControlOrBackslash || /%(2f|5c|0[0-9a-f]|1[0-9a-f]|7f)/i.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, `${env.publicUrl}/`);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(env.publicUrl).origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}

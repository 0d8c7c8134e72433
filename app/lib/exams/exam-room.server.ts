import type { ServerResponse } from "node:http";
import zlib from "node:zlib";
import { readHotSessionUser, type HotSessionUser } from "~/lib/accounts/session.server";
import { certificateSignpost } from "~/lib/credits/certificate-signpost.server";
import type { Locale } from "~/lib/i18n/i18n";
import { resolveLocaleFrom } from "~/lib/i18n/i18n.server";
import { logger } from "~/lib/logger.server";
import { type NodeRequest, readBody } from "~/lib/node-http.server";
import { getAttemptForLearner, getAttemptResult, saveAnswersFromForm, submitAttempt } from "./attempts.server";
import { clientScripts } from "./exam-room-client";
import { renderAttemptMain, renderErrorPage, renderResultMain, renderShell, type Shell } from "./exam-room-html.server";
import { attemptActionSchema, attemptIdSchema } from "./exams.schema";

// The exam room's pages — the attempt page, its whole-page form (save, submit) and the result
// page — mounted in Express before the Remix handler (app/server/main.ts), like the start and
// autosave endpoints. At a synchronised start every learner loads the attempt page within
// seconds, and at the deadline everybody submits and loads the result: Remix's per-request
// pipeline, React rendering and Prisma would cost several times the page itself. Here a page is
// the session lookup (one statement), the exam room's hot SQL, and strings assembled from
// cached fragments (exam-room-html.server.ts), gzipped at a low level. The pages are plain
// HTML forms that work without JavaScript; a small script (exam-room-client.ts) enhances them.

const MAX_FORM_BYTES = 256 * 1024;
// Level 1 costs a fraction of the default level and still shrinks this markup about sixfold.
const GZIP_LEVEL = 1;

type PageContext = {
  locale: Locale;
  localeCookie?: string;
  session: HotSessionUser | null;
  url: URL;
  requestId: string;
};

/** The request id app/server/main.ts gave this request (shown on the 500 page). */
function requestIdOf(res: ServerResponse): string {
  const id = (res as ServerResponse & { locals?: { requestId?: unknown } }).locals?.requestId;
  return typeof id === "string" ? id : "";
}

async function pageContext(req: NodeRequest, res: ServerResponse): Promise<PageContext> {
  const url = new URL(req.url ?? "/", "http://exam-room");
  const { locale, setCookie } = resolveLocaleFrom(url.searchParams, req.headers.cookie);
  return {
    locale,
    localeCookie: setCookie,
    session: await readHotSessionUser(req.headers.cookie),
    url,
    requestId: requestIdOf(res),
  };
}

function shellOf(context: PageContext, title: string): Shell {
  return {
    locale: context.locale,
    title,
    user: context.session,
    pathname: context.url.pathname,
    search: context.url.searchParams,
  };
}

function sendHtml(req: NodeRequest, res: ServerResponse, status: number, html: string, context: PageContext) {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  // An exam page must never come from a cache: its answers and remaining time change.
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Vary", "Accept-Encoding");
  if (context.localeCookie) res.setHeader("Set-Cookie", context.localeCookie);
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = gzip ? zlib.gzipSync(html, { level: GZIP_LEVEL }) : Buffer.from(html, "utf8");
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
}

function redirect(res: ServerResponse, location: string, context?: PageContext) {
  res.statusCode = 303;
  res.setHeader("Location", location);
  res.setHeader("Cache-Control", "no-store");
  if (context?.localeCookie) res.setHeader("Set-Cookie", context.localeCookie);
  res.setHeader("Content-Length", "0");
  res.end();
}

function toLogin(res: ServerResponse, context: PageContext) {
  redirect(res, `/login?redirectTo=${encodeURIComponent(`${context.url.pathname}${context.url.search}`)}`, context);
}

function errorPage(req: NodeRequest, res: ServerResponse, status: 403 | 404 | 500, context: PageContext) {
  sendHtml(req, res, status, renderErrorPage(shellOf(context, "HọcSố"), status, context.requestId), context);
}

function attemptIdOf(req: NodeRequest): string | null {
  const parsed = attemptIdSchema.safeParse(req.params?.attemptId ?? /^\/attempts\/([^/?]+)/.exec(req.url ?? "")?.[1]);
  return parsed.success ? parsed.data : null;
}

/** Runs a page handler; a failure is logged and answered with the app's 500 page. */
async function guarded(
  req: NodeRequest,
  res: ServerResponse,
  what: string,
  run: (context: PageContext, attemptId: string | null) => Promise<void>,
) {
  let context: PageContext | null = null;
  try {
    context = await pageContext(req, res);
    await run(context, attemptIdOf(req));
  } catch (error) {
    logger.error({ err: error, url: req.url }, `${what} failed`);
    if (res.headersSent) return;
    if (context) errorPage(req, res, 500, context);
    else {
      res.statusCode = 500;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("Server error");
    }
  }
}

async function renderAttempt(
  req: NodeRequest,
  res: ServerResponse,
  context: PageContext,
  attemptId: string,
  userId: string,
  view: { status: 200 | 400; savedAt: number | null; errors: Record<string, string> },
) {
  const result = await getAttemptForLearner(userId, attemptId, context.locale);
  if (!result.ok) {
    if (result.status === 409) return redirect(res, `/attempts/${attemptId}/result`, context);
    return errorPage(req, res, result.status, context);
  }
  const main = renderAttemptMain({
    attempt: result.value,
    locale: context.locale,
    savedAt: view.savedAt,
    errors: view.errors,
    scriptUrl: clientScripts().attempt.url,
  });
  sendHtml(req, res, view.status, renderShell(shellOf(context, `${result.value.examTitle} · HọcSố`), main), context);
}

/** `GET /attempts/:attemptId`: the open attempt (a closed one redirects to its result). */
export function handleAttemptPage(req: NodeRequest, res: ServerResponse): Promise<void> {
  return guarded(req, res, "the attempt page", async (context, attemptId) => {
    if (!context.session) return toLogin(res, context);
    if (!attemptId) return errorPage(req, res, 404, context);
    const saved = context.url.searchParams.get("saved");
    await renderAttempt(req, res, context, attemptId, context.session.userId, {
      status: 200,
      savedAt: saved && /^\d{1,15}$/.test(saved) ? Number(saved) : null,
      errors: {},
    });
  });
}

/**
 * `POST /attempts/:attemptId`: the whole-page form (`intent` save or submit; `fields=all` when
 * every answer is posted, so a missing field means "cleared"). Save: 303 back with the time;
 * a refused field: the page again with 400 and the field's message. Submit: 303 to the result.
 */
export function handleAttemptForm(req: NodeRequest, res: ServerResponse): Promise<void> {
  return guarded(req, res, "the attempt form", async (context, attemptId) => {
    const body = await readBody(req, MAX_FORM_BYTES);
    if (!context.session) return toLogin(res, context);
    if (!attemptId) return errorPage(req, res, 404, context);
    const form = new URLSearchParams(body ?? "");
    const parsed = attemptActionSchema.safeParse({
      intent: form.get("intent"),
      fields: form.get("fields") ?? undefined,
    });
    if (body === null || !parsed.success) {
      res.statusCode = body === null ? 413 : 400;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end(body === null ? "Request body too large" : "Bad request");
      return;
    }
    const { userId } = context.session;
    const resultUrl = `/attempts/${attemptId}/result`;
    let errors: Record<string, string> = {};
    if (parsed.data.fields === "all") {
      const saved = await saveAnswersFromForm(userId, attemptId, form);
      if (!saved.ok) {
        if (saved.status === 403 || saved.status === 404) return errorPage(req, res, saved.status, context);
        return redirect(res, resultUrl, context);
      }
      errors = saved.errors;
    }
    if (parsed.data.intent === "submit") {
      const submitted = await submitAttempt(userId, attemptId);
      if (!submitted.ok) return errorPage(req, res, submitted.status, context);
      return redirect(res, resultUrl, context);
    }
    if (Object.keys(errors).length > 0)
      return renderAttempt(req, res, context, attemptId, userId, { status: 400, savedAt: Date.now(), errors });
    redirect(res, `/attempts/${attemptId}?saved=${Date.now()}`, context);
  });
}

/** `GET /attempts/:attemptId/result`: the graded attempt as its review policy allows. */
export function handleResultPage(req: NodeRequest, res: ServerResponse): Promise<void> {
  return guarded(req, res, "the result page", async (context, attemptId) => {
    if (!context.session) return toLogin(res, context);
    if (!attemptId) return errorPage(req, res, 404, context);
    const { userId } = context.session;
    const result = await getAttemptResult(userId, attemptId, context.locale);
    if (!result.ok) {
      if (result.status === 409 && result.state === "open") return redirect(res, `/attempts/${attemptId}`, context);
      if (result.status === 409) {
        // Another request is writing the grade at this very moment.
        res.statusCode = 503;
        res.setHeader("Retry-After", "1");
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
        res.end("The result is being written");
        return;
      }
      return errorPage(req, res, result.status, context);
    }
    // After a pass the next step is the certificate (or what is still missing for it), not another attempt.
    const signpost = result.value.passed
      ? await certificateSignpost(userId, result.value.versionId, context.locale)
      : null;
    const main = renderResultMain(result.value, signpost, context.locale, clientScripts().result.url);
    sendHtml(req, res, 200, renderShell(shellOf(context, `${result.value.examTitle} · HọcSố`), main), context);
  });
}

/** `GET /exam-room/:file`: the pages' scripts, under fingerprinted names (cached for a year). */
export function handleExamRoomScript(req: NodeRequest, res: ServerResponse): boolean {
  const path = (req.url ?? "").split("?")[0];
  const script = Object.values(clientScripts()).find((candidate) => candidate.url === path);
  if (!script) return false;
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  res.statusCode = 200;
  res.setHeader("Content-Type", "text/javascript; charset=utf-8");
  res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
  res.setHeader("ETag", script.etag);
  res.setHeader("Vary", "Accept-Encoding");
  const body = gzip ? script.gzipped : Buffer.from(script.body, "utf8");
  if (gzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

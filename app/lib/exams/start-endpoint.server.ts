import type { ServerResponse } from "node:http";
import { readHotSession } from "~/lib/accounts/session.server";
import { logger } from "~/lib/logger.server";
import { type NodeRequest, readBody } from "~/lib/node-http.server";
import { startAttempt } from "./attempts.server";
import { examIntroActionSchema } from "./exams.schema";

// "Start the exam", mounted in Express before the Remix handler (app/server/main.ts): at a
// synchronised start thousands of learners press it within seconds, and the framework's work
// per request (route matching, the request object, the response pipeline) would cost more
// than the start itself. The start form posts here as a plain HTML form, with or without
// JavaScript. The one case this path answers itself is the usual one — a signed-in learner
// starts or resumes — with the redirect to the attempt; every other case is sent back to the
// exam page, whose loader explains it (enrol, attempts used up, cooldown), or to the login.
// This is the only start path of the web app: the exam page has no Remix action.

const MAX_BODY_BYTES = 1024;

function redirect(res: ServerResponse, status: 302 | 303, location: string) {
  res.statusCode = status;
  res.setHeader("Location", location);
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Length", "0");
  res.end();
}

function slugOf(req: NodeRequest): string | null {
  const raw = req.params?.slug ?? /^\/courses\/([^/?]+)\/exam/.exec(req.url ?? "")?.[1];
  return raw && /^[a-z0-9-]{1,120}$/.test(raw) ? raw : null;
}

/**
 * `POST /courses/:slug/exam` with the form field `intent=start`: 302 to `/attempts/<id>` when
 * the learner's attempt started (or was already open); 303 back to the exam page otherwise;
 * 400 for any other body. Always a plain redirect, so it works without JavaScript.
 */
export async function handleExamStart(req: NodeRequest, res: ServerResponse): Promise<void> {
  try {
    const slug = slugOf(req);
    const body = await readBody(req, MAX_BODY_BYTES);
    if (
      !slug ||
      body === null ||
      !examIntroActionSchema.safeParse({ intent: new URLSearchParams(body).get("intent") }).success
    ) {
      res.statusCode = 400;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("Bad request");
      return;
    }
    const examPage = `/courses/${slug}/exam`;
    const session = await readHotSession(req.headers.cookie);
    if (!session) return redirect(res, 303, `/login?redirectTo=${encodeURIComponent(examPage)}`);
    const result = await startAttempt(session.userId, slug);
    if (result.ok) return redirect(res, 302, `/attempts/${result.attemptId}`);
    redirect(res, 303, examPage);
  } catch (error) {
    logger.error({ err: error, url: req.url }, "starting an exam failed");
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("Server error");
    }
  }
}

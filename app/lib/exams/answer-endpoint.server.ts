import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "~/lib/logger.server";
import { canonicalAnswer, explainRefusal, sessionIdFromCookie, snapshotForSession, upsertAnswerForSession } from "./attempts.server";
import { answerSaveSchema, attemptIdSchema } from "./exams.schema";

// The autosave endpoint, mounted in Express before the Remix handler (app/server/main.ts):
// every answer of every learner comes through here, so it skips the framework and does one
// SQL statement per request — authentication, authorisation, deadline and upsert at once.
// Only when that statement writes nothing does a slower path work out which status to answer.

const MAX_BODY_BYTES = 32 * 1024;

type NodeRequest = IncomingMessage & { params?: Record<string, string | undefined> };

function send(res: ServerResponse, status: number, body: Record<string, unknown>) {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function attemptIdOf(req: NodeRequest): string | null {
  const fromRoute = req.params?.attemptId ?? /^\/api\/attempts\/([^/?]+)\/answers/.exec(req.url ?? "")?.[1];
  const parsed = attemptIdSchema.safeParse(fromRoute);
  return parsed.success ? parsed.data : null;
}

async function refuse(res: ServerResponse, attemptId: string, sessionId: string, fallback: { status: number; error: string }, now: Date) {
  const refusal = await explainRefusal(attemptId, sessionId, now);
  send(res, refusal?.status ?? fallback.status, { error: refusal?.error ?? fallback.error });
}

/**
 * `POST /api/attempts/:attemptId/answers` with JSON `{ questionKey, value }` (the learner's
 * public ids). 200 `{ saved, savedAt, serverNow }`; 400 malformed; 401 not signed in; 403 not
 * yours; 404 no such attempt; 409 already submitted; 410 past the deadline; 413 too large;
 * 422 not a possible answer to that question (e.g. a tampered option id).
 */
export async function handleAnswerSave(req: NodeRequest, res: ServerResponse): Promise<void> {
  try {
    const attemptId = attemptIdOf(req);
    const body = await readBody(req);
    if (!attemptId) return send(res, 404, { error: "not-found" });
    if (body === null) return send(res, 413, { error: "too-large" });
    const sessionId = sessionIdFromCookie(req.headers.cookie);
    if (!sessionId) return send(res, 401, { error: "unauthenticated" });
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return send(res, 400, { error: "invalid-json" });
    }
    const parsed = answerSaveSchema.safeParse(json);
    if (!parsed.success) return send(res, 400, { error: "invalid" });
    const now = new Date();
    const snapshot = await snapshotForSession(attemptId, sessionId);
    if (!snapshot) return refuse(res, attemptId, sessionId, { status: 404, error: "not-found" }, now);
    const question = snapshot.get(parsed.data.questionKey);
    const value = question ? canonicalAnswer(question, parsed.data.value) : null;
    // Refused answers still go through the ownership check first, so a stranger learns nothing
    // about someone else's attempt from a 422.
    if (value === null) return refuse(res, attemptId, sessionId, { status: 422, error: "invalid-answer" }, now);
    const saved = await upsertAnswerForSession(attemptId, sessionId, parsed.data.questionKey, JSON.stringify(value), now);
    if (!saved) return refuse(res, attemptId, sessionId, { status: 503, error: "retry" }, now);
    send(res, 200, { saved: true, savedAt: now.getTime(), serverNow: Date.now() });
  } catch (error) {
    logger.error({ err: error, url: req.url }, "answer save failed");
    if (!res.headersSent) send(res, 500, { error: "server" });
  }
}

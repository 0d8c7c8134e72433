import type { ServerResponse } from "node:http";
import { readHotSession } from "~/lib/accounts/session.server";
import { logger } from "~/lib/logger.server";
import { type NodeRequest, readBody, sendJson } from "~/lib/node-http.server";
import { canonicalAnswer, explainRefusal, snapshotForUser, storeAnswer } from "./attempts.server";
import { answerSaveSchema, attemptIdSchema } from "./exams.schema";

// The autosave endpoint, mounted in Express before the Remix handler (app/server/main.ts):
// every answer of every learner comes through here, so it skips the framework: the session
// lookup, then one upsert that checks ownership, state and deadline, committed together with
// the saves of other learners that arrived meanwhile (group commit). Only when the upsert writes
// nothing does a slower path work out which status to answer.

const MAX_BODY_BYTES = 32 * 1024;

function attemptIdOf(req: NodeRequest): string | null {
  const fromRoute = req.params?.attemptId ?? /^\/api\/attempts\/([^/?]+)\/answers/.exec(req.url ?? "")?.[1];
  const parsed = attemptIdSchema.safeParse(fromRoute);
  return parsed.success ? parsed.data : null;
}

async function refuse(
  res: ServerResponse,
  attemptId: string,
  userId: string,
  fallback: { status: number; error: string },
  now: Date,
  answeredAt?: number,
) {
  const refusal = await explainRefusal(attemptId, userId, now, answeredAt);
  sendJson(res, refusal?.status ?? fallback.status, { error: refusal?.error ?? fallback.error });
}

/**
 * `POST /api/attempts/:attemptId/answers` with JSON `{ questionKey, value, answeredAt? }` (the
 * learner's public ids; `answeredAt` the device's stamp, see storeAnswer). 200 `{ saved,
 * savedAt, serverNow }`; 400 malformed; 401 not signed in; 403 not yours; 404 no such attempt;
 * 409 already submitted; 410 past the deadline (or "answered-after-deadline"); 413 too large;
 * 422 not a possible answer to that question (e.g. a tampered option id).
 */
export async function handleAnswerSave(req: NodeRequest, res: ServerResponse): Promise<void> {
  try {
    const attemptId = attemptIdOf(req);
    const body = await readBody(req, MAX_BODY_BYTES);
    if (!attemptId) return sendJson(res, 404, { error: "not-found" });
    if (body === null) return sendJson(res, 413, { error: "too-large" });
    const session = await readHotSession(req.headers.cookie);
    if (!session) return sendJson(res, 401, { error: "unauthenticated" });
    const { userId } = session;
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return sendJson(res, 400, { error: "invalid-json" });
    }
    const parsed = answerSaveSchema.safeParse(json);
    if (!parsed.success) return sendJson(res, 400, { error: "invalid" });
    const now = new Date();
    const snapshot = await snapshotForUser(attemptId, userId);
    if (!snapshot) return refuse(res, attemptId, userId, { status: 404, error: "not-found" }, now);
    const question = snapshot.get(parsed.data.questionKey);
    const value = question ? canonicalAnswer(question, parsed.data.value) : null;
    // Refused answers still go through the ownership check first, so a stranger learns nothing
    // about someone else's attempt from a 422.
    if (value === null) return refuse(res, attemptId, userId, { status: 422, error: "invalid-answer" }, now);
    const { answeredAt } = parsed.data;
    const saved = await storeAnswer(attemptId, userId, parsed.data.questionKey, JSON.stringify(value), now, answeredAt);
    if (!saved) return refuse(res, attemptId, userId, { status: 503, error: "retry" }, now, answeredAt);
    sendJson(res, 200, { saved: true, savedAt: now.getTime(), serverNow: Date.now() });
  } catch (error) {
    logger.error({ err: error, url: req.url }, "answer save failed");
    if (!res.headersSent) sendJson(res, 500, { error: "server" });
  }
}

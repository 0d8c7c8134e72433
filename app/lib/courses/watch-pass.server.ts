import crypto from "node:crypto";
import { env } from "~/lib/env.server";

// A "watch pass" is the server's signed note of when it served a video lesson to a learner. The
// no-JavaScript "I have watched it" form carries it back, so the server can tell how much time
// has really passed without storing anything when the page is served.

function mac(userId: string, lessonId: string, servedAtMs: number): string {
  return crypto
    .createHmac("sha256", env.sessionSecret || "hocso-development-secret")
    .update(`watch-pass\n${userId}\n${lessonId}\n${servedAtMs}`)
    .digest("base64url");
}

export function issueWatchPass(userId: string, lessonId: string, now = new Date()): string {
  const servedAtMs = now.getTime();
  return `${servedAtMs}.${mac(userId, lessonId, servedAtMs)}`;
}

/** When the page was served, or null when the pass is malformed or was made for someone or something else. */
export function readWatchPass(pass: string, userId: string, lessonId: string): Date | null {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(pass);
  if (!match) return null;
  const servedAtMs = Number(match[1]);
  const expected = Buffer.from(mac(userId, lessonId, servedAtMs));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return new Date(servedAtMs);
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { normaliseAddress } from "~/lib/client-address";

// Helpers for the few endpoints that run in Express before Remix (autosave, exam start,
// verification by code): they work on Node's own request and response objects.

/** Node's request, with the route parameters Express adds when it matched a pattern. */
export type NodeRequest = IncomingMessage & { params?: Record<string, string | undefined> };

/** The client address the server set for this request (see app/server/main.ts), else the socket's. */
export function nodeClientIp(req: IncomingMessage): string {
  const set = req.headers["x-hocso-client-ip"];
  return typeof set === "string" ? set : normaliseAddress(req.socket.remoteAddress);
}

/** The request body as text, or null when it exceeds `maxBytes` (the rest is read and dropped). */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A JSON answer that is never cached. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

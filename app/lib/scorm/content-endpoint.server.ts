import fs from "node:fs";
import type { ServerResponse } from "node:http";
import path from "node:path";
import { logger } from "~/lib/logger.server";
import type { NodeRequest } from "~/lib/node-http.server";
import { checkPackagePath, readPackageFile, SCORM_CONTENT_PREFIX } from "./player.server";

// `GET /scorm-content/...`, mounted in Express before Remix (app/server/main.ts). Package files
// are served to the sandboxed player frame, whose requests carry no cookie: the signed path
// (see signedPackageBase) is the permission. The policy these responses carry is
// packageSecurityHeaders (app/server/security.ts), set before this runs.

const RUNTIME_DIR = path.join(process.cwd(), "node_modules", "scorm-again", "dist");
const RUNTIME_FILES: Record<string, string> = { "scorm12.js": "scorm12.min.js", "scorm2004.js": "scorm2004.min.js" };

// Runs inside the package's frame, after scorm-again: the SCORM API the SCO looks for on its own
// window, started from the tree the lesson page put in the frame's name, and every commit or
// finish posted to the lesson page (the only window that may talk to the server).
const BRIDGE = `(function () {
  var state;
  try { state = JSON.parse(window.name); } catch (e) { state = null; }
  if (!state || state.hocso !== "scorm") return;
  var v12 = state.standard === "scorm12";
  var Api = v12 ? window.Scorm12API : window.Scorm2004API;
  var api = new Api({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
  try { api.loadFromJSON(state.cmi || {}, ""); } catch (e) { /* a corrupt tree starts afresh */ }
  function send(kind) {
    var tree = api.renderCMIToJSONObject().cmi;
    var total = v12 ? api.LMSGetValue("cmi.core.total_time") : api.GetValue("cmi.total_time");
    if (v12) tree.core.total_time = total; else tree.total_time = total;
    state.cmi = tree;
    try { window.name = JSON.stringify(state); } catch (e) { /* too large to keep: the server has it */ }
    window.parent.postMessage({ hocso: "scorm-commit", kind: kind, cmi: tree }, state.parentOrigin);
  }
  api.on(v12 ? "LMSCommit" : "Commit", function () { send("commit"); });
  api.on(v12 ? "LMSFinish" : "Terminate", function () { send("finish"); });
  if (v12) window.API = api; else window.API_1484_11 = api;
})();
`;

const runtimeCache = new Map<string, Buffer>();
function runtimeScript(name: string): Buffer | null {
  if (name === "bridge.js") return Buffer.from(BRIDGE);
  const file = RUNTIME_FILES[name];
  if (!file) return null;
  let bytes = runtimeCache.get(name);
  if (!bytes) {
    bytes = fs.readFileSync(path.join(RUNTIME_DIR, file));
    runtimeCache.set(name, bytes);
  }
  return bytes;
}

function send(res: ServerResponse, status: number, type: string, body: Buffer | string, cache: string) {
  res.statusCode = status;
  res.setHeader("Content-Type", type);
  res.setHeader("Cache-Control", cache);
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

/** The scripts the frame needs, put first in <head> so they run before any of the package's own. */
export function injectRuntime(html: string, standard: "scorm12" | "scorm2004"): string {
  const tags = `<script src="${SCORM_CONTENT_PREFIX}/_runtime/${standard}.js"></script><script src="${SCORM_CONTENT_PREFIX}/_runtime/bridge.js"></script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) return `${html.slice(0, head.index + head[0].length)}${tags}${html.slice(head.index + head[0].length)}`;
  return `${tags}${html}`;
}

export async function handleScormContent(req: NodeRequest, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? "/", "http://x");
    const parts = url.pathname.slice(SCORM_CONTENT_PREFIX.length + 1).split("/");
    if (parts[0] === "_runtime" && parts.length === 2) {
      const script = runtimeScript(parts[1]);
      if (!script) return send(res, 404, "text/plain; charset=utf-8", "Not found", "no-store");
      return send(res, 200, "text/javascript; charset=utf-8", script, "public, max-age=3600");
    }
    const [packageId, grant, ...rest] = parts;
    let filePath: string;
    try {
      filePath = rest.map((segment) => decodeURIComponent(segment)).join("/");
    } catch {
      filePath = "";
    }
    if (!packageId || !grant || !filePath || !checkPackagePath(packageId, grant))
      return send(res, 404, "text/plain; charset=utf-8", "Not found", "no-store");
    const file = await readPackageFile(packageId, filePath);
    if (!file) return send(res, 404, "text/plain; charset=utf-8", "Not found", "no-store");
    const cache = "private, max-age=3600";
    if (file.mimeType.startsWith("text/html")) {
      const standard = file.package.standard === "scorm12" ? "scorm12" : "scorm2004";
      return send(res, 200, file.mimeType, injectRuntime(Buffer.from(file.bytes).toString("utf8"), standard), cache);
    }
    send(res, 200, file.mimeType, Buffer.from(file.bytes), cache);
  } catch (error) {
    logger.error({ err: error }, "scorm content failed");
    if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "Server error", "no-store");
  }
}

import fs from "node:fs";
import path from "node:path";
import type { NextFunction, Request, Response } from "express";

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** Whether an Accept-Encoding header admits brotli (`br`, not refused with q=0). */
export function acceptsBrotli(header: string | undefined): boolean {
  return (header ?? "").split(",").some((part) => {
    const [coding, ...params] = part.trim().split(";");
    if (coding.trim().toLowerCase() !== "br") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Serves the brotli copies that .ci/precompress.mjs wrote next to the build's fingerprinted
 * files, to browsers that accept br; everything else falls through to express.static (and the
 * compression middleware's gzip). Mounted on /build, before both.
 */
export function precompressedAssets(dir: string) {
  const root = path.resolve(dir);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const type = CONTENT_TYPES[path.extname(req.path)];
    if (!type) return next();
    res.vary("Accept-Encoding");
    if (!acceptsBrotli(req.headers["accept-encoding"])) return next();
    let file: string;
    try {
      file = path.join(root, path.normalize(decodeURIComponent(req.path)));
    } catch {
      return next();
    }
    if (!file.startsWith(root + path.sep)) return next();
    fs.stat(`${file}.br`, (error, stats) => {
      if (error || !stats.isFile()) return next();
      res.setHeader("Content-Type", type);
      res.setHeader("Content-Encoding", "br");
      res.setHeader("Content-Length", stats.size);
      res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      if (req.method === "HEAD") return res.end();
      fs.createReadStream(`${file}.br`).on("error", next).pipe(res);
    });
  };
}

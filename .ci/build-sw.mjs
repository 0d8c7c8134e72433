// Builds the service worker (app/sw/service-worker.ts → public/sw.js) with Workbox's modules, and
// the offline shell (public/offline.html + offline.js). Runs after `remix build`: the precache
// manifest is the release's fingerprinted files that every page needs (entry, root, their
// chunks, the stylesheet, the dictionaries) plus the shell; route chunks are cached on first use.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { build } from "esbuild";
import { readRemixManifest } from "./remix-manifest.mjs";
import { offlineShellHtml } from "../app/lib/offline/offline-shell.ts";
import { practiceShellHtml } from "../app/lib/offline/practice-shell.ts";

const BUILD_DIR = "public/build";
const remix = readRemixManifest(BUILD_DIR);

const precached = new Set([remix.url, remix.entry.module, ...remix.entry.imports]);
const root = remix.routes.root;
for (const file of [root.module, ...(root.imports ?? []), ...(root.css ?? [])]) precached.add(file);
for (const dir of ["_shared", "_assets"])
  for (const name of fs.readdirSync(path.join(BUILD_DIR, dir)))
    // The learner part of each language's dictionary; the staff part is cached when first used.
    if (/^learner\.(vi|en)-[\w-]+\.js$/.test(name) || name.endsWith(".css")) precached.add(`/build/${dir}/${name}`);

const stylesheet = [...precached].find((file) => file.endsWith(".css"));
if (!stylesheet) throw new Error("No stylesheet in the Remix build");

const pages = [
  ["app/lib/offline/offline-page.ts", "public/offline.js"],
  ["app/lib/offline/practice-page.ts", "public/practice.js"],
];
for (const [entry, outfile] of pages)
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    logLevel: "warning",
  });
fs.writeFileSync("public/offline.html", offlineShellHtml(stylesheet));
fs.writeFileSync("public/practice.html", practiceShellHtml(stylesheet));

const revision = (file) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 16);
const entries = [
  // Fingerprinted: the name is the revision.
  ...[...precached].map((url) => ({ url, revision: null })),
  { url: "/offline.html", revision: revision("public/offline.html") },
  { url: "/offline.js", revision: revision("public/offline.js") },
  { url: "/practice.html", revision: revision("public/practice.html") },
  { url: "/practice.js", revision: revision("public/practice.js") },
  { url: "/manifest.webmanifest", revision: revision("public/manifest.webmanifest") },
];

await build({
  entryPoints: ["app/sw/service-worker.ts"],
  outfile: "public/sw.js",
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  define: { "self.__WB_MANIFEST": JSON.stringify(entries), "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});

const gzipped = (file) => zlib.gzipSync(fs.readFileSync(file)).length;
const precacheBytes = entries.reduce((sum, entry) => sum + gzipped(path.join("public", entry.url)), 0);
fs.writeFileSync(
  "build/offline-size.json",
  `${JSON.stringify({ swGzipBytes: gzipped("public/sw.js"), precacheGzipBytes: precacheBytes, precacheFiles: entries.length })}\n`,
);

// Re-bundles the browser build that `remix build` wrote so that a page loads a few scripts
// instead of twenty. The classic compiler's esbuild splits code into one chunk per set of routes
// that share it, and does not let us set a minimum size: the lesson page fetched 23 files, many
// of ~100 bytes, each a round trip on 3G. This groups esbuild's chunks (see below for how),
// has rollup re-bundle the output with those groups as its chunks (every route module and the
// client entry are its entries, so their exports stay as Remix expects), and rewrites the
// manifest for the new files, in the browser's copy and in the server build, which embeds it. Runs right after `remix build`, before the service worker and the
// precompressed copies are made from the files it leaves.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { transform } from "esbuild";
import { rollup } from "rollup";
import { readRemixManifest } from "./remix-manifest.mjs";

const PUBLIC_DIR = "public";
const BUILD_DIR = path.join(PUBLIC_DIR, "build");
const SERVER_BUILD = "build/index.js";
const PUBLIC_PATH = "/build/";
// What a separate file costs a phone, in bytes of script it could have downloaded instead: a
// round trip on 3G (~300 ms) at the ~25 KB/s such a link delivers, ×3 for compression.
const REQUEST_BYTES = 8 * 1024;
// How much more a learner's page counts than a staff page when weighing a merge.
const LEARNER_WEIGHT = 10;
const STAFF_ROUTE = /^routes\/(author|org|admin)(?=[._]|$)/;
// The one line of the server build that holds the manifest (Remix's `assets` export).
const SERVER_MANIFEST_LINE = /^var assets_manifest_default = \{.*\};$/m;

const manifest = readRemixManifest(BUILD_DIR);

/** `/build/x.js` → the file on disk. */
const fileOf = (url) => path.resolve(PUBLIC_DIR, `.${url}`);
const urlOf = (fileName) => `${PUBLIC_PATH}${fileName}`;

/** The chunks a script of esbuild's output imports statically (by URL). */
function staticImportsInFile(url) {
  const code = fs.readFileSync(fileOf(url), "utf8");
  return [...code.matchAll(/(?:from|import)\s*"(\/build\/[^"]+\.js)"/g)].map((match) => match[1]);
}
function closureOf(url) {
  const seen = new Set();
  const queue = [url];
  while (queue.length > 0)
    for (const imported of staticImportsInFile(queue.pop()))
      if (!seen.has(imported)) {
        seen.add(imported);
        queue.push(imported);
      }
  return seen;
}

// Every page loads the client entry and the root with their chunks: those are one group,
// "framework". Every other shared chunk starts as its own group; then groups are merged
// greedily, best merge first, while a merge lowers the cost of loading every route: the bytes
// of each group the route loads (its chunks and what they import) plus REQUEST_BYTES per file,
// with learners' routes weighted LEARNER_WEIGHT times a staff route.
// Checked before anything is written: a build whose scripts were replaced but whose server still
// names the old ones would serve pages that cannot load.
const server = fs.readFileSync(SERVER_BUILD, "utf8");
if (!SERVER_MANIFEST_LINE.test(server))
  throw new Error(`merge-chunks: ${SERVER_BUILD} has no "var assets_manifest_default = {…};" line (a Remix upgrade?)`);

const routeModules = Object.values(manifest.routes).map((route) => route.module);
const routeOfModule = new Map(Object.entries(manifest.routes).map(([id, route]) => [route.module, id]));
const everyPage = new Set([
  manifest.entry.module,
  ...closureOf(manifest.entry.module),
  manifest.routes.root.module,
  ...closureOf(manifest.routes.root.module),
]);
const sharedUrls = new Set();
for (const module of routeModules)
  for (const url of closureOf(module)) if (!everyPage.has(url) && !routeModules.includes(url)) sharedUrls.add(url);

const groupOfUrl = new Map();
const groups = new Map();
groups.set("framework", {
  bytes: 0,
  members: [...everyPage].filter((url) => !routeModules.includes(url) && url !== manifest.entry.module),
});
for (const url of groups.get("framework").members) groupOfUrl.set(url, "framework");
for (const url of sharedUrls) {
  const name = path.basename(url, ".js").replace(/^chunk-/, "shared-");
  groups.set(name, { bytes: fs.statSync(fileOf(url)).size, members: [url] });
  groupOfUrl.set(url, name);
}
const directImports = new Map([...sharedUrls, ...routeModules].map((url) => [url, staticImportsInFile(url)]));
const weightOf = (module) => (STAFF_ROUTE.test(routeOfModule.get(module) ?? "") ? 1 : LEARNER_WEIGHT);

/** Each group's direct imports, as groups. */
function groupDeps() {
  const deps = new Map();
  for (const [name, group] of groups) {
    const imported = new Set();
    for (const member of group.members)
      for (const url of directImports.get(member) ?? []) {
        const target = groupOfUrl.get(url);
        if (target && target !== name) imported.add(target);
      }
    deps.set(name, imported);
  }
  return deps;
}
const routeEntryGroups = (module) =>
  new Set((directImports.get(module) ?? []).map((url) => groupOfUrl.get(url)).filter(Boolean));

/** The groups a route loads beyond the framework, and their weighted cost, if `from` joined `into`. */
function routeLoad(module, deps, entryGroups, from, into) {
  const rename = (name) => (name === from ? into : name);
  const depsOf = (name) =>
    name === into && from
      ? [...deps.get(into), ...deps.get(from)].map(rename).filter((other) => other !== into)
      : [...deps.get(name)].map(rename);
  const loaded = new Set();
  const queue = [...entryGroups.get(module)].map(rename);
  while (queue.length > 0) {
    const name = queue.pop();
    if (name === "framework" || loaded.has(name)) continue;
    loaded.add(name);
    queue.push(...depsOf(name));
  }
  let bytes = 0;
  for (const name of loaded)
    bytes += groups.get(name).bytes + (name === into && from ? groups.get(from).bytes : 0) + REQUEST_BYTES;
  return { loaded, cost: weightOf(module) * bytes };
}
const totalWeight = routeModules.reduce((sum, module) => sum + weightOf(module), 0);
for (;;) {
  const deps = groupDeps();
  const entryGroups = new Map(routeModules.map((module) => [module, routeEntryGroups(module)]));
  const now = new Map(routeModules.map((module) => [module, routeLoad(module, deps, entryGroups)]));
  const candidates = [...groups.keys()]
    .filter((name) => name !== "framework")
    .sort((a, b) => groups.get(a).bytes - groups.get(b).bytes)
    .slice(0, 12);
  let best;
  for (const from of candidates)
    for (const into of groups.keys()) {
      if (into === from) continue;
      // Only the routes that load either group change; the framework's bytes are on every page.
      let saved = into === "framework" ? -totalWeight * groups.get(from).bytes : 0;
      for (const [module, load] of now)
        if (load.loaded.has(from) || load.loaded.has(into))
          saved += load.cost - routeLoad(module, deps, entryGroups, from, into).cost;
      if (saved > 0 && (!best || saved > best.saved)) best = { from, into, saved };
    }
  if (!best) break;
  for (const url of groups.get(best.from).members) groupOfUrl.set(url, best.into);
  groups.get(best.into).members.push(...groups.get(best.from).members);
  groups.get(best.into).bytes += groups.get(best.from).bytes;
  groups.delete(best.from);
}
const groupOf = new Map([...groupOfUrl].map(([url, group]) => [fileOf(url), group]));
const chunkOf = (id) => groupOf.get(id);

const entries = [manifest.entry.module, ...Object.values(manifest.routes).map((route) => route.module)];
const bundle = await rollup({
  input: Object.fromEntries(entries.map((url) => [url, fileOf(url)])),
  // Entries keep every export: Remix reads a route module's default, meta, links, handle, ….
  preserveEntrySignatures: "strict",
  plugins: [
    {
      name: "remix-build-urls",
      // The build imports its chunks by absolute URL ("/build/_shared/chunk-X.js").
      resolveId(source) {
        if (source.startsWith(PUBLIC_PATH)) return fileOf(source);
        return null;
      },
    },
    {
      name: "minify",
      async renderChunk(code) {
        const result = await transform(code, { minify: true, format: "esm", target: "es2019", legalComments: "none" });
        return { code: result.code, map: null };
      },
    },
  ],
  onwarn(warning, warn) {
    // esbuild's chunks import each other in cycles at times; its output already ran that way.
    if (warning.code === "CIRCULAR_DEPENDENCY") return;
    warn(warning);
  },
});

// Outside public/build (whose old scripts are removed below), on the same disk for the renames.
const outDir = fs.mkdtempSync(path.join("build", ".merge-"));
const { output } = await bundle.write({
  dir: outDir,
  format: "es",
  entryFileNames: (chunk) => {
    const original = path.relative(path.resolve(BUILD_DIR), chunk.facadeModuleId ?? "");
    return `${original.replace(/-\w+\.js$/, "")}-[hash].js`;
  },
  // esbuild's own hash is dropped from the name: rollup's stands for the new content.
  chunkFileNames: (chunk) => `_shared/${chunk.name.replace(/-[A-Z0-9]{8}$/, "")}-[hash].js`,
  manualChunks: chunkOf,
  // The input is already minified; names stay short.
  compact: true,
});
await bundle.close();

const chunks = new Map(output.filter((item) => item.type === "chunk").map((chunk) => [chunk.fileName, chunk]));
const newUrlOfEntry = new Map();
for (const chunk of chunks.values())
  if (chunk.isEntry && chunk.facadeModuleId)
    newUrlOfEntry.set(`/${path.relative(path.resolve(PUBLIC_DIR), chunk.facadeModuleId)}`, urlOf(chunk.fileName));

/** Every chunk a module imports statically, directly or not: what the page should preload. */
function staticImportsOf(fileName) {
  const seen = new Set();
  const visit = (name) => {
    for (const imported of chunks.get(name)?.imports ?? [])
      if (!seen.has(imported)) {
        seen.add(imported);
        visit(imported);
      }
  };
  visit(fileName);
  seen.delete(fileName);
  return [...seen].map(urlOf);
}

function rewritten(url) {
  const next = newUrlOfEntry.get(url);
  if (!next) throw new Error(`merge-chunks: ${url} is not among rollup's entries`);
  return next;
}

const entryModule = rewritten(manifest.entry.module);
const entryImports = staticImportsOf(entryModule.slice(PUBLIC_PATH.length));
const routes = Object.fromEntries(
  Object.entries(manifest.routes).map(([id, route]) => {
    const module = rewritten(route.module);
    // The entry's chunks are preloaded on every page already.
    const imports = staticImportsOf(module.slice(PUBLIC_PATH.length)).filter((url) => !entryImports.includes(url));
    return [id, { ...route, module, imports: imports.length > 0 ? imports : undefined }];
  }),
);

// Replace the old scripts (not the stylesheets and other assets) with the merged ones.
let scriptsBefore = 0;
for (const entry of fs.readdirSync(BUILD_DIR, { recursive: true, withFileTypes: true }))
  if (entry.isFile() && entry.name.endsWith(".js")) {
    fs.rmSync(path.join(entry.parentPath, entry.name));
    scriptsBefore += 1;
  }
for (const chunk of chunks.values()) {
  const target = path.join(BUILD_DIR, chunk.fileName);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.renameSync(path.join(outDir, chunk.fileName), target);
}
fs.rmSync(outDir, { recursive: true, force: true });

const version = crypto.createHash("sha256").update(JSON.stringify({ entryModule, routes })).digest("hex").slice(0, 8);
const merged = {
  ...manifest,
  entry: { module: entryModule, imports: entryImports },
  routes,
  version,
  url: `${PUBLIC_PATH}manifest-${version.toUpperCase()}.js`,
};
fs.writeFileSync(fileOf(merged.url), `window.__remixManifest=${JSON.stringify(merged)};`);

fs.writeFileSync(
  SERVER_BUILD,
  server.replace(SERVER_MANIFEST_LINE, () => `var assets_manifest_default = ${JSON.stringify(merged)};`),
);

// A page whose manifest names a missing file, or a chunk importing one, would break only in the
// browser: check here, before anything is served.
for (const url of [
  merged.url,
  merged.entry.module,
  ...merged.entry.imports,
  ...Object.values(routes).flatMap((route) => [route.module, ...(route.imports ?? [])]),
])
  if (!fs.existsSync(fileOf(url))) throw new Error(`merge-chunks: the manifest names ${url}, which was not written`);
for (const chunk of chunks.values())
  for (const imported of [...chunk.imports, ...chunk.dynamicImports])
    if (!fs.existsSync(path.join(BUILD_DIR, imported)))
      throw new Error(`merge-chunks: ${chunk.fileName} imports ${imported}, which was not written`);

console.log(`merge-chunks: ${scriptsBefore} scripts → ${chunks.size + 1} (manifest included)`);

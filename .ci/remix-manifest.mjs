// The browser's copy of the Remix manifest in public/build (`window.__remixManifest={…};`),
// read by the build steps that run after `remix build`.
import fs from "node:fs";
import path from "node:path";

export function readRemixManifest(buildDir) {
  const manifestFile = fs.readdirSync(buildDir).find((name) => /^manifest-\w+\.js$/.test(name));
  if (!manifestFile) throw new Error(`No Remix manifest in ${buildDir}: run \`remix build\` first`);
  return JSON.parse(
    fs
      .readFileSync(path.join(buildDir, manifestFile), "utf8")
      .replace(/^window\.__remixManifest=/, "")
      .replace(/;\s*$/, ""),
  );
}

// Writes a brotli copy (quality 11) next to every script and stylesheet of the browser build,
// for app/server/precompressed.ts to send to browsers that accept br. Runs after `remix build`,
// which empties public/build, so no copy outlives its file. On the fly, the compression
// middleware's brotli (quality 4) came out larger than its gzip; quality 11 is too slow to run
// per request but costs nothing here.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const BUILD_DIR = "public/build";
// Below this the compression middleware sends files as they are: a copy would not be smaller.
const THRESHOLD_BYTES = 1024;

let files = 0;
let before = 0;
let after = 0;
for (const entry of fs.readdirSync(BUILD_DIR, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(js|css)$/.test(entry.name)) continue;
  const file = path.join(entry.parentPath, entry.name);
  const body = fs.readFileSync(file);
  if (body.length < THRESHOLD_BYTES) continue;
  const compressed = zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  fs.writeFileSync(`${file}.br`, compressed);
  files += 1;
  before += body.length;
  after += compressed.length;
}
process.stdout.write(
  `precompress: ${files} files, ${Math.round(before / 1024)} KB → ${Math.round(after / 1024)} KB brotli\n`,
);

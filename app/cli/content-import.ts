import "~/server/load-env";
import path from "node:path";
import { disconnectDatabase } from "~/lib/db.server";
import {
  courseFolders,
  describeContentError,
  importCourseBundles,
  parseCourseFolders,
} from "~/lib/content/import.server";

// `npm run content:import [dir] [--draft]`: validates every course first and imports nothing
// if any file is invalid; imports all courses in one transaction.
const args = process.argv.slice(2);
const dir = path.resolve(args.find((arg) => !arg.startsWith("--")) ?? "content");
const publish = !args.includes("--draft");

const folders = courseFolders(dir);
if (folders.length === 0) {
  process.stderr.write(`No course folders (with a course.yaml) found in ${dir}\n`);
  process.exit(1);
}
process.stdout.write(`Validating ${folders.length} course folder(s) in ${path.relative(process.cwd(), dir) || "."}…\n`);
const { bundles, errors, packages } = parseCourseFolders(folders);
if (errors.length > 0) {
  for (const error of errors)
    process.stderr.write(
      `${describeContentError(error, path.relative(process.cwd(), path.join(path.dirname(folders[0]), error.file)))}\n`,
    );
  process.stderr.write(`\n${errors.length} problem(s) found; nothing was imported.\n`);
  await disconnectDatabase();
  process.exit(1);
}
const outcomes = await importCourseBundles(bundles, {
  publish,
  packages,
  onProgress: (done, total, slug) =>
    process.stdout.write(`  [${String(done).padStart(String(total).length)}/${total}] ${slug}\n`),
});
for (const outcome of outcomes)
  process.stdout.write(`  ${outcome.slug}: ${outcome.action} (version ${outcome.version})\n`);
await disconnectDatabase();

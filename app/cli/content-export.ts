import "~/server/load-env";
import path from "node:path";
import { disconnectDatabase } from "~/lib/db.server";
import { exportCourse } from "~/lib/content/import.server";

// `npm run content:export <slug> [dir]`: writes the newest version of a course as content files.
const [slug, dir = "content/courses"] = process.argv.slice(2);
if (!slug) {
  process.stderr.write("usage: npm run content:export -- <slug> [dir]\n");
  process.exit(2);
}
try {
  const files = await exportCourse(slug, path.resolve(dir));
  process.stdout.write(`Wrote ${files.length} files to ${path.join(dir, slug)}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await disconnectDatabase();
}

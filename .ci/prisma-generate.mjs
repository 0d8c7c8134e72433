// Generates one Prisma client per provider: the generated client is provider-specific,
// and the app picks one at run time from DATABASE_URL (see app/lib/db.server.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";

// Each provider's schema folder holds a symlink to the one shared prisma/models.prisma. A copy
// that flattened the links (an archive, a file sync) leaves text files naming the target instead:
// put the links back rather than fail on "This line is invalid".
for (const flavour of ["sqlite", "postgres"]) {
  const link = `prisma/${flavour}/models.prisma`;
  if (!fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) {
    fs.rmSync(link, { force: true });
    fs.symlinkSync("../models.prisma", link);
  }
}

const flavours = {
  sqlite: "file:./data/generate.db",
  postgres: "postgresql://generate@localhost:5432/generate",
};
for (const [flavour, url] of Object.entries(flavours)) {
  const result = spawnSync("npx", ["prisma", "generate"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url },
  });
  if (result.status !== 0) {
    console.error(`prisma generate failed for ${flavour}`);
    process.exit(result.status ?? 1);
  }
}
console.log("Prisma clients generated (sqlite, postgres)");

import "~/server/load-env";
import { seedDemo } from "~/lib/fixtures/seed.server";
import { disconnectDatabase } from "~/lib/db.server";

// `npm run db:seed`: the demo data. Idempotent: running it again changes nothing.
const summary = await seedDemo({ log: (line) => process.stdout.write(`  ${line}\n`) });
process.stdout.write(`  seed done: ${summary}\n`);
await disconnectDatabase();

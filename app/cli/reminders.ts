import "~/server/load-env";
import { disconnectDatabase } from "~/lib/db.server";
import { reminderOffsets, runReminders } from "~/lib/organizations/reminders.server";

// `node --import tsx app/cli/reminders.ts`: one run of the reminder job (the server also runs it
// hourly). Safe to run at any time, next to running servers: a reminder is never sent twice.
const offsets = reminderOffsets();
const result = await runReminders(new Date(), offsets);
process.stdout.write(
  `reminders (offsets ${offsets.join(", ")} days + overdue): ${result.sent} sent, ${result.alreadySent} already sent, ${result.failed} failed\n`,
);
await disconnectDatabase();
process.exit(result.failed > 0 ? 1 : 0);

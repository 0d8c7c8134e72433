import "~/server/load-env";
import { deliverOutbox } from "~/lib/accounts/mail.server";
import { disconnectDatabase } from "~/lib/db.server";
import { env } from "~/lib/env.server";

// `npm run mail:send`: delivers the outbox until nothing is due, then exits. Servers with
// SMTP_URL run the same sender every 10 s; running this next to them is safe (rows are claimed).
// It is the way to run the sender on exactly one machine: leave SMTP_URL unset on the servers
// and run this from a timer with SMTP_URL set.
if (!env.smtpUrl) {
  process.stderr.write("SMTP_URL is not set: nothing to send to (the outbox stays the development outbox)\n");
  process.exit(2);
}
const total = { sent: 0, retrying: 0, failed: 0 };
for (;;) {
  const run = await deliverOutbox({ smtpUrl: env.smtpUrl });
  total.sent += run.sent;
  total.retrying += run.retrying;
  total.failed += run.failed;
  if (run.sent + run.retrying + run.failed === 0) break;
}
process.stdout.write(`outbox: ${total.sent} sent, ${total.retrying} to retry later, ${total.failed} failed\n`);
await disconnectDatabase();

import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sendMail } from "~/lib/accounts/mail.server";
import { prisma } from "~/lib/db.server";
import { parkOtherMail, startSmtp, type Smtp } from "./mail-fixtures";

// The sender runs in a child process (`npm run mail:send`) and is killed with SIGKILL in the
// middle of a batch: no handler runs. After its claims expire a new sender finishes the work.
// Nothing may be lost, and at most one message (the one in flight) may arrive twice, with the
// same Message-ID so that the recipient's mail system can drop the copy.

const RUN = crypto.randomBytes(3).toString("hex");
const domain = `${RUN}.crash.mail.test.hocso.vn`;
const COUNT = 200;
let smtp: Smtp;
let child: ChildProcess | undefined;

beforeAll(async () => {
  smtp = await startSmtp();
  await parkOtherMail();
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await smtp.stop();
  await prisma.outboxMessage.deleteMany({ where: { to: { endsWith: `@${domain}` } } });
});

function startSender(): { process: ChildProcess; exited: Promise<number | string | null> } {
  const sender = spawn(process.execPath, ["--import", "tsx", "app/cli/mail-send.ts"], {
    env: { ...process.env, SMTP_URL: smtp.url, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<number | string | null>((resolve) =>
    sender.on("exit", (code, signal) => resolve(code ?? signal)),
  );
  return { process: sender, exited };
}

const mine = () => smtp.received.filter((mail) => mail.envelopeTo[0]?.endsWith(`@${domain}`));

it("loses nothing and duplicates at most one message when the sender is killed mid-batch", async () => {
  for (let i = 0; i < COUNT; i++)
    await sendMail({ to: `nguoi-${i}@${domain}`, toName: `Người nhận ${i}`, subject: "Thư", text: "…", locale: "vi" });

  const first = startSender();
  child = first.process;
  const deadline = Date.now() + 120_000;
  // Killed in the middle of the second batch (20 a batch), so that claimed rows are in flight.
  while (mine().length < 25 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  first.process.kill("SIGKILL");
  expect(await first.exited).toBe("SIGKILL");
  const deliveredBeforeKill = mine().length;
  expect(deliveredBeforeKill).toBeGreaterThanOrEqual(25);
  expect(deliveredBeforeKill).toBeLessThan(COUNT);
  // The dead sender's claims are still held: a sender started now would leave them alone.
  const held = await prisma.outboxMessage.count({ where: { to: { endsWith: `@${domain}` }, state: "sending" } });
  expect(held).toBeGreaterThan(0);

  // Time passes beyond the claim (5 minutes); the rows are due again.
  await prisma.outboxMessage.updateMany({
    where: { to: { endsWith: `@${domain}` }, state: "sending" },
    data: { claimedUntil: new Date(Date.now() - 1000) },
  });
  const second = startSender();
  child = second.process;
  expect(await second.exited).toBe(0);

  const arrived = mine();
  const perMessageId = new Map<string, number>();
  for (const mail of arrived)
    perMessageId.set(mail.parsed.messageId!, (perMessageId.get(mail.parsed.messageId!) ?? 0) + 1);
  const rows = await prisma.outboxMessage.findMany({
    where: { to: { endsWith: `@${domain}` } },
    select: { to: true, messageId: true, state: true },
  });
  expect(rows.every((row) => row.state === "sent")).toBe(true);
  // Every message arrived, under the Message-ID it was queued with.
  for (const row of rows) expect(perMessageId.get(row.messageId) ?? 0).toBeGreaterThanOrEqual(1);
  const duplicated = [...perMessageId.values()].filter((count) => count > 1);
  expect(duplicated.length).toBeLessThanOrEqual(1);
  expect(duplicated.every((count) => count === 2)).toBe(true);
  expect(arrived.length).toBe(COUNT + duplicated.length);
  // Copies to one recipient always share the Message-ID.
  const idsPerRecipient = new Map<string, Set<string>>();
  for (const mail of arrived) {
    const ids = idsPerRecipient.get(mail.envelopeTo[0]) ?? new Set<string>();
    ids.add(mail.parsed.messageId!);
    idsPerRecipient.set(mail.envelopeTo[0], ids);
  }
  expect(idsPerRecipient.size).toBe(COUNT);
  expect([...idsPerRecipient.values()].every((ids) => ids.size === 1)).toBe(true);
}, 240_000);

import { afterAll, beforeAll, expect, it } from "vitest";
import { deliverOutbox } from "~/lib/accounts/mail.server";
import { prisma } from "~/lib/db.server";
import { importOfficials } from "~/lib/organizations/import.server";
import { drainInvitations } from "~/lib/organizations/invitations.server";
import { parkOtherMail, startSmtp, type Smtp } from "./mail-fixtures";
import { tracker } from "./organizations.fixtures";

// An import of 1,000 officials invites each of them: every invitation reaches the SMTP server
// exactly once, with the person's name, language and a link of its own.

const t = tracker();
const RUN = Date.now().toString(36);
const domain = `${RUN}.invite.mail.test.hocso.vn`;
const COUNT = 1_000;
let smtp: Smtp;

beforeAll(async () => {
  smtp = await startSmtp();
  await parkOtherMail();
});
afterAll(async () => {
  await smtp.stop();
  await prisma.outboxMessage.deleteMany({ where: { to: { endsWith: `@${domain}` } } });
  await prisma.user.deleteMany({ where: { email: { endsWith: `@${domain}` } } });
  await t.cleanup();
});

it("delivers 1,000 invitations from one import, each exactly once", async () => {
  const unit = await t.unit("UBND huyện Đồng Hỷ");
  const admin = await t.user();
  const scope = await t.admin(admin.id, unit);
  const lines = Array.from(
    { length: COUNT },
    (_, i) => `can-bo-${i}@${domain},Nguyễn Văn Số ${i},${unit.code},chuyên viên`,
  );
  const report = await importOfficials(admin, scope, ["email,full_name,unit_code,job_role", ...lines].join("\n"), {
    ip: "127.0.0.1",
  });
  expect(report).toMatchObject({ ok: true, imported: true, newUsers: COUNT, invitationsQueued: COUNT });
  await drainInvitations();
  expect(await prisma.outboxMessage.count({ where: { to: { endsWith: `@${domain}` }, state: "queued" } })).toBe(COUNT);

  // Two senders at once, as two instances would run them.
  const runs = await Promise.all([deliverOutbox({ smtpUrl: smtp.url }), deliverOutbox({ smtpUrl: smtp.url })]);
  let sent = runs.reduce((sum, run) => sum + run.sent, 0);
  // A run stops after its time budget; the job's next runs take the rest.
  while (sent < COUNT) {
    const run = await deliverOutbox({ smtpUrl: smtp.url });
    if (run.sent === 0) break;
    sent += run.sent;
  }
  expect(sent).toBe(COUNT);

  const mine = smtp.received.filter((mail) => mail.envelopeTo.some((to) => to.endsWith(`@${domain}`)));
  expect(mine).toHaveLength(COUNT);
  const byRecipient = new Map(mine.map((mail) => [mail.envelopeTo[0], mail]));
  expect(byRecipient.size).toBe(COUNT);
  expect(new Set(mine.map((mail) => mail.parsed.messageId)).size).toBe(COUNT);
  const links = new Set<string>();
  for (let i = 0; i < COUNT; i++) {
    const mail = byRecipient.get(`can-bo-${i}@${domain}`);
    expect(mail?.parsed.text).toContain(`Nguyễn Văn Số ${i}`);
    const link = /https:\/\/hocso\.test\/activate\?token=[A-Za-z0-9_-]+/.exec(mail?.parsed.text ?? "")?.[0];
    expect(mail?.parsed.text).toMatch(/https:\/\/hocso\.test\/activate\?token=/);
    links.add(link!);
  }
  expect(links.size).toBe(COUNT);
  expect(await prisma.outboxMessage.count({ where: { to: { endsWith: `@${domain}` }, state: "sent" } })).toBe(COUNT);
}, 300_000);

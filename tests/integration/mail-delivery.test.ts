import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkResetToken, requestPasswordReset } from "~/lib/accounts/auth.server";
import { MAX_DELIVERY_ATTEMPTS } from "~/lib/accounts/mail";
import { deliverOutbox, sendMail } from "~/lib/accounts/mail.server";
import { prisma } from "~/lib/db.server";
import { action as forgotPasswordAction } from "~/routes/forgot-password";
import { action as outboxAction, loader as outboxLoader } from "~/routes/admin.outbox";
import { parkOtherMail, startSmtp, testClock, type Smtp } from "./mail-fixtures";
import { signedIn, tracker } from "./organizations.fixtures";

// The outbox and its sender against a real SMTP server on a loopback port.

const t = tracker();
const RUN = crypto.randomBytes(3).toString("hex");
const address = (name: string) => `${name}.${RUN}@mail.test.hocso.vn`;
const context = { requestId: "test", cspNonce: "" };
let smtp: Smtp;

beforeAll(async () => {
  smtp = await startSmtp();
});
beforeEach(async () => {
  await parkOtherMail();
});
afterAll(async () => {
  await smtp.stop();
  await prisma.outboxMessage.deleteMany({ where: { to: { endsWith: `.${RUN}@mail.test.hocso.vn` } } });
  await t.cleanup();
});

describe("a password reset mail", () => {
  it("arrives as a multipart UTF-8 message in the recipient's language, with its working link", async () => {
    const user = await t.user({ email: address("reset"), fullName: "Nguyễn Thị Ánh Tuyết" });
    await requestPasswordReset(user.email, "vi", "10.9.1.1");
    const row = await prisma.outboxMessage.findFirstOrThrow({
      where: { to: user.email },
      select: { state: true, messageId: true },
    });
    expect(row.state).toBe("queued");

    expect(await deliverOutbox({ smtpUrl: smtp.url })).toMatchObject({ sent: 1, failed: 0 });
    const mails = smtp.to(user.email);
    expect(mails).toHaveLength(1);
    const [{ raw, parsed }] = mails;

    expect(parsed.messageId).toBe(row.messageId);
    expect(parsed.subject).toBe("Đặt lại mật khẩu HọcSố");
    expect(parsed.from?.value).toEqual([{ name: "HọcSố", address: "no-reply@hocso.local" }]);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : null).toEqual([
      { name: "Nguyễn Thị Ánh Tuyết", address: user.email },
    ]);
    // The raw headers are 7-bit: non-ASCII names and subject are RFC 2047 encoded words.
    const headerBlock = raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
    expect(headerBlock).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(headerBlock).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    expect(headerBlock).toMatch(/^From: =\?UTF-8\?[QB]\?.*<no-reply@hocso\.local>/m);
    expect(headerBlock).toMatch(/^To: =\?UTF-8\?[QB]\?.*<reset\./m);
    expect(headerBlock).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(headerBlock).toMatch(/^Content-Language: vi$/m);
    expect(headerBlock).toMatch(/^Auto-Submitted: auto-generated$/m);

    const link = /https:\/\/hocso\.test\/reset-password\?token=[A-Za-z0-9_-]+/.exec(parsed.text ?? "")?.[0];
    expect(link).toBeDefined();
    expect(parsed.text).toContain("Nguyễn Thị Ánh Tuyết");
    expect(parsed.html).toContain(`<a href="${link}">${link}</a>`);
    expect(parsed.html).toContain('<html lang="vi">');
    expect(await checkResetToken(new URL(link!).searchParams.get("token")!)).toEqual({ ok: true });

    const sent = await prisma.outboxMessage.findFirstOrThrow({
      where: { to: user.email },
      select: { state: true, attempts: true, sentAt: true, claimedBy: true },
    });
    expect(sent).toMatchObject({ state: "sent", attempts: 1, claimedBy: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it("is written in English for an English request", async () => {
    const user = await t.user({ email: address("reset-en"), fullName: "Trần Văn Bình", locale: "en" });
    await requestPasswordReset(user.email, "en", "10.9.1.2");
    await deliverOutbox({ smtpUrl: smtp.url });
    const [mail] = smtp.to(user.email);
    expect(mail.parsed.subject).toBe("Reset your HọcSố password");
    expect(mail.parsed.html).toContain('<html lang="en">');
    expect(mail.raw).toMatch(/^Content-Language: en$/m);
  });
});

describe("POST /forgot-password", () => {
  const post = (email: string) =>
    forgotPasswordAction({
      request: new Request("http://localhost/forgot-password", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email }),
      }),
      params: {},
      context,
    });

  it("answers the same with SMTP down or up, and the mail arrives once SMTP is back", async () => {
    const whileDown = await t.user({ email: address("forgot-down"), fullName: "Lý Thường Kiệt" });
    const whileUp = await t.user({ email: address("forgot-up"), fullName: "Hồ Xuân Hương" });

    await smtp.stop();
    const downAnswer = await post(whileDown.email);
    const clock = testClock();
    const downRun = await deliverOutbox({ smtpUrl: smtp.url, now: clock.now });
    expect(downRun).toMatchObject({ sent: 0, retrying: 1 });

    await smtp.start();
    const upAnswer = await post(whileUp.email);
    expect(upAnswer).toEqual(downAnswer);
    expect(downAnswer).toMatchObject({ type: "DataWithResponseInit", data: { ok: true } });

    clock.advance(60_000);
    expect(await deliverOutbox({ smtpUrl: smtp.url, now: clock.now })).toMatchObject({ sent: 2, failed: 0 });
    expect(smtp.to(whileDown.email)).toHaveLength(1);
    expect(smtp.to(whileUp.email)).toHaveLength(1);
  });
});

describe("the sender", () => {
  it("delivers everything exactly once when the server refuses connections for a while", async () => {
    const recipients = Array.from({ length: 30 }, (_, i) => address(`refused-${i}`));
    for (const to of recipients) await sendMail({ to, subject: "Thử lại", text: "Nội dung", locale: "vi" });
    const clock = testClock();
    await smtp.stop();

    // Unreachable: each run makes one connection attempt, backs that message off, and leaves
    // the rest of its batch as it was.
    expect(await deliverOutbox({ smtpUrl: smtp.url, now: clock.now })).toMatchObject({ sent: 0, retrying: 1 });
    const tried = await prisma.outboxMessage.findFirstOrThrow({
      where: { to: { in: recipients }, attempts: 1 },
      select: { state: true, lastError: true, nextAttemptAt: true },
    });
    expect(tried.state).toBe("queued");
    expect(tried.lastError).toMatch(/ECONNREFUSED/);
    expect(tried.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 30_000);
    expect(await prisma.outboxMessage.count({ where: { to: { in: recipients }, attempts: 0, state: "queued" } })).toBe(
      29,
    );
    for (let run = 0; run < 40; run++) {
      clock.advance(10_000);
      expect(await deliverOutbox({ smtpUrl: smtp.url, now: clock.now })).toMatchObject({ sent: 0, failed: 0 });
    }
    expect(await prisma.outboxMessage.count({ where: { to: { in: recipients }, state: "queued" } })).toBe(30);
    expect(
      await prisma.outboxMessage.count({ where: { to: { in: recipients }, lastError: { contains: "ECONNREFUSED" } } }),
    ).toBe(30);

    await smtp.start();
    clock.advance(60_000);
    expect(await deliverOutbox({ smtpUrl: smtp.url, now: clock.now })).toMatchObject({ sent: 30, failed: 0 });
    for (const to of recipients) expect(smtp.to(to)).toHaveLength(1);
    expect(await prisma.outboxMessage.count({ where: { to: { in: recipients }, state: "sent" } })).toBe(30);
    // Nothing is sent again afterwards.
    clock.advance(24 * 60 * 60 * 1000);
    expect(await deliverOutbox({ smtpUrl: smtp.url, now: clock.now })).toMatchObject({ sent: 0 });
  });

  it(`marks a message failed after ${MAX_DELIVERY_ATTEMPTS} temporary failures`, async () => {
    const to = address("never-up");
    await sendMail({ to, subject: "Không bao giờ tới", text: "…", locale: "vi" });
    const clock = testClock();
    await smtp.stop();
    try {
      for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
        await deliverOutbox({ smtpUrl: smtp.url, now: clock.now });
        clock.advance(2 * 60 * 60 * 1000);
      }
    } finally {
      await smtp.start();
    }
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { to }, select: { state: true, attempts: true } });
    expect(row).toEqual({ state: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
    expect(await deliverOutbox({ smtpUrl: smtp.url, now: clock.now })).toMatchObject({ sent: 0 });
    expect(smtp.to(to)).toHaveLength(0);
  });

  it("never lets two senders deliver one message", async () => {
    const recipients = Array.from({ length: 40 }, (_, i) => address(`race-${i}`));
    for (const to of recipients) await sendMail({ to, subject: "Cùng lúc", text: "…", locale: "vi" });
    const runs = await Promise.all([1, 2, 3].map(() => deliverOutbox({ smtpUrl: smtp.url, batchSize: 7 })));
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(40);
    for (const to of recipients) expect(smtp.to(to)).toHaveLength(1);
  });
});

describe("a permanent failure on the admin outbox page", () => {
  it("shows the 5xx error, and 'send again' queues it with an audit entry", async () => {
    const admin = await t.user({ role: "admin" });
    const to = address("no-such-mailbox");
    smtp.refused.add(to);
    await sendMail({ to, toName: "Đặng Thùy Trâm", subject: "Lời mời", text: "…", locale: "vi" });
    expect(await deliverOutbox({ smtpUrl: smtp.url })).toMatchObject({ sent: 0, failed: 1, retrying: 0 });

    const url = "http://localhost/admin/outbox?state=failed";
    const page = await outboxLoader({ request: await signedIn(admin, url), params: {}, context });
    const shown = page.messages.find((message) => message.to === to);
    expect(shown).toMatchObject({ state: "failed", attempts: 1 });
    expect(shown?.lastError).toMatch(/550 5\.1\.1 Mailbox does not exist/);
    expect(page.messages.every((message) => message.state === "failed")).toBe(true);

    smtp.refused.delete(to);
    const session = await signedIn(admin, url);
    const answer = await outboxAction({
      request: new Request(url, {
        method: "POST",
        headers: { Cookie: session.headers.get("Cookie")!, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ id: shown!.id }),
      }),
      params: {},
      context,
    });
    expect(answer).toMatchObject({ ok: true, to });
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "mail.resend", targetId: shown!.id },
      select: { actorId: true, before: true, after: true },
    });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.before).toMatchObject({ state: "failed", attempts: 1 });

    // A second click finds nothing failed to send again.
    const again = await outboxAction({
      request: new Request(url, {
        method: "POST",
        headers: { Cookie: session.headers.get("Cookie")!, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ id: shown!.id }),
      }),
      params: {},
      context,
    });
    expect(again).toMatchObject({ type: "DataWithResponseInit", init: { status: 400 } });

    expect(await deliverOutbox({ smtpUrl: smtp.url })).toMatchObject({ sent: 1 });
    const [mail] = smtp.to(to);
    expect(mail.parsed.messageId).toBe(
      (await prisma.outboxMessage.findFirstOrThrow({ where: { to }, select: { messageId: true } })).messageId,
    );
  });
});

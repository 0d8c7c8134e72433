import nodemailer, { type Transporter } from "nodemailer";
import { prisma } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";

export type Mail = { to: string; subject: string; text: string };

let transport: Transporter | undefined;

/** SMTP when SMTP_URL is set; otherwise the development outbox table (visible at /admin/outbox). */
export async function sendMail(mail: Mail): Promise<void> {
  if (env.smtpUrl) {
    transport ??= nodemailer.createTransport(env.smtpUrl);
    await transport.sendMail({ from: env.mailFrom, ...mail });
    logger.info({ to: mail.to, subject: mail.subject }, "mail sent");
    return;
  }
  await prisma.outboxMessage.create({ data: mail, select: { id: true } });
}

export async function listOutbox({ page, pageSize }: { page: number; pageSize: number }) {
  const [total, messages] = await Promise.all([
    prisma.outboxMessage.count(),
    prisma.outboxMessage.findMany({
      select: { id: true, to: true, subject: true, text: true, createdAt: true },
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  return { total, messages };
}

export async function latestMailTo(to: string) {
  return prisma.outboxMessage.findFirst({
    where: { to },
    select: { id: true, subject: true, text: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
}

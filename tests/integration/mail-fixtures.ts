import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import { prisma } from "~/lib/db.server";

export type Received = { raw: string; parsed: ParsedMail; envelopeTo: string[] };

/**
 * A real SMTP server (smtp-server, by nodemailer's authors) on a loopback port, keeping what it
 * receives. It can be stopped and started again on the same port (connections are refused in
 * between), and told to refuse recipients with a permanent 5xx reply.
 */
export async function startSmtp() {
  const received: Received[] = [];
  const refused = new Set<string>();
  const options: SMTPServerOptions = {
    authOptional: true,
    // No TLS in the test: the client would otherwise upgrade and refuse the self-signed cert.
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address.toLowerCase())) {
        const error = Object.assign(new Error("5.1.1 Mailbox does not exist"), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw).then(
          (parsed) => {
            received.push({ raw, parsed, envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  };
  let server: SMTPServer | null = null;
  let port = 0;
  const listen = async () => {
    server = new SMTPServer(options);
    // A sender killed mid-session (the crash tests do it) resets its connection; that is the
    // scenario under test, not an error of the fixture.
    server.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "ECONNRESET") throw error;
    });
    await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  };
  const stop = async () => {
    const running = server;
    server = null;
    if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
  };
  await listen();
  return {
    received,
    refused,
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    /** Messages for this address, by envelope recipient. */
    to: (address: string) => received.filter((mail) => mail.envelopeTo.includes(address)),
    stop,
    start: listen,
  };
}

export type Smtp = Awaited<ReturnType<typeof startSmtp>>;

/**
 * The data-layer suite shares one database: mails queued by other test files would go to this
 * file's SMTP server too. Park them (far in the future) so each mail test sends only its own.
 */
export async function parkOtherMail(): Promise<void> {
  await prisma.outboxMessage.updateMany({
    where: { state: { in: ["queued", "sending"] } },
    data: { state: "queued", nextAttemptAt: new Date("2999-01-01T00:00:00Z"), claimedUntil: null },
  });
}

/** A clock that the test moves forward, for the sender's back-off. */
export function testClock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { createUser, deleteUsers, uniqueEmail } from "~/lib/fixtures/factories.server";
import { action as registerAction } from "~/routes/register";

// Finding 9: registering with an address that has an account answered errors.email.taken, so
// the form told anyone which addresses have accounts. Now every registration answers "check
// your mail", and only the owner of the address learns, by mail, what happened.

const created: string[] = [];
afterAll(async () => {
  await prisma.outboxMessage.deleteMany({
    where: { to: { contains: "@test.hocso.vn" }, subject: { contains: "đăng ký" } },
  });
  await deleteUsers(created);
});

let address = 0;
async function register(email: string) {
  // A distinct client address per call: the per-address limit is not what is tested here.
  const request = new Request("http://localhost/register", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Hocso-Client-Ip": `10.9.0.${address++}` },
    body: new URLSearchParams({ fullName: "Kẻ Dò Tìm", email }),
  });
  const response = (await registerAction({
    request,
    params: {},
    context: { requestId: "t", cspNonce: "" },
  })) as Response;
  return {
    status: response.status,
    location: response.headers.get("Location"),
    cookie: response.headers.get("Set-Cookie"),
  };
}

const mailsTo = (to: string) =>
  prisma.outboxMessage.findMany({
    where: { to },
    orderBy: { createdAt: "asc" },
    select: { subject: true, text: true },
  });

describe("registration does not tell whether an address has an account", () => {
  it("answers a new address and a taken one alike, and signs neither in", async () => {
    const owner = await createUser();
    created.push(owner.id);
    const fresh = uniqueEmail("reg-new");
    const taken = await register(owner.email);
    const unused = await register(fresh);
    created.push((await prisma.user.findUniqueOrThrow({ where: { email: fresh }, select: { id: true } })).id);
    expect(taken).toEqual(unused);
    expect(taken).toEqual({ status: 302, location: "/register?sent=1", cookie: null });
  });

  it("mails the owner that someone tried, with the way to sign in or reset; their account is unchanged", async () => {
    const owner = await createUser();
    created.push(owner.id);
    const before = await prisma.user.findUniqueOrThrow({
      where: { id: owner.id },
      select: { fullName: true, passwordHash: true },
    });
    await register(owner.email);
    const [mail] = await mailsTo(owner.email);
    expect(mail.subject).toBe("Có người vừa đăng ký HọcSố bằng email của bạn");
    expect(mail.text).toContain("https://hocso.test/forgot-password");
    expect(mail.text).not.toContain("token=");
    expect(
      await prisma.user.findUniqueOrThrow({ where: { id: owner.id }, select: { fullName: true, passwordHash: true } }),
    ).toEqual(before);
  });

  it("mails a new address a one-time link to choose the password; until then nobody can sign in", async () => {
    const email = uniqueEmail("reg-link");
    await register(email);
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, passwordHash: true } });
    created.push(user.id);
    expect(user.passwordHash).toBeNull();
    const [mail] = await mailsTo(email);
    expect(mail.text).toMatch(/https:\/\/hocso\.test\/activate\?token=[\w-]{20,}/);
  });
});

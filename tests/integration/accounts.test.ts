import { afterAll, describe, expect, it } from "vitest";
import {
  changePassword,
  checkResetToken,
  createOneTimeToken,
  logIn,
  requestPasswordReset,
  requireRole,
  resetPassword,
  setUserRole,
} from "~/lib/accounts/auth.server";
import { latestMailTo } from "~/lib/accounts/mail.server";
import { readSession } from "~/lib/accounts/session.server";
import { FREE_PAIR_FAILURES } from "~/lib/accounts/throttle";
import { listUsers } from "~/lib/accounts/users.server";
import { prisma } from "~/lib/db.server";
import { createUser, deleteUsers, uniqueEmail } from "~/lib/fixtures/factories.server";

const created: string[] = [];
afterAll(async () => {
  await deleteUsers(created);
});

function requestWithCookie(setCookie?: string, url = "http://localhost/") {
  const cookie = setCookie ? setCookie.split(";")[0] : "";
  return new Request(url, { headers: cookie ? { Cookie: cookie } : {} });
}

describe("login", () => {
  it("answers the same for an unknown email and a wrong password", async () => {
    const user = await createUser();
    created.push(user.id);
    const wrongPassword = await logIn(requestWithCookie(), user.email, "wrong-password!", "10.0.0.1");
    const unknownEmail = await logIn(requestWithCookie(), uniqueEmail("ghost"), "wrong-password!", "10.0.0.2");
    expect(wrongPassword).toEqual(unknownEmail);
  });

  it("rotates the session on login: the old session id stops working", async () => {
    const user = await createUser();
    created.push(user.id);
    const first = await logIn(requestWithCookie(), user.email, user.password, "10.0.0.3");
    if (!first.ok) throw new Error("login failed");
    const second = await logIn(requestWithCookie(first.setCookie), user.email, user.password, "10.0.0.3");
    if (!second.ok) throw new Error("login failed");
    expect((await readSession(requestWithCookie(first.setCookie))).user).toBeNull();
    expect((await readSession(requestWithCookie(second.setCookie))).user?.id).toBe(user.id);
  });

  it("marks the cookie Secure only over HTTPS", async () => {
    const user = await createUser();
    created.push(user.id);
    const overHttp = await logIn(new Request("http://10.1.2.3/login"), user.email, user.password, "10.0.0.4");
    const overHttps = await logIn(new Request("https://hocso.gov.vn/login"), user.email, user.password, "10.0.0.4");
    expect(overHttp.ok && overHttp.setCookie).not.toMatch(/Secure/);
    expect(overHttps.ok && overHttps.setCookie).toMatch(/Secure/);
    expect(overHttp.ok && overHttp.setCookie).toMatch(/HttpOnly/);
    expect(overHttp.ok && overHttp.setCookie).toMatch(/SameSite=Lax/);
  });

  it("throttles the guessing pair with a growing delay, and says for how long", async () => {
    const user = await createUser();
    created.push(user.id);
    for (let i = 0; i < FREE_PAIR_FAILURES + 1; i++) {
      expect((await logIn(requestWithCookie(), user.email, "nope-nope-nope", "10.9.0.9")).ok).toBe(false);
    }
    const throttled = await logIn(requestWithCookie(), user.email, user.password, "10.9.0.9");
    expect(throttled).toMatchObject({ ok: false, error: "errors.login.throttled", minutes: 1 });
  });
});

describe("password reset", () => {
  it("emails a link that works exactly once", async () => {
    const user = await createUser();
    created.push(user.id);
    await requestPasswordReset(user.email, "vi", "10.9.0.1");
    const mail = await latestMailTo(user.email);
    expect(mail?.subject).toBe("Đặt lại mật khẩu HọcSố");
    const token = mail!.text.match(/token=([\w-]+)/)![1];
    expect(await resetPassword(token, "mật-khẩu-mới-2026")).toEqual({ ok: true });
    expect(await resetPassword(token, "lại-lần-nữa-2026")).toEqual({ ok: false, error: "errors.reset.invalid" });
    expect((await logIn(requestWithCookie(), user.email, "mật-khẩu-mới-2026", "10.0.1.1")).ok).toBe(true);
  });

  it("rejects an expired or unknown token", async () => {
    const user = await createUser();
    created.push(user.id);
    const expired = await createOneTimeToken(user.id, "reset", -1000);
    expect(await checkResetToken(expired)).toEqual({ ok: false, error: "errors.reset.expired" });
    expect(await resetPassword(expired, "0123456789")).toEqual({ ok: false, error: "errors.reset.expired" });
    expect(await checkResetToken("not-a-token")).toEqual({ ok: false, error: "errors.reset.invalid" });
  });

  it("sends nothing for an unknown email", async () => {
    const email = uniqueEmail("nobody");
    await requestPasswordReset(email, "vi", "10.9.0.2");
    expect(await latestMailTo(email)).toBeNull();
  });

  it("logs out every session when the password changes", async () => {
    const user = await createUser();
    created.push(user.id);
    const other = await logIn(requestWithCookie(), user.email, user.password, "10.0.2.1");
    if (!other.ok) throw new Error("login failed");
    const wrong = await changePassword(requestWithCookie(), user.id, "not-the-password", "0123456789ab");
    expect(wrong).toMatchObject({ ok: false, field: "currentPassword" });
    const changed = await changePassword(requestWithCookie(), user.id, user.password, "0123456789ab");
    expect(changed.ok).toBe(true);
    expect((await readSession(requestWithCookie(other.setCookie))).user).toBeNull();
  });
});

describe("roles", () => {
  it("refuses a learner with 403 and lets an admin through", async () => {
    const learner = await createUser({ role: "learner" });
    const admin = await createUser({ role: "admin" });
    created.push(learner.id, admin.id);
    const learnerLogin = await logIn(requestWithCookie(), learner.email, learner.password, "10.0.3.1");
    const adminLogin = await logIn(requestWithCookie(), admin.email, admin.password, "10.0.3.1");
    if (!learnerLogin.ok || !adminLogin.ok) throw new Error("login failed");
    const refused = await requireRole(requestWithCookie(learnerLogin.setCookie), "admin").catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    expect((await requireRole(requestWithCookie(adminLogin.setCookie), "admin")).id).toBe(admin.id);
  });

  it("changes a role, writes an audit event, and refuses changing one's own role", async () => {
    const admin = await createUser({ role: "admin" });
    const target = await createUser({ role: "learner" });
    created.push(admin.id, target.id);
    const actor = { ...admin, locale: "vi" };
    expect(await setUserRole(actor, target.id, "trainer", "127.0.0.1")).toMatchObject({ ok: true });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id }, select: { role: true } })).role).toBe(
      "trainer",
    );
    const audit = await prisma.auditEvent.findFirst({
      where: { targetId: target.id, action: "user.role.change" },
      select: { actorId: true, before: true, after: true },
    });
    expect(audit).toEqual({ actorId: admin.id, before: { role: "learner" }, after: { role: "trainer" } });
    expect(await setUserRole(actor, admin.id, "learner", "127.0.0.1")).toEqual({
      ok: false,
      error: "errors.role.self",
    });
  });

  it("searches users by name or email, case-insensitively, with pagination", async () => {
    const user = await createUser({ fullName: "Vũ Thị Quỳnh Như", email: uniqueEmail("QuynhNhu") });
    created.push(user.id);
    const byEmail = await listUsers({ query: "QUYNHNHU", page: 1 });
    expect(byEmail.users.map((u) => u.id)).toContain(user.id);
    const byName = await listUsers({ query: "Quỳnh Như", page: 1 });
    expect(byName.users.map((u) => u.id)).toContain(user.id);
    const nothing = await listUsers({ query: "không-có-ai-như-vậy", page: 1 });
    expect(nothing.total).toBe(0);
  });
});

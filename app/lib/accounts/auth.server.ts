import crypto from "node:crypto";
import { redirect } from "@remix-run/node";
import type { Role } from "~/lib/accounts/accounts.schema";
import { landingPath } from "~/lib/accounts/landing";
import { sendMail } from "~/lib/accounts/mail.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "~/lib/accounts/password.server";
import { endAllSessions, readSession, startSession, type SessionUser } from "~/lib/accounts/session.server";
import { clearFailures, recordFailure, throttledForMinutes } from "~/lib/accounts/throttle.server";
import { recordAudit } from "~/lib/audit/audit.server";
import { prisma } from "~/lib/db.server";
import { rateLimit } from "~/lib/rate-limit.server";
import { env, publicLink } from "~/lib/env.server";
import { serverTranslator } from "~/lib/i18n/i18n.server";
import type { Locale } from "~/lib/i18n/i18n";
import { invariantResponse } from "~/lib/http.server";

export type { SessionUser };

const RESET_TOKEN_TTL_MS = 60 * 60 * 1000;

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return (await readSession(request)).user;
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  return user;
}

export function hasRole(user: Pick<SessionUser, "role">, role: Role): boolean {
  if (user.role === "admin") return true;
  if (role === "trainer") return user.role === "trainer";
  return role === "learner";
}

/** 403 for anyone below the role (admins pass every check). */
export async function requireRole(request: Request, role: Role): Promise<SessionUser> {
  const user = await requireUser(request);
  invariantResponse(hasRole(user, role), "Forbidden", { status: 403 });
  return user;
}

export async function anonymousOnly(request: Request): Promise<void> {
  if (await getOptionalUser(request)) throw redirect("/");
}

type RegisterInput = { fullName: string; email: string };

// Registration mails: at most this many per address typed per hour, and requests per client
// address per 15 minutes (per instance). The answer never changes.
const REGISTER_MAILS_PER_EMAIL_HOUR = 3;
const REGISTER_REQUESTS_PER_ADDRESS = 10;
const CONFIRM_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Registration never tells whether an address has an account: the answer is always "check your
 * mail", and only the address's owner learns what happened. A new address gets an account
 * without a password and a link to choose one (which proves the mailbox, so nobody can
 * register, and later be invited to a unit, under someone else's address). An address with an
 * account gets a note that someone tried, with the sign-in and reset links instead; one whose
 * account never got a password (an import, an earlier registration) gets a fresh link.
 */
export async function registerUser(input: RegisterInput, locale: Locale, ip: string): Promise<void> {
  if (!rateLimit(`register:${ip}`, REGISTER_REQUESTS_PER_ADDRESS, 15 * 60_000).ok) return;
  if (!rateLimit(`register-mail:${input.email}`, REGISTER_MAILS_PER_EMAIL_HOUR, 60 * 60_000).ok) return;
  const { t } = serverTranslator(locale);
  try {
    await prisma.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({
        where: { email: input.email },
        select: { id: true, fullName: true, passwordHash: true },
      });
      if (existing?.passwordHash) {
        await sendMail(
          {
            to: input.email,
            toName: existing.fullName,
            locale,
            subject: t("auth.mail.registerExisting.subject"),
            text: t("auth.mail.registerExisting.body", {
              name: existing.fullName,
              login: publicLink("/login"),
              forgot: publicLink("/forgot-password"),
            }),
          },
          tx,
        );
        return;
      }
      const user =
        existing ??
        (await tx.user.create({
          data: { fullName: input.fullName, email: input.email, passwordHash: null, locale },
          select: { id: true, fullName: true },
        }));
      const token = await createOneTimeToken(user.id, "invite", CONFIRM_TOKEN_TTL_MS, tx);
      await sendMail(
        {
          to: input.email,
          toName: user.fullName,
          locale,
          subject: t("auth.mail.confirm.subject"),
          text: t("auth.mail.confirm.body", {
            name: user.fullName,
            link: publicLink(`/activate?token=${token}`),
          }),
        },
        tx,
      );
    });
  } catch (error) {
    // Two registrations racing for one address: the unique index decides, the first one mails.
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
}

export type LoginResult =
  | { ok: true; setCookie: string; landing: string }
  | { ok: false; error: "errors.login.invalid" }
  | { ok: false; error: "errors.login.throttled"; minutes: number };

export async function logIn(request: Request, email: string, password: string, ip: string): Promise<LoginResult> {
  const minutes = await throttledForMinutes(email, ip);
  if (minutes > 0) return { ok: false, error: "errors.login.throttled", minutes };
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, role: true, orgAdminOf: { select: { orgId: true } } },
  });
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await verifyAgainstDummy(password), false);
  if (!user || !valid) {
    await recordFailure(email, ip);
    return { ok: false, error: "errors.login.invalid" };
  }
  await clearFailures(email, ip);
  return { ok: true, setCookie: await startSession(request, user.id), landing: landingFor(user) };
}

function landingFor(user: { role: string; orgAdminOf: { orgId: string }[] }): string {
  return landingPath({ role: user.role, administeredUnitIds: user.orgAdminOf.map((row) => row.orgId) });
}

/** Only an HMAC of a one-time token is stored: a copy of the database alone cannot use a pending link. */
function hashToken(token: string): string {
  return crypto.createHmac("sha256", env.sessionSecret).update(token).digest("hex");
}

/** Creates a one-time token (only its hash is stored) and returns the raw token for the link. */
export async function createOneTimeToken(
  userId: string,
  purpose: "reset" | "invite",
  ttlMs = RESET_TOKEN_TTL_MS,
  client: Pick<typeof prisma, "passwordResetToken"> = prisma,
): Promise<string> {
  const [token] = await createOneTimeTokens([userId], purpose, ttlMs, client);
  if (token === undefined) throw new Error("no token was created");
  return token;
}

/** One token per user (in order), written with one statement: a background job's batch. */
export async function createOneTimeTokens(
  userIds: string[],
  purpose: "reset" | "invite",
  ttlMs: number,
  client: Pick<typeof prisma, "passwordResetToken"> = prisma,
): Promise<string[]> {
  const tokens = userIds.map(() => crypto.randomBytes(32).toString("base64url"));
  const expiresAt = new Date(Date.now() + ttlMs);
  if (userIds.length > 0)
    await client.passwordResetToken.createMany({
      data: userIds.map((userId, index) => ({ userId, purpose, tokenHash: hashToken(tokens[index] ?? ""), expiresAt })),
    });
  return tokens;
}

// Reset mails: at most this many per account per hour (counted in the database, so across
// instances) and per client address per 15 minutes (per instance). The answer never changes.
export const RESET_MAILS_PER_ACCOUNT_HOUR = 3;
export const RESET_REQUESTS_PER_ADDRESS = 10;

/** Always behaves the same whether or not the email exists (no account enumeration). */
export async function requestPasswordReset(email: string, locale: Locale, ip: string): Promise<void> {
  if (!rateLimit(`reset:${ip}`, RESET_REQUESTS_PER_ADDRESS, 15 * 60_000).ok) return;
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, fullName: true } });
  if (!user) return;
  const recent = await prisma.passwordResetToken.count({
    where: { userId: user.id, purpose: "reset", createdAt: { gt: new Date(Date.now() - 60 * 60_000) } },
  });
  if (recent >= RESET_MAILS_PER_ACCOUNT_HOUR) return;
  const { t } = serverTranslator(locale);
  // The token and its mail are written together: no mail without a usable token, and no token
  // whose mail was lost. Delivery happens later, in the sender job.
  await prisma.$transaction(async (tx) => {
    const token = await createOneTimeToken(user.id, "reset", RESET_TOKEN_TTL_MS, tx);
    const link = publicLink(`/reset-password?token=${token}`);
    await sendMail(
      {
        to: email,
        toName: user.fullName,
        locale,
        subject: t("auth.mail.reset.subject"),
        text: t("auth.mail.reset.body", { name: user.fullName, link }),
      },
      tx,
    );
  });
}

export type ResetResult = { ok: true } | { ok: false; error: "errors.reset.invalid" | "errors.reset.expired" };

export async function checkResetToken(token: string): Promise<ResetResult> {
  const row = await prisma.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true },
  });
  if (!row || row.usedAt) return { ok: false, error: "errors.reset.invalid" };
  if (row.expiresAt <= new Date()) return { ok: false, error: "errors.reset.expired" };
  return { ok: true };
}

/** A used token, or a new password, ends every other reset or invitation link of the account. */
async function invalidateOutstandingTokens(tx: Pick<typeof prisma, "passwordResetToken">, userId: string, now: Date) {
  await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
}

/**
 * Sets the password of the token's account and uses the token up. Claiming the token with a
 * conditional update makes it single-use even under a double submit. Only a token of this
 * purpose counts: a reset link cannot activate, nor an invitation reset.
 */
async function setPasswordWithToken(
  token: string,
  password: string,
  purpose: "reset" | "invite",
): Promise<{ ok: true; userId: string } | Extract<ResetResult, { ok: false }>> {
  const check = await checkResetToken(token);
  if (!check.ok) return check;
  const passwordHash = await hashPassword(password);
  const tokenHash = hashToken(token);
  const now = new Date();
  const userId = await prisma.$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.updateMany({
      where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return null;
    const row = await tx.passwordResetToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true } });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash }, select: { id: true } });
    await invalidateOutstandingTokens(tx, row.userId, now);
    return row.userId;
  });
  if (!userId) return { ok: false, error: "errors.reset.invalid" };
  await endAllSessions(userId);
  return { ok: true, userId };
}

export async function resetPassword(token: string, password: string): Promise<ResetResult> {
  const result = await setPasswordWithToken(token, password, "reset");
  return result.ok ? { ok: true } : result;
}

/** Which kind of one-time link this is, so a reset page can send an invitation on to activation. */
export async function oneTimeTokenPurpose(token: string): Promise<string | null> {
  const row = await prisma.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true },
  });
  return row?.purpose ?? null;
}

export type ActivationCheck =
  { ok: true; email: string } | { ok: false; error: "errors.activate.invalid" | "errors.activate.expired" };

/** An invited account's activation link: still usable, and for which email (shown, not editable). */
export async function checkActivationToken(token: string): Promise<ActivationCheck> {
  const row = await prisma.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, usedAt: true, expiresAt: true, user: { select: { email: true } } },
  });
  if (!row || row.purpose !== "invite" || row.usedAt) return { ok: false, error: "errors.activate.invalid" };
  if (row.expiresAt <= new Date()) return { ok: false, error: "errors.activate.expired" };
  return { ok: true, email: row.user.email };
}

export type ActivationResult =
  | { ok: true; setCookie: string; landing: string }
  | { ok: false; error: "errors.activate.invalid" | "errors.activate.expired" };

/** An invited official sets their first password and is signed in at once (they proved the mailbox). */
export async function activateAccount(request: Request, token: string, password: string): Promise<ActivationResult> {
  const check = await checkActivationToken(token);
  if (!check.ok) return check;
  const result = await setPasswordWithToken(token, password, "invite");
  if (!result.ok) return { ok: false, error: "errors.activate.invalid" };
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: result.userId },
    select: { role: true, orgAdminOf: { select: { orgId: true } } },
  });
  return { ok: true, setCookie: await startSession(request, result.userId), landing: landingFor(user) };
}

export type ChangePasswordResult =
  { ok: true; setCookie: string } | { ok: false; field: "currentPassword"; error: "errors.password.wrongCurrent" };

export async function changePassword(
  request: Request,
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<ChangePasswordResult> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, field: "currentPassword", error: "errors.password.wrongCurrent" };
  }
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash }, select: { id: true } });
    await invalidateOutstandingTokens(tx, userId, new Date());
  });
  await endAllSessions(userId);
  return { ok: true, setCookie: await startSession(request, userId) };
}

export async function logOutEverywhere(userId: string): Promise<void> {
  await endAllSessions(userId);
}

export async function setUserRole(actor: SessionUser, userId: string, role: Role, ip: string) {
  if (actor.id === userId) return { ok: false as const, error: "errors.role.self" as const };
  const before = await prisma.user.findUnique({ where: { id: userId }, select: { role: true, fullName: true } });
  invariantResponse(before, "Not found", { status: 404 });
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { role }, select: { id: true } });
    await recordAudit(
      {
        actorId: actor.id,
        action: "user.role.change",
        targetType: "user",
        targetId: userId,
        before: { role: before.role },
        after: { role },
        ip,
      },
      tx,
    );
  });
  return { ok: true as const, fullName: before.fullName };
}

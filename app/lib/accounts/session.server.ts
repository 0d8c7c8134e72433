import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { Cookie, Lucia, TimeSpan, type Session } from "lucia";
import { hotQuery, hotSql, prisma } from "~/lib/db.server";
import { isHttps } from "~/lib/http.server";

// The only module that knows about Lucia: Lucia v3 is no longer developed upstream, so the
// rest of the app sees createSession/readSession/destroy… and could move to another library.
const adapter = new PrismaAdapter(prisma.session, prisma.user);

export const SESSION_COOKIE = "hocso_session";
// Idle timeout: Lucia slides the expiry forward on use once half of it has passed, so a session
// unused for 6–12 hours ends. Absolute timeout: no session lives longer than 30 days from sign-in.
export const SESSION_IDLE_HOURS = 12;
export const SESSION_ABSOLUTE_DAYS = 30;

const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(SESSION_IDLE_HOURS, "h"),
  sessionCookie: { name: SESSION_COOKIE, expires: true, attributes: { sameSite: "lax" } },
  getSessionAttributes: (attributes) => ({ createdAt: new Date(attributes.createdAt) }),
  getUserAttributes: (attributes) => ({
    email: attributes.email,
    fullName: attributes.fullName,
    role: attributes.role,
    locale: attributes.locale,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: { email: string; fullName: string; role: string; locale: string };
    DatabaseSessionAttributes: { createdAt: Date | string };
  }
}

export type SessionUser = { id: string; email: string; fullName: string; role: string; locale: string };

// Secure only over HTTPS (directly or behind a proxy setting X-Forwarded-Proto), so that a
// login over plain HTTP on an intranet address still works.
function withRequestSecurity(cookie: Cookie, request: Request): string {
  return new Cookie(cookie.name, cookie.value, {
    ...cookie.attributes,
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps(request),
  }).serialize();
}

function sessionIdFrom(request: Request): string | null {
  return lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
}

export type HotSession = { sessionId: string; userId: string };

/**
 * The signed-in user of a raw Cookie header, for the hot endpoints that run before Remix
 * (exam start, attempt page, autosave, submit): one indexed statement on the driver, no ORM and
 * no Lucia round trips. It only reads: extending a session near its expiry and clearing a dead
 * cookie are left to the next regular page (`readSession`), which every exam page passes through
 * before the exam room. Null = no valid session.
 */
export async function readHotSession(
  cookieHeader: string | null | undefined,
  now = new Date(),
): Promise<HotSession | null> {
  const sessionId = lucia.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return null;
  const [row] = await hotQuery<{ userId: string }>(
    hotSql`SELECT "userId" FROM "Session" WHERE "id" = ${sessionId} AND "expiresAt" > ${now}`,
  );
  return row ? { sessionId, userId: row.userId } : null;
}

/** The signed-in user with what a page header shows (name, role, organisation admin). */
export type HotSessionUser = HotSession & { fullName: string; role: string; isOrgAdmin: boolean };

/**
 * Like `readHotSession`, with the header's facts about the user in the same indexed statement:
 * for the exam room's pages, which are served before Remix (see exam-room.server.ts).
 */
export async function readHotSessionUser(
  cookieHeader: string | null | undefined,
  now = new Date(),
): Promise<HotSessionUser | null> {
  const sessionId = lucia.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return null;
  const [row] = await hotQuery<{ userId: string; fullName: string; role: string; orgAdmin: unknown }>(hotSql`
    SELECT s."userId", u."fullName", u."role",
           EXISTS (SELECT 1 FROM "OrgAdmin" o WHERE o."userId" = s."userId") AS "orgAdmin"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId} AND s."expiresAt" > ${now}`);
  if (!row) return null;
  return {
    sessionId,
    userId: row.userId,
    fullName: row.fullName,
    role: row.role,
    isOrgAdmin: row.role === "admin" || Boolean(Number(row.orgAdmin)),
  };
}

type SessionLookup = { user: SessionUser | null; session: Session | null; setCookie?: string };
const lookups = new WeakMap<Request, Promise<SessionLookup>>();

async function lookup(request: Request): Promise<SessionLookup> {
  const sessionId = sessionIdFrom(request);
  if (!sessionId) return { user: null, session: null };
  const { user, session } = await lucia.validateSession(sessionId);
  const tooOld = session && Date.now() - session.createdAt.getTime() > SESSION_ABSOLUTE_DAYS * 24 * 60 * 60 * 1000;
  if (tooOld) await lucia.invalidateSession(session.id);
  if (!session || !user || tooOld) {
    return { user: null, session: null, setCookie: withRequestSecurity(lucia.createBlankSessionCookie(), request) };
  }
  const setCookie = session.fresh ? withRequestSecurity(lucia.createSessionCookie(session.id), request) : undefined;
  return { user: user, session, setCookie };
}

/** The signed-in user of this request (looked up once per request, whichever loader asks first). */
export function readSession(request: Request): Promise<SessionLookup> {
  let pending = lookups.get(request);
  if (!pending) {
    pending = lookup(request);
    lookups.set(request, pending);
  }
  return pending;
}

/** Starts a new session (rotating away any session the request carried) and returns its cookie. */
export async function startSession(request: Request, userId: string): Promise<string> {
  const previous = sessionIdFrom(request);
  if (previous) await lucia.invalidateSession(previous);
  const session = await lucia.createSession(userId, { createdAt: new Date() });
  return withRequestSecurity(lucia.createSessionCookie(session.id), request);
}

export async function endSession(request: Request): Promise<string> {
  const sessionId = sessionIdFrom(request);
  if (sessionId) await lucia.invalidateSession(sessionId);
  return withRequestSecurity(lucia.createBlankSessionCookie(), request);
}

export async function endAllSessions(userId: string): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

export async function countSessions(userId: string): Promise<number> {
  return prisma.session.count({ where: { userId, expiresAt: { gt: new Date() } } });
}

import { sendMail } from "~/lib/accounts/mail.server";
import { recordAudit } from "~/lib/audit/audit.server";
import { prisma } from "~/lib/db.server";
import { publicLink } from "~/lib/env.server";
import { serverTranslator } from "~/lib/i18n/i18n.server";
import { unitsInScope, type OrgScope, type Unit } from "~/lib/organizations/scope.server";

const JOIN_INVITATION_DAYS = 14;
// Asking the same address again within this time renews the invitation without a second mail.
const REMAIL_AFTER_MS = 24 * 60 * 60 * 1000;

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * Is this account a member somewhere in the scope? Only then may an organisation admin attach
 * it directly (the admin can already read it); anyone else is invited and joins on acceptance.
 */
export async function isMemberInScope(scope: OrgScope, userId: string, client: Pick<Tx, "membership"> = prisma) {
  if (scope.global) return true;
  return (await client.membership.count({ where: { userId, org: unitsInScope(scope) } })) > 0;
}

/**
 * Invites an address to join the unit. The same answer and the same visible result (a pending
 * invitation) whatever the address is: unknown, a member of another tree, a platform admin. The
 * mail goes to the address itself, so only its owner learns anything, and they decide.
 */
export async function inviteToUnit(
  actor: { id: string },
  unit: Pick<Unit, "id" | "name">,
  input: { email: string; jobRole: string },
  ip: string,
  client?: Tx,
): Promise<void> {
  const run = async (tx: Tx) => {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + JOIN_INVITATION_DAYS * 24 * 60 * 60 * 1000);
    const key = { orgId_email: { orgId: unit.id, email: input.email } };
    const before = await tx.joinInvitation.findUnique({ where: key, select: { createdAt: true } });
    const remail = !before || now.getTime() - before.createdAt.getTime() > REMAIL_AFTER_MS;
    await tx.joinInvitation.upsert({
      where: key,
      create: { orgId: unit.id, email: input.email, jobRole: input.jobRole, invitedById: actor.id, expiresAt },
      update: { jobRole: input.jobRole, invitedById: actor.id, expiresAt, ...(remail ? { createdAt: now } : {}) },
      select: { id: true },
    });
    await recordAudit(
      {
        actorId: actor.id,
        action: "org.member.invite",
        targetType: "organization",
        targetId: unit.id,
        orgId: unit.id,
        after: { email: input.email, jobRole: input.jobRole },
        ip,
      },
      tx,
    );
    if (!remail) return;
    const owner = await tx.user.findUnique({
      where: { email: input.email },
      select: { fullName: true, locale: true },
    });
    const locale = owner?.locale === "en" ? "en" : "vi";
    const { t } = serverTranslator(locale);
    await sendMail(
      {
        to: input.email,
        toName: owner?.fullName,
        locale,
        subject: t("org.mail.join.subject", { unit: unit.name }),
        text: t("org.mail.join.body", {
          unit: unit.name,
          jobRole: input.jobRole,
          link: publicLink("/account"),
          register: publicLink("/register"),
          days: JOIN_INVITATION_DAYS,
        }),
      },
      tx,
    );
  };
  if (client) await run(client);
  else await prisma.$transaction(run);
}

/** The unit's invitations still waiting for an answer (addresses its admins typed themselves). */
export async function listUnitInvitations(unit: Unit, now = new Date()) {
  return prisma.joinInvitation.findMany({
    where: { orgId: unit.id, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: { id: true, email: true, jobRole: true, expiresAt: true },
  });
}

export async function cancelInvitation(actor: { id: string }, unit: Unit, invitationId: string, ip: string) {
  await prisma.$transaction(async (tx) => {
    const removed = await tx.joinInvitation.deleteMany({ where: { id: invitationId, orgId: unit.id } });
    if (removed.count > 0)
      await recordAudit(
        {
          actorId: actor.id,
          action: "org.member.inviteCancel",
          targetType: "organization",
          targetId: unit.id,
          orgId: unit.id,
          ip,
        },
        tx,
      );
  });
}

/** The invitations addressed to the signed-in account's email. */
export async function myInvitations(user: { email: string }, now = new Date()) {
  const rows = await prisma.joinInvitation.findMany({
    where: { email: user.email, expiresAt: { gt: now } },
    orderBy: { createdAt: "asc" },
    select: { id: true, jobRole: true, expiresAt: true, org: { select: { name: true, code: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    jobRole: row.jobRole,
    expiresAt: row.expiresAt,
    unitName: row.org.name,
    unitCode: row.org.code,
  }));
}

/** The owner of the address accepts (a membership, with the invited job role) or declines. */
export async function answerInvitation(
  user: { id: string; email: string },
  invitationId: string,
  accept: boolean,
  ip: string,
): Promise<{ ok: boolean }> {
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.joinInvitation.findFirst({
      where: { id: invitationId, email: user.email, expiresAt: { gt: new Date() } },
      select: { id: true, orgId: true, jobRole: true },
    });
    if (!invitation) return { ok: false };
    await tx.joinInvitation.delete({ where: { id: invitation.id }, select: { id: true } });
    if (accept)
      await tx.membership.upsert({
        where: { userId_orgId: { userId: user.id, orgId: invitation.orgId } },
        create: { userId: user.id, orgId: invitation.orgId, jobRole: invitation.jobRole },
        update: { jobRole: invitation.jobRole },
        select: { id: true },
      });
    await recordAudit(
      {
        actorId: user.id,
        action: accept ? "org.member.join" : "org.member.decline",
        targetType: "user",
        targetId: user.id,
        orgId: invitation.orgId,
        after: accept ? { jobRole: invitation.jobRole } : undefined,
        ip,
      },
      tx,
    );
    return { ok: true };
  });
}

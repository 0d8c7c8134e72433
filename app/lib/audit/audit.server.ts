import type { Prisma } from "~/lib/db.server";
import { prisma } from "~/lib/db.server";

type AuditClient = Pick<typeof prisma, "auditEvent">;

export type AuditInput = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  orgId?: string | null;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
  ip?: string | null;
};

/** Appends to the audit log. There is deliberately no update or delete function for it. */
export async function recordAudit(event: AuditInput, client: AuditClient = prisma): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      orgId: event.orgId ?? null,
      before: event.before,
      after: event.after,
      ip: event.ip ?? null,
    },
    select: { id: true },
  });
}

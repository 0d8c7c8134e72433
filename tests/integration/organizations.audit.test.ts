import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as auditModule from "~/lib/audit/audit.server";
import { recordAudit } from "~/lib/audit/audit.server";
import * as auditLog from "~/lib/organizations/audit-log.server";
import { listAuditEvents } from "~/lib/organizations/audit-log.server";
import { renameUnit } from "~/lib/organizations/organizations.server";
import type { Unit } from "~/lib/organizations/scope.server";
import { globalScope, tracker } from "./organizations.fixtures";

const t = tracker();
let provinceA: Unit, provinceB: Unit, communeA: Unit;

beforeAll(async () => {
  const ministry = await t.unit("Bộ Nội vụ");
  provinceA = await t.unit("UBND tỉnh Thái Nguyên", ministry);
  provinceB = await t.unit("UBND tỉnh Quảng Ngãi", ministry);
  communeA = await t.unit("UBND xã Đại Từ", provinceA);
});
afterAll(() => t.cleanup());

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe("the audit log is append-only", () => {
  it("its modules export no way to change or remove an event", () => {
    for (const module of [auditModule, auditLog]) {
      for (const name of Object.keys(module)) expect(name).not.toMatch(/update|delete|remove|edit|purge|upsert|clear/i);
    }
  });

  it("the application only creates and reads audit events", () => {
    const calls: string[] = [];
    for (const file of sourceFiles(path.resolve("app"))) {
      const source = fs.readFileSync(file, "utf8");
      for (const match of source.matchAll(/auditEvent\s*\.\s*(\w+)/g))
        calls.push(`${path.relative(".", file)}: ${match[1]}`);
      // Raw SQL could bypass the client: no statement may write to the table either.
      expect(source, file).not.toMatch(/(UPDATE|DELETE\s+FROM|TRUNCATE|ALTER\s+TABLE)\s+"?AuditEvent"?/i);
    }
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) expect(call).toMatch(/: (create|findMany|findFirst|findUnique)$/);
  });
});

describe("viewing the log", () => {
  it("shows an organisation admin only the events of their subtree, filtered by action, actor and date", async () => {
    const actor = await t.user({ fullName: "Lê Hoàng Phương" });
    await renameUnit(actor, communeA, "UBND xã Đại Từ mới", "10.9.8.7");
    await renameUnit(actor, provinceB, "UBND tỉnh Quảng Ngãi mới", "10.9.8.7");
    await recordAudit({
      actorId: actor.id,
      action: "user.role.change",
      targetType: "user",
      targetId: actor.id,
      ip: "10.9.8.7",
    });

    const adminA = await t.user();
    const scopeA = await t.admin(adminA.id, provinceA);
    const seenByA = await listAuditEvents(scopeA, { actor: actor.email }, 1);
    expect(seenByA.events.map((event) => [event.action, event.org?.id])).toEqual([["org.unit.rename", communeA.id]]);
    expect(seenByA.events[0]).toMatchObject({
      actor: { fullName: "Lê Hoàng Phương" },
      ip: "10.9.8.7",
      before: JSON.stringify({ name: "UBND xã Đại Từ" }),
    });

    const seenByAll = await listAuditEvents(globalScope, { actor: actor.email }, 1);
    expect(seenByAll.events.map((event) => event.action).sort()).toEqual([
      "org.unit.rename",
      "org.unit.rename",
      "user.role.change",
    ]);
    expect((await listAuditEvents(globalScope, { actor: actor.email, action: "org." }, 1)).events).toHaveLength(2);
    expect((await listAuditEvents(globalScope, { actor: actor.email, action: "user." }, 1)).events).toHaveLength(1);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
    expect((await listAuditEvents(globalScope, { actor: actor.email, from: today, to: today }, 1)).events).toHaveLength(
      3,
    );
    expect(
      (await listAuditEvents(globalScope, { actor: actor.email, from: "2020-01-01", to: "2020-12-31" }, 1)).events,
    ).toHaveLength(0);
    expect((await listAuditEvents(globalScope, { actor: "nobody@test.hocso.vn" }, 1)).events).toHaveLength(0);
  });

  it("pages through the log without counting it", async () => {
    const actor = await t.user();
    for (let i = 0; i < auditLog.AUDIT_PAGE_SIZE + 2; i++)
      await recordAudit({ actorId: actor.id, action: "test.page", targetType: "test", targetId: String(i) });
    const first = await listAuditEvents(globalScope, { actor: actor.email }, 1);
    const second = await listAuditEvents(globalScope, { actor: actor.email }, 2);
    expect(first).toMatchObject({ hasNext: true });
    expect(first.events).toHaveLength(auditLog.AUDIT_PAGE_SIZE);
    expect(second).toMatchObject({ hasNext: false });
    expect(second.events).toHaveLength(2);
  });
});

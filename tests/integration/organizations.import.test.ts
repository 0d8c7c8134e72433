import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import writeExcelFile, { type SheetData } from "write-excel-file/node";
import { prisma } from "~/lib/db.server";
import { checkActivationToken } from "~/lib/accounts/auth.server";
import { dryRunImport, importOfficials } from "~/lib/organizations/import.server";
import {
  drainInvitations,
  INVITE_CLAIM_TIMEOUT_MS,
  sendPendingInvitations,
} from "~/lib/organizations/invitations.server";
import type { Unit } from "~/lib/organizations/scope.server";
import { globalScope, tracker } from "./organizations.fixtures";

const t = tracker();
let province: Unit, communeA: Unit, communeB: Unit, outside: Unit;
let scope: Awaited<ReturnType<typeof t.admin>>;
let admin: Awaited<ReturnType<typeof t.user>>;
const run = Date.now().toString(36);
const HEADER = "email,full_name,unit_code,job_role";
const options = { ip: "10.2.3.4" };

beforeAll(async () => {
  province = await t.unit("UBND tỉnh Thái Nguyên");
  communeA = await t.unit("UBND xã Đại Từ", province);
  communeB = await t.unit("UBND phường Phan Đình Phùng", province);
  outside = await t.unit("UBND tỉnh Quảng Ngãi");
  admin = await t.user();
  scope = await t.admin(admin.id, province);
});
afterAll(async () => {
  await prisma.user.deleteMany({ where: { email: { endsWith: `.${run}@import.test.hocso.vn` } } });
  await t.cleanup();
});

const email = (name: string) => `${name}.${run}@import.test.hocso.vn`;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Windows-1258 as Excel writes it: base letters (with â ă ê ô ơ ư đ precomposed) and separate tone marks. */
function windows1258(text: string): Uint8Array {
  const decomposed = text
    .normalize("NFD")
    .replace(/([A-Za-z])([\u0300-\u036f]+)/g, (_match, base: string, marks: string) => {
      const tones = marks.replace(/[\u0302\u0306\u031B]/g, "");
      const shapes = marks.replace(/[^\u0302\u0306\u031B]/g, "");
      return (base + shapes).normalize("NFC") + tones;
    });
  return new Uint8Array(iconv.encode(decomposed, "windows1258"));
}

async function usersNamed(prefix: string) {
  return prisma.user.findMany({
    where: { email: { startsWith: prefix, endsWith: `.${run}@import.test.hocso.vn` } },
    orderBy: { email: "asc" },
    select: { email: true, fullName: true, passwordHash: true },
  });
}

describe("dry run: every problem by row and column", () => {
  it.each([
    [
      "wrong columns",
      () => `email,name,unit,phone\nx@y.vn,X,A,1`,
      [
        { row: 1, column: null, code: "unknownColumn", value: "phone" },
        { row: 1, column: "job_role", code: "missingColumn" },
      ],
    ],
    [
      "bad email",
      () => `${HEADER}\nnot-an-email,Nguyễn An,${communeA.code},chuyên viên`,
      [{ row: 2, column: "email", code: "emailInvalid", value: "not-an-email" }],
    ],
    [
      "duplicate rows",
      () => `${HEADER}\n${email("dup")},An,${communeA.code},cv\n${email("dup")},An,${communeA.code},cv`,
      [{ row: 3, column: null, code: "duplicateRow", otherRow: 2 }],
    ],
    [
      "unknown unit",
      () => `${HEADER}\n${email("u")},An,KHONG-CO-${run},cv`,
      [{ row: 2, column: "unit_code", code: "unitUnknown", value: `KHONG-CO-${run}`.toUpperCase() }],
    ],
    [
      "unit outside the subtree",
      () => `${HEADER}\n${email("o")},An,${outside.code},cv`,
      () => [{ row: 2, column: "unit_code", code: "unitOutOfScope", value: outside.code }],
    ],
    [
      "empty name",
      () => `${HEADER}\n${email("e")},,${communeA.code},cv`,
      [{ row: 2, column: "full_name", code: "nameRequired" }],
    ],
    [
      "several problems on several rows",
      () =>
        `${HEADER}\n${email("ok")},An,${communeA.code},cv\nbad,,${communeA.code},\n${email("ok2")},Bình,NOPE-${run},cv`,
      [
        { row: 3, column: "email", code: "emailInvalid", value: "bad" },
        { row: 3, column: "full_name", code: "nameRequired" },
        { row: 3, column: "job_role", code: "roleRequired" },
        { row: 4, column: "unit_code", code: "unitUnknown", value: `NOPE-${run}`.toUpperCase() },
      ],
    ],
  ])("%s", async (_label, text, issues) => {
    const report = await dryRunImport(scope, utf8(text()));
    expect(report.ok).toBe(false);
    expect(report.issues).toEqual(typeof issues === "function" ? issues() : issues);
  });

  it("nothing is half-imported: one bad row and no row is written", async () => {
    const text = `${HEADER}\n${email("half1")},Trần Văn Một,${communeA.code},cv\n${email("half2")},Trần Văn Hai,${outside.code},cv`;
    const report = await importOfficials(admin, scope, text, options);
    expect(report).toMatchObject({ ok: false, imported: false });
    expect(report.issues).toHaveLength(1);
    expect(await usersNamed("half")).toEqual([]);
  });

  it.each([
    ["UTF-8 with BOM", (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]), "utf-8-bom"],
    ["Windows-1258", windows1258, "windows-1258"],
    ["UTF-16 LE", (text: string) => new Uint8Array([0xff, 0xfe, ...iconv.encode(text, "utf16le")]), "utf-16le"],
  ])("reads Vietnamese names from %s and stores them in NFC", async (label, encode, encoding) => {
    const prefix = `enc-${encoding}`;
    const names = ["Nguyễn Thị Ánh Tuyết", "Đặng Quốc Hưng", "Lê Thị Thủy"];
    const text = `Email,Họ và tên,Mã đơn vị,Vị trí việc làm\r\n${names.map((name, i) => `${email(`${prefix}-${i}`)},${name},${communeA.code.toLowerCase()},Chuyên viên`).join("\r\n")}\r\n`;
    const report = await dryRunImport(scope, encode(text));
    expect(report, label).toMatchObject({ ok: true, encoding, rows: 3, newUsers: 3 });
    const imported = await importOfficials(admin, scope, report.text, options);
    expect(imported).toMatchObject({ ok: true, imported: true, newUsers: 3, newMemberships: 3 });
    const users = await usersNamed(prefix);
    expect(users.map((user) => user.fullName)).toEqual(names);
    for (const user of users) expect(user.fullName).toBe(user.fullName.normalize("NFC"));
    const memberships = await prisma.membership.findMany({
      where: { user: { email: { startsWith: prefix } } },
      select: { jobRole: true, orgId: true },
    });
    expect(
      memberships.every((membership) => membership.jobRole === "chuyên viên" && membership.orgId === communeA.id),
    ).toBe(true);
  });
});

describe("import", () => {
  it("is idempotent: the same file twice creates nobody twice and queues one invitation each, sent in the background", async () => {
    const existing = await t.user({ email: email("existing"), fullName: "Phạm Minh Khôi" });
    // Already a member in the admin's tree: attached directly (anyone else is invited).
    await t.member(existing.id, province, "lãnh đạo");
    const text = [
      HEADER,
      `${email("idem-a")},Vũ Thị Lan,${communeA.code},cán bộ một cửa`,
      `${email("idem-b")},Bùi Văn Nam,${communeB.code},chuyên viên`,
      `${email("idem-a")},Vũ Thị Lan,${communeB.code},chuyên viên`,
      `${existing.email},Phạm Minh Khôi,${communeA.code},chuyên viên`,
    ].join("\n");
    const first = await importOfficials(admin, scope, text, options);
    expect(first).toMatchObject({
      ok: true,
      imported: true,
      rows: 4,
      newUsers: 2,
      existingUsers: 1,
      newMemberships: 4,
      invitationsQueued: 2,
    });
    // Importing again before or after the mails went out queues nobody twice.
    const second = await importOfficials(admin, scope, text, options);
    expect(second).toMatchObject({
      ok: true,
      imported: true,
      rows: 4,
      newUsers: 0,
      existingUsers: 3,
      newMemberships: 0,
      unchangedMemberships: 4,
      invitationsQueued: 0,
    });
    await drainInvitations();
    expect(await prisma.pendingInvitation.count({ where: { user: { email: { startsWith: "idem-" } } } })).toBe(0);
    expect(await usersNamed("idem")).toHaveLength(2);
    const lan = await prisma.user.findUniqueOrThrow({
      where: { email: email("idem-a") },
      select: {
        id: true,
        passwordHash: true,
        role: true,
        memberships: { select: { orgId: true, jobRole: true }, orderBy: { jobRole: "asc" } },
      },
    });
    expect(lan).toMatchObject({ passwordHash: null, role: "learner" });
    expect(lan.memberships).toEqual(
      expect.arrayContaining([
        { orgId: communeA.id, jobRole: "cán bộ một cửa" },
        { orgId: communeB.id, jobRole: "chuyên viên" },
      ]),
    );
    // The existing account got the membership and keeps its password; it is not invited.
    expect(await prisma.membership.count({ where: { userId: existing.id, orgId: communeA.id } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { to: existing.email } })).toBe(0);
    // One invitation per new person, with a working set-password link valid for 7 days.
    const mails = await prisma.outboxMessage.findMany({
      where: { to: email("idem-a") },
      select: { subject: true, text: true },
    });
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Mời kích hoạt tài khoản HọcSố");
    const token = /activate\?token=([\w-]+)/.exec(mails[0].text)?.[1];
    expect(mails[0].text).toContain("https://hocso.test/activate?token=");
    expect(await checkActivationToken(token!)).toEqual({ ok: true, email: email("idem-a") });
    const stored = await prisma.passwordResetToken.findFirstOrThrow({
      where: { userId: lan.id },
      select: { purpose: true, expiresAt: true },
    });
    expect(stored.purpose).toBe("invite");
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86400_000);
    // A changed job role in a later file updates the membership.
    const changed = await importOfficials(
      admin,
      scope,
      `${HEADER}\n${email("idem-b")},Bùi Văn Nam,${communeB.code},trưởng bộ phận`,
      options,
    );
    expect(changed).toMatchObject({ ok: true, changedMemberships: 1, newMemberships: 0 });
    // Each import is in the audit log, attributed to the unit containing all its rows.
    const events = await prisma.auditEvent.findMany({
      where: { action: "org.import", actorId: admin.id },
      select: { orgId: true, after: true, ip: true },
    });
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.find((event) => (event.after as { newUsers?: number }).newUsers === 2)).toMatchObject({
      orgId: province.id,
      ip: "10.2.3.4",
    });
  });

  it("a global admin can import into any unit", async () => {
    const report = await dryRunImport(
      globalScope,
      utf8(`${HEADER}\n${email("global")},Ngô Thị Mai,${outside.code},cv`),
    );
    expect(report.ok).toBe(true);
  });

  it("imports 10,000 rows in one transaction, reporting progress, then invites them all in the background", async () => {
    const rows = Array.from(
      { length: 10_000 },
      (_, i) =>
        `${email(`bulk-${String(i).padStart(5, "0")}`)},Cán bộ số ${i + 1},${i % 2 ? communeA.code : communeB.code},chuyên viên`,
    );
    const text = `${HEADER}\n${rows.join("\n")}\n`;
    const phases: string[] = [];
    const report = await importOfficials(admin, scope, text, {
      ...options,
      onProgress: (progress) => {
        if (phases.at(-1) !== progress.phase) phases.push(progress.phase);
      },
    });
    // The import answers once the people are written, without waiting for 10,000 mails (its
    // duration is measured by `npm run bench`, not asserted here).
    expect(report).toMatchObject({
      ok: true,
      imported: true,
      newUsers: 10_000,
      newMemberships: 10_000,
      invitationsQueued: 10_000,
    });
    expect(phases).toEqual(["checking", "users", "memberships", "done"]);
    const bulk = { email: { startsWith: "bulk-", endsWith: `.${run}@import.test.hocso.vn` } };
    expect(await prisma.pendingInvitation.count({ where: { user: bulk } })).toBeGreaterThan(0);
    await drainInvitations();
    expect(await prisma.pendingInvitation.count({ where: { user: bulk } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { to: bulk.email } })).toBe(10_000);
    expect(
      await prisma.user.count({ where: { email: { startsWith: "bulk-", endsWith: `.${run}@import.test.hocso.vn` } } }),
    ).toBe(10_000);
    expect(
      await prisma.membership.count({
        where: { user: { email: { startsWith: "bulk-", endsWith: `.${run}@import.test.hocso.vn` } } },
      }),
    ).toBe(10_000);
  }, 300_000);
});

describe("Excel workbooks", () => {
  const xlsx = async (sheet: SheetData) => new Uint8Array(await writeExcelFile(sheet).toBuffer());
  /** The same table as a CSV file, an empty row as an empty line. */
  const csvOf = (sheet: SheetData) => utf8(sheet.map((cells) => cells.map(String).join(",")).join("\r\n"));
  const outcome = ({
    ok,
    issues,
    rows,
    newUsers,
    existingUsers,
    newMemberships,
    changedMemberships,
    unchangedMemberships,
  }: Awaited<ReturnType<typeof dryRunImport>>) => ({
    ok,
    issues,
    rows,
    newUsers,
    existingUsers,
    newMemberships,
    changedMemberships,
    unchangedMemberships,
  });

  it("a dry run and an import of an .xlsx give what the same CSV gives, and importing it twice creates nobody twice", async () => {
    const existing = await t.user({ email: email("xlsx-existing"), fullName: "Hoàng Văn Đức" });
    // Already a member in the admin's tree: attached directly (anyone else is invited).
    await t.member(existing.id, province, "lãnh đạo");
    const sheet: SheetData = [
      ["Email", "Họ và tên", "Mã đơn vị", "Vị trí việc làm"],
      [email("xlsx-a"), "Nguyễn Thị Ánh Tuyết", communeA.code, "Cán bộ một cửa"],
      [],
      [email("xlsx-b"), "Trịnh Quang Hưng", communeB.code.toLowerCase(), "chuyên viên"],
      [email("xlsx-a"), "Nguyễn Thị Ánh Tuyết", communeB.code, "chuyên viên"],
      [existing.email, "Hoàng Văn Đức", communeA.code, "chuyên viên"],
    ];
    const fromXlsx = await dryRunImport(scope, await xlsx(sheet), "can-bo.xlsx");
    const fromCsv = await dryRunImport(scope, csvOf(sheet), "can-bo.csv");
    expect(fromXlsx).toMatchObject({
      format: "xlsx",
      encoding: null,
      ok: true,
      rows: 4,
      newUsers: 2,
      existingUsers: 1,
      newMemberships: 4,
    });
    expect(fromCsv.format).toBe("csv");
    expect(outcome(fromXlsx)).toEqual(outcome(fromCsv));

    const first = await importOfficials(admin, scope, fromXlsx.text, options);
    expect(first).toMatchObject({
      ok: true,
      imported: true,
      rows: 4,
      newUsers: 2,
      existingUsers: 1,
      newMemberships: 4,
      invitationsQueued: 2,
    });
    const again = await dryRunImport(scope, await xlsx(sheet), "can-bo.xlsx");
    expect(again).toMatchObject({
      ok: true,
      newUsers: 0,
      existingUsers: 3,
      newMemberships: 0,
      unchangedMemberships: 4,
    });
    expect(outcome(again)).toEqual(outcome(await dryRunImport(scope, csvOf(sheet))));
    const second = await importOfficials(admin, scope, again.text, options);
    expect(second).toMatchObject({
      ok: true,
      imported: true,
      newUsers: 0,
      newMemberships: 0,
      unchangedMemberships: 4,
      invitationsQueued: 0,
    });
    expect((await usersNamed("xlsx-")).map((user) => user.fullName)).toEqual([
      "Nguyễn Thị Ánh Tuyết",
      "Trịnh Quang Hưng",
      "Hoàng Văn Đức",
    ]);
    expect(
      await prisma.membership.count({
        where: {
          orgId: { not: province.id },
          user: { email: { startsWith: "xlsx-", endsWith: `.${run}@import.test.hocso.vn` } },
        },
      }),
    ).toBe(4);
    await drainInvitations();
  });

  it("reports the problems of a workbook on the rows and columns the CSV would, on the sheet's row numbers", async () => {
    const sheet: SheetData = [
      HEADER.split(","),
      [email("xlsx-ok"), "Lý Thị Mai", communeA.code, "cv"],
      [],
      ["khong-hop-le", "Tạ Văn Bình", communeA.code, "cv"],
      [email("xlsx-out"), "Mai Văn Cường", outside.code, "cv"],
    ];
    const fromXlsx = await dryRunImport(scope, await xlsx(sheet));
    expect(fromXlsx.issues).toEqual([
      { row: 4, column: "email", code: "emailInvalid", value: "khong-hop-le" },
      { row: 5, column: "unit_code", code: "unitOutOfScope", value: outside.code },
    ]);
    expect(outcome(fromXlsx)).toEqual(outcome(await dryRunImport(scope, csvOf(sheet))));
  });

  it.each([
    [
      "a damaged workbook",
      async () => (await xlsx([HEADER.split(",")])).slice(0, 200),
      "can-bo.xlsx",
      "xlsxUnreadable",
    ],
    [
      "a text file named .xlsx",
      () => Promise.resolve(utf8(`${HEADER}\n${email("xlsx-fake")},An,${communeA.code},cv`)),
      "can-bo.xlsx",
      "xlsxUnreadable",
    ],
    ["an empty sheet", () => xlsx([[]]), "can-bo.xlsx", "xlsxEmpty"],
    [
      "an old .xls workbook",
      () => Promise.resolve(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])),
      "can-bo.xls",
      "xlsLegacy",
    ],
  ])("refuses %s with one issue and writes nothing", async (_label, bytes, name, code) => {
    const report = await dryRunImport(scope, await bytes(), name);
    expect(report).toMatchObject({ ok: false, rows: 0, text: "", issues: [{ row: 1, column: null, code }] });
    expect(await usersNamed("xlsx-fake")).toEqual([]);
  });
});

describe("background invitations", () => {
  async function queued(name: string, passwordHash: string | null = null) {
    const user = await prisma.user.create({
      data: { email: email(name), fullName: "Đỗ Thị Hoa", passwordHash },
      select: { id: true, email: true },
    });
    await prisma.pendingInvitation.create({
      data: { userId: user.id },
      select: { id: true },
    });
    return user;
  }
  const mailsTo = (to: string) => prisma.outboxMessage.count({ where: { to } });

  it("sends each invitation once when several instances run the job at the same time", async () => {
    const people = await Promise.all(["race-a", "race-b", "race-c"].map((name) => queued(name)));
    const results = await Promise.all([sendPendingInvitations(), sendPendingInvitations(), sendPendingInvitations()]);
    expect(results.reduce((sum, result) => sum + result.sent, 0)).toBeGreaterThanOrEqual(3);
    for (const person of people) expect(await mailsTo(person.email)).toBe(1);
    expect(await prisma.pendingInvitation.count({ where: { userId: { in: people.map((person) => person.id) } } })).toBe(
      0,
    );
  });

  it("sends nothing to an account that set its password in the meantime", async () => {
    const person = await queued("activated", "argon2-hash-placeholder");
    await sendPendingInvitations();
    expect(await mailsTo(person.email)).toBe(0);
    expect(await prisma.pendingInvitation.count({ where: { userId: person.id } })).toBe(0);
  });

  it("leaves a freshly claimed invitation alone and takes a stale claim again", async () => {
    const person = await queued("stale");
    const now = new Date();
    await prisma.pendingInvitation.update({
      where: { userId: person.id },
      data: { claimedAt: new Date(now.getTime() - 60_000), attempts: 1 },
      select: { id: true },
    });
    await sendPendingInvitations(now);
    expect(await mailsTo(person.email)).toBe(0);
    await prisma.pendingInvitation.update({
      where: { userId: person.id },
      data: { claimedAt: new Date(now.getTime() - INVITE_CLAIM_TIMEOUT_MS - 1000) },
      select: { id: true },
    });
    await sendPendingInvitations(now);
    expect(await mailsTo(person.email)).toBe(1);
  });
});

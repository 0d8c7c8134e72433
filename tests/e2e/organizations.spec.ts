import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import writeExcelFile from "write-excel-file/node";
import { prisma } from "~/lib/db.server";
import { recordGradedAttempt } from "~/lib/fixtures/factories.server";
import { createUnit } from "~/lib/organizations/organizations.server";
import { loadUnit, type Unit } from "~/lib/organizations/scope.server";
import { dateInputValue } from "~/lib/organizations/rules";
import { expect, logIn, test } from "./fixtures";

const ONE_STOP = "mot-cua-dien-tu-cho-can-bo";
const GLOBAL = { global: true, roots: [] };
const units: string[] = [];

async function unit(name: string, parent: Unit | null): Promise<Unit> {
  const code = `E2E-${crypto.randomBytes(3).toString("hex").toUpperCase()}`;
  const result = await createUnit({ id: "e2e" }, GLOBAL, { parent, code, name }, "127.0.0.1");
  if (!result.ok) throw new Error(result.error);
  units.push(result.id);
  return (await loadUnit(result.id))!;
}

test.afterAll(async () => {
  const rows = await prisma.organization.findMany({ where: { id: { in: units } }, select: { id: true, depth: true } });
  for (const row of rows.sort((a, b) => b.depth - a.depth))
    await prisma.organization.delete({ where: { id: row.id }, select: { id: true } });
});

test("an organisation admin imports officials, assigns a course with a deadline, a learner completes it, the dashboard follows; another unit's admin is refused", async ({
  page,
  browser,
  makeUser,
  trackEmail,
}) => {
  test.setTimeout(180_000);
  const province = await unit("UBND tỉnh Thái Nguyên (E2E)", null);
  const commune = await unit("UBND xã Đại Từ (E2E)", province);
  const otherProvince = await unit("UBND tỉnh Quảng Ngãi (E2E)", null);
  const admin = await makeUser({ fullName: "Đặng Thu Hà" });
  const otherAdmin = await makeUser({ fullName: "Võ Minh Quân" });
  await prisma.orgAdmin.createMany({
    data: [
      { userId: admin.id, orgId: province.id },
      { userId: otherAdmin.id, orgId: otherProvince.id },
    ],
  });
  const tag = crypto.randomBytes(3).toString("hex");
  const emails = ["lan", "nam", "hung"].map((name) => trackEmail(`${name}.${tag}@e2e.hocso.vn`));

  // 1. Dry run of a file with a bad email: the row and column are reported, nothing is imported.
  await logIn(page, admin, "/org");
  await expect(
    page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Đơn vị" }),
  ).toBeVisible();
  await page.getByRole("link", { name: "Nhập danh sách" }).click();
  const csv = (second: string) =>
    Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        `email,full_name,unit_code,job_role\n${emails[0]},Vũ Thị Lan,${commune.code},cán bộ một cửa\n${second},Bùi Văn Nam,${commune.code},cán bộ một cửa\n${emails[2]},Đặng Quốc Hưng,${commune.code},chuyên viên\n`,
        "utf8",
      ),
    ]);
  await page
    .getByLabel("Tệp CSV hoặc Excel (.xlsx)", { exact: true })
    .setInputFiles({ name: "can-bo.csv", mimeType: "text/csv", buffer: csv("nam-khong-hop-le") });
  await page.getByRole("button", { name: "Kiểm tra (chạy thử)" }).click();
  const issues = page.getByTestId("import-issues");
  await expect(issues).toBeVisible();
  await expect(issues.getByRole("row").nth(1)).toContainText("3");
  await expect(issues.getByRole("row").nth(1)).toContainText("email");
  await expect(issues.getByRole("row").nth(1)).toContainText("Email không hợp lệ");
  expect(await prisma.user.count({ where: { email: { in: emails } } })).toBe(0);

  // 2. The fixed file: dry run clean, then the import (with its progress bar) and the invitations.
  await page
    .getByLabel("Tệp CSV hoặc Excel (.xlsx)", { exact: true })
    .setInputFiles({ name: "can-bo.csv", mimeType: "text/csv", buffer: csv(emails[1]) });
  await page.getByRole("button", { name: "Kiểm tra (chạy thử)" }).click();
  await expect(page.getByText("Không có lỗi. 3 dòng sẵn sàng để nhập.")).toBeVisible();
  await page.getByRole("button", { name: "Nhập 3 dòng" }).click();
  await expect(page.getByText("Đã nhập 3 dòng.")).toBeVisible();
  await expect(page.getByTestId("import-summary")).toContainText("Thư mời sẽ gửi");
  // The invitations go out in the background, after the import has answered.
  await expect(page.getByText("Thư mời kích hoạt tài khoản đang được gửi tới 3 người", { exact: false })).toBeVisible();
  expect(await prisma.membership.count({ where: { orgId: commune.id } })).toBe(3);

  // 3. Assign the one-stop course to the province with a deadline in two weeks.
  const due = dateInputValue(new Date(Date.now() + 14 * 86400_000));
  await page.getByRole("link", { name: "Giao khóa học" }).first().click();
  await page.getByLabel("Mã đơn vị", { exact: true }).selectOption(province.code);
  await page.getByLabel("Khóa học", { exact: true }).selectOption(ONE_STOP);
  await page.getByLabel("Hạn hoàn thành", { exact: true }).fill(due);
  await page.getByRole("button", { name: "Giao khóa học" }).click();
  await expect(page.getByText("Đã giao khóa học.")).toBeVisible();
  await expect(page.getByTestId("assignment").first()).toContainText(province.code);

  // 4. The learner activates the account from the invitation and sees the course as required.
  await expect
    .poll(() => prisma.outboxMessage.count({ where: { to: emails[0] } }), { timeout: 30_000 })
    .toBeGreaterThan(0);
  const invitation = await prisma.outboxMessage.findFirstOrThrow({
    where: { to: emails[0] },
    orderBy: { createdAt: "desc" },
    select: { text: true },
  });
  const link = /https?:\/\/\S+\/activate\?token=\S+/.exec(invitation.text)![0];
  const learnerContext = await browser.newContext();
  const learnerPage = await learnerContext.newPage();
  await learnerPage.goto(new URL(link).pathname + new URL(link).search);
  const password = "mat-khau-can-bo-2026";
  await learnerPage.getByLabel("Mật khẩu mới", { exact: true }).fill(password);
  await learnerPage.getByLabel("Nhập lại mật khẩu").fill(password);
  await learnerPage.getByRole("button", { name: "Kích hoạt và đăng nhập" }).click();
  // Activation signs the official in and lands on their learning.
  await learnerPage.waitForURL(/\/learning$/);
  const card = learnerPage.getByTestId("learning-course").first();
  await expect(card).toContainText("Bắt buộc");
  const [year, month, day] = due.split("-");
  await expect(card).toContainText(`Hạn hoàn thành: ${day}/${month}/${year}`);

  // 5. The learner works through the lessons; the exam UI is another issue's, so the pass is recorded directly.
  const learner = await prisma.user.findUniqueOrThrow({ where: { email: emails[0] }, select: { id: true } });
  const version = await prisma.courseVersion.findFirstOrThrow({
    where: { course: { slug: ONE_STOP }, status: "published", kind: "full" },
    orderBy: { number: "desc" },
    select: { id: true, lessons: { orderBy: { position: "asc" }, select: { key: true } } },
  });
  await recordGradedAttempt(learner.id, version.id, true);
  await card.getByRole("link", { name: /Tiếp tục/ }).click();
  for (const lesson of version.lessons) {
    await expect(learnerPage).toHaveURL(new RegExp(`/lessons/${lesson.key}$`));
    await learnerPage.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
  }
  await expect(learnerPage).toHaveURL(new RegExp(`/courses/${ONE_STOP}$`));
  await learnerPage.goto("/learning");
  await expect(learnerPage.getByTestId("learning-course").first()).toContainText("Hoàn thành ngày");
  await learnerContext.close();

  // 6. The dashboard shows the completion, and the CSV export says the same.
  await page.goto(`/org/compliance?unit=${province.id}`);
  await expect(page.getByTestId("total-assigned")).toContainText("3");
  await expect(page.getByTestId("total-completed")).toContainText("1");
  await expect(page.getByTestId("total-notStarted")).toContainText("2");
  await expect(page.getByTestId("total-rate")).toContainText("33,3%");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải số liệu (CSV)" }).click();
  const file = await (await download).path();
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain(`${commune.code},UBND xã Đại Từ (E2E),3,1,0,2,0,33.3,3,`);
  expect(text).toContain(",Tổng cộng,3,1,0,2,0,33.3,3,");

  // 7. The admin of another province sees none of it.
  const otherPage = await (await browser.newContext()).newPage();
  await logIn(otherPage, otherAdmin, "/org");
  for (const path of [
    `/org/units/${province.id}`,
    `/org/compliance?unit=${province.id}`,
    `/org/units/${commune.id}`,
    `/org/compliance.csv?unit=${province.id}`,
  ]) {
    const response = await otherPage.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await otherPage.goto("/org");
  await expect(otherPage.getByText("UBND tỉnh Thái Nguyên (E2E)")).toHaveCount(0);
  await expect(otherPage.getByRole("link", { name: "UBND tỉnh Quảng Ngãi (E2E)" })).toBeVisible();
});

test("an organisation admin checks and imports an Excel workbook", async ({ page, makeUser, trackEmail }) => {
  const province = await unit("UBND tỉnh Bắc Kạn (E2E)", null);
  const commune = await unit("UBND xã Chợ Mới (E2E)", province);
  const admin = await makeUser({ fullName: "Lương Thị Hằng" });
  await prisma.orgAdmin.create({ data: { userId: admin.id, orgId: province.id }, select: { userId: true } });
  const tag = crypto.randomBytes(3).toString("hex");
  const emails = ["thao", "khang"].map((name) => trackEmail(`xlsx-${name}.${tag}@e2e.hocso.vn`));
  // As Excel users type it: Vietnamese headers, a blank row, a unit code in lower case.
  const workbook = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hocso-e2e-")), "danh-sach-can-bo.xlsx");
  await writeExcelFile([
    ["Email", "Họ và tên", "Mã đơn vị", "Vị trí việc làm"],
    [emails[0], "Phùng Thị Thảo", commune.code, "Cán bộ một cửa"],
    [],
    [emails[1], "Đinh Văn Khang", commune.code.toLowerCase(), "Chuyên viên"],
  ]).toFile(workbook);

  await logIn(page, admin, "/org/import");
  await expect(page.getByRole("heading", { name: "Nhập danh sách cán bộ từ tệp CSV hoặc Excel" })).toBeVisible();
  await page.getByLabel("Tệp CSV hoặc Excel (.xlsx)", { exact: true }).setInputFiles(workbook);
  await page.getByRole("button", { name: "Kiểm tra (chạy thử)" }).click();
  await expect(page.getByText("Kết quả kiểm tra: danh-sach-can-bo.xlsx")).toBeVisible();
  await expect(page.getByText("Đã đọc trang tính đầu tiên của tệp Excel.")).toBeVisible();
  await expect(page.getByText("Không có lỗi. 2 dòng sẵn sàng để nhập.")).toBeVisible();
  const summary = page.getByTestId("import-summary");
  await expect(summary.getByText("Tài khoản mới").locator("..")).toContainText("2");
  expect(await prisma.user.count({ where: { email: { in: emails } } })).toBe(0);

  await page.getByRole("button", { name: "Nhập 2 dòng" }).click();
  await expect(page.getByText("Đã nhập 2 dòng.")).toBeVisible();
  const people = await prisma.user.findMany({
    where: { email: { in: emails } },
    orderBy: { email: "asc" },
    select: { fullName: true, memberships: { select: { orgId: true, jobRole: true } } },
  });
  expect(people).toEqual([
    { fullName: "Đinh Văn Khang", memberships: [{ orgId: commune.id, jobRole: "chuyên viên" }] },
    { fullName: "Phùng Thị Thảo", memberships: [{ orgId: commune.id, jobRole: "cán bộ một cửa" }] },
  ]);
  fs.rmSync(path.dirname(workbook), { recursive: true, force: true });
});

test("an organisation admin's add-member form invites, never attaches, someone of another province; they join by accepting (JavaScript off)", async ({
  page,
  browser,
  makeUser,
}) => {
  test.setTimeout(180_000);
  const province = await unit("UBND tỉnh Bắc Kạn (E2E mời)", null);
  const otherProvince = await unit("UBND tỉnh Cà Mau (E2E mời)", null);
  const admin = await makeUser({ fullName: "Lý Thanh Bình" });
  const stranger = await makeUser({ fullName: "Tạ Minh Châu" });
  await prisma.orgAdmin.create({ data: { userId: admin.id, orgId: province.id }, select: { userId: true } });
  await prisma.membership.create({
    data: { userId: stranger.id, orgId: otherProvince.id, jobRole: "chuyên viên" },
    select: { id: true },
  });
  const nobody = `nobody.${crypto.randomBytes(3).toString("hex")}@e2e.hocso.vn`;

  await logIn(page, admin, `/org/units/${province.id}`);
  const invite = async (email: string) => {
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Vị trí việc làm").fill("chuyên viên");
    // Waiting for the action's answer names a slow or failed request, instead of a missing text.
    const answered = page.waitForResponse(
      (response) => response.request().method() === "POST" && response.url().includes(`/org/units/${province.id}`),
      { timeout: 30_000 },
    );
    await page.getByRole("button", { name: "Thêm cán bộ" }).click();
    expect((await answered).status()).toBe(200);
    await expect(page.getByText(`Đã gửi lời mời tới ${email}.`, { exact: false })).toBeVisible();
  };
  // The answer for someone of another province and for an address nobody uses is the same.
  await invite(stranger.email);
  await invite(nobody);
  await expect(page.getByTestId("join-invitation")).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Tạ Minh Châu" })).toHaveCount(0);
  expect((await page.goto(`/org/people/${stranger.id}`))?.status()).toBe(403);

  const context = await browser.newContext({ javaScriptEnabled: false });
  const strangerPage = await context.newPage();
  await logIn(strangerPage, stranger, "/account");
  await expect(strangerPage.getByRole("heading", { name: "Lời mời tham gia đơn vị" })).toBeVisible();
  await strangerPage.getByRole("button", { name: `Chấp nhận lời mời của ${province.name}` }).click();
  await expect(strangerPage.getByText("Bạn đã tham gia đơn vị.")).toBeVisible();
  await context.close();

  expect((await page.goto(`/org/people/${stranger.id}`))?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Tạ Minh Châu" })).toBeVisible();
  // Only the admin's own unit is listed among the person's memberships.
  await expect(page.getByRole("link", { name: otherProvince.name })).toHaveCount(0);
  await page.goto(`/org/units/${province.id}`);
  await expect(page.getByTestId("join-invitation")).toHaveCount(1);
  await page.getByRole("button", { name: `Hủy lời mời gửi ${nobody}` }).click();
  await expect(page.getByText("Đã hủy lời mời.")).toBeVisible();
  await expect(page.getByTestId("join-invitation")).toHaveCount(0);
  await prisma.outboxMessage.deleteMany({ where: { to: { in: [stranger.email, nobody] } } });
});

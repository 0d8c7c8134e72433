import crypto from "node:crypto";
import { prisma } from "~/lib/db.server";
import { tryCompleteCourse } from "~/lib/credits/completion.server";
import { completeAllLessons, recordGradedAttempt } from "~/lib/fixtures/factories.server";
import { revokeCertificate } from "~/lib/certificates/certificates.server";
import { createUnit } from "~/lib/organizations/organizations.server";
import { dateInputValue } from "~/lib/organizations/rules";
import { expect, logIn, test } from "./fixtures";

// Staff, export and English fixes of issue #12 (items 10, 11, 12 and 14).

const ONE_STOP = "mot-cua-dien-tu-cho-can-bo";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`assigning a course (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("the form starts empty after a success, and the identical assignment is refused", async ({
      page,
      makeUser,
    }) => {
      const code = `E2E-${crypto.randomBytes(3).toString("hex").toUpperCase()}`;
      const created = await createUnit(
        { id: "e2e" },
        { global: true, roots: [] },
        { parent: null, code, name: "UBND tỉnh Thử Nghiệm (E2E)" },
        "127.0.0.1",
      );
      if (!created.ok) throw new Error(created.error);
      try {
        const admin = await makeUser();
        await prisma.orgAdmin.create({ data: { userId: admin.id, orgId: created.id } });
        await logIn(page, admin, "/org/assignments");
        const due = dateInputValue(new Date(Date.now() + 20 * 86400_000));
        const assign = async () => {
          await page.getByLabel("Mã đơn vị", { exact: true }).selectOption(code);
          await page.getByLabel("Khóa học", { exact: true }).selectOption(ONE_STOP);
          await page.getByLabel("Hạn hoàn thành", { exact: true }).fill(due);
          await page.getByLabel("Gia hạn cho người mới (ngày)").fill("14");
          await page.getByRole("button", { name: "Giao khóa học" }).click();
        };
        await assign();
        await expect(page.getByText("Đã giao khóa học.")).toBeVisible();
        await expect(page.getByTestId("assignment").first()).toContainText("người mới có 14 ngày kể từ khi vào");
        await expect(page.getByLabel("Hạn hoàn thành", { exact: true })).toHaveValue("");
        await expect(page.getByLabel("Gia hạn cho người mới (ngày)")).toHaveValue("30");
        await assign();
        await expect(
          page.getByText("Khóa học này đã được giao cho cùng đơn vị và vị trí.", { exact: false }),
        ).toBeVisible();
        expect(await prisma.assignment.count({ where: { orgId: created.id } })).toBe(1);
      } finally {
        await prisma.organization.delete({ where: { id: created.id }, select: { id: true } });
      }
    });
  });
}

test("the transcript CSV names the source in the reader's language and dates the day as the page does", async ({
  page,
  makeUser,
}) => {
  const learner = await makeUser();
  const versionId = await completeAllLessons(learner.id, "ky-nang-so-cho-cong-dan");
  await recordGradedAttempt(learner.id, versionId, true);
  expect((await tryCompleteCourse(learner.id, versionId)).completed).toBe(true);
  // Earned at 17:30 UTC: already the next day in Vietnam, where the page and the PDF date it.
  const earned = new Date();
  earned.setUTCHours(17, 30, 0, 0);
  if (earned > new Date()) earned.setUTCDate(earned.getUTCDate() - 1);
  await prisma.creditEntry.updateMany({ where: { userId: learner.id }, data: { createdAt: earned } });
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(earned);
  expect(day).not.toBe(earned.toISOString().slice(0, 10));
  await logIn(page, learner, "/credits");
  const response = await page.request.get("/credits/transcript/csv");
  expect(response.ok()).toBe(true);
  const text = await response.text();
  const line = text.split(/\r?\n/)[1];
  expect(line.startsWith(day)).toBe(true);
  expect(line).toContain("Hoàn thành khóa học");
  expect(text).not.toContain(",completion,");
});

test("a unit counts the officials of its sub-units, and assignments pick the unit from the tree", async ({
  page,
  makeUser,
}) => {
  const tag = crypto.randomBytes(3).toString("hex").toUpperCase();
  const scope = { global: true, roots: [] };
  const province = await createUnit(
    { id: "e2e" },
    scope,
    { parent: null, code: `E2E-P${tag}`, name: `Tỉnh Thử ${tag}` },
    "127.0.0.1",
  );
  if (!province.ok) throw new Error(province.error);
  try {
    const parent = await prisma.organization.findUniqueOrThrow({
      where: { id: province.id },
      select: { id: true, code: true, name: true, path: true, parentId: true, depth: true },
    });
    const district = await createUnit(
      { id: "e2e" },
      scope,
      { parent, code: `E2E-D${tag}`, name: `Huyện Thử ${tag}` },
      "127.0.0.1",
    );
    if (!district.ok) throw new Error(district.error);
    const [admin, official, other] = await Promise.all([makeUser(), makeUser(), makeUser()]);
    await prisma.orgAdmin.create({ data: { userId: admin.id, orgId: province.id } });
    await prisma.membership.createMany({
      data: [
        { userId: official.id, orgId: district.id, jobRole: "chuyên viên" },
        { userId: other.id, orgId: district.id, jobRole: "chuyên viên" },
      ],
    });
    await logIn(page, admin, "/org");
    await expect(page.getByTestId("headcount")).toHaveText("2 cán bộ kể cả đơn vị trực thuộc (0 trực tiếp)");
    await page.goto(`/org/units/${province.id}`);
    await expect(page.getByTestId("unit-headcount")).toHaveText("Tổng số cán bộ, kể cả đơn vị trực thuộc: 2");
    await page.goto("/org/assignments");
    const options = await page.getByLabel("Mã đơn vị", { exact: true }).locator("option").allInnerTexts();
    expect(options.map((o) => o.trim())).toEqual([
      "— Chọn đơn vị —",
      `Tỉnh Thử ${tag} (E2E-P${tag})`,
      `└ Huyện Thử ${tag} (E2E-D${tag})`,
    ]);
  } finally {
    await prisma.organization.deleteMany({ where: { code: { in: [`E2E-D${tag}`, `E2E-P${tag}`] } } });
  }
});

test("an admin finds a certificate by a name typed without diacritics or a fragment of its code, sees its status, and reads the audit log in plain words", async ({
  page,
  makeUser,
}) => {
  const tag = crypto.randomBytes(2).toString("hex");
  const learner = await makeUser({ fullName: `Trần Thị Ánh Dương ${tag}` });
  const versionId = await completeAllLessons(learner.id, "ky-nang-so-cho-cong-dan");
  await recordGradedAttempt(learner.id, versionId, true);
  expect((await tryCompleteCourse(learner.id, versionId)).completed).toBe(true);
  const { code } = await prisma.certificate.findFirstOrThrow({ where: { userId: learner.id }, select: { code: true } });
  const admin = await makeUser({ role: "admin" });
  await logIn(page, admin, "/admin/certificates");
  const search = async (query: string) => {
    await page.getByLabel("Tìm theo mã hoặc tên người được cấp").fill(query);
    await page.getByRole("button", { name: "Tìm" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === query);
  };
  await search(`tran thi anh duong ${tag}`);
  await expect(page.getByRole("listitem").filter({ hasText: code }).getByTestId("certificate-status")).toHaveText(
    "Hợp lệ",
  );
  await search(code.slice(3, 8).toLowerCase());
  await expect(page.getByRole("listitem").filter({ hasText: code })).toBeVisible();

  const revoked = await revokeCertificate(admin.id, code, "Kiểm thử nhật ký", "127.0.0.1");
  expect(revoked.ok).toBe(true);
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: code }).getByTestId("certificate-status")).toHaveText(
    "Đã bị thu hồi",
  );

  await page.getByRole("link", { name: "Nhật ký" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Quản trị" })).toBeVisible();
  const row = page.getByTestId("audit-table").getByRole("row").filter({ hasText: code });
  await expect(row).toContainText("Thu hồi chứng chỉ");
  await expect(row.getByTestId("audit-target")).toHaveText(code);
});

for (const [lng, login, certificates] of [
  ["vi", "Đăng nhập · HọcSố", "Chứng chỉ · HọcSố"],
  ["en", "Log in · HọcSố", "Certificates · HọcSố"],
] as const) {
  test(`page titles are in the reader's language (${lng})`, async ({ page, makeUser }) => {
    await page.goto(`/login?lng=${lng}`);
    await expect(page).toHaveTitle(login);
    await page.goto(`/courses?lng=${lng}`);
    await expect(page).toHaveTitle(lng === "en" ? "Courses · HọcSố" : "Khóa học · HọcSố");
    const admin = await makeUser({ role: "admin" });
    await page.goto(`/login?lng=${lng}&redirectTo=${encodeURIComponent("/admin/certificates")}`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel(lng === "en" ? "Password" : "Mật khẩu", { exact: true }).fill(admin.password);
    await page.getByRole("button", { name: lng === "en" ? "Log in" : "Đăng nhập" }).click();
    await page.waitForURL(/\/admin\/certificates/);
    await expect(page).toHaveTitle(certificates);
  });
}

test("a learner's page downloads no staff strings; a trainer's client-side way into authoring shows its words", async ({
  page,
  makeUser,
}) => {
  const dictionaries: string[] = [];
  page.on("request", (request) => {
    const name = /\/(learner|staff)\.(vi|en)-[\w-]+\.js$/.exec(new URL(request.url()).pathname);
    if (name) dictionaries.push(`${name[1]}.${name[2]}`);
  });
  await page.goto("/courses");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect.poll(() => dictionaries).toContain("learner.vi");
  expect(dictionaries).not.toContain("staff.vi");

  // Signing in is a client-side navigation from /login to the trainer's workspace: the staff
  // part arrives with the page's data, and no raw key shows meanwhile or after.
  const trainer = await makeUser({ role: "trainer" });
  await logIn(page, trainer);
  await page.waitForURL(/\/author$/);
  await expect(page.getByRole("heading", { name: "Soạn bài", level: 1 })).toBeVisible();
  await expect(page.getByText("Các khóa học bạn sở hữu hoặc cùng biên soạn.")).toBeVisible();
  await expect(page.locator("main")).not.toContainText("authoring.");
  expect(dictionaries).toContain("staff.vi");
});

import { prisma } from "~/lib/db.server";
import { expect, logIn, test } from "./fixtures";

// Arriving on HọcSố (issue #12, items 6 and 7): the home page shows courses, a login lands where
// the role starts its work, and an invited official activates the account and is signed in.

const CITIZEN_COURSE = "ky-nang-so-cho-cong-dan";

async function newestPublished() {
  return prisma.courseVersion.findFirstOrThrow({
    where: { status: "published", kind: "full" },
    orderBy: { publishedAt: "desc" },
    select: { titleVi: true, course: { select: { slug: true } } },
  });
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`home page (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("a visitor sees the newest courses and can open one", async ({ page }) => {
      const newest = await newestPublished();
      await page.goto("/");
      await expect(page.getByRole("heading", { name: "Khóa học mới nhất" })).toBeVisible();
      const cards = page.getByTestId("home-newest");
      await expect(cards).toHaveCount(3);
      await cards.first().getByRole("link", { name: newest.titleVi }).click();
      await expect(page).toHaveURL(new RegExp(`/courses/${newest.course.slug}$`));
      await expect(page.getByRole("heading", { name: "Tiếp tục học" })).toHaveCount(0);
    });

    test("a signed-in learner is offered to continue the lesson they are at", async ({ page, makeUser }) => {
      const learner = await makeUser();
      const version = await prisma.courseVersion.findFirstOrThrow({
        where: { course: { slug: CITIZEN_COURSE }, status: "published", kind: "full" },
        orderBy: { number: "desc" },
        select: {
          id: true,
          titleVi: true,
          lessons: { orderBy: { position: "asc" }, select: { key: true, titleVi: true } },
        },
      });
      await prisma.enrollment.create({ data: { userId: learner.id, versionId: version.id }, select: { id: true } });
      await logIn(page, learner, "/");
      await expect(page.getByRole("heading", { name: "Tiếp tục học" })).toBeVisible();
      const card = page.getByTestId("home-continue").filter({ hasText: version.titleVi });
      await expect(card).toContainText("Tiến độ: 0%");
      await card.getByRole("link", { name: `Tiếp tục: ${version.lessons[0].titleVi}` }).click();
      await expect(page).toHaveURL(new RegExp(`/courses/${CITIZEN_COURSE}/lessons/${version.lessons[0].key}$`));
    });
  });
}

test.describe("landing after login", () => {
  test("a learner lands on their learning, a trainer on authoring, an admin on administration", async ({
    page,
    makeUser,
  }) => {
    for (const [role, path] of [
      ["learner", "/learning"],
      ["trainer", "/author"],
      ["admin", "/admin/"],
    ] as const) {
      const user = await makeUser({ role });
      await page.context().clearCookies();
      await logIn(page, user);
      // /admin opens on its first tab.
      await expect(page).toHaveURL(new RegExp(`${path}(users)?$`));
    }
  });

  test("an organisation admin lands on their unit unless redirectTo says otherwise", async ({ page, makeUser }) => {
    const orgAdmin = await makeUser();
    const unit = await prisma.organization.findFirstOrThrow({
      where: { parentId: null },
      orderBy: { code: "asc" },
      select: { id: true, name: true },
    });
    await prisma.orgAdmin.create({ data: { userId: orgAdmin.id, orgId: unit.id } });
    await logIn(page, orgAdmin);
    await expect(page).toHaveURL(new RegExp(`/org/units/${unit.id}$`));
    await expect(page.getByRole("heading", { name: unit.name, exact: false }).first()).toBeVisible();
    await page.context().clearCookies();
    await logIn(page, orgAdmin, "/courses");
    await expect(page).toHaveURL(/\/courses$/);
  });
});

test("an invited official activates the account with the email filled in and is signed in", async ({
  page,
  makeUser,
}) => {
  test.setTimeout(150_000);
  const official = await makeUser({ fullName: "Vũ Thị Kích Hoạt" });
  await prisma.user.update({ where: { id: official.id }, data: { passwordHash: null }, select: { id: true } });
  await prisma.pendingInvitation.create({ data: { userId: official.id } });
  // The invitations job picks the queued invitation up within its minute.
  await expect
    .poll(() => prisma.outboxMessage.count({ where: { to: official.email } }), { timeout: 90_000 })
    .toBeGreaterThan(0);
  const invitation = await prisma.outboxMessage.findFirstOrThrow({
    where: { to: official.email },
    select: { text: true },
  });
  expect(invitation.text).toContain("kích hoạt tài khoản");
  const link = new URL(/https?:\/\/\S+\/activate\?token=[\w-]+/.exec(invitation.text)![0]);
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole("heading", { name: "Kích hoạt tài khoản" })).toBeVisible();
  await expect(page.getByText("Đặt mật khẩu mới")).toHaveCount(0);
  await expect(page.getByLabel("Email")).toHaveValue(official.email);
  const password = "kich-hoat-2026-an-toan";
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(password);
  await page.getByLabel("Nhập lại mật khẩu").fill(password);
  await page.getByRole("button", { name: "Kích hoạt và đăng nhập" }).click();
  // My learning needs a session: reaching it is being signed in.
  await expect(page).toHaveURL(/\/learning$/);
  await expect(page.getByRole("heading", { name: "Học tập của tôi" })).toBeVisible();
  // The link was used up: opening it again says so and points to the login.
  await page.goto(link.pathname + link.search);
  await expect(page.getByText("Liên kết kích hoạt không hợp lệ hoặc đã được sử dụng.", { exact: false })).toBeVisible();
  await prisma.outboxMessage.deleteMany({ where: { to: official.email } });
});

test.describe("a newcomer's grace period", () => {
  const ONE_STOP_UNIT = "TN";

  test("someone who joins a unit with an overdue assignment has 30 days from joining, on their page and the unit's", async ({
    page,
    makeUser,
  }) => {
    const unit = await prisma.organization.findUniqueOrThrow({ where: { code: ONE_STOP_UNIT }, select: { id: true } });
    const assignment = await prisma.assignment.findFirstOrThrow({
      where: { orgId: unit.id },
      select: { dueAt: true, newcomerGraceDays: true },
    });
    // The demo's assignment on this unit was due ten days ago.
    expect(assignment.dueAt.getTime()).toBeLessThan(Date.now());
    expect(assignment.newcomerGraceDays).toBe(30);
    const newcomer = await makeUser({ fullName: "Lý Văn Mới Vào" });
    const veteran = await makeUser({ fullName: "Hà Thị Lâu Năm" });
    await prisma.membership.createMany({
      data: [
        { userId: newcomer.id, orgId: unit.id, jobRole: "chuyên viên" },
        {
          userId: veteran.id,
          orgId: unit.id,
          jobRole: "chuyên viên",
          createdAt: new Date(Date.now() - 90 * 86400_000),
        },
      ],
    });
    const ownDue = new Intl.DateTimeFormat("vi-VN", {
      timeZone: "Asia/Ho_Chi_Minh",
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
    }).format(new Date(Date.now() + 30 * 86400_000));

    await logIn(page, newcomer, "/learning");
    const card = page.getByTestId("learning-course").filter({ hasText: "Bắt buộc" }).first();
    await expect(card).toContainText(`Hạn hoàn thành: ${ownDue}`);
    await expect(card).toContainText("hạn riêng cho người mới vào đơn vị");
    await expect(card).not.toContainText("Quá hạn");

    await page.context().clearCookies();
    await logIn(page, veteran, "/learning");
    await expect(page.getByTestId("learning-course").filter({ hasText: "Bắt buộc" }).first()).toContainText("Quá hạn");

    // The unit's people list counts the newcomer as not started and the veteran as overdue.
    const admin = await makeUser({ role: "admin" });
    await page.context().clearCookies();
    await logIn(page, admin, `/org/people/${newcomer.id}`);
    await expect(page.getByText("gia hạn cho người mới vào")).toBeVisible();
    await expect(page.getByText("Chưa bắt đầu").first()).toBeVisible();
    await page.goto(`/org/people/${veteran.id}`);
    await expect(page.getByText("Quá hạn").first()).toBeVisible();
  });
});

import { prisma } from "~/lib/db.server";
import { expect, logIn, test, uniqueEmail } from "./fixtures";

async function latestResetLink(email: string): Promise<string> {
  const message = await prisma.outboxMessage.findFirst({
    where: { to: email },
    orderBy: { createdAt: "desc" },
    select: { text: true },
  });
  const link = message?.text.match(/https?:\/\/\S+(?:reset-password|activate)\?token=[\w-]+/)?.[0];
  if (!link) throw new Error(`no reset link mailed to ${email}`);
  return new URL(link).pathname + new URL(link).search;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`accounts with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("register → the mailed link activates the account → log out and in; wrong password shows the error", async ({
      page,
      trackEmail,
    }) => {
      const email = trackEmail(uniqueEmail("e2e-reg"));
      await page.goto("/register");
      await page.getByLabel("Họ và tên").fill("Hoàng Thị Lan");
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Đăng ký" }).click();
      await expect(page.getByText("Hãy kiểm tra hộp thư của bạn.", { exact: false })).toBeVisible();

      await page.goto(await latestResetLink(email));
      await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mật-khẩu-an-toàn");
      await page.getByLabel("Nhập lại mật khẩu mới").fill("mật-khẩu-an-toàn");
      await page.getByRole("button", { name: "Kích hoạt và đăng nhập" }).click();
      await expect(page.getByRole("link", { name: "Tài khoản" })).toBeVisible();
      await page.getByRole("button", { name: "Đăng xuất" }).click();
      // Signed out only once the answer has landed: the next page would otherwise still see the session.
      await expect(page.getByRole("button", { name: "Đăng xuất" })).toHaveCount(0);

      await page.goto("/login");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Mật khẩu", { exact: true }).fill("sai-mật-khẩu-rồi");
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await expect(page.getByRole("alert")).toHaveText("Email hoặc mật khẩu không đúng.");
      await expect(page.getByLabel("Email")).toHaveValue(email);
      await expect(page.getByLabel("Mật khẩu", { exact: true })).toHaveValue("");

      await page.getByLabel("Mật khẩu", { exact: true }).fill("mật-khẩu-an-toàn");
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await expect(page.getByRole("link", { name: "Tài khoản" })).toBeVisible();
    });

    test("bad input is reported on the right field; a taken email gets the same answer as a new one", async ({
      page,
      makeUser,
    }) => {
      const existing = await makeUser();
      await page.goto("/register");
      await page.getByLabel("Họ và tên").fill("Ngô Bảo Châu");
      await page.getByLabel("Email").fill("không-phải-email");
      await page.getByRole("button", { name: "Đăng ký" }).click();
      const email = page.getByLabel("Email");
      await expect(email).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText("Email không hợp lệ (ví dụ: ten@example.vn).")).toBeVisible();
      await expect(page.getByLabel("Họ và tên")).toHaveValue("Ngô Bảo Châu");

      await email.fill(existing.email);
      await page.getByRole("button", { name: "Đăng ký" }).click();
      await expect(page.getByText("Hãy kiểm tra hộp thư của bạn.", { exact: false })).toBeVisible();
      await expect(page.getByText("đã được đăng ký")).toHaveCount(0);
    });

    test("a learner opening the admin area gets 403", async ({ page, makeUser }) => {
      const learner = await makeUser({ role: "learner" });
      await logIn(page, learner);
      const response = await page.goto("/admin/users");
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Không có quyền truy cập" })).toBeVisible();
    });

    test("the password-reset link from the outbox works once", async ({ page, makeUser }) => {
      const user = await makeUser();
      await page.goto("/forgot-password");
      await page.getByLabel("Email").fill(user.email);
      await page.getByRole("button", { name: "Gửi liên kết" }).click();
      await expect(page.getByText(/Nếu email này đã được đăng ký/)).toBeVisible();

      const link = await latestResetLink(user.email);
      await page.goto(link);
      await page.getByLabel("Mật khẩu mới", { exact: true }).fill("mật-khẩu-mới-tinh");
      await page.getByLabel("Nhập lại mật khẩu mới").fill("mật-khẩu-mới-tinh");
      await page.getByRole("button", { name: "Đặt mật khẩu" }).click();
      await expect(page.getByText("Mật khẩu đã được đặt lại.", { exact: false })).toBeVisible();
      await logIn(page, { email: user.email, password: "mật-khẩu-mới-tinh" });

      await page.getByRole("button", { name: "Đăng xuất" }).click();

      // Signed out only once the answer has landed: the next page would otherwise still see the session.

      await expect(page.getByRole("button", { name: "Đăng xuất" })).toHaveCount(0);
      await page.goto(link);
      await expect(
        page.getByText("Liên kết đặt lại mật khẩu không hợp lệ hoặc đã được sử dụng.", { exact: false }),
      ).toBeVisible();
    });
  });
}

test("an admin lists, searches and changes roles; the outbox is visible to admins", async ({ page, makeUser }) => {
  const admin = await makeUser({ role: "admin" });
  const target = await makeUser({ fullName: "Đinh Công Tráng" });
  await logIn(page, admin);
  await page.goto("/admin/users");
  await page.getByLabel("Tìm theo tên hoặc email").fill("Đinh Công Tráng");
  await page.getByRole("button", { name: "Tìm" }).click();
  const row = page.getByRole("row", { name: /Đinh Công Tráng/ });
  await row.getByLabel("Vai trò của Đinh Công Tráng").selectOption("trainer");
  await row.getByRole("button", { name: "Đổi vai trò" }).click();
  await expect(page.getByText("Đã đổi vai trò của Đinh Công Tráng thành Giảng viên.")).toBeVisible();
  expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id }, select: { role: true } })).role).toBe(
    "trainer",
  );
  await page.getByRole("link", { name: "Hộp thư đi" }).click();
  await expect(page.getByRole("heading", { name: "Hộp thư đi" })).toBeVisible();
});

test("switching to English changes every visible string", async ({ page, makeUser }) => {
  const user = await makeUser({ fullName: "Bùi Thị Xuân" });
  await logIn(page, user);
  for (const path of ["/", "/account", "/khong-ton-tai"]) {
    await page.goto(path);
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    const text = (await page.locator("body").innerText())
      .replaceAll("HọcSố", "")
      .replaceAll(user.fullName, "")
      .replaceAll("Tiếng Việt", "");
    expect(text, `Vietnamese left on ${path}`).not.toMatch(
      /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i,
    );
    await page.getByRole("link", { name: "Tiếng Việt" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  }
});

test("unknown pages get a translated 404 and the health check answers", async ({ page, request }) => {
  const response = await page.goto("/khong-co-trang-nay");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", database: true });
});

test("cross-site writes and oversized bodies are refused; security headers are sent", async ({ request }) => {
  const crossSite = await request.post("/login", {
    form: { email: "a@b.vn", password: "0123456789" },
    headers: { Origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);
  // The server answers 413 and closes the connection without reading the body, so the client
  // either reads that answer or fails its write (EPIPE/ECONNRESET): refused both ways.
  const huge = await request
    .post("/login", {
      data: "x".repeat(2 * 1024 * 1024),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    })
    .then(
      (response) => response.status(),
      (error: Error) => (/EPIPE|ECONNRESET/.test(error.message) ? "closed" : error.message),
    );
  expect([413, "closed"]).toContain(huge);
  const page = await request.get("/");
  const headers = page.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-request-id"]).toMatch(/^[\w-]{8,}$/);
  const html = await page.text();
  const nonce = headers["content-security-policy"].match(/'nonce-([^']+)'/)![1];
  for (const script of html.match(/<script\b[^>]*>/g) ?? []) expect(script).toContain(`nonce="${nonce}"`);
});

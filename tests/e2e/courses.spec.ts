import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { storedPath } from "~/lib/authoring/attachments.server";
import { prisma } from "~/lib/db.server";
import { enrolHere, expect, logIn, test } from "./fixtures";

const SLUG = "ky-nang-so-cho-cong-dan";

async function lessonKeys(slug: string) {
  const version = await prisma.courseVersion.findFirstOrThrow({
    where: { course: { slug }, kind: "full", status: "published" },
    orderBy: { number: "desc" },
    select: { lessons: { orderBy: { position: "asc" }, select: { key: true, videoSrc: true } } },
  });
  return version.lessons;
}

test("browse → search without diacritics → enrol → complete every lesson, video included → 100 %", async ({
  page,
  makeUser,
}) => {
  test.setTimeout(120_000);
  const learner = await makeUser({ fullName: "Lý Thị Mai" });
  await page.goto("/courses");
  await page.getByLabel("Tìm khóa học").fill("chu ky so");
  await page.getByRole("button", { name: "Tìm" }).click();
  await expect(page).toHaveURL(/q=chu\+ky\+so/);
  await page.getByRole("link", { name: "Kỹ năng số cơ bản cho công dân" }).click();
  await page.getByRole("link", { name: "Đăng nhập để đăng ký học" }).click();
  await page.getByLabel("Email").fill(learner.email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(learner.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${SLUG}$`));
  await enrolHere(page);
  await page.getByRole("link", { name: "Bắt đầu học" }).click();

  const lessons = await lessonKeys(SLUG);
  for (const [index, lesson] of lessons.entries()) {
    await expect(page).toHaveURL(new RegExp(`/lessons/${lesson.key}$`));
    await expect(page.getByText(`Bài ${index + 1}/${lessons.length}`)).toBeVisible();
    if (lesson.videoSrc) {
      const video = page.getByTestId("lesson-video");
      await video.evaluate((element: HTMLVideoElement) => {
        element.muted = true;
        return element.play();
      });
      await expect(page.getByText("Bạn đã học xong bài này.")).toBeVisible({ timeout: 60_000 });
      await page.getByRole("link", { name: /Bài tiếp theo/ }).click();
    } else {
      await page.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
    }
  }
  await expect(page).toHaveURL(new RegExp(`/courses/${SLUG}$`));
  await expect(page.getByText("Tiến độ: 100%")).toBeVisible();
  await page.goto("/learning");
  await expect(page.getByText("Tiến độ: 100%")).toBeVisible();
});

test("reopening a video lesson resumes at the saved position", async ({ page, makeUser }) => {
  const learner = await makeUser();
  await logIn(page, learner, `/courses/${SLUG}`);
  await enrolHere(page);
  const videoLesson = (await lessonKeys(SLUG)).find((lesson) => lesson.videoSrc)!;
  await page.goto(`/courses/${SLUG}/lessons/${videoLesson.key}`);
  const video = page.getByTestId("lesson-video");
  await video.evaluate(async (element: HTMLVideoElement) => {
    element.muted = true;
    await element.play();
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    element.pause();
  });
  await expect
    .poll(
      async () =>
        (
          await prisma.lessonProgress.findFirst({
            where: { user: { email: learner.email } },
            select: { positionSeconds: true },
          })
        )?.positionSeconds ?? 0,
    )
    .toBeGreaterThan(4);
  await page.reload();
  await expect(page.getByText(/Tiếp tục từ 0:0[4-7]/)).toBeVisible();
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeGreaterThan(4);
});

test("a learner sees a lesson's attachments and downloads one", async ({ page, makeUser }) => {
  const lesson = (await lessonKeys(SLUG)).find((item) => !item.videoSrc)!;
  const bytes = Buffer.from("%PDF-1.4\n% HọcSố\n");
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const stored = storedPath(sha256);
  fs.mkdirSync(path.dirname(stored), { recursive: true });
  fs.writeFileSync(stored, bytes);
  const { id: lessonId } = await prisma.lesson.findFirstOrThrow({
    where: { key: lesson.key, version: { course: { slug: SLUG }, kind: "full", status: "published" } },
    orderBy: { version: { number: "desc" } },
    select: { id: true },
  });
  const attachment = await prisma.attachment.create({
    data: { lessonId, fileName: "Bài tập thực hành.pdf", mimeType: "application/pdf", size: bytes.length, sha256 },
    select: { id: true },
  });
  try {
    const learner = await makeUser();
    await logIn(page, learner, `/courses/${SLUG}`);
    await enrolHere(page);
    await page.goto(`/courses/${SLUG}/lessons/${lesson.key}`);
    const attachments = page.getByRole("region", { name: "Tài liệu đính kèm" });
    const link = attachments.getByRole("link", { name: "Tải về Bài tập thực hành.pdf" });
    await expect(link).toBeVisible();
    await expect(attachments).toContainText("(1 KB)");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("Bài tập thực hành.pdf");
    expect(fs.readFileSync(await download.path())).toEqual(bytes);
  } finally {
    await prisma.attachment.delete({ where: { id: attachment.id } });
  }
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("browse, search, enrol, read and complete text lessons", async ({ page, makeUser }) => {
    const learner = await makeUser();
    await page.goto("/courses?q=AN+TOAN+THONG+TIN");
    await expect(page.getByText("1 khóa học")).toBeVisible();
    await page.getByRole("link", { name: "An toàn thông tin cho cán bộ, công chức" }).click();
    await page.getByRole("link", { name: "Đăng nhập để đăng ký học" }).click();
    await page.getByLabel("Email").fill(learner.email);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(learner.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await enrolHere(page);
    await page.getByRole("link", { name: "Bắt đầu học" }).click();
    const lessons = await lessonKeys("an-toan-thong-tin-cho-cong-chuc");
    for (const lesson of lessons) {
      await expect(page).toHaveURL(new RegExp(`/lessons/${lesson.key}$`));
      await expect(page.locator(".prose-lesson h2").first()).toBeVisible();
      await page.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
    }
    await expect(page.getByText("Tiến độ: 100%")).toBeVisible();
  });

  test("an empty search says what to do, and unknown courses are a translated 404", async ({ page }) => {
    await page.goto("/courses?q=khong+co+gi+ca");
    await expect(page.getByText("Không có khóa học nào phù hợp với “khong co gi ca”.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Xem tất cả khóa học" })).toBeVisible();
    const response = await page.goto("/courses/khong-ton-tai");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
  });
});

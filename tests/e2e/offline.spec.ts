import type { Page } from "@playwright/test";
import { prisma } from "~/lib/db.server";
import { answerCorrectly, expectSaved, questionGroup, startAttempt } from "./exam-steps";
import { expect, logIn, test } from "./fixtures";

// The installable app and what works without a network: Chromium with service workers allowed,
// the connection cut with context.setOffline.

test.use({ serviceWorkers: "allow" });

const SLUG = "ky-nang-so-cho-cong-dan";

/** Waits until the service worker has installed its precache and controls this page. */
async function serviceWorkerInControl(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test("install criteria: manifest with icons, a service worker in control, and an offline shell", async ({
  page,
  context,
}) => {
  await page.goto("/");
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(manifestHref).toBe("/manifest.webmanifest");
  const response = await page.request.get(manifestHref!);
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as {
    short_name: string;
    start_url: string;
    display: string;
    theme_color: string;
    icons: { src: string; sizes: string; type: string }[];
  };
  expect(manifest.short_name).toBe("HọcSố");
  expect(manifest.display).toBe("standalone");
  expect(manifest.start_url.startsWith("/")).toBe(true);
  expect(manifest.theme_color).toBe("#0b3d91");
  for (const size of ["192x192", "512x512"]) {
    const icon = manifest.icons.find((entry) => entry.sizes === size && entry.type === "image/png");
    expect(icon, size).toBeDefined();
    const image = await page.request.get(icon!.src);
    expect(image.headers()["content-type"]).toBe("image/png");
  }

  await serviceWorkerInControl(page);
  const caches = await page.evaluate(() => window.caches.keys());
  expect(caches.some((name) => name.startsWith("workbox-precache"))).toBe(true);

  await context.setOffline(true);
  await page.goto("/courses");
  await expect(page.getByRole("heading", { name: "Bạn đang ngoại tuyến" })).toBeVisible();
  await expect(page.getByText("Chưa có khóa học nào được lưu trên máy này.")).toBeVisible();
  await context.setOffline(false);
  await page.goto("/courses");
  await expect(page.getByRole("heading", { name: "Bạn đang ngoại tuyến" })).toHaveCount(0);
});

test("reload an attempt offline, answer, back online, answers on server", async ({ page, context, makeUser }) => {
  const learner = await makeUser({ fullName: "Lò Văn Vùng Cao" });
  await logIn(page, learner, `/courses/${SLUG}`);
  await serviceWorkerInControl(page);
  await page.getByRole("button", { name: "Đăng ký học" }).click();
  await page.getByRole("link", { name: "Vào bài kiểm tra" }).click();
  const { attemptId, questions } = await startAttempt(page);
  for (let i = 0; i < 2; i++) {
    await answerCorrectly(page, i, questions[i]);
    await expectSaved(page, i);
  }

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Bản lưu trên máy" })).toBeVisible();
  await expect(page.getByRole("timer")).toHaveText(/^Thời gian còn lại: \d{1,2}:\d{2}$/);
  await answerCorrectly(page, 2, questions[2]);
  await answerCorrectly(page, 3, questions[3]);
  await expect(questionGroup(page, 3).getByText("Chưa lưu — đang thử lại")).toBeVisible();
  expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(2);

  await context.setOffline(false);
  await expectSaved(page, 2);
  await expectSaved(page, 3);
  await expect.poll(() => prisma.attemptAnswer.count({ where: { attemptId } })).toBe(4);
});

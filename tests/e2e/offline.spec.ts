import type { Page } from "@playwright/test";
import { prisma } from "~/lib/db.server";
import { snapshotOf } from "~/lib/exams/attempt-sql.server";
import type { Question } from "~/lib/exams/question";
import { answerCorrectly, expectSaved, questionGroup, startAttempt } from "./exam-steps";
import { enrolHere, expect, logIn, test } from "./fixtures";

// The installable app and what works without a network: Chromium with service workers allowed,
// the connection cut with context.setOffline.

test.use({ serviceWorkers: "allow" });
// Each journey builds a service worker cache and goes on and off line: slow on a shared CI machine.
test.describe.configure({ timeout: 300_000 });

const SLUG = "ky-nang-so-cho-cong-dan";

/** Waits until the service worker has installed its precache and controls this page. */
async function serviceWorkerInControl(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Everything this origin keeps on the device: every Cache Storage entry's body and every IndexedDB record. */
async function deviceStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        parts.push(request.url, response ? await response.text() : "");
      }
    }
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error("IndexedDB open failed"));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const records = await new Promise<unknown[]>((resolve) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
        });
        parts.push(JSON.stringify(records));
      }
      db.close();
    }
    return parts.join("\n");
  });
}

/** Texts only the answer key carries (as in tests/integration/exams-leak.test.ts). */
function secretTexts(questions: Question[]): string[] {
  const secrets: string[] = [];
  for (const q of questions) {
    if (q.explanation) secrets.push(q.explanation);
    if (q.type === "single" || q.type === "multiple")
      for (const o of q.options) if (o.feedback) secrets.push(o.feedback);
    if (q.type === "truefalse") for (const f of [q.feedbackTrue, q.feedbackFalse]) if (f) secrets.push(f);
  }
  return secrets;
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
  await enrolHere(page);
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

  // The answer-key leak check, on what the device keeps: Cache Storage and IndexedDB.
  const stored = await deviceStorage(page);
  expect(stored).toContain(`/attempts/${attemptId}`);
  const secrets = secretTexts(questions);
  expect(secrets.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(stored.includes(secret), secret).toBe(false);
});

test("save a course, read every lesson offline, mark two done, back online and the server has them", async ({
  page,
  context,
  makeUser,
}) => {
  const learner = await makeUser({ fullName: "Giàng Thị Xa Mạng" });
  await logIn(page, learner, `/courses/${SLUG}`);
  await serviceWorkerInControl(page);
  await enrolHere(page);
  const lessons = await prisma.lesson.findMany({
    where: { version: { enrollments: { some: { userId: learner.id } } } },
    orderBy: { position: "asc" },
    select: { id: true, key: true, titleVi: true, videoSrc: true },
  });
  expect(lessons.length).toBeGreaterThan(2);

  await page.getByRole("button", { name: "Lưu để học khi không có mạng" }).click();
  await expect(page.getByText(/^Dung lượng tải về \(ước tính\): văn bản [\d,]+ (KB|MB), hình ảnh/)).toBeVisible();
  await expect(page.getByLabel(/^Kèm video/)).not.toBeChecked();
  await page.getByRole("button", { name: /^Tải về [\d,]+ (KB|MB)$/ }).click();
  await expect(page.getByText(/^Đã lưu phiên bản \d+ trên máy này/)).toBeVisible({ timeout: 120_000 });

  await context.setOffline(true);
  for (const lesson of lessons) {
    await page.goto(`/courses/${SLUG}/lessons/${lesson.key}`);
    await expect(page.getByRole("heading", { level: 1, name: lesson.titleVi })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Bản lưu trên máy" })).toBeVisible();
  }
  const textLessons = lessons.filter((lesson) => !lesson.videoSrc).slice(0, 2);
  for (const [index, lesson] of textLessons.entries()) {
    await page.goto(`/courses/${SLUG}/lessons/${lesson.key}`);
    await page.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
    await expect(page.getByText("Đã đánh dấu hoàn thành trên máy này — sẽ gửi khi có mạng.")).toBeVisible();
    await expect(page.getByText(`${index + 1} thay đổi chờ đồng bộ`)).toBeVisible();
  }
  // The saved-courses list of the offline shell.
  await page.goto("/offline.html");
  await expect(page.getByRole("link", { name: lessons[0].titleVi })).toBeVisible();
  await page.goto(`/courses/${SLUG}/lessons/${textLessons[1].key}`);
  await expect(page.getByText("2 thay đổi chờ đồng bộ")).toBeVisible();
  expect(await prisma.lessonProgress.count({ where: { userId: learner.id, completedAt: { not: null } } })).toBe(0);

  await context.setOffline(false);
  await expect(page.getByText("Đã đồng bộ")).toBeVisible({ timeout: 20_000 });
  const done = await prisma.lessonProgress.findMany({
    where: { userId: learner.id, completedAt: { not: null } },
    select: { lessonId: true },
  });
  expect(done.map((row) => row.lessonId).sort()).toEqual(textLessons.map((lesson) => lesson.id).sort());
  expect(await prisma.syncedProgressEvent.count({ where: { userId: learner.id } })).toBe(2);

  // Removing the saved copy from the list frees it.
  await page.goto("/offline.html");
  await page.getByRole("button", { name: /^Xóa bản lưu:/ }).click();
  await expect(page.getByText("Chưa có khóa học nào được lưu trên máy này.")).toBeVisible();
});

test.describe("offline practice attempts", () => {
  let examId = "";
  test.beforeAll(async () => {
    const exam = await prisma.exam.findFirstOrThrow({
      where: { version: { course: { slug: SLUG }, status: "published" } },
      orderBy: { version: { number: "desc" } },
      select: { id: true },
    });
    examId = exam.id;
    await prisma.exam.update({ where: { id: examId }, data: { allowOffline: true }, select: { id: true } });
  });
  test.afterAll(async () => {
    await prisma.exam.update({ where: { id: examId }, data: { allowOffline: false }, select: { id: true } });
  });

  /** Downloads the package on the exam page and gives the offline player's address and the package's questions. */
  async function downloadPackage(page: Page, userId: string) {
    await page.goto(`/courses/${SLUG}/exam`);
    const card = page.getByTestId("offline-practice");
    await expect(card.getByText("Bài làm offline không được tính để cấp chứng chỉ.")).toBeVisible();
    await card.getByRole("button", { name: "Tải đề về máy" }).click();
    await expect(card.getByText("Đã lưu đề trên máy này.")).toBeVisible();
    const href = await card.getByRole("link", { name: "Mở bài làm offline" }).getAttribute("href");
    const stored = await prisma.offlinePackage.findFirstOrThrow({
      where: { userId, state: "issued" },
      select: { id: true, snapshot: true },
    });
    expect(href).toBe(`/practice.html#${stored.id}`);
    return { href: href!, packageId: stored.id, questions: snapshotOf(stored.snapshot, stored.id) };
  }

  test("download online, answer offline, hand in, graded when back online; a replay is refused", async ({
    page,
    context,
    makeUser,
  }) => {
    const learner = await makeUser({ fullName: "Sùng A Luyện Tập" });
    await logIn(page, learner, `/courses/${SLUG}`);
    await serviceWorkerInControl(page);
    await enrolHere(page);
    await expect(page.getByRole("link", { name: "Vào bài kiểm tra" })).toBeVisible();
    const { href, packageId, questions } = await downloadPackage(page, learner.id);

    await context.setOffline(true);
    await page.goto(href);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByText("Đang ngoại tuyến — bài làm được lưu trên máy")).toBeVisible();
    await expect(page.getByRole("timer")).toHaveText(/^Còn lại \d{1,3}:\d{2}$/);
    for (const [index, question] of questions.entries()) await answerCorrectly(page, index, question);
    // A reload with no network keeps the answers (IndexedDB) and the time already spent.
    await page.reload();
    await expect(page.getByRole("timer")).toHaveText(/^Còn lại \d{1,3}:\d{2}$/);
    await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
    await expect(page.getByText("Đã nộp trên máy này. Bài sẽ được gửi đi chấm khi có mạng trở lại.")).toBeVisible();
    expect(await prisma.attempt.count({ where: { userId: learner.id } })).toBe(0);

    // The answer-key leak check on the device, the package included.
    const stored = await deviceStorage(page);
    expect(stored).toContain(packageId);
    const secrets = secretTexts(questions);
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(stored.includes(secret), secret).toBe(false);

    await context.setOffline(false);
    await expect(page.getByText("Đã nộp và chấm: 100 %.")).toBeVisible({ timeout: 20_000 });
    const attempt = await prisma.attempt.findFirstOrThrow({
      where: { userId: learner.id },
      select: {
        id: true,
        mode: true,
        state: true,
        percent: true,
        offlineFlags: true,
        countsForCertificate: true,
        deviceStartedAt: true,
        deviceEndedAt: true,
        deviceElapsedMs: true,
      },
    });
    expect(attempt).toMatchObject({ mode: "offline", state: "graded", percent: 100, offlineFlags: null });
    // The exam does not let offline attempts count for the certificate.
    expect(attempt.countsForCertificate).toBe(false);
    expect(attempt.deviceElapsedMs).toBeGreaterThan(0);
    expect(attempt.deviceEndedAt!.getTime()).toBeGreaterThanOrEqual(attempt.deviceStartedAt!.getTime());
    await page.getByRole("link", { name: "Xem kết quả" }).click();
    await expect(page).toHaveURL(`/attempts/${attempt.id}/result`);

    // The same package again is a replay: refused, nothing written.
    const record = await page.evaluate(
      (id) =>
        new Promise<unknown>((resolve) => {
          const open = indexedDB.open("hocso-practice");
          open.onsuccess = () => {
            const request = open.result.transaction("packages").objectStore("packages").get(id);
            request.onsuccess = () => resolve(request.result);
          };
        }),
      packageId,
    );
    const replay = await page.request.post("/api/offline-attempts", {
      data: {
        package: (record as { package: unknown }).package,
        device: { downloadedAt: 1, startedAt: 2, endedAt: 3, elapsedMs: 1 },
        fields: [],
      },
    });
    expect(replay.status()).toBe(409);
    expect(await replay.json()).toEqual({ error: "replay" });
    expect(await prisma.attempt.count({ where: { userId: learner.id } })).toBe(1);
  });

  test("a tampered package is refused with its reason, and nothing is recorded", async ({
    page,
    context,
    makeUser,
  }) => {
    const learner = await makeUser({ fullName: "Vàng Thị Sửa Đề" });
    await logIn(page, learner, `/courses/${SLUG}`);
    await serviceWorkerInControl(page);
    await enrolHere(page);
    await expect(page.getByRole("link", { name: "Vào bài kiểm tra" })).toBeVisible();
    const { href, packageId } = await downloadPackage(page, learner.id);

    // The learner gives themselves ten hours instead of the exam's limit, keeping the signature.
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve) => {
          const open = indexedDB.open("hocso-practice");
          open.onsuccess = () => {
            const store = open.result.transaction("packages", "readwrite").objectStore("packages");
            const request = store.get(id);
            request.onsuccess = () => {
              const record = request.result as { package: { body: string } };
              const body = JSON.parse(record.package.body) as { timeLimitMinutes: number };
              body.timeLimitMinutes = 600;
              record.package.body = JSON.stringify(body);
              store.put(record).onsuccess = () => resolve();
            };
          };
        }),
      packageId,
    );
    await context.setOffline(true);
    await page.goto(href);
    await expect(page.getByRole("timer")).toHaveText(/^Còn lại (599|600):\d{2}$/);
    await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
    await expect(page.getByText("Đã nộp trên máy này. Bài sẽ được gửi đi chấm khi có mạng trở lại.")).toBeVisible();
    await context.setOffline(false);
    await expect(page.getByText("Đề trên máy đã bị sửa đổi nên không được chấp nhận.")).toBeVisible({
      timeout: 20_000,
    });
    expect(await prisma.attempt.count({ where: { userId: learner.id } })).toBe(0);
    const stored = await prisma.offlinePackage.findUniqueOrThrow({ where: { id: packageId }, select: { state: true } });
    expect(stored.state).toBe("issued");
  });
});

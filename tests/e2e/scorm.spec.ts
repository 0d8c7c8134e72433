import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { enroll } from "~/lib/courses/courses.server";
import { prisma } from "~/lib/db.server";
import { createScormCourse, deleteScormCourses } from "~/lib/fixtures/factories.server";
import { probePackage, scormPackage, zipEntries } from "../support/scorm-packages";
import { enrolHere, expect, logIn, test } from "./fixtures";

// SCORM lessons in the browser: a trainer uploads packages built by tests/support/scorm-packages.ts,
// a learner plays them in the sandboxed player, and a hostile package stays locked in its frame.

const slugs: string[] = [];
const packages: string[] = [];
test.afterAll(async () => {
  // Users are removed by the fixture; courses, then the packages no lesson plays any more.
  await deleteScormCourses(slugs, packages);
});

const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");
const zipFile = (name: string, bytes: Uint8Array) => ({
  name,
  mimeType: "application/zip",
  buffer: Buffer.from(bytes),
});
const player = (page: Page) => page.frameLocator('[data-testid="scorm-frame"]');
const LESSON_DONE = "Bạn đã học xong bài này.";

async function runtimeOf(userId: string, slug: string, key: string) {
  return prisma.scormRuntime.findFirst({
    where: { userId, lesson: { key, version: { course: { slug } } } },
    select: { cmi: true, completion: true, success: true, scorePercent: true },
  });
}

async function lessonCompleted(userId: string, slug: string, key: string) {
  const row = await prisma.lessonProgress.findFirst({
    where: { userId, lesson: { key, version: { course: { slug } } } },
    select: { completedAt: true },
  });
  return Boolean(row?.completedAt);
}

/** Opens a SCORM lesson and waits for its SCO to have found the API and started. */
async function openScormLesson(page: Page, slug: string, key: string) {
  await page.goto(`/courses/${slug}/lessons/${key}`);
  await expect(player(page).locator("#status")).toHaveText("ready");
}

async function answer(page: Page, value: string, outcome: "passed" | "failed") {
  await player(page).getByLabel("6 × 7 =").fill(value);
  await player(page).getByRole("button", { name: "Submit answer" }).click();
  await expect(player(page).locator("#status")).toHaveText(outcome);
}

test("a trainer uploads SCORM 1.2 and 2004 lessons and publishes; a learner suspends, resumes on another device, fails, passes, and is certified", async ({
  page,
  browser,
  makeUser,
}) => {
  test.setTimeout(240_000);
  const slug = `scorm-${crypto.randomUUID().slice(0, 6)}`;
  slugs.push(slug);
  const run = slug.slice(-6);
  const zip12 = scormPackage("scorm12", { title: `Gói SCORM 1.2 ${run}` });
  const zip2004 = scormPackage("scorm2004", { title: `Gói SCORM 2004 ${run}` });
  packages.push(sha256(zip12), sha256(zip2004));
  const trainer = await makeUser({ role: "trainer", fullName: "Trần Thu Giang" });
  const learner = await makeUser({ fullName: "Lê Văn Hưng" });

  // ── The trainer makes a course of two lessons ─────────────────────────────
  await logIn(page, trainer, "/author");
  await page.getByRole("link", { name: "Tạo khóa học mới" }).click();
  await expect(page.locator("[data-hydrated]")).toHaveCount(1);
  await page.getByLabel("Tên (tiếng Việt)").fill("Học qua gói SCORM");
  await page.getByLabel("Tên (tiếng Anh)").fill("Learning from SCORM packages");
  await page.getByLabel("Địa chỉ khóa học").fill(slug);
  await page.getByRole("button", { name: "Tạo khóa học" }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/details`);
  await expect(page.locator("[data-hydrated]")).toHaveCount(1);
  await page.getByLabel("Tóm tắt (tiếng Việt)").fill("Nội dung có sẵn của các cơ quan, dạng SCORM.");
  await page.getByLabel("Tóm tắt (tiếng Anh)").fill("Agencies' existing content, as SCORM.");
  await page.getByLabel("2.3 Thực hiện quyền công dân qua công nghệ số").check();
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });

  await page.getByRole("link", { name: "Nội dung", exact: true }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/content`);
  await expect(page.locator("[data-hydrated]")).toHaveCount(1);
  await page.getByLabel("Tên (tiếng Việt)").fill("Gói tương tác");
  await page.getByLabel("Tên (tiếng Anh)").fill("Interactive packages");
  await page.getByLabel("Mã chương").fill("goi-tuong-tac");
  await page.getByRole("button", { name: "Thêm chương" }).click();
  const module = page.getByTestId("module-goi-tuong-tac");
  await expect(module).toBeVisible({ timeout: 20_000 });
  const lessons = [
    { key: "scorm-12", vi: "Bài SCORM 1.2", en: "SCORM 1.2 lesson", zip: zip12, standard: "SCORM 1.2" },
    { key: "scorm-2004", vi: "Bài SCORM 2004", en: "SCORM 2004 lesson", zip: zip2004, standard: "SCORM 2004" },
  ];
  for (const lesson of lessons) {
    const add = module.getByTestId("add-lesson");
    if (!(await add.evaluate((element) => (element as HTMLDetailsElement).open))) await add.locator("summary").click();
    await add.getByLabel("Tên (tiếng Việt)").fill(lesson.vi);
    await add.getByLabel("Tên (tiếng Anh)").fill(lesson.en);
    await add.getByLabel("Mã bài học").fill(lesson.key);
    await add.getByRole("button", { name: "Thêm bài học" }).click();
    await expect(module.getByTestId(`lesson-${lesson.key}`)).toBeVisible();
  }

  for (const lesson of lessons) {
    // A short introduction above the player (every lesson has a Markdown body).
    await page.goto(`/author/courses/${slug}/lessons/${lesson.key}`);
    await expect(page.locator("[data-hydrated]")).toHaveCount(1);
    await page.getByLabel("Nội dung bài học (Markdown)").fill(`Trả lời câu hỏi trong ${lesson.vi}.`);
    await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
    await page.getByRole("link", { name: "Gói SCORM" }).click();
    await expect(page).toHaveURL(`/author/courses/${slug}/lessons/${lesson.key}/scorm/upload`);
    await expect(page.getByTestId("scorm-current")).toHaveText("Bài học này chưa có gói SCORM.");

    // A package zipped once more is refused with its own message, and nothing is stored.
    const packagesBefore = await prisma.scormPackage.count();
    await page.getByLabel("Tệp gói SCORM").setInputFiles(zipFile("goi-kep.zip", zipEntries({ "goi.zip": lesson.zip })));
    await page.getByRole("button", { name: "Gắn vào bài học" }).click();
    await expect(page.getByTestId("scorm-problem")).toHaveText(
      "Gói chứa một tệp zip khác (“goi.zip”). Hãy tải lên chính gói SCORM, không nén thêm một lần nữa.",
    );
    expect(await prisma.scormPackage.count()).toBe(packagesBefore);

    // The dry run lists the SCO and stores nothing; attaching stores it with the trainer's rule.
    await page.getByLabel("Tệp gói SCORM").setInputFiles(zipFile(`${lesson.key}.zip`, lesson.zip));
    await page.getByRole("button", { name: "Kiểm tra (không lưu)" }).click();
    const summary = page.getByTestId("scorm-summary");
    await expect(summary).toContainText(`Kiểm tra xong, chưa lưu gì. Gói ${lesson.standard}`);
    await expect(summary).toContainText("Tệp khởi chạy: index.html");
    await expect(summary).toContainText("Điểm đạt trong gói: 80%");
    await expect(summary.getByRole("listitem")).toHaveText(`Gói ${lesson.standard} ${run} (index.html)`);
    expect(await prisma.scormPackage.count()).toBe(packagesBefore);

    await page.getByLabel("Tệp gói SCORM").setInputFiles(zipFile(`${lesson.key}.zip`, lesson.zip));
    await page.getByLabel("Học viên đạt (passed)").check();
    await page.getByRole("button", { name: "Gắn vào bài học" }).click();
    await expect(summary).toContainText("Đã gắn gói SCORM vào bài học (bản nháp phiên bản 1).");
    await expect(page.getByTestId("scorm-current")).toHaveText(
      `Bài học đang dùng gói: Gói ${lesson.standard} ${run} (${lesson.standard})`,
    );
    await expect(page.getByLabel("Học viên đạt (passed)")).toBeChecked();
  }

  await page.goto(`/author/courses/${slug}/publish`);
  await expect(page.getByTestId("publish-problems")).toHaveCount(0);
  await page.getByRole("button", { name: "Xuất bản phiên bản 1" }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/versions/1?published=1`);

  // ── First device: the learner starts the SCORM 1.2 lesson and saves to continue later ──
  const first = await browser.newContext();
  const firstPage = await first.newPage();
  await logIn(firstPage, learner, `/courses/${slug}`);
  await enrolHere(firstPage);
  await openScormLesson(firstPage, slug, "scorm-12");
  const sco = player(firstPage);
  // The SCO is told who the learner is: the account id, never the email.
  await expect(sco.locator("#learner")).toHaveText(`${learner.fullName} (${learner.id})`);
  await expect(sco.locator("#resume")).toHaveText("new");
  await sco.getByLabel("Notes").fill("đã đọc phần 1");
  await sco.getByRole("button", { name: "Save and leave" }).click();
  await expect(sco.locator("#status")).toHaveText("suspended");
  await expect
    .poll(async () => (await runtimeOf(learner.id, slug, "scorm-12"))?.cmi)
    .toMatchObject({ suspend_data: "đã đọc phần 1", core: { lesson_location: "page-2", exit: "suspend" } });
  await expect(firstPage.getByTestId("scorm-save")).toContainText("Đã lưu lúc");
  await first.close();

  // ── Another device: it resumes from the server, a wrong answer does not complete ──
  const second = await browser.newContext();
  const page2 = await second.newPage();
  await logIn(page2, learner, `/courses/${slug}/lessons/scorm-12`);
  await expect(player(page2).locator("#status")).toHaveText("ready");
  await expect(player(page2).locator("#resume")).toHaveText("resumed: đã đọc phần 1 @ page-2");
  await expect(player(page2).getByLabel("Notes")).toHaveValue("đã đọc phần 1");
  await answer(page2, "41", "failed");
  await expect.poll(async () => (await runtimeOf(learner.id, slug, "scorm-12"))?.success).toBe("failed");
  await expect(page2.getByTestId("scorm-save")).toContainText("Đã lưu lúc");
  expect(await lessonCompleted(learner.id, slug, "scorm-12")).toBe(false);
  await expect(page2.getByText(LESSON_DONE)).toHaveCount(0);

  // A new attempt: the right answer passes and completes the lesson.
  await openScormLesson(page2, slug, "scorm-12");
  const launched = await page2.getByTestId("scorm-frame").getAttribute("src");
  await answer(page2, "42", "passed");
  await expect(page2.getByText(LESSON_DONE)).toBeVisible();
  // The page revalidated to say so, and left the package running: same path, same tree.
  await expect(page2.getByTestId("scorm-frame")).toHaveAttribute("src", launched ?? "");
  await expect(player(page2).locator("#status")).toHaveText("passed");
  await expect(page2.getByText("Tiến độ: 50%")).toBeVisible();
  expect(await lessonCompleted(learner.id, slug, "scorm-12")).toBe(true);

  // ── The SCORM 2004 lesson, then the course completes and the certificate is issued ──
  await openScormLesson(page2, slug, "scorm-2004");
  await expect(player(page2).locator("#learner")).toHaveText(`${learner.fullName} (${learner.id})`);
  await answer(page2, "42", "passed");
  await expect(page2.getByText(LESSON_DONE)).toBeVisible();
  expect(await runtimeOf(learner.id, slug, "scorm-2004")).toMatchObject({
    completion: "completed",
    success: "passed",
    scorePercent: 100,
  });
  await page2.goto(`/courses/${slug}`);
  await expect(page2.getByText("Tiến độ: 100%")).toBeVisible();
  await page2.goto("/credits");
  const card = page2.getByTestId("certificate").filter({ hasText: "Học qua gói SCORM" });
  await expect(card.getByTestId("certificate-status")).toHaveText("Hợp lệ");
  await second.close();
});

test("on a 360 px phone the player fits; a failing SCO does not complete a “passed” lesson; offline says so and saves when back", async ({
  browser,
  makeUser,
}) => {
  const course = await createScormCourse([
    { key: "goi-2004", zip: scormPackage("scorm2004", { title: `Điện thoại ${crypto.randomUUID()}` }), rule: "passed" },
  ]);
  slugs.push(course.slug);
  packages.push(...course.packages);
  const learner = await makeUser();
  await enroll(learner.id, course.slug);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await logIn(page, learner, `/courses/${course.slug}/lessons/goi-2004`);
  await expect(player(page).locator("#status")).toHaveText("ready");

  // Usable at 360 px: the frame fits the screen, the page does not scroll sideways, the question is on screen.
  const frameBox = await page.getByTestId("scorm-frame").boundingBox();
  expect(frameBox!.x).toBeGreaterThanOrEqual(0);
  expect(frameBox!.x + frameBox!.width).toBeLessThanOrEqual(360);
  expect(frameBox!.height).toBeGreaterThanOrEqual(400);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await player(page).getByLabel("6 × 7 =").scrollIntoViewIfNeeded();
  await expect(player(page).getByRole("button", { name: "Submit answer" })).toBeInViewport();

  // The package reports "failed": completed, but not passed, so the lesson stays open.
  await answer(page, "7", "failed");
  await expect
    .poll(async () => runtimeOf(learner.id, course.slug, "goi-2004"))
    .toMatchObject({ completion: "completed", success: "failed", scorePercent: 20 });
  await expect(page.getByTestId("scorm-save")).toContainText("Đã lưu lúc");
  expect(await lessonCompleted(learner.id, course.slug, "goi-2004")).toBe(false);
  await expect(page.getByText(LESSON_DONE)).toHaveCount(0);

  // Offline: the result is kept in the page, the learner is told, and it is sent once back online.
  await openScormLesson(page, course.slug, "goi-2004");
  await context.setOffline(true);
  await answer(page, "42", "passed");
  await expect(page.getByTestId("scorm-save")).toHaveText(
    "Bạn đang ngoại tuyến: kết quả chưa được lưu. HọcSố sẽ lưu khi có mạng trở lại.",
  );
  expect(await lessonCompleted(learner.id, course.slug, "goi-2004")).toBe(false);
  await context.setOffline(false);
  await expect(page.getByText(LESSON_DONE)).toBeVisible({ timeout: 20_000 });
  expect(await lessonCompleted(learner.id, course.slug, "goi-2004")).toBe(true);
  await context.close();
});

type Probe = Record<string, string | boolean>;
async function readProbe(target: Page | ReturnType<Page["frameLocator"]>): Promise<Probe> {
  const probe = target.locator("#probe");
  await expect(probe).toContainText('"finished":true');
  return JSON.parse(await probe.innerText()) as Probe;
}

/**
 * Both layers are checked on their own, so removing either fails this test: the frame's sandbox
 * attribute (asserted on the element, and what isolates the frame in the lesson page), and the
 * CSP `sandbox` the package files are served with (what isolates them when opened directly).
 */
test("a package cannot read the app's cookies or window, nor call or post to the app, framed or opened directly", async ({
  browser,
  makeUser,
  baseURL,
}) => {
  const course = await createScormCourse([{ key: "tham-do", zip: probePackage(), rule: "completed" }]);
  slugs.push(course.slug);
  packages.push(...course.packages);
  const learner = await makeUser();
  await enroll(learner.id, course.slug);
  const context = await browser.newContext();
  // A cookie scripts could read if they ran in the app's origin (the session cookie is HttpOnly too).
  await context.addCookies([{ name: "hocso_canary", value: "readable", url: baseURL!, httpOnly: false }]);
  const page = await context.newPage();
  await logIn(page, learner);
  const writes: string[] = [];
  context.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (request.method() === "POST" && (pathname === "/api/progress" || pathname === "/logout")) writes.push(pathname);
  });

  await page.goto(`/courses/${course.slug}/lessons/tham-do`);
  const frame = page.getByTestId("scorm-frame");
  await expect(frame).toHaveAttribute("sandbox", "allow-scripts");
  const framed = await readProbe(player(page));
  const launchUrl = (await frame.getAttribute("src"))!;

  // Opened directly, as a link to the package file would be: the CSP sandbox still isolates it.
  const direct = await context.newPage();
  const response = await direct.goto(launchUrl);
  const csp = response!.headers()["content-security-policy"];
  expect(csp).toContain("sandbox allow-scripts");
  expect(csp).toContain("form-action 'none'");
  const opened = await readProbe(direct);

  for (const probe of [framed, opened]) {
    expect(probe).toMatchObject({
      // An opaque origin has no cookies and no storage: reading them throws.
      cookie: "blocked: SecurityError",
      storage: "blocked: SecurityError",
      // Reads of the app's responses are refused by the browser (another origin, no CORS).
      fetchGet: "blocked: TypeError",
      fetchPost: "blocked: TypeError",
      fetchLogout: "blocked: TypeError",
    });
    expect(JSON.stringify(probe)).not.toContain("readable");
  }
  expect(framed.parentCookie).toBe("blocked: SecurityError");
  expect(framed.topUrl).toBe("blocked: SecurityError");

  // Each fetch went out (twice: framed and opened) and was refused; the form was never sent.
  await expect.poll(() => writes.sort()).toEqual(["/api/progress", "/api/progress", "/logout", "/logout"]);
  // What the server answers a write from an opaque origin ("Origin: null"), even with the session.
  const refused = await page.request.post("/api/progress", { headers: { Origin: "null" }, data: "{}" });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toBe("Cross-origin request refused");
  // Still logged in: neither the fetch nor the form that would have logged the learner out took effect.
  await page.goto("/account");
  await expect(page).toHaveURL("/account");
  await context.close();
});

import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { strToU8, zipSync } from "fflate";
import { prisma } from "~/lib/db.server";
import { recordGradedAttempt } from "~/lib/fixtures/factories.server";
import { enrolHere, expect, logIn, test } from "./fixtures";

const slugs: string[] = [];
test.afterAll(async () => {
  // Users are removed by the fixture; their certificates and enrolments go with the course.
  await prisma.course.deleteMany({ where: { slug: { in: slugs } } });
});

const LESSONS = [
  {
    key: "tai-khoan-vneid",
    vi: "Tài khoản định danh VNeID",
    en: "VNeID accounts",
    md: "## Tài khoản VNeID\n\nTài khoản **mức 2** dùng để đăng nhập Cổng Dịch vụ công.",
  },
  {
    key: "chu-ky-so",
    vi: "Chữ ký số",
    en: "Digital signatures",
    md: "## Chữ ký số\n\nChữ ký số có giá trị pháp lý như chữ ký tay.",
  },
];

/** Editors mark themselves once React has hydrated; typing before that would bypass the form library. */
async function gotoEditor(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("[data-hydrated]")).toHaveCount(1);
}

async function saved(page: Page) {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
}

async function newQuestion(
  page: Page,
  slug: string,
  type: string,
  key: string,
  prompt: string,
  fill: (form: ReturnType<Page["locator"]>) => Promise<void>,
  lessonTitle?: string,
) {
  await gotoEditor(page, `/author/courses/${slug}/questions/new?type=${type}`);
  const form = page.locator("form").filter({ has: page.getByLabel("Nội dung câu hỏi") });
  await form.getByLabel("Mã câu hỏi").fill(key);
  await form.getByLabel("Nội dung câu hỏi").fill(prompt);
  await fill(form);
  if (lessonTitle) await form.getByLabel(lessonTitle).check();
  await form.getByRole("button", { name: "Tạo câu hỏi" }).click();
  await expect(page).toHaveURL(new RegExp(`/questions/${key}\\?created=1$`));
}

/** Opens a module's "add a lesson" form (a <details> that may still be open from the last lesson). */
async function openAddLesson(module: ReturnType<Page["getByTestId"]>) {
  const details = module.getByTestId("add-lesson");
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open)))
    await details.locator("summary").click();
  return details;
}

async function completeLessons(page: Page, keys: string[]) {
  for (const key of keys) {
    await expect(page).toHaveURL(new RegExp(`/lessons/${key}$`));
    await page.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
  }
}

test("a trainer authors and publishes a course, a learner is certified, a material change supersedes it and the learner retakes only the delta", async ({
  page,
  browser,
  makeUser,
}) => {
  test.setTimeout(240_000);
  const slug = `dich-vu-cong-${crypto.randomUUID().slice(0, 6)}`;
  slugs.push(slug);
  const trainer = await makeUser({ role: "trainer", fullName: "Trần Thu Giang" });
  const learner = await makeUser({ fullName: "Lê Văn Hưng" });

  // ── The trainer creates the course ────────────────────────────────────────
  await logIn(page, trainer, "/author");
  await page.getByRole("link", { name: "Tạo khóa học mới" }).click();
  await expect(page.locator("[data-hydrated]")).toHaveCount(1);
  await page.getByLabel("Tên (tiếng Việt)").fill("Dịch vụ công cho người dân");
  await page.getByLabel("Tên (tiếng Anh)").fill("Public services for citizens");
  await expect(page.getByLabel("Địa chỉ khóa học")).toHaveValue("dich-vu-cong-cho-nguoi-dan");
  await page.getByLabel("Địa chỉ khóa học").fill(slug);
  await page.getByRole("button", { name: "Tạo khóa học" }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/details`);
  await expect(page.locator("[data-hydrated]")).toHaveCount(1);
  await page.getByLabel("Tóm tắt (tiếng Việt)").fill("Dùng VNeID và chữ ký số để làm thủ tục trực tuyến.");
  await page.getByLabel("Tóm tắt (tiếng Anh)").fill("Use VNeID and digital signatures online.");
  await page.getByLabel("2.3 Thực hiện quyền công dân qua công nghệ số").check();
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await saved(page);

  await page.getByRole("link", { name: "Nội dung", exact: true }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/content`);
  await expect(page.locator("[data-hydrated]")).toHaveCount(1);
  await page.getByLabel("Tên (tiếng Việt)").fill("Định danh và chữ ký");
  await page.getByLabel("Tên (tiếng Anh)").fill("Identity and signatures");
  await page.getByRole("button", { name: "Thêm chương" }).click();
  const module = page.getByTestId("module-dinh-danh-va-chu-ky");
  await expect(module).toBeVisible();
  for (const lesson of LESSONS) {
    const add = await openAddLesson(module);
    await add.getByLabel("Tên (tiếng Việt)").fill(lesson.vi);
    await add.getByLabel("Tên (tiếng Anh)").fill(lesson.en);
    await add.getByLabel("Mã bài học").fill(lesson.key);
    await add.getByRole("button", { name: "Thêm bài học" }).click();
    await expect(module.getByTestId(`lesson-${lesson.key}`)).toBeVisible();
  }
  // Keyboard-accessible reorder: move the second lesson up and back down.
  await module.getByRole("button", { name: `Chuyển “${LESSONS[1].vi}” lên` }).click();
  await expect(module.locator("[data-testid^=lesson-]").first()).toHaveAttribute(
    "data-testid",
    `lesson-${LESSONS[1].key}`,
  );
  await expect(module.getByRole("button", { name: `Chuyển “${LESSONS[1].vi}” lên` })).toBeDisabled();
  await module.getByRole("button", { name: `Chuyển “${LESSONS[1].vi}” xuống` }).click();
  await expect(module.locator("[data-testid^=lesson-]").first()).toHaveAttribute(
    "data-testid",
    `lesson-${LESSONS[0].key}`,
  );

  // Lesson bodies: the live preview renders what learners will see, and drafts save themselves.
  for (const lesson of LESSONS) {
    await gotoEditor(page, `/author/courses/${slug}/lessons/${lesson.key}`);
    await page.getByLabel("Nội dung bài học (Markdown)").fill(lesson.md);
    await expect(page.getByTestId("lesson-preview").getByRole("heading", { level: 2 })).toHaveText(
      lesson.md.split("\n")[0].slice(3),
    );
    await saved(page);
    await expect(page.getByTestId("save-status")).toHaveText(/^Đã lưu lúc \d{2}:\d{2}$/);
  }

  // Five questions of five types, tagged to the lessons.
  await newQuestion(
    page,
    slug,
    "single",
    "vneid-muc-2",
    "Tài khoản VNeID mức nào dùng cho dịch vụ công?",
    async (form) => {
      await form.getByTestId("option-0").getByLabel("Lựa chọn 1", { exact: true }).fill("Mức 1");
      await form.getByTestId("option-1").getByLabel("Lựa chọn 2", { exact: true }).fill("Mức 2");
      await form.getByTestId("option-1").getByLabel("Đúng", { exact: true }).check();
    },
    LESSONS[0].vi,
  );
  // "Try it as a learner" grades with the real grader.
  const tryPanel = page.getByRole("region", { name: "Thử như học viên" });
  await tryPanel.getByLabel("Mức 2").check();
  await tryPanel.getByRole("button", { name: "Chấm thử" }).click();
  await expect(tryPanel.getByTestId("try-result")).toContainText("Đúng: 1/1 điểm.");
  await tryPanel.getByLabel("Mức 1").check();
  await tryPanel.getByRole("button", { name: "Chấm thử" }).click();
  await expect(tryPanel.getByTestId("try-result")).toContainText("Sai: 0/1 điểm.");

  await newQuestion(
    page,
    slug,
    "multiple",
    "vneid-dung-de",
    "VNeID dùng để làm gì?",
    async (form) => {
      await form.getByLabel("Lựa chọn 1", { exact: true }).fill("Nộp hồ sơ dịch vụ công");
      await form.getByTestId("option-0").getByLabel("Đúng", { exact: true }).check();
      await form.getByLabel("Lựa chọn 2", { exact: true }).fill("Xuất trình giấy tờ");
      await form.getByTestId("option-1").getByLabel("Đúng", { exact: true }).check();
      await form.getByLabel("Lựa chọn 3", { exact: true }).fill("Chơi trò chơi");
    },
    LESSONS[0].vi,
  );
  await newQuestion(
    page,
    slug,
    "truefalse",
    "chu-ky-phap-ly",
    "Chữ ký số có giá trị pháp lý như chữ ký tay.",
    async (form) => {
      await form.getByRole("radio", { name: "Đúng" }).check();
    },
    LESSONS[1].vi,
  );
  await newQuestion(
    page,
    slug,
    "numeric",
    "chu-ky-so-ky-tu",
    "Mã PIN chữ ký số tối thiểu có bao nhiêu ký tự?",
    async (form) => {
      await form.getByLabel("Giá trị", { exact: true }).fill("6");
    },
    LESSONS[1].vi,
  );
  await newQuestion(page, slug, "ordering", "thu-tu-nop", "Sắp xếp các bước nộp hồ sơ trực tuyến.", async (form) => {
    await form.getByLabel("Mục 1", { exact: true }).fill("Đăng nhập bằng VNeID");
    await form.getByLabel("Mục 2", { exact: true }).fill("Điền tờ khai");
    await form.getByLabel("Mục 3", { exact: true }).fill("Ký số và nộp");
  });
  // Per-type validation before anything is sent: a single-choice question without a correct option.
  await gotoEditor(page, `/author/courses/${slug}/questions/new?type=single`);
  await page.getByLabel("Nội dung câu hỏi").fill("Thiếu đáp án đúng?");
  await page.getByLabel("Lựa chọn 1", { exact: true }).fill("A");
  await page.getByLabel("Lựa chọn 2", { exact: true }).fill("B");
  await page.getByRole("button", { name: "Tạo câu hỏi" }).click();
  await expect(page.getByText("Cần một đáp án được 100% số điểm.")).toBeVisible();
  await expect(page).toHaveURL(/questions\/new/);

  // Exam settings: refuse drawing more than the pool holds, then draw all five.
  await gotoEditor(page, `/author/courses/${slug}/exam`);
  await page.getByTestId("pool-0").getByLabel("Số câu rút").fill("9");
  await page.getByRole("button", { name: "Tạo bài kiểm tra" }).click();
  await expect(page.getByText("Số câu rút nhiều hơn số câu nhóm đang có.")).toBeVisible();
  await page.getByTestId("pool-0").getByLabel("Số câu rút").fill("5");
  await page.getByLabel("Điểm đạt (%)").fill("60");
  await page.getByRole("button", { name: "Tạo bài kiểm tra" }).click();
  await saved(page);

  await page.getByRole("link", { name: "Xuất bản", exact: true }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/publish`);
  await expect(page.getByTestId("publish-problems")).toHaveCount(0);
  await page.getByRole("button", { name: "Xuất bản phiên bản 1" }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/versions/1?published=1`);
  await expect(page.getByText("Đã xuất bản phiên bản 1.", { exact: false })).toBeVisible();
  // A first version has no learners on an older one.
  await expect(page.getByText("Học viên đang học phiên bản cũ", { exact: false })).toHaveCount(0);
  await expect(page.getByText(/^Xuất bản lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}$/)).toBeVisible();

  // Export as a zip in the content/ format; importing it back changes nothing. A broken zip imports nothing, with file:line errors.
  await page.goto(`/author/courses/${slug}`);
  const download = page.waitForEvent("download");
  await page.getByTestId("version-1").getByRole("link", { name: "Tải zip" }).click();
  const zipPath = path.join(os.tmpdir(), `${slug}.zip`);
  await (await download).saveAs(zipPath);
  await page.goto("/author/import");
  await page.getByLabel("Tệp zip").setInputFiles(zipPath);
  await page.getByRole("button", { name: "Kiểm tra và nhập" }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}?imported=unchanged`);
  await expect(page.getByText("Nội dung giống hệt phiên bản mới nhất", { exact: false })).toBeVisible();
  const brokenPath = path.join(os.tmpdir(), `${slug}-broken.zip`);
  fs.writeFileSync(
    brokenPath,
    zipSync({ [`${slug}-hong/course.yaml`]: strToU8(`slug: ${slug}-hong\naudience: everyone\n`) }),
  );
  await page.goto("/author/import");
  await page.getByLabel("Tệp zip").setInputFiles(brokenPath);
  await page.getByRole("button", { name: "Kiểm tra và nhập" }).click();
  await expect(
    page
      .getByTestId("import-errors")
      .getByText(
        `${slug}-hong/course.yaml, dòng 2: audience: Giá trị không hợp lệ; hãy chọn một trong: citizens, officials, both.`,
      ),
  ).toBeVisible();
  expect(await prisma.course.count({ where: { slug: `${slug}-hong` } })).toBe(0);
  fs.rmSync(zipPath, { force: true });
  fs.rmSync(brokenPath, { force: true });

  // ── A learner completes version 1 and is certified ─────────────────────────
  const learnerContext = await browser.newContext();
  const learnerPage = await learnerContext.newPage();
  await logIn(learnerPage, learner, `/courses/${slug}`);
  await enrolHere(learnerPage);
  const v1 = await prisma.courseVersion.findFirstOrThrow({
    where: { course: { slug }, kind: "full", number: 1 },
    select: { id: true },
  });
  // The exam itself is covered by the exam tests; here the learner has passed it.
  await recordGradedAttempt(learner.id, v1.id, true);
  await learnerPage.getByRole("link", { name: "Bắt đầu học" }).click();
  await completeLessons(
    learnerPage,
    LESSONS.map((l) => l.key),
  );
  await expect(learnerPage).toHaveURL(`/courses/${slug}`);
  await learnerPage.goto("/credits");
  const firstCard = learnerPage.getByTestId("certificate");
  await expect(firstCard.getByTestId("certificate-status")).toHaveText("Hợp lệ");
  const firstCode = (await firstCard.locator(".font-mono").innerText()).trim();

  // ── The trainer publishes a material change to one lesson ─────────────────
  await gotoEditor(page, `/author/courses/${slug}/lessons/${LESSONS[1].key}`);
  await expect(page.getByTestId("version-banner")).toContainText("phiên bản 1 đã xuất bản");
  await page
    .getByLabel("Nội dung bài học (Markdown)")
    .fill(`${LESSONS[1].md}\n\nTừ năm 2026, chữ ký số từ xa được chấp nhận cho mọi thủ tục.`);
  // Leaving before the draft is saved warns; staying keeps the text, which then saves itself.
  await page.getByRole("link", { name: "Nội dung", exact: true }).click();
  await expect(page.getByRole("alertdialog", { name: "Bạn có thay đổi chưa lưu" })).toBeVisible();
  await page.getByRole("button", { name: "Ở lại trang" }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/lessons/${LESSONS[1].key}`);
  await saved(page);
  await expect(page.getByTestId("version-banner")).toContainText("bản nháp phiên bản 2");
  await page.getByRole("link", { name: "Xuất bản", exact: true }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/publish`);
  const diff = page.getByTestId("version-diff");
  await expect(diff.locator("[data-change=changed]")).toHaveCount(1);
  await expect(diff.locator("[data-change=changed]")).toContainText(LESSONS[1].vi);
  await page.getByRole("radio", { name: /Thay đổi quan trọng/ }).check();
  await page.getByLabel("Ghi chú thay đổi").fill("Quy định mới về chữ ký số từ xa.");
  await page.getByRole("button", { name: "Xuất bản phiên bản 2" }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/versions/2?published=1`);
  await expect(page.getByTestId("delta-summary")).toHaveText(
    "1 bài học, 2 câu hỏi · 1 học viên được ghi danh, 0 đã hoàn thành",
  );

  // ── The learner's certificate is superseded; they take only the delta ──────
  await learnerPage.goto("/credits");
  await expect(learnerPage.getByTestId("certificate-status")).toHaveText("Đã được thay thế bởi phiên bản mới");
  await learnerPage.goto(`/verify/${firstCode}`);
  await expect(learnerPage.getByTestId("verdict")).toHaveAttribute("data-status", "superseded");

  // The holder is told by mail, and the course page leads to the update.
  const supersededMail = await prisma.outboxMessage.findFirstOrThrow({
    where: { to: learner.email, subject: { startsWith: "Khóa học “" } },
    select: { subject: true, text: true },
  });
  expect(supersededMail.subject).toContain("đã thay đổi: hãy học phần cập nhật");
  expect(supersededMail.text).toContain(`/courses/${slug}/update/2`);
  await learnerPage.goto(`/courses/${slug}`);
  await expect(
    learnerPage.getByRole("heading", { name: "Khóa học đã thay đổi: hãy học phần cập nhật phiên bản 2" }),
  ).toBeVisible();
  await expect(
    learnerPage.getByTestId("course-update").getByRole("link", { name: "Mở phần cập nhật" }),
  ).toHaveAttribute("href", `/courses/${slug}/update/2`);
  const deltaExam = await prisma.exam.findFirstOrThrow({
    where: { version: { course: { slug }, kind: "delta", number: 2 } },
    select: { titleVi: true, titleEn: true },
  });
  expect(deltaExam.titleVi).toMatch(/^Kiểm tra phần cập nhật: /);
  expect(deltaExam.titleEn).toMatch(/^Update exam: /);

  await learnerPage.goto("/learning");
  await learnerPage.locator(`a[href="/courses/${slug}/update/2"]`).click();
  await expect(learnerPage).toHaveURL(`/courses/${slug}/update/2`);
  await expect(learnerPage.getByText("Quy định mới về chữ ký số từ xa.")).toBeVisible();
  const deltaLessons = learnerPage.getByRole("region", { name: "Bài học mới hoặc đã thay đổi" }).getByRole("link");
  await expect(deltaLessons).toHaveText([LESSONS[1].vi]);
  await expect(learnerPage.getByText("2 câu hỏi", { exact: false })).toBeVisible();
  const delta = await prisma.courseVersion.findFirstOrThrow({
    where: { course: { slug }, kind: "delta", number: 2 },
    select: { id: true, questions: { select: { key: true } } },
  });
  expect(delta.questions.map((q) => q.key).sort()).toEqual(["chu-ky-phap-ly", "chu-ky-so-ky-tu"]);
  // The delta's exam is taken on the real exam pages and asks only the two questions tagged to the changed lesson.
  await learnerPage.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await expect(learnerPage).toHaveURL(/\/attempts\/[\w-]+$/);
  await expect(learnerPage.locator("fieldset")).toHaveCount(2);
  await learnerPage.getByRole("radio", { name: "Đúng" }).check();
  await learnerPage.getByLabel("Câu trả lời của bạn").fill("6");
  await learnerPage.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await learnerPage.getByRole("button", { name: "Nộp bài ngay" }).click();
  await expect(learnerPage).toHaveURL(/\/attempts\/[\w-]+\/result$/);
  await expect(learnerPage.getByText("Đạt", { exact: true })).toBeVisible();
  await learnerPage.goto(`/courses/${slug}/update/2`);
  await expect(learnerPage.getByText("Bạn đã đạt bài kiểm tra.")).toBeVisible();
  await learnerPage.getByRole("link", { name: "Bắt đầu học" }).click();
  await expect(learnerPage.getByRole("heading", { level: 1 })).toHaveText(LESSONS[1].vi);
  // What changed inside the lesson comes first, as a readable diff; the whole lesson follows.
  const changes = learnerPage.getByRole("region", { name: "Những gì đã thay đổi trong bài này" });
  await expect(changes.locator("ins")).toHaveText("Thêm: Từ năm 2026, chữ ký số từ xa được chấp nhận cho mọi thủ tục.");
  await expect(changes.getByText("… 2 đoạn không đổi …")).toBeVisible();
  await expect(changes.locator("del")).toHaveCount(0);
  await expect(learnerPage.locator("#lesson-body").getByText("chữ ký số từ xa được chấp nhận")).toBeVisible();
  await completeLessons(learnerPage, [LESSONS[1].key]);
  await expect(learnerPage).toHaveURL(`/courses/${slug}/update/2`);

  await learnerPage.goto("/credits");
  const cards = learnerPage.getByTestId("certificate");
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0).getByTestId("certificate-status")).toHaveText("Hợp lệ");
  await expect(cards.nth(0)).toContainText("(phiên bản 2)");
  await expect(cards.nth(1).getByTestId("certificate-status")).toHaveText("Đã được thay thế bởi phiên bản mới");
  const secondCode = (await cards.nth(0).locator(".font-mono").innerText()).trim();
  await learnerPage.goto(`/verify/${secondCode}`);
  await expect(learnerPage.getByTestId("verdict")).toHaveAttribute("data-status", "valid");
  await learnerPage.goto(`/verify/${firstCode}`);
  await expect(learnerPage.getByTestId("verdict")).toHaveAttribute("data-status", "superseded");
  await expect(learnerPage.getByText("Khóa học đã có phiên bản 2", { exact: false })).toBeVisible();

  // ── A learner opening any authoring URL gets 403 ───────────────────────────
  for (const path of [
    `/author/courses/${slug}/export`,
    "/author",
    "/author/new",
    "/author/import",
    `/author/courses/${slug}`,
    `/author/courses/${slug}/content`,
    `/author/courses/${slug}/lessons/${LESSONS[0].key}`,
    `/author/courses/${slug}/questions/vneid-muc-2`,
    `/author/courses/${slug}/publish`,
    `/author/courses/${slug}/versions/2`,
  ]) {
    const response = await learnerPage.goto(path);
    expect(response?.status(), path).toBe(403);
  }
  await expect(learnerPage.getByRole("heading", { level: 1 })).toBeVisible();
  await learnerContext.close();
});

test("without JavaScript: reorder, Markdown preview and saving still work", async ({ browser, makeUser }) => {
  const slug = `khong-js-${crypto.randomUUID().slice(0, 6)}`;
  slugs.push(slug);
  const trainer = await makeUser({ role: "trainer" });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await logIn(page, trainer, "/author/new");
  await page.getByLabel("Tên (tiếng Việt)").fill("Khóa không JavaScript");
  await page.getByLabel("Tên (tiếng Anh)").fill("No JavaScript course");
  await page.getByLabel("Địa chỉ khóa học").fill(slug);
  await page.getByRole("button", { name: "Tạo khóa học" }).click();
  await page.goto(`/author/courses/${slug}/content`);
  await page.getByLabel("Tên (tiếng Việt)").fill("Chương một");
  await page.getByLabel("Tên (tiếng Anh)").fill("Chapter one");
  await page.getByLabel("Mã chương").fill("chuong-1");
  await page.getByRole("button", { name: "Thêm chương" }).click();
  const module = page.getByTestId("module-chuong-1");
  for (const key of ["bai-a", "bai-b"]) {
    const add = await openAddLesson(module);
    await add.getByLabel("Tên (tiếng Việt)").fill(key);
    await add.getByLabel("Tên (tiếng Anh)").fill(key);
    await add.getByLabel("Mã bài học").fill(key);
    await add.getByRole("button", { name: "Thêm bài học" }).click();
  }
  await page.getByTestId("module-chuong-1").getByRole("button", { name: "Chuyển “bai-b” lên" }).click();
  await expect(page.getByTestId("module-chuong-1").locator("[data-testid^=lesson-]").first()).toHaveAttribute(
    "data-testid",
    "lesson-bai-b",
  );

  await page.goto(`/author/courses/${slug}/lessons/bai-a`);
  await page.getByLabel("Nội dung bài học (Markdown)").fill("## Xin chào\n\n- một\n- hai");
  await page.getByRole("button", { name: "Xem trước" }).click();
  await expect(page.getByTestId("lesson-preview").getByRole("heading", { name: "Xin chào" })).toBeVisible();
  await page.getByRole("button", { name: "Lưu", exact: true }).click();
  await expect(page.getByTestId("save-status")).toHaveText(/^Đã lưu lúc \d{2}:\d{2}$/);
  await page.goto(`/author/courses/${slug}/lessons/bai-a`);
  await expect(page.getByLabel("Nội dung bài học (Markdown)")).toHaveValue("## Xin chào\n\n- một\n- hai");
  await context.close();
});

test("a GIFT file with a syntax error is explained with its line, in Vietnamese and after switching, in English", async ({
  page,
  makeUser,
}) => {
  const slug = `gift-loi-${crypto.randomUUID().slice(0, 6)}`;
  slugs.push(slug);
  const trainer = await makeUser({ role: "trainer" });
  await logIn(page, trainer, "/author/new");
  await page.getByLabel("Tên (tiếng Việt)").fill("Ngân hàng câu hỏi thử");
  await page.getByLabel("Tên (tiếng Anh)").fill("Trial question bank");
  await page.getByLabel("Địa chỉ khóa học").fill(slug);
  await page.getByRole("button", { name: "Tạo khóa học" }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/details`);

  const bank = {
    name: "ngan-hang.gift",
    mimeType: "text/plain",
    buffer: Buffer.from(
      [
        "// Câu hỏi về VNeID",
        "::Thủ đô:: Thủ đô của Việt Nam là? {=Hà Nội ~Huế}",
        "",
        "::Mức 2:: Tài khoản VNeID mức 2 cần gì? {=CCCD gắn chip ~Hộ chiếu",
        "",
        "::Luận:: Viết một đoạn về dịch vụ công. {}",
        "",
      ].join("\n"),
      "utf8",
    ),
  };
  await page.goto(`/author/courses/${slug}/questions/import`);
  await page.getByLabel("Tệp (.gift hoặc .txt, tối đa 2 MB)").setInputFiles(bank);
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  const preview = page.getByTestId("gift-preview");
  await expect(preview.getByRole("heading", { name: "1 câu hỏi sẵn sàng · 1 lỗi · 1 câu không hỗ trợ" })).toBeVisible();
  await expect(page.getByTestId("gift-errors")).toHaveText(
    "Dòng 4: Khối đáp án mở bằng “{” nhưng chưa được đóng: hãy thêm “}” sau đáp án cuối cùng.",
  );
  await expect(preview.getByText("Dòng 6: loại câu hỏi “tự luận” không được hỗ trợ (“Luận”)")).toBeVisible();
  await expect(preview.getByRole("button", { name: "Nhập 1 câu hỏi" })).toBeDisabled();

  await page.getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByLabel("File (.gift or .txt, up to 2 MB)").setInputFiles(bank);
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("gift-errors")).toHaveText(
    "Line 4: The answer block opened with “{” is never closed: add “}” after the last answer.",
  );
  await expect(
    page.getByTestId("gift-preview").getByText("Line 6: the question kind “essay” is not supported (“Luận”)"),
  ).toBeVisible();
  expect(await prisma.question.count({ where: { version: { course: { slug } } } })).toBe(0);
});

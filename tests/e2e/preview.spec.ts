import crypto from "node:crypto";
import { prisma } from "~/lib/db.server";
import { createDraftCourse, expect, logIn, test } from "./fixtures";

const slugs: string[] = [];
test.afterAll(async () => {
  await prisma.course.deleteMany({ where: { slug: { in: slugs } } });
});

/** Rows a learner's studying or exam would leave behind for this course. */
async function learnerRows(slug: string) {
  const version = { course: { slug } };
  return {
    attempts: await prisma.attempt.count({ where: { exam: { version } } }),
    enrollments: await prisma.enrollment.count({ where: { version } }),
    progress: await prisma.lessonProgress.count({ where: { lesson: { version } } }),
  };
}

test("a trainer previews the draft as a learner: lesson, practice check (with and without JavaScript); learners cannot", async ({
  page,
  browser,
  makeUser,
}) => {
  const trainer = await makeUser({ role: "trainer", fullName: "Lê Thị Hoa" });
  const learner = await makeUser();
  const slug = `xem-truoc-${crypto.randomUUID().slice(0, 8)}`;
  slugs.push(slug);
  const draft = await createDraftCourse(trainer, slug);

  await logIn(page, trainer, `/author/courses/${slug}`);
  await page.getByRole("link", { name: "Xem trước như học viên" }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/preview`);
  await expect(page.getByTestId("preview-banner")).toContainText("Bản nháp — chỉ bạn thấy");
  await expect(page.getByRole("heading", { name: "An toàn mật khẩu", level: 1 })).toBeVisible();

  // The lesson, in the learner's lesson view, with nothing to mark as complete.
  await page.getByRole("link", { name: draft.lessonTitle }).first().click();
  await expect(page).toHaveURL(`/author/courses/${slug}/preview/lessons/mat-khau`);
  await expect(page.locator("#lesson-body")).toContainText(draft.lessonText);
  await expect(page.getByRole("button", { name: "Đánh dấu hoàn thành" })).toHaveCount(0);
  await expect(page.getByText("Bản xem trước: tiến độ học không được lưu.")).toBeVisible();

  // The practice exam: answered and checked, graded by the exam's grader.
  await page.goto(`/author/courses/${slug}/preview`);
  await page.getByRole("link", { name: "Làm thử bài kiểm tra" }).click();
  await expect(page.getByText(draft.question)).toBeVisible();
  await page.getByLabel(draft.answer).check();
  await page.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(page.getByTestId("preview-question-result")).toContainText("Đúng: 1/1 điểm.");
  await expect(page.getByTestId("preview-question-result")).toContainText("Càng dài càng khó đoán.");
  await expect(page.getByTestId("preview-result")).toContainText("Kết quả: 1/1 điểm (100%).");
  await expect(page.getByTestId("preview-result")).toContainText("Đạt");
  await expect(page.getByLabel(draft.answer)).toBeChecked();

  // Without JavaScript the check is a plain form post answered by the page.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await logIn(plain, trainer, `/author/courses/${slug}/preview/exam`);
  await plain.getByLabel("6 ký tự").check();
  await plain.getByRole("button", { name: "Kiểm tra" }).click();
  await expect(plain.getByTestId("preview-question-result")).toContainText("Sai: 0/1 điểm.");
  await expect(plain.getByTestId("preview-result")).toContainText("Chưa đạt");
  await expect(plain.getByLabel("6 ký tự")).toBeChecked();
  await noScript.close();

  // Nothing a learner's studying leaves behind was written.
  expect(await learnerRows(slug)).toEqual({ attempts: 0, enrollments: 0, progress: 0 });

  // The banner leads back to editing.
  await page.getByRole("link", { name: "Quay lại chỉnh sửa" }).click();
  await expect(page).toHaveURL(`/author/courses/${slug}/content`);

  // A learner is refused every preview page.
  const learnerContext = await browser.newContext();
  const learnerPage = await learnerContext.newPage();
  await logIn(learnerPage, learner, "/learning");
  for (const path of ["", "/lessons/mat-khau", "/exam"]) {
    const response = await learnerPage.goto(`/author/courses/${slug}/preview${path}`);
    expect(response?.status(), path).toBe(403);
    await expect(learnerPage.getByText(draft.lessonText)).toHaveCount(0);
    await expect(learnerPage.getByText(draft.question)).toHaveCount(0);
  }
  await learnerContext.close();
});

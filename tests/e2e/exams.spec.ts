import type { Page } from "@playwright/test";
import { prisma } from "~/lib/db.server";
import { createExamCourse, deleteCourses } from "~/lib/fixtures/factories.server";
import {
  answerCorrectly,
  expectSaved,
  questionGroup,
  secondsOnTimer,
  startAttempt,
  submitWithConfirmation,
} from "./exam-steps";
import { enrolHere, expect, logIn, test } from "./fixtures";

// The seed course's final test, taken as a learner would: with JavaScript (autosave, reload,
// confirmation), without it (whole-page form), and failed once, then passed after a cooldown
// (on a private copy of the seed course, so the seed's exam rules are never changed).

const SLUG = "ky-nang-so-cho-cong-dan";

async function enrolAndOpenExam(page: Page, slug = SLUG) {
  await page.goto(`/courses/${slug}`);
  await enrolHere(page);
  await page.getByRole("link", { name: "Vào bài kiểm tra" }).click();
  await expect(page.getByRole("heading", { name: "Bài kiểm tra cuối khóa" })).toBeVisible();
}

test.describe("with JavaScript", () => {
  test("answers save as they are given, survive a reload and a dropped connection, and submit once confirmed", async ({
    page,
    makeUser,
  }) => {
    const learner = await makeUser({ fullName: "Võ Thị Sáu Học" });
    await logIn(page, learner, `/courses/${SLUG}`);
    await enrolAndOpenExam(page);
    await expect(page.getByText("Bạn đã làm 0/3 lần.")).toBeVisible();
    const { attemptId, questions } = await startAttempt(page);
    const deadline = (await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { deadline: true } }))
      .deadline;

    const timer = page.getByRole("timer");
    await expect(timer).toHaveText(/^Thời gian còn lại: \d{1,2}:\d{2}$/);
    for (let i = 0; i < 4; i++) {
      await answerCorrectly(page, i, questions[i]);
      await expectSaved(page, i);
    }
    await expect(page.getByText("Đã trả lời 4/9 câu")).toBeVisible();

    // The connection drops: the answer waits on this device, survives a reload, and is sent later.
    await page.route("**/api/attempts/**", (route) => route.abort("internetdisconnected"));
    await answerCorrectly(page, 4, questions[4]);
    await expect(questionGroup(page, 4).getByText("Chưa lưu — đang thử lại")).toBeVisible();
    await page.reload();
    await expect(page.getByText("Đã trả lời 5/9 câu")).toBeVisible();
    await page.unroute("**/api/attempts/**");
    await expectSaved(page, 4);
    for (let i = 0; i < 4; i++) await expectSaved(page, i);

    // The timer counts down from the server's deadline, not from the reload.
    const shown = secondsOnTimer((await timer.textContent())!.replace("Thời gian còn lại:", ""));
    const expected = Math.round((deadline.getTime() - Date.now()) / 1000);
    expect(Math.abs(shown - expected)).toBeLessThanOrEqual(3);
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(5);

    for (let i = 5; i < questions.length; i++) {
      await answerCorrectly(page, i, questions[i]);
      await expectSaved(page, i);
    }
    await submitWithConfirmation(page);
    await expect(page.getByRole("heading", { name: "Đạt", exact: true })).toBeVisible();
    await expect(page.getByText(/điểm \(100%\)/)).toBeVisible();
    expect(await prisma.attempt.count({ where: { userId: learner.id, state: "graded" } })).toBe(1);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the whole-page form saves every answer and submits", async ({ page, makeUser }) => {
    const learner = await makeUser({ fullName: "Đặng Văn Không Script" });
    await logIn(page, learner, `/courses/${SLUG}`);
    await enrolAndOpenExam(page);
    const { attemptId, questions } = await startAttempt(page);
    await expect(page.getByText(/Hạn nộp bài: \d{2}:\d{2}\./)).toBeVisible();

    for (let i = 0; i < 5; i++) await answerCorrectly(page, i, questions[i]);
    await page.getByRole("button", { name: "Lưu bài làm" }).click();
    await expect(page.getByText(/Đã lưu bài làm lúc \d{2}:\d{2}\./)).toBeVisible();
    expect(await prisma.attemptAnswer.count({ where: { attemptId } })).toBe(5);

    // Another visit (or another device) sees the saved answers.
    await page.goto(`/attempts/${attemptId}`);
    await expect(page.getByText("Đã trả lời 5/9 câu")).toBeVisible();

    for (let i = 5; i < questions.length; i++) await answerCorrectly(page, i, questions[i]);
    await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
    await page.waitForURL(/\/result$/);
    await expect(page.getByRole("heading", { name: "Đạt", exact: true })).toBeVisible();
    const row = await prisma.attempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { state: true, percent: true },
    });
    expect(row).toEqual({ state: "graded", percent: 100 });
  });
});

test("fail, wait out the cooldown, pass; the review shows what the policy allows and nothing more", async ({
  page,
  makeUser,
}) => {
  const course = await createExamCourse({ cooldownMinutes: 1, review: "answers" });
  try {
    const learner = await makeUser({ fullName: "Hồ Thị Thi Lại" });
    await logIn(page, learner, `/courses/${course.slug}`);
    await enrolAndOpenExam(page, course.slug);

    const first = await startAttempt(page);
    // One wrong answer (a single choice or a true/false question: every draw has one), the rest left blank.
    const wrong = first.questions.findIndex((q) => q.type === "single" || q.type === "truefalse");
    const q = first.questions[wrong];
    const group = questionGroup(page, wrong);
    if (q.type === "truefalse") await group.getByLabel(q.answer ? "Sai" : "Đúng", { exact: true }).check();
    else if (q.type === "single")
      await group.getByLabel(q.options.find((o) => o.weight < 1)!.text, { exact: true }).check();
    await expectSaved(page, wrong);
    await submitWithConfirmation(page);
    await expect(page.getByRole("heading", { name: "Chưa đạt" })).toBeVisible();

    // "answers": the learner's own answers, no correct answers or explanations.
    await expect(
      page.getByText("Bài kiểm tra này cho xem lại câu trả lời của bạn, không công bố đáp án đúng."),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "Câu trả lời của bạn" })).toHaveCount(9);
    await expect(page.getByRole("heading", { name: "Đáp án đúng" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Giải thích" })).toHaveCount(0);
    if (q.explanation) await expect(page.getByText(q.explanation)).toHaveCount(0);

    // "score": nothing but the score.
    await prisma.exam.update({ where: { id: course.examId }, data: { reviewPolicy: "score" }, select: { id: true } });
    await page.reload();
    await expect(
      page.getByText("Bài kiểm tra này chỉ công bố điểm số, không công bố câu hỏi và đáp án."),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "Xem lại bài làm" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Câu trả lời của bạn" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Câu 1" })).toHaveCount(0);

    // The cooldown is explained with the time the next attempt may start.
    await page.getByRole("link", { name: "Về trang bài kiểm tra" }).click();
    const { submittedAt } = await prisma.attempt.findUniqueOrThrow({
      where: { id: first.attemptId },
      select: { submittedAt: true },
    });
    const at = (date: Date) =>
      new Intl.DateTimeFormat("vi-VN", {
        timeZone: "Asia/Ho_Chi_Minh",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
      }).format(date);
    await expect(
      page.getByText(`Lần làm bài tiếp theo có thể bắt đầu lúc ${at(new Date(submittedAt!.getTime() + 60_000))}.`),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /Xem kết quả lần 1: Chưa đạt/ })).toBeVisible();

    // Shorten the wait: the cooldown now ends a few seconds from now.
    const moved = new Date(Date.now() - 55_000);
    await prisma.attempt.update({ where: { id: first.attemptId }, data: { submittedAt: moved }, select: { id: true } });
    await page.reload();
    await expect(
      page.getByText(`Lần làm bài tiếp theo có thể bắt đầu lúc ${at(new Date(moved.getTime() + 60_000))}.`),
    ).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("button", { name: "Bắt đầu làm bài" })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000, intervals: [1_000] });

    await prisma.exam.update({ where: { id: course.examId }, data: { reviewPolicy: "full" }, select: { id: true } });
    const second = await startAttempt(page);
    await expect(page.getByText("Lần làm bài thứ 2")).toBeVisible();
    for (const [index, question] of second.questions.entries()) await answerCorrectly(page, index, question);
    for (let i = 0; i < second.questions.length; i++) await expectSaved(page, i);
    await submitWithConfirmation(page);
    await expect(page.getByRole("heading", { name: "Đạt", exact: true })).toBeVisible();

    // "full": correct answers and explanations too.
    await expect(page.getByRole("heading", { name: "Đáp án đúng" })).toHaveCount(9);
    const explained = second.questions.filter((question) => question.explanation).length;
    await expect(page.getByRole("heading", { name: "Giải thích" })).toHaveCount(explained);
    await expect(page.getByText("Đúng · 1/1 điểm").first()).toBeVisible();

    await page.goto(`/courses/${course.slug}`);
    const history = page.getByRole("region", { name: "Các lần làm bài" });
    await expect(history.getByText("Lần 1")).toBeVisible();
    await expect(history.getByText("Chưa đạt · 0%")).toBeVisible();
    await expect(history.getByText("Đạt · 100%")).toBeVisible();
  } finally {
    await deleteCourses([course.slug]);
  }
});

test("another learner's attempt is refused", async ({ page, makeUser }) => {
  const owner = await makeUser();
  const other = await makeUser();
  const version = await prisma.courseVersion.findFirstOrThrow({
    where: { course: { slug: SLUG }, status: "published" },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  await prisma.enrollment.create({ data: { userId: owner.id, versionId: version.id }, select: { id: true } });
  await logIn(page, owner, `/courses/${SLUG}/exam`);
  const { attemptId } = await startAttempt(page);
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  // Signed out only once the answer has landed: the next page would otherwise still see the session.
  await expect(page.getByRole("button", { name: "Đăng xuất" })).toHaveCount(0);
  await logIn(page, other);
  const response = await page.goto(`/attempts/${attemptId}`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Không có quyền truy cập" })).toBeVisible();
  const save = await page.request.post(`/api/attempts/${attemptId}/answers`, {
    data: { questionKey: "dvc-dang-nhap-vneid", value: true },
  });
  expect(save.status()).toBe(403);
});

test("the timer announces the last minute and submits by itself when time is up", async ({ page, makeUser }) => {
  const learner = await makeUser();
  const version = await prisma.courseVersion.findFirstOrThrow({
    where: { course: { slug: SLUG }, status: "published" },
    orderBy: { number: "desc" },
    select: { id: true },
  });
  await prisma.enrollment.create({ data: { userId: learner.id, versionId: version.id }, select: { id: true } });
  await logIn(page, learner, `/courses/${SLUG}/exam`);
  const { attemptId, questions } = await startAttempt(page);
  await answerCorrectly(page, 0, questions[0]);
  await expectSaved(page, 0);

  // The server's deadline decides: move it to just over a minute away, then to a few seconds.
  await prisma.attempt.update({
    where: { id: attemptId },
    data: { deadline: new Date(Date.now() + 62_000) },
    select: { id: true },
  });
  await page.reload();
  await expect(page.getByText("Còn 1 phút làm bài.")).toBeAttached({ timeout: 10_000 });
  await prisma.attempt.update({
    where: { id: attemptId },
    data: { deadline: new Date(Date.now() + 4_000) },
    select: { id: true },
  });
  await page.reload();
  await page.waitForURL(/\/result$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "Chưa đạt" })).toBeVisible();
  const row = await prisma.attempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { state: true, earned: true },
  });
  expect(row.state).toBe("graded");
  expect(row.earned).toBeGreaterThan(0);
});

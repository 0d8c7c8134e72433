import { prisma } from "~/lib/db.server";
import { completeAllLessons, recordGradedAttempt } from "~/lib/fixtures/factories.server";
import { enrolHere, expect, logIn, test } from "./fixtures";

// Learner journeys that used to end in a dead end (issue #12), with JavaScript on and off.

const CITIZEN_COURSE = "ky-nang-so-cho-cong-dan";
const OFFICIALS_COURSE = "an-toan-thong-tin-cho-cong-chuc";

async function publishedLessons(slug: string) {
  const version = await prisma.courseVersion.findFirstOrThrow({
    where: { course: { slug }, kind: "full", status: "published" },
    orderBy: { number: "desc" },
    select: {
      lessons: { orderBy: { position: "asc" }, select: { key: true, videoSrc: true, videoDurationSeconds: true } },
    },
  });
  return version.lessons;
}

test.describe("video lesson completion", () => {
  test("with JavaScript the page states the watching rule and offers no shortcut", async ({ page, makeUser }) => {
    const learner = await makeUser();
    await logIn(page, learner, `/courses/${CITIZEN_COURSE}`);
    await enrolHere(page);
    await expect(page.getByRole("link", { name: "Bắt đầu học" })).toBeVisible();
    const video = (await publishedLessons(CITIZEN_COURSE)).find((lesson) => lesson.videoSrc)!;
    await page.goto(`/courses/${CITIZEN_COURSE}/lessons/${video.key}`);
    await expect(page.getByText("Bài học hoàn thành khi bạn xem ít nhất 90% thời lượng video.").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Tôi đã xem xong" })).toHaveCount(0);
  });

  test.describe("with JavaScript off", () => {
    test.use({ javaScriptEnabled: false });

    test("a video lesson completes once its watching time has passed, so the whole course does", async ({
      page,
      makeUser,
    }) => {
      test.setTimeout(120_000);
      const learner = await makeUser();
      await logIn(page, learner, `/courses/${CITIZEN_COURSE}`);
      await enrolHere(page);
      for (const lesson of await publishedLessons(CITIZEN_COURSE)) {
        await page.goto(`/courses/${CITIZEN_COURSE}/lessons/${lesson.key}`);
        if (!lesson.videoSrc) {
          await page.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
          continue;
        }
        const required = Math.ceil((lesson.videoDurationSeconds ?? 0) * 0.9);
        const clock = `${Math.floor(required / 60)}:${String(required % 60).padStart(2, "0")}`;
        await expect(
          page.getByText(`ít nhất ${clock} (90% thời lượng video) kể từ lúc bạn mở trang này`),
        ).toBeVisible();
        const openedAt = Date.now();
        await page.getByRole("button", { name: "Tôi đã xem xong" }).click();
        await expect(page.getByText(/Chưa đủ thời gian: cần ít nhất .* còn 0:\d\d nữa/)).toBeVisible();
        await expect(page.getByText("Bạn đã học xong bài này.")).toHaveCount(0);
        // The refusal keeps the time already waited: wait out the rest, then press again.
        await page.waitForTimeout(Math.max(0, required * 1000 - (Date.now() - openedAt)) + 500);
        await page.getByRole("button", { name: "Tôi đã xem xong" }).click();
        await expect(page).not.toHaveURL(new RegExp(`/lessons/${lesson.key}$`));
        await page.goto(`/courses/${CITIZEN_COURSE}/lessons/${lesson.key}`);
        await expect(page.getByText("Bạn đã học xong bài này.")).toBeVisible();
      }
      await page.goto(`/courses/${CITIZEN_COURSE}`);
      await expect(page.getByText("Tiến độ: 100%")).toBeVisible();
    });
  });
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`certificate signposts (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("a pass with lessons left says which ones, links them, and then shows the certificate first", async ({
      page,
      makeUser,
    }) => {
      test.setTimeout(120_000);
      const learner = await makeUser();
      const versionId = await completeAllLessons(learner.id, OFFICIALS_COURSE);
      const lessons = await prisma.lesson.findMany({
        where: { versionId, required: true },
        orderBy: { position: "asc" },
        select: { id: true, key: true, titleVi: true },
      });
      const unfinished = lessons.slice(-2);
      await prisma.lessonProgress.deleteMany({
        where: { userId: learner.id, lessonId: { in: unfinished.map((lesson) => lesson.id) } },
      });
      const attempt = await recordGradedAttempt(learner.id, versionId, true);
      await logIn(page, learner, `/attempts/${attempt.id}/result`);

      const missing = page.getByTestId("certificate-signpost");
      await expect(missing.getByRole("heading", { name: "Để nhận chứng chỉ" })).toBeVisible();
      for (const lesson of unfinished) {
        await expect(missing.getByRole("link", { name: `Học xong bài “${lesson.titleVi}”` })).toHaveAttribute(
          "href",
          `/courses/${OFFICIALS_COURSE}/lessons/${lesson.key}`,
        );
      }
      await expect(missing.getByRole("link", { name: "Đạt bài kiểm tra" })).toHaveCount(0);

      await page.goto(`/courses/${OFFICIALS_COURSE}`);
      await expect(page.getByTestId("certificate-signpost")).toContainText(unfinished[0].titleVi);
      await expect(page.getByText("Bạn đã đạt bài kiểm tra này.")).toBeVisible();
      await expect(page.getByRole("link", { name: "Vào bài kiểm tra" })).toHaveCount(0);
      await page.goto("/learning");
      await expect(page.getByRole("link", { name: "Để nhận chứng chỉ: còn 2 bài học" })).toBeVisible();

      // Follow the links and finish the lessons: the certificate is issued and shown first.
      await page.goto(`/attempts/${attempt.id}/result`);
      for (const lesson of unfinished) {
        await page.getByRole("link", { name: `Học xong bài “${lesson.titleVi}”` }).click();
        await expect(page).toHaveURL(new RegExp(`/lessons/${lesson.key}$`));
        await page.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
        await expect(page).not.toHaveURL(new RegExp(`/lessons/${lesson.key}$`));
        await page.goto(`/attempts/${attempt.id}/result`);
      }
      const { code } = await prisma.certificate.findFirstOrThrow({
        where: { userId: learner.id, versionId },
        select: { code: true },
      });
      const issued = page.getByTestId("certificate-signpost");
      await expect(issued.getByRole("heading", { name: "Chứng chỉ của bạn" })).toBeVisible();
      await expect(issued).toContainText(code);
      await expect(issued.getByRole("link", { name: "Tải chứng chỉ (PDF)" })).toHaveAttribute(
        "href",
        `/certificates/${code}/pdf`,
      );
      await page.goto(`/courses/${OFFICIALS_COURSE}`);
      await expect(page.getByTestId("certificate-signpost")).toContainText(code);
      await page.goto("/learning");
      await expect(page.getByRole("link", { name: `🎓 Chứng chỉ ${code}` })).toBeVisible();
    });

    test("a pass with nothing left but the exam on a fresh course asks for the exam", async ({ page, makeUser }) => {
      const learner = await makeUser();
      await logIn(page, learner, `/courses/${OFFICIALS_COURSE}`);
      await enrolHere(page);
      await expect(
        page.getByTestId("certificate-signpost").getByRole("link", { name: "Đạt bài kiểm tra" }),
      ).toHaveAttribute("href", `/courses/${OFFICIALS_COURSE}/exam`);
    });
  });
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`verification messages (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    async function checkCode(page: import("@playwright/test").Page, code: string) {
      await page.goto("/verify");
      await page.getByLabel("Mã chứng chỉ").fill(code);
      await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
      return page.getByTestId("verdict");
    }

    test("a typo, an unknown code and a forgery each get their own verdict", async ({ page }) => {
      const typo = await checkCode(page, "HS-72CJ-MKC3");
      await expect(typo).toHaveAttribute("data-status", "mistyped");
      await expect(typo).toContainText("Mã có lỗi gõ");
      await expect(typo).toContainText("Ký tự kiểm tra cuối mã không khớp");
      await expect(typo).not.toContainText("Không phải chứng chỉ thật");

      const unknown = await checkCode(page, "hs-2222-2222");
      await expect(unknown).toHaveAttribute("data-status", "unknown");
      await expect(unknown).toContainText("Không có chứng chỉ với mã này");
      await expect(unknown).toContainText("HS-2222-2222");

      const garbage = await checkCode(page, "abc");
      await expect(garbage).toHaveAttribute("data-status", "not_a_code");

      await page.goto("/verify");
      await page.getByLabel("Hoặc dán nội dung chứng nhận số").fill("eyJhbGciOiJub25lIn0.eyJmb28iOiJiYXIifQ.");
      await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
      await expect(page.getByTestId("verdict")).toHaveAttribute("data-status", /not_genuine|malformed/);
    });

    test("a pasted credential states version, validity and revocation reason, with one headline", async ({
      page,
      makeUser,
    }) => {
      const holder = await makeUser({ fullName: "Hà Thị Lan" });
      const versionId = await completeAllLessons(holder.id, CITIZEN_COURSE);
      await recordGradedAttempt(holder.id, versionId, true);
      // The server issues (and signs) the certificate when the last lesson is completed there.
      const last = await prisma.lesson.findFirstOrThrow({
        where: { versionId, required: true, videoSrc: null },
        orderBy: { position: "desc" },
        select: { id: true, key: true },
      });
      await prisma.lessonProgress.deleteMany({ where: { userId: holder.id, lessonId: last.id } });
      await logIn(page, holder, `/courses/${CITIZEN_COURSE}/lessons/${last.key}`);
      await page.getByRole("button", { name: "Đánh dấu đã học xong" }).click();
      await expect(page).not.toHaveURL(new RegExp(`/lessons/${last.key}$`));
      const certificate = await prisma.certificate.findFirstOrThrow({
        where: { userId: holder.id, versionId },
        select: { id: true, code: true, credentialJwt: true, versionNumber: true },
      });

      await page.goto("/verify");
      await page.getByLabel("Hoặc dán nội dung chứng nhận số").fill(certificate.credentialJwt);
      await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
      const valid = page.getByTestId("verdict");
      await expect(valid).toHaveAttribute("data-status", "valid");
      await expect(valid).toContainText("Chứng chỉ hợp lệ");
      await expect(valid).not.toContainText("Hợp lệ —");
      await expect(valid).toContainText(`(phiên bản ${certificate.versionNumber})`);
      await expect(valid).toContainText("Hiệu lực đến");

      await prisma.certificate.update({
        where: { id: certificate.id },
        data: { revokedAt: new Date(), revokedReason: "Cấp nhầm người" },
        select: { id: true },
      });
      // A revocation made outside the server reaches its few-second verification cache late: ask again until it shows.
      const revoked = page.getByTestId("verdict");
      await expect(async () => {
        await page.goto("/verify");
        await page.getByLabel("Hoặc dán nội dung chứng nhận số").fill(certificate.credentialJwt);
        await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
        await expect(revoked).toHaveAttribute("data-status", "revoked", { timeout: 2_000 });
        await expect(revoked).toContainText("Lý do thu hồi: Cấp nhầm người", { timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await expect(revoked).toContainText(`(phiên bản ${certificate.versionNumber})`);
    });
  });
}

test("the public verification page links developers to the offline steps instead of showing a command", async ({
  page,
}) => {
  await page.goto("/verify");
  await expect(page.getByText("npm run verify")).toHaveCount(0);
  await page.getByRole("link", { name: /Dành cho nhà phát triển và đơn vị kiểm tra/ }).click();
  await expect(page.getByRole("heading", { name: "Kiểm tra chứng chỉ bằng phần mềm" })).toBeVisible();
  await expect(page.getByRole("link", { name: /\/\.well-known\/jwks\.json$/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /\/credentials\/status\/1$/ })).toBeVisible();
  await expect(page.getByText("npm run verify -- HS-XXXX-XXXX.jwt --keys jwks.json --status status.jwt")).toBeVisible();
});

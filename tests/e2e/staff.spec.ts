import crypto from "node:crypto";
import { prisma } from "~/lib/db.server";
import { tryCompleteCourse } from "~/lib/credits/completion.server";
import { completeAllLessons, recordGradedAttempt } from "~/lib/fixtures/factories.server";
import { createUnit } from "~/lib/organizations/organizations.server";
import { dateInputValue } from "~/lib/organizations/rules";
import { expect, logIn, test } from "./fixtures";

// Staff and export fixes of issue #12 (items 10 and 12).

const ONE_STOP = "mot-cua-dien-tu-cho-can-bo";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`assigning a course (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("the form starts empty after a success, and the identical assignment is refused", async ({
      page,
      makeUser,
    }) => {
      const code = `E2E-${crypto.randomBytes(3).toString("hex").toUpperCase()}`;
      const created = await createUnit(
        { id: "e2e" },
        { global: true, roots: [] },
        { parent: null, code, name: "UBND tỉnh Thử Nghiệm (E2E)" },
        "127.0.0.1",
      );
      if (!created.ok) throw new Error(created.error);
      try {
        const admin = await makeUser();
        await prisma.orgAdmin.create({ data: { userId: admin.id, orgId: created.id } });
        await logIn(page, admin, "/org/assignments");
        const due = dateInputValue(new Date(Date.now() + 20 * 86400_000));
        const assign = async () => {
          await page.getByLabel("Mã đơn vị", { exact: true }).fill(code);
          await page.getByLabel("Khóa học", { exact: true }).selectOption(ONE_STOP);
          await page.getByLabel("Hạn hoàn thành", { exact: true }).fill(due);
          await page.getByLabel("Gia hạn cho người mới (ngày)").fill("14");
          await page.getByRole("button", { name: "Giao khóa học" }).click();
        };
        await assign();
        await expect(page.getByText("Đã giao khóa học.")).toBeVisible();
        await expect(page.getByTestId("assignment").first()).toContainText("người mới có 14 ngày kể từ khi vào");
        await expect(page.getByLabel("Hạn hoàn thành", { exact: true })).toHaveValue("");
        await expect(page.getByLabel("Gia hạn cho người mới (ngày)")).toHaveValue("30");
        await assign();
        await expect(
          page.getByText("Khóa học này đã được giao cho cùng đơn vị và vị trí.", { exact: false }),
        ).toBeVisible();
        expect(await prisma.assignment.count({ where: { orgId: created.id } })).toBe(1);
      } finally {
        await prisma.organization.delete({ where: { id: created.id }, select: { id: true } });
      }
    });
  });
}

test("the transcript CSV names the source in the reader's language and dates the day as the page does", async ({
  page,
  makeUser,
}) => {
  const learner = await makeUser();
  const versionId = await completeAllLessons(learner.id, "ky-nang-so-cho-cong-dan");
  await recordGradedAttempt(learner.id, versionId, true);
  expect((await tryCompleteCourse(learner.id, versionId)).completed).toBe(true);
  // Earned at 17:30 UTC: already the next day in Vietnam, where the page and the PDF date it.
  const earned = new Date();
  earned.setUTCHours(17, 30, 0, 0);
  if (earned > new Date()) earned.setUTCDate(earned.getUTCDate() - 1);
  await prisma.creditEntry.updateMany({ where: { userId: learner.id }, data: { createdAt: earned } });
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(earned);
  expect(day).not.toBe(earned.toISOString().slice(0, 10));
  await logIn(page, learner, "/credits");
  const response = await page.request.get("/credits/transcript/csv");
  expect(response.ok()).toBe(true);
  const text = await response.text();
  const line = text.split(/\r?\n/)[1];
  expect(line.startsWith(day)).toBe(true);
  expect(line).toContain("Hoàn thành khóa học");
  expect(text).not.toContain(",completion,");
});

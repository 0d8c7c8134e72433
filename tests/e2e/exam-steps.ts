import type { Locator, Page } from "@playwright/test";
import { prisma } from "~/lib/db.server";
import type { Question } from "~/lib/exams/question";
import { expect } from "./fixtures";

// Taking an exam as a learner would, shared by the exam and certificate journeys.

export async function startAttempt(page: Page): Promise<{ attemptId: string; questions: Question[] }> {
  await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await page.waitForURL(/\/attempts\/[\w-]+$/);
  const attemptId = new URL(page.url()).pathname.split("/").pop()!;
  const row = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId }, select: { snapshot: true } });
  return { attemptId, questions: row.snapshot as unknown as Question[] };
}

export function questionGroup(page: Page, index: number): Locator {
  return page.getByRole("group", { name: new RegExp(`^Câu ${index + 1} ·`) });
}

/** Answers one question correctly through its visible labels (the test reads the key from the database). */
export async function answerCorrectly(page: Page, index: number, q: Question) {
  const group = questionGroup(page, index);
  switch (q.type) {
    case "single":
      await group.getByLabel(q.options.find((o) => o.weight === 1)!.text, { exact: true }).check();
      break;
    case "multiple":
      for (const option of q.options.filter((o) => o.weight > 0))
        await group.getByLabel(option.text, { exact: true }).check();
      break;
    case "truefalse":
      await group.getByLabel(q.answer ? "Đúng" : "Sai", { exact: true }).check();
      break;
    case "short":
      await group.getByLabel("Câu trả lời của bạn").fill(q.answers[0].text);
      await group.getByLabel("Câu trả lời của bạn").blur();
      break;
    case "numeric": {
      const first = q.answers[0];
      await group.getByLabel("Câu trả lời của bạn").fill(String(first.kind === "tolerance" ? first.value : first.min));
      await group.getByLabel("Câu trả lời của bạn").blur();
      break;
    }
    case "matching":
      for (const pair of q.pairs)
        await group.getByLabel(pair.left, { exact: true }).selectOption({ label: pair.right });
      break;
    case "ordering":
      for (const [position, item] of q.items.entries())
        await group.getByLabel(item.text, { exact: true }).selectOption({ label: `Vị trí ${position + 1}` });
      break;
  }
}

export async function expectSaved(page: Page, index: number) {
  await expect(questionGroup(page, index).getByText("Đã lưu", { exact: true })).toBeVisible();
}

export function secondsOnTimer(text: string): number {
  const [minutes, seconds] = text.trim().split(":").map(Number);
  return minutes * 60 + seconds;
}

export async function submitWithConfirmation(page: Page) {
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Nộp bài?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Nộp bài ngay" }).click();
  await page.waitForURL(/\/result$/);
}

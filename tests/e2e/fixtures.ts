import { test as base, expect, type Page } from "@playwright/test";
import type { Role } from "~/lib/accounts/accounts.schema";
import { courseAuthorFor } from "~/lib/authoring/access.server";
import { lessonSchema, questionFormSchema } from "~/lib/authoring/authoring.schema";
import { addLesson, addModule, createCourse, saveLesson, saveQuestion } from "~/lib/authoring/authoring.server";
import { emptyQuestionForm } from "~/lib/authoring/question-form";
import { createUser, deleteUsers, uniqueEmail } from "~/lib/fixtures/factories.server";

type TestUser = Awaited<ReturnType<typeof createUser>>;

type Fixtures = {
  /** Creates a user for this test; every user it creates is removed afterwards. */
  makeUser: (input?: { role?: Role; fullName?: string; email?: string }) => Promise<TestUser>;
  /** Emails registered through the UI by this test, removed afterwards. */
  trackEmail: (email: string) => string;
};

export const test = base.extend<Fixtures>({
  // Playwright reads each fixture's dependencies from a destructured first argument, even an empty one.
  // eslint-disable-next-line no-empty-pattern -- see above
  makeUser: async ({}, use) => {
    const ids: string[] = [];
    await use(async (input = {}) => {
      const user = await createUser(input);
      ids.push(user.id);
      return user;
    });
    await deleteUsers(ids);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright needs the destructured first argument
  trackEmail: async ({}, use) => {
    const emails: string[] = [];
    await use((email) => {
      emails.push(email.toLowerCase());
      return email;
    });
    const { prisma } = await import("~/lib/db.server");
    await prisma.user.deleteMany({ where: { email: { in: emails } } });
  },
});

export { expect, uniqueEmail };

export async function logIn(page: Page, user: { email: string; password: string }, redirectTo?: string) {
  await page.goto(redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/**
 * Enrols on the course page the browser is on and waits until the enrolment has landed: the
 * button goes once the action's reply renders. Reading the database or leaving the page before
 * then races the POST (a navigation cancels it).
 */
export async function enrolHere(page: Page) {
  const enrol = page.getByRole("button", { name: "Đăng ký học" });
  await enrol.click();
  await expect(enrol).toHaveCount(0);
}

export type DraftCourse = { slug: string; lessonTitle: string; lessonText: string; question: string; answer: string };

/**
 * A course that exists only as a draft (never published), authored by `owner` through the
 * editor's own domain functions: one module, one lesson, one single-choice question. The
 * caller removes it (deleting the course cascades to its versions).
 */
export async function createDraftCourse(owner: TestUser, slug: string): Promise<DraftCourse> {
  const draft: DraftCourse = {
    slug,
    lessonTitle: "Mật khẩu an toàn",
    lessonText: "Mật khẩu mạnh có ít nhất 12 ký tự và không dùng lại.",
    question: "Mật khẩu mạnh cần ít nhất bao nhiêu ký tự?",
    answer: "12 ký tự",
  };
  const user = { ...owner, locale: "vi" };
  const created = await createCourse(user, { slug, titleVi: "An toàn mật khẩu", titleEn: "Password safety" }, "e2e");
  if (!created.ok) throw new Error(JSON.stringify(created));
  const ctx = await courseAuthorFor(user, slug);
  await addModule(ctx, { key: "co-ban", titleVi: "Cơ bản", titleEn: "Basics" });
  await addLesson(ctx, {
    moduleKey: "co-ban",
    key: "mat-khau",
    titleVi: draft.lessonTitle,
    titleEn: "Strong passwords",
  });
  await saveLesson(
    ctx,
    "mat-khau",
    lessonSchema.parse({
      titleVi: draft.lessonTitle,
      titleEn: "Strong passwords",
      durationMinutes: "5",
      required: "on",
      markdown: `## Mật khẩu\n\n${draft.lessonText}`,
      videoSrc: "",
      videoDurationSeconds: "",
      transcript: "",
    }),
  );
  const question = await saveQuestion(
    ctx,
    null,
    questionFormSchema.parse({
      ...emptyQuestionForm("single", "do-dai"),
      prompt: draft.question,
      explanation: "Càng dài càng khó đoán.",
      options: [
        { text: "6 ký tự", correct: false, weight: "", feedback: "" },
        { text: draft.answer, correct: false, weight: "", feedback: "" },
      ],
      correctIndex: "1",
    }),
  );
  if (!question.ok) throw new Error(JSON.stringify(question));
  return draft;
}

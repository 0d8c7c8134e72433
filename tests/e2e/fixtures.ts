import { test as base, expect, type Page } from "@playwright/test";
import type { Role } from "~/lib/accounts/accounts.schema";
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

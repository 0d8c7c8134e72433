import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { startAttempt, submitWithConfirmation } from "./exam-steps";
import { enrolHere, expect, logIn, test } from "./fixtures";

// Issue 12, item 18: axe-core on every learner-facing page, in both languages, at desktop width
// and on a 360 px phone. A serious or critical violation fails the test.

const SLUG = "ky-nang-so-cho-cong-dan";
const LANGUAGES = ["vi", "en"] as const;
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, "360 px": { width: 360, height: 740 } } as const;

type Finding = string;

async function audit(page: Page, name: string, path: string, language: string, findings: Finding[]) {
  const url = `${path}${path.includes("?") ? "&" : "?"}lng=${language}`;
  const response = await page.goto(url);
  expect(response?.status(), `${name} (${url})`).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", language);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  for (const violation of results.violations) {
    if (violation.impact !== "serious" && violation.impact !== "critical") continue;
    const targets = violation.nodes.slice(0, 3).map((node) => node.target.join(" "));
    findings.push(`${name} ${url}: ${violation.id} (${violation.impact}) at ${targets.join(", ")}`);
  }
}

// The four audits are independent, so the workers share them instead of one worker running all four.
test.describe.configure({ mode: "parallel" });

for (const language of LANGUAGES) {
  for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
    test.describe(`${language}, ${viewportName}`, () => {
      test.use({ viewport });

      test("every learner-facing page has no serious or critical axe violation", async ({ page, makeUser }) => {
        test.setTimeout(420_000);
        const findings: Finding[] = [];
        // Signed out first: the pages a visitor sees.
        await audit(page, "home", "/", language, findings);
        await audit(page, "catalogue", "/courses", language, findings);
        await audit(page, "course", `/courses/${SLUG}`, language, findings);
        await audit(page, "verify", "/verify", language, findings);
        await audit(page, "login", "/login", language, findings);
        await audit(page, "register", "/register", language, findings);

        // Then as a learner who enrols, reads, takes the exam and sees the result.
        await page.goto("/?lng=vi");
        const learner = await makeUser();
        await logIn(page, learner, `/courses/${SLUG}`);
        await enrolHere(page);
        await expect(page.getByRole("link", { name: "Bắt đầu học" })).toBeVisible();
        await page.goto(`/courses/${SLUG}/exam`);
        const { attemptId } = await startAttempt(page);
        const firstLesson = await page.evaluate(async (slug) => {
          const html = await (await fetch(`/courses/${slug}`)).text();
          return new RegExp(`/courses/${slug}/lessons/[a-z0-9-]+`).exec(html)?.[0] ?? "";
        }, SLUG);
        expect(firstLesson).not.toBe("");

        await audit(page, "home (learner)", "/", language, findings);
        await audit(page, "course (learner)", `/courses/${SLUG}`, language, findings);
        await audit(page, "lesson", firstLesson, language, findings);
        await audit(page, "exam", `/courses/${SLUG}/exam`, language, findings);
        await audit(page, "attempt", `/attempts/${attemptId}`, language, findings);
        await page.goto(`/attempts/${attemptId}?lng=vi`);
        await submitWithConfirmation(page);
        await audit(page, "result", `/attempts/${attemptId}/result`, language, findings);
        await audit(page, "credits", "/credits", language, findings);
        expect(findings).toEqual([]);
      });
    });
  }
}

import type { Page } from "@playwright/test";
import { prisma } from "~/lib/db.server";
import { completeAllLessons } from "~/lib/fixtures/factories.server";
import { questionGroup, startAttempt } from "./exam-steps";
import { enrolHere, expect, logIn, test } from "./fixtures";

// Issue 12, items 15–17 (read-aloud also in the exam room): people who read, see or hear with difficulty — read-aloud, text size and
// high contrast (remembered, also without JavaScript, at 360 px), and captions on the video.

const SLUG = "ky-nang-so-cho-cong-dan";

async function lessonKeysOfSeedCourse() {
  return prisma.lesson.findMany({
    where: { version: { course: { slug: SLUG }, status: "published" } },
    orderBy: [{ version: { number: "desc" } }, { position: "asc" }],
    select: { key: true, titleVi: true, videoSrc: true },
  });
}

async function enrolAndOpenLesson(page: Page, key: string) {
  await page.goto(`/courses/${SLUG}`);
  await enrolHere(page);
  await expect(page.getByRole("link", { name: "Bắt đầu học" })).toBeVisible();
  await page.goto(`/courses/${SLUG}/lessons/${key}`);
  await expect(page.locator("#lesson-body")).toBeVisible();
}

/**
 * Speech synthesis as a device with the given voices would offer it; it records what it is asked
 * to say and keeps "speaking" until cancelled (headless Chromium has no voices of its own).
 */
async function fakeSpeech(page: Page, voices: { name: string; lang: string }[]) {
  await page.addInitScript((list) => {
    const spoken: { text: string; lang: string; voice: string }[] = [];
    (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
    class FakeUtterance {
      text: string;
      lang = "";
      rate = 1;
      voice: { name: string } | null = null;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const voiceObjects = list.map((voice) => ({ ...voice, default: false, localService: true, voiceURI: voice.name }));
    Object.defineProperty(window, "SpeechSynthesisUtterance", { value: FakeUtterance, configurable: true });
    Object.defineProperty(window, "speechSynthesis", {
      configurable: true,
      value: {
        getVoices: () => voiceObjects,
        speak: (u: FakeUtterance) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.name ?? "" }),
        cancel: () => {
          (window as unknown as { __cancelled: number }).__cancelled =
            ((window as unknown as { __cancelled?: number }).__cancelled ?? 0) + 1;
        },
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      },
    });
  }, voices);
}

test("read aloud speaks the lesson's title and text with the device's Vietnamese voice, and stops", async ({
  page,
  makeUser,
}) => {
  const [lesson] = await lessonKeysOfSeedCourse();
  await fakeSpeech(page, [
    { name: "English", lang: "en-US" },
    { name: "Tiếng Việt (máy)", lang: "vi-VN" },
  ]);
  const learner = await makeUser();
  await logIn(page, learner, `/courses/${SLUG}`);
  await enrolAndOpenLesson(page, lesson.key);

  const button = page.getByRole("button", { name: "Đọc to" });
  await button.click();
  await expect(page.getByRole("button", { name: "Dừng đọc" })).toHaveAttribute("aria-pressed", "true");
  const spoken = await page.evaluate(
    () => (window as unknown as { __spoken: { text: string; lang: string; voice: string }[] }).__spoken,
  );
  expect(spoken.length).toBeGreaterThan(3);
  expect(spoken[0].text).toBe(lesson.titleVi);
  expect(spoken.every((piece) => piece.lang === "vi-VN" && piece.voice === "Tiếng Việt (máy)")).toBe(true);
  expect(spoken.every((piece) => piece.text.length <= 200)).toBe(true);
  const bodyText = await page.locator("#lesson-body").innerText();
  expect(bodyText.replace(/\s+/g, " ")).toContain(spoken[1].text);

  await page.getByRole("button", { name: "Dừng đọc" }).click();
  await expect(button).toHaveAttribute("aria-pressed", "false");
  expect(await page.evaluate(() => (window as unknown as { __cancelled: number }).__cancelled)).toBeGreaterThan(1);
});

test("without a Vietnamese voice the page says so and offers no read-aloud button", async ({ page, makeUser }) => {
  const [lesson] = await lessonKeysOfSeedCourse();
  await fakeSpeech(page, [{ name: "English", lang: "en-US" }]);
  const learner = await makeUser();
  await logIn(page, learner, `/courses/${SLUG}`);
  await enrolAndOpenLesson(page, lesson.key);
  await expect(
    page.getByText("Thiết bị này không có giọng đọc tiếng Việt, nên chưa thể đọc to nội dung."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Đọc to" })).toHaveCount(0);
});

test.describe("without JavaScript, on a 360 px phone", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

  test("text size (3 steps) and high contrast are remembered across pages and fit the screen", async ({ page }) => {
    await page.goto("/courses");
    const html = page.locator("html");
    await expect(html).toHaveAttribute("data-text-size", "normal");
    const rootFontSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(await rootFontSize()).toBe("16px");

    await page.getByRole("button", { name: "Cỡ chữ lớn" }).click();
    await expect(html).toHaveAttribute("data-text-size", "large");
    expect(await rootFontSize()).toBe("19px");
    await page.getByRole("button", { name: "Cỡ chữ rất lớn" }).click();
    await expect(html).toHaveAttribute("data-text-size", "larger");
    expect(await rootFontSize()).toBe("22px");
    await expect(page).toHaveURL(/\/courses$/);
    await expect(page.getByRole("button", { name: "Cỡ chữ rất lớn" })).toHaveAttribute("aria-pressed", "true");

    await page.getByRole("button", { name: "Tương phản cao" }).click();
    await expect(html).toHaveAttribute("data-contrast", "high");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("header")!).backgroundColor)).toBe(
      "rgb(0, 0, 0)",
    );

    for (const path of ["/", "/courses", `/courses/${SLUG}`, "/login", "/register", "/verify"]) {
      await page.goto(path);
      await expect(html, path).toHaveAttribute("data-text-size", "larger");
      await expect(html, path).toHaveAttribute("data-contrast", "high");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways at 360 px with the largest text`).toBeLessThanOrEqual(0);
    }

    await page.getByRole("button", { name: "Cỡ chữ thường" }).click();
    await page.getByRole("button", { name: "Tương phản cao" }).click();
    await expect(html).toHaveAttribute("data-text-size", "normal");
    await expect(html).toHaveAttribute("data-contrast", "normal");
    await expect(page).toHaveURL(/\/verify$/);
  });
});

test("with JavaScript the controls apply in place, and reduced motion turns transitions off", async ({ page }) => {
  await page.goto("/courses");
  await page.getByRole("button", { name: "Cỡ chữ lớn" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "large");
  await expect(page).toHaveURL(/\/courses$/);
  await page.getByRole("button", { name: "Cỡ chữ thường" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "normal");

  const transition = () =>
    page.evaluate(() =>
      parseFloat(getComputedStyle(document.querySelector(".btn-secondary, .btn-primary, .btn")!).transitionDuration),
    );
  await page.emulateMedia({ reducedMotion: "no-preference" });
  expect(await transition()).toBeGreaterThan(0.05);
  await page.emulateMedia({ reducedMotion: "reduce" });
  expect(await transition()).toBeLessThan(0.001);
});

test("the seeded video shows WebVTT captions in the reader's language, served only to those who may see the lesson", async ({
  page,
  makeUser,
  playwright,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const lessons = await lessonKeysOfSeedCourse();
  const videoLesson = lessons.find((lesson) => lesson.videoSrc)!;
  const learner = await makeUser();
  await logIn(page, learner, `/courses/${SLUG}`);
  await enrolAndOpenLesson(page, videoLesson.key);

  const tracks = page.locator('[data-testid="lesson-video"] track[kind="captions"]');
  await expect(tracks).toHaveCount(2);
  await expect(tracks.first()).toHaveAttribute("srclang", "vi");
  await expect(tracks.first()).toHaveAttribute("label", "Tiếng Việt");
  const src = await tracks.first().getAttribute("src");
  // The player shows the Vietnamese track: its cues are loaded and active.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const track = (document.querySelector('[data-testid="lesson-video"]') as HTMLVideoElement).textTracks[0];
        return `${track.mode}:${track.cues?.length ?? 0}`;
      }),
    )
    .toBe("showing:6");

  const response = await page.request.get(src!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/vtt");
  const vtt = await response.text();
  expect(vtt.startsWith("WEBVTT")).toBe(true);
  expect(vtt).toContain("VNeID");

  // In English the English track is the default.
  await page.goto(`/courses/${SLUG}/lessons/${videoLesson.key}?lng=en`);
  await expect(page.locator('track[srclang="en"]')).toHaveAttribute("default", "");

  // Someone not enrolled gets nothing.
  const stranger = await makeUser();
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get(src!, { maxRedirects: 0 })).status()).not.toBe(200);
  const otherContext = await browser.newContext({ baseURL });
  const other = await otherContext.newPage();
  await logIn(other, stranger);
  expect((await other.request.get(src!)).status()).toBe(404);
  await otherContext.close();
  await anonymous.dispose();
});

test("in the exam room each question can be read aloud: only its visible number, prompt and choices", async ({
  page,
  makeUser,
}) => {
  await fakeSpeech(page, [{ name: "Tiếng Việt (máy)", lang: "vi-VN" }]);
  const learner = await makeUser();
  await completeAllLessons(learner.id, SLUG);
  await logIn(page, learner, `/courses/${SLUG}/exam`);
  const { questions } = await startAttempt(page);
  const group = questionGroup(page, 0);
  await group.getByRole("button", { name: "Đọc to câu 1" }).click();
  await expect(group.getByRole("button", { name: "Dừng đọc" })).toHaveAttribute("aria-pressed", "true");
  const spoken = (
    await page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken)
  )
    .map((piece) => piece.text)
    .join(" ");
  expect(spoken.startsWith("Câu 1")).toBe(true);
  const visible = (await group.innerText()).replace(/\s+/g, " ");
  for (const word of spoken.split(" ")) expect(visible).toContain(word);
  const first = questions[0];
  if (first.type === "single" || first.type === "multiple")
    for (const option of first.options) expect(spoken).toContain(option.text);
  // The other questions are not read with it.
  const second = (await questionGroup(page, 1).locator("[id$='-prompt']").innerText()).trim();
  expect(spoken).not.toContain(second);
  await group.getByRole("button", { name: "Dừng đọc" }).click();
  await expect(group.getByRole("button", { name: "Đọc to câu 1" })).toHaveAttribute("aria-pressed", "false");
});

test("in the exam room without a Vietnamese voice the page says so and offers no read-aloud button", async ({
  page,
  makeUser,
}) => {
  await fakeSpeech(page, [{ name: "English", lang: "en-US" }]);
  const learner = await makeUser();
  await completeAllLessons(learner.id, SLUG);
  await logIn(page, learner, `/courses/${SLUG}/exam`);
  await startAttempt(page);
  await expect(
    page.getByText("Thiết bị này không có giọng đọc tiếng Việt, nên chưa thể đọc to nội dung."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: /^Đọc to câu/ })).toHaveCount(0);
});

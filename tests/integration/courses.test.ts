import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bundleHash,
  courseFolders,
  exportCourse,
  importContentDirectory,
  loadBundle,
  parseCourseFolders,
} from "~/lib/content/import.server";
import {
  completeLesson,
  enroll,
  getCoursePage,
  getLessonPage,
  listCatalogue,
  listMyLearning,
  recordVideoProgress,
} from "~/lib/courses/courses.server";
import { prisma } from "~/lib/db.server";
import { createUser, deleteUsers } from "~/lib/fixtures/factories.server";

const SLUG = "ky-nang-so-cho-cong-dan";
const created: string[] = [];
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-content-"));
  const report = await importContentDirectory(path.resolve("content"));
  expect(report.ok).toBe(true);
});

afterAll(async () => {
  await deleteUsers(created);
  fs.rmSync(tmp, { recursive: true, force: true });
});

function copyCourse(slug: string): string {
  const target = path.join(tmp, `copy-${Math.random().toString(36).slice(2)}`, "courses", slug);
  fs.cpSync(path.resolve("content/courses", slug), target, { recursive: true });
  return path.dirname(path.dirname(target));
}

describe("content import", () => {
  it("accepts the seed content and is idempotent", async () => {
    const versionsBefore = await prisma.courseVersion.count();
    const again = await importContentDirectory(path.resolve("content"));
    expect(again.ok && again.courses.map((course) => course.action)).toEqual(["unchanged", "unchanged", "unchanged"]);
    expect(await prisma.courseVersion.count()).toBe(versionsBefore);
  });

  it("imports nothing when any file is invalid, and says file:line", async () => {
    const dir = copyCourse("an-toan-thong-tin-cho-cong-chuc");
    fs.cpSync(path.resolve("content/courses", SLUG), path.join(dir, "courses", SLUG), { recursive: true });
    const coursePath = path.join(dir, "courses", "an-toan-thong-tin-cho-cong-chuc", "course.yaml");
    fs.writeFileSync(coursePath, fs.readFileSync(coursePath, "utf8").replace(/^audience: .*$/m, "audience: everyone"));
    const lessonsBefore = await prisma.lesson.count();
    const report = await importContentDirectory(dir);
    expect(report.ok).toBe(false);
    if (report.ok) return;
    const line =
      fs
        .readFileSync(coursePath, "utf8")
        .split("\n")
        .findIndex((text) => text.startsWith("audience:")) + 1;
    expect(report.errors).toContainEqual(
      expect.objectContaining({ file: "an-toan-thong-tin-cho-cong-chuc/course.yaml", line }),
    );
    expect(await prisma.lesson.count()).toBe(lessonsBefore);
  });

  it("creates a new version when a published course's files change, and keeps the old one", async () => {
    const dir = copyCourse(SLUG);
    const lessonFile = path.join(
      dir,
      "courses",
      SLUG,
      "lessons",
      fs.readdirSync(path.join(dir, "courses", SLUG, "lessons")).sort()[1],
    );
    fs.appendFileSync(lessonFile, "\n\nMột đoạn bổ sung về quy định mới.\n");
    const report = await importContentDirectory(dir);
    expect(report.ok && report.courses[0]).toMatchObject({ slug: SLUG, action: "new-version", version: 2 });
    const versions = await prisma.courseVersion.findMany({
      where: { course: { slug: SLUG } },
      select: { number: true, status: true },
      orderBy: { number: "asc" },
    });
    expect(versions).toEqual([
      { number: 1, status: "published" },
      { number: 2, status: "published" },
    ]);
  });

  it("round-trips: export then import gives the same course", async () => {
    const latest = await prisma.courseVersion.findFirstOrThrow({
      where: { course: { slug: "mot-cua-dien-tu-cho-can-bo" } },
      orderBy: { number: "desc" },
      select: { id: true },
    });
    const original = await loadBundle(latest.id);
    await exportCourse("mot-cua-dien-tu-cho-can-bo", path.join(tmp, "export"));
    const { bundles, errors } = parseCourseFolders(
      courseFolders(path.join(tmp, "export", "mot-cua-dien-tu-cho-can-bo")),
    );
    expect(errors).toEqual([]);
    expect(bundles[0]).toEqual(original);
    expect(bundleHash(bundles[0])).toBe(bundleHash(original));
    const reimport = await importContentDirectory(path.join(tmp, "export", "mot-cua-dien-tu-cho-can-bo"));
    expect(reimport.ok && reimport.courses[0].action).toBe("unchanged");
  });
});

describe("catalogue and lessons", () => {
  it("finds courses without diacritics, and filters by audience and skill", async () => {
    const bySearch = await listCatalogue({ q: "chu ky so", audience: "", skill: "" }, "vi");
    expect(bySearch.courses.map((course) => course.slug)).toContain(SLUG);
    const upper = await listCatalogue({ q: "CHỮ KÝ SỐ", audience: "", skill: "" }, "vi");
    expect(upper.courses.map((course) => course.slug)).toEqual(bySearch.courses.map((course) => course.slug));
    const officials = await listCatalogue({ q: "", audience: "officials", skill: "" }, "vi");
    expect(officials.courses.map((course) => course.slug)).not.toContain(SLUG);
    expect(officials.courses.length).toBeGreaterThanOrEqual(2);
    const nothing = await listCatalogue({ q: "khong co khoa nao nhu the nay", audience: "", skill: "" }, "en");
    expect(nothing.courses).toEqual([]);
  });

  it("keeps a learner on the version they enrolled in", async () => {
    const user = await createUser();
    created.push(user.id);
    const version1 = await prisma.courseVersion.findFirstOrThrow({
      where: { course: { slug: SLUG }, number: 1 },
      select: { id: true },
    });
    await prisma.enrollment.create({ data: { userId: user.id, versionId: version1.id } });
    const page = await getCoursePage(SLUG, user.id, "vi");
    expect(page?.versionNumber).toBe(1);
    expect(page?.newerVersion).toBe(2);
    const newcomer = await createUser();
    created.push(newcomer.id);
    await enroll(newcomer.id, SLUG);
    expect((await getCoursePage(SLUG, newcomer.id, "vi"))?.versionNumber).toBe(2);
  });

  it("completes text lessons and tracks progress to 100 %", async () => {
    const user = await createUser();
    created.push(user.id);
    await enroll(user.id, "an-toan-thong-tin-cho-cong-chuc");
    const page = await getCoursePage("an-toan-thong-tin-cho-cong-chuc", user.id, "vi");
    const keys = page!.modules.flatMap((module) => module.lessons.map((lesson) => lesson.key));
    for (const key of keys) await completeLesson(user.id, "an-toan-thong-tin-cho-cong-chuc", key);
    expect((await getCoursePage("an-toan-thong-tin-cho-cong-chuc", user.id, "vi"))!.progress).toBe(100);
    const learning = await listMyLearning(user.id, "vi");
    expect(learning[0]).toMatchObject({
      slug: "an-toan-thong-tin-cho-cong-chuc",
      path: "/courses/an-toan-thong-tin-cho-cong-chuc",
      progress: 100,
    });
  });

  it("renders sanitised lesson HTML", async () => {
    const user = await createUser();
    created.push(user.id);
    await enroll(user.id, "an-toan-thong-tin-cho-cong-chuc");
    const page = await getCoursePage("an-toan-thong-tin-cho-cong-chuc", user.id, "vi");
    const lesson = await getLessonPage(
      user.id,
      "an-toan-thong-tin-cho-cong-chuc",
      page!.modules[0].lessons[0].key,
      "vi",
    );
    expect(lesson.lesson.html).toContain("<h2");
    expect(lesson.lesson.html).not.toMatch(/<script|on\w+=/i);
  });

  it("refuses a lesson page to someone not enrolled", async () => {
    const user = await createUser();
    created.push(user.id);
    const refused = await getLessonPage(user.id, SLUG, "anything", "vi").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(302);
  });
});

describe("video progress beacons", () => {
  async function videoLesson() {
    return prisma.lesson.findFirstOrThrow({
      where: { version: { course: { slug: SLUG }, number: 2 }, videoSrc: { not: null } },
      select: { id: true, videoDurationSeconds: true },
    });
  }

  it("rejects beacons for a lesson the user is not enrolled in, and stores nothing", async () => {
    const user = await createUser();
    created.push(user.id);
    const lesson = await videoLesson();
    expect(
      await recordVideoProgress(user.id, { lessonId: lesson.id, positionSeconds: 5, watchedDeltaSeconds: 5 }),
    ).toMatchObject({ ok: false, status: 404 });
    expect(await prisma.lessonProgress.count({ where: { userId: user.id } })).toBe(0);
  });

  it("rejects impossible positions and caps watching by wall-clock time", async () => {
    const user = await createUser();
    created.push(user.id);
    await enroll(user.id, SLUG);
    const lesson = await videoLesson();
    expect(
      await recordVideoProgress(user.id, { lessonId: lesson.id, positionSeconds: -3, watchedDeltaSeconds: 1 }),
    ).toMatchObject({ ok: false, status: 422 });
    expect(
      await recordVideoProgress(user.id, { lessonId: lesson.id, positionSeconds: 10_000, watchedDeltaSeconds: 1 }),
    ).toMatchObject({ ok: false, status: 422 });
    expect(await prisma.lessonProgress.count({ where: { userId: user.id } })).toBe(0);
    const t0 = new Date();
    const first = await recordVideoProgress(
      user.id,
      { lessonId: lesson.id, positionSeconds: 10, watchedDeltaSeconds: 10 },
      t0,
    );
    expect(first).toMatchObject({ ok: true, completed: false, watchedSeconds: 10 });
    const seekAhead = await recordVideoProgress(
      user.id,
      { lessonId: lesson.id, positionSeconds: 29, watchedDeltaSeconds: 19 },
      new Date(t0.getTime() + 1000),
    );
    expect(seekAhead).toMatchObject({ ok: true, completed: false });
    expect(seekAhead.ok && seekAhead.watchedSeconds).toBeLessThan(20);
  });

  it("completes a video lesson at 90 % really watched, and another user's beacon cannot touch it", async () => {
    const owner = await createUser();
    const other = await createUser();
    created.push(owner.id, other.id);
    await enroll(owner.id, SLUG);
    const lesson = await videoLesson();
    const duration = lesson.videoDurationSeconds!;
    let at = Date.now();
    let result = await recordVideoProgress(
      owner.id,
      { lessonId: lesson.id, positionSeconds: 10, watchedDeltaSeconds: 10 },
      new Date(at),
    );
    for (let position = 20; position <= duration; position += 10) {
      at += 10_000;
      result = await recordVideoProgress(
        owner.id,
        { lessonId: lesson.id, positionSeconds: position, watchedDeltaSeconds: 10 },
        new Date(at),
      );
    }
    expect(result).toMatchObject({ ok: true, completed: true });
    expect(
      await recordVideoProgress(other.id, { lessonId: lesson.id, positionSeconds: 1, watchedDeltaSeconds: 1 }),
    ).toMatchObject({ ok: false, status: 404 });
    expect(await prisma.lessonProgress.count({ where: { userId: other.id } })).toBe(0);
  });
});

/**
 * The SCORM store and run-time commits on the real database (SQLite here, PostgreSQL when the
 * suite runs with TEST_DATABASE_URL): packages are stored once per zip and only whole, a commit
 * is the learner's own, resumes on another device, and completes the lesson and the course by
 * the trainer's rule.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseAuthorFor } from "~/lib/authoring/access.server";
import { addLesson, addModule, createCourse } from "~/lib/authoring/authoring.server";
import { enroll } from "~/lib/courses/courses.server";
import { onLessonProgress } from "~/lib/credits/completion.server";
import { prisma } from "~/lib/db.server";
import {
  createScormCourse,
  createUser,
  deleteScormCourses,
  deleteUsers,
  type ScormCourse,
} from "~/lib/fixtures/factories.server";
import { sha256Hex } from "~/lib/scorm/store.server";
import {
  checkPackagePath,
  commitScormRuntime,
  readPackageFile,
  scormPlayerFor,
  signedPackageBase,
} from "~/lib/scorm/player.server";
import { attachScormPackage } from "~/lib/scorm/scorm.server";
import { scormPackage, scormPackageEntries, zipEntries } from "../support/scorm-packages";
import { uniqueSlug } from "./authoring-fixtures";

const users: string[] = [];
const slugs: string[] = [];
const packages: string[] = [];
let course: ScormCourse;
// Distinct titles make distinct zips: packages are shared by their bytes, and these are this file's own.
const tag = Math.random().toString(36).slice(2, 8);
const zip12 = scormPackage("scorm12", { title: `Bài 1.2 ${tag}` });
const zip2004 = scormPackage("scorm2004", { title: `Bài 2004 ${tag}` });

beforeAll(async () => {
  course = await createScormCourse([
    { key: "goi-12", zip: zip12, rule: "passed" },
    { key: "goi-2004", zip: zip2004, rule: "score", passPercent: 80 },
  ]);
  slugs.push(course.slug);
  packages.push(...course.packages);
});

afterAll(async () => {
  await deleteUsers(users);
  await deleteScormCourses(slugs, packages);
});

async function learner(fullName = "Đỗ Thị Lan") {
  const user = await createUser({ fullName });
  users.push(user.id);
  return user;
}

const suspended12 = {
  core: { lesson_status: "incomplete", lesson_location: "page-2", exit: "suspend", session_time: "00:02:00" },
  suspend_data: "ghi chú",
};
const answered12 = (status: "passed" | "failed", raw: number) => ({
  core: { lesson_status: status, score: { raw: String(raw), min: "0", max: "100" }, exit: "" },
});

describe("the stored package", () => {
  it("is stored once, with its files, under the zip's SHA-256", async () => {
    const row = await prisma.scormPackage.findUniqueOrThrow({
      where: { sha256: sha256Hex(zip12) },
      select: { id: true, standard: true, launchHref: true, masteryScore: true, files: { select: { path: true } } },
    });
    expect(row).toMatchObject({ standard: "scorm12", launchHref: "index.html", masteryScore: 80 });
    expect(row.files.map((f) => f.path).sort()).toEqual(["imsmanifest.xml", "index.html", "sco.js"]);
    const file = await readPackageFile(row.id, "sco.js");
    expect(file?.mimeType).toBe("text/javascript; charset=utf-8");
    expect(Buffer.from(file!.bytes).toString("utf8")).toBe(scormPackageEntries("scorm12")["sco.js"]);
  });
});

describe("playing and committing", () => {
  it("hands a non-enrolled learner nothing and refuses their commit", async () => {
    const stranger = await learner();
    expect(await scormPlayerFor(stranger.id, course.lessonIds["goi-12"])).toBeNull();
    expect(await commitScormRuntime(stranger.id, course.lessonIds["goi-12"], answered12("passed", 100))).toEqual({
      ok: false,
      status: 404,
    });
    expect(await prisma.scormRuntime.count({ where: { userId: stranger.id } })).toBe(0);
  });

  it("names the learner by account id and name, never the email; signs the launch path", async () => {
    const user = await learner("Nguyễn Văn Bình");
    await enroll(user.id, course.slug);
    const player12 = await scormPlayerFor(user.id, course.lessonIds["goi-12"]);
    expect(player12?.cmi).toEqual({ core: { student_id: user.id, student_name: "Nguyễn Văn Bình" } });
    const player2004 = await scormPlayerFor(user.id, course.lessonIds["goi-2004"]);
    expect(player2004?.cmi).toEqual({ learner_id: user.id, learner_name: "Nguyễn Văn Bình" });
    expect(JSON.stringify([player12, player2004])).not.toContain(user.email);
    const [, , packageId, grant, file] = player12!.launchUrl.split("/");
    expect(file).toBe("index.html");
    expect(checkPackagePath(packageId, grant)).toBe(true);
    expect(
      checkPackagePath(
        packageId,
        grant.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
      ),
    ).toBe(false);
  });

  it("signs one path per package per hour, so a reopened lesson is served from the browser's cache; each is good for 12 to 13 hours", () => {
    const hour = 3_600_000;
    const start = Math.floor(Date.now() / hour) * hour;
    const grantAt = (now: number) => signedPackageBase("pkg", now).split("/")[3];
    for (const [label, a, b, same] of [
      ["start and end of one hour", start, start + hour - 1, true],
      ["two pages a minute apart", start + 10 * 60_000, start + 11 * 60_000, true],
      ["across the hour", start + hour - 1, start + hour, false],
    ] as const)
      expect(grantAt(a) === grantAt(b), label).toBe(same);
    for (const [label, madeAt, checkedAt, valid] of [
      ["made late in the hour, checked 12 h on", start + hour - 1, start + hour - 1 + 12 * hour, true],
      ["made early in the hour, checked 13 h on", start, start + 13 * hour - 1, true],
      ["made early in the hour, checked past 13 h", start, start + 13 * hour + 1, false],
    ] as const)
      expect(checkPackagePath("pkg", grantAt(madeAt), checkedAt), label).toBe(valid);
    expect(checkPackagePath("other", grantAt(start), start)).toBe(false);
  });

  it("SCORM 1.2 under “passed”: a suspend resumes on another device, a fail does not complete, a pass completes the course once", async () => {
    const user = await learner();
    await enroll(user.id, course.slug);
    const lessonId = course.lessonIds["goi-12"];

    const suspend = await commitScormRuntime(user.id, lessonId, suspended12);
    expect(suspend).toMatchObject({ ok: true, completed: false, newlyCompleted: false });
    // Another device: the tree comes back from the server with entry=resume and the time added up.
    const resumed = await scormPlayerFor(user.id, lessonId);
    expect(resumed?.cmi).toEqual({
      core: {
        lesson_status: "incomplete",
        lesson_location: "page-2",
        entry: "resume",
        total_time: "0000:02:00.00",
        student_id: user.id,
        student_name: "Đỗ Thị Lan",
      },
      suspend_data: "ghi chú",
    });
    expect(resumed?.status).toEqual({ completion: "incomplete", success: "unknown", scorePercent: null });

    const failed = await commitScormRuntime(user.id, lessonId, answered12("failed", 20));
    expect(failed).toMatchObject({ ok: true, completed: false, summary: { success: "failed", scorePercent: 20 } });
    expect(await prisma.lessonProgress.count({ where: { userId: user.id, completedAt: { not: null } } })).toBe(0);

    const passed = await commitScormRuntime(user.id, lessonId, answered12("passed", 100));
    expect(passed).toMatchObject({ ok: true, completed: true, newlyCompleted: true });
    const again = await commitScormRuntime(user.id, lessonId, answered12("passed", 100));
    expect(again).toMatchObject({ ok: true, completed: true, newlyCompleted: false });
    // A later failing commit does not take the completion back.
    expect(await commitScormRuntime(user.id, lessonId, answered12("failed", 0))).toMatchObject({ completed: true });
    const runtime = await prisma.scormRuntime.findUniqueOrThrow({
      where: { userId_lessonId: { userId: user.id, lessonId } },
      select: { success: true, scorePercent: true },
    });
    expect(runtime).toEqual({ success: "failed", scorePercent: 0 });

    // The other lesson is still open: no course completion yet.
    expect(await onLessonProgress(user.id, course.versionId)).toEqual({ completed: false });
    const score = (scaled: string) => ({
      completion_status: "completed",
      success_status: "unknown",
      score: { scaled, raw: String(Number(scaled) * 100), min: "0", max: "100" },
    });
    const lesson2004 = course.lessonIds["goi-2004"];
    expect(await commitScormRuntime(user.id, lesson2004, score("0.7"))).toMatchObject({
      completed: false,
      summary: { scorePercent: 70 },
    });
    const done = await commitScormRuntime(user.id, lesson2004, score("0.85"));
    expect(done).toMatchObject({ ok: true, completed: true, newlyCompleted: true });
    const completion = await onLessonProgress(user.id, course.versionId);
    expect(completion.completed).toBe(true);
    const certificates = await prisma.certificate.count({ where: { userId: user.id, versionId: course.versionId } });
    expect(certificates).toBe(1);
  });

  it("keeps each learner's tree apart", async () => {
    const [a, b] = [await learner(), await learner()];
    await enroll(a.id, course.slug);
    await enroll(b.id, course.slug);
    const lessonId = course.lessonIds["goi-12"];
    await commitScormRuntime(a.id, lessonId, suspended12);
    const player = await scormPlayerFor(b.id, lessonId);
    expect(player?.cmi).toEqual({ core: { student_id: b.id, student_name: "Đỗ Thị Lan" } });
  });
});

describe("attaching an upload to a draft lesson", () => {
  let ctx: Awaited<ReturnType<typeof courseAuthorFor>>;
  const bad = (changes: Record<string, string | Uint8Array | null>) => {
    const entries: Record<string, string | Uint8Array> = {
      ...scormPackageEntries("scorm12", { title: `Hỏng ${tag}` }),
    };
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) delete entries[name];
      else entries[name] = value;
    }
    return zipEntries(entries);
  };
  const manifest = scormPackageEntries("scorm12")["imsmanifest.xml"];

  beforeAll(async () => {
    const trainer = await createUser({ role: "trainer" });
    users.push(trainer.id);
    const slug = uniqueSlug("scorm-upload");
    slugs.push(slug);
    const created = await createCourse(
      { ...trainer, locale: "vi" },
      { slug, titleVi: "Gói tải lên", titleEn: "Uploads" },
      "test",
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    ctx = await courseAuthorFor({ ...trainer, locale: "vi" }, slug);
    await addModule(ctx, { key: "m", titleVi: "Chương", titleEn: "Module" });
    await addLesson(ctx, { moduleKey: "m", key: "bai", titleVi: "Bài", titleEn: "Lesson" });
  });

  async function counts() {
    const [pkgs, files, lesson] = await Promise.all([
      prisma.scormPackage.count(),
      prisma.scormFile.count(),
      prisma.lesson.findFirstOrThrow({
        where: { key: "bai", version: { courseId: ctx.courseId, status: "draft" } },
        select: { kind: true, scormPackageId: true, scormRule: true, contentHash: true },
      }),
    ]);
    return { pkgs, files, lesson };
  }

  it.each([
    ["no manifest", () => bad({ "imsmanifest.xml": null }), "scorm.error.noManifest"],
    [
      "a launch outside the package",
      () => bad({ "imsmanifest.xml": manifest.replace('href="index.html">', 'href="../../index.html">') }),
      "scorm.error.launchOutside",
    ],
    ["a ../ entry", () => bad({ "../x.js": "x" }), "scorm.error.unsafePath"],
    ["a nested zip", () => bad({ "inner.zip": zip12 }), "scorm.error.nestedZip"],
    [
      "a wrong schema version",
      () => bad({ "imsmanifest.xml": manifest.replace("<schemaversion>1.2", "<schemaversion>1.1") }),
      "scorm.error.schemaVersion",
    ],
    ["a zip bomb", () => bad({ "media/zeros.bin": new Uint8Array(40 * 1024 * 1024) }), "scorm.error.zipBomb"],
  ])("%s: refused with its code, nothing stored, the lesson unchanged", async (_name, make, code) => {
    const before = await counts();
    const result = await attachScormPackage(ctx, "bai", make(), { rule: "completed", passPercent: null }, false);
    expect(result).toMatchObject({ ok: false, problem: { code } });
    expect(await counts()).toEqual(before);
  });

  it("a dry run stores nothing; attaching stores the package once and makes the lesson play it", async () => {
    const zip = scormPackage("scorm2004", { title: `Tải lên ${tag}` });
    packages.push(sha256Hex(zip));
    const before = await counts();
    const dry = await attachScormPackage(ctx, "bai", zip, { rule: "passed", passPercent: null }, true);
    expect(dry).toMatchObject({ ok: true, dryRun: true, summary: { standard: "scorm2004", files: 3 } });
    expect(await counts()).toEqual(before);

    const attached = await attachScormPackage(ctx, "bai", zip, { rule: "score", passPercent: 70 }, false);
    expect(attached).toMatchObject({ ok: true, dryRun: false });
    const after = await counts();
    expect(after.pkgs).toBe(before.pkgs + 1);
    expect(after.files).toBe(before.files + 3);
    expect(after.lesson).toMatchObject({ kind: "scorm", scormRule: "score" });
    expect(after.lesson.contentHash).not.toBe(before.lesson.contentHash);
    // The same bytes again (another lesson, another course) reuse the stored package.
    await attachScormPackage(ctx, "bai", zip, { rule: "score", passPercent: 70 }, false);
    expect((await counts()).pkgs).toBe(after.pkgs);
  });

  it("an unknown lesson stores nothing even for a good package", async () => {
    const zip = scormPackage("scorm12", { title: `Không có bài ${tag}` });
    const before = await counts();
    await expect(
      attachScormPackage(ctx, "khong-co", zip, { rule: "completed", passPercent: null }, false),
    ).rejects.toMatchObject({ status: 404 });
    expect(await counts()).toEqual(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enroll } from "~/lib/courses/courses.server";
import { prisma } from "~/lib/db.server";
import {
  createScormCourse,
  createUser,
  deleteScormCourses,
  deleteUsers,
  type ScormCourse,
} from "~/lib/fixtures/factories.server";
import { scormPlayerFor, signedPackageBase } from "~/lib/scorm/player.server";
import { scormPackage } from "../support/scorm-packages";
import { freePort, hasBuild, sessionCookie, startServer, type ServerProcess } from "../integration/exams-fixtures";

// The SCORM player's boundary, as real HTTP to the production build: what the package files are
// served with (the CSP sandbox that gives them an opaque origin), who may fetch them (the signed
// path only), and that a write from that origin is refused even when it carries the session.
// The browser's side of the same boundary is tests/e2e/scorm.spec.ts ("a package cannot read…").

let server: ServerProcess;
let course: ScormCourse;
let learner: { id: string; cookie: string };
let launchUrl: string;
const users: string[] = [];

beforeAll(async () => {
  if (!hasBuild()) throw new Error("tests/security needs the production build: run `npm run build` first");
  course = await createScormCourse([
    { key: "goi", zip: scormPackage("scorm12", { title: `Cô lập ${Math.random()}` }), rule: "completed" },
  ]);
  const user = await createUser();
  users.push(user.id);
  await enroll(user.id, course.slug);
  learner = { id: user.id, cookie: (await sessionCookie(user.id)).cookie };
  launchUrl = (await scormPlayerFor(user.id, course.lessonIds.goi))!.launchUrl;
  server = await startServer(await freePort());
}, 120_000);
afterAll(async () => {
  await server?.kill();
  await deleteUsers(users);
  await deleteScormCourses([course.slug], course.packages);
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.baseUrl}${path}`, { headers, redirect: "manual" });

describe("package files", () => {
  it("are served in a CSP sandbox without same-origin, forms or other sites", async () => {
    const response = await get(launchUrl);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    const directives = csp.split(";").map((d) => d.trim());
    expect(directives).toContain("sandbox allow-scripts");
    expect(csp).not.toContain("allow-same-origin");
    expect(csp).not.toContain("allow-forms");
    expect(csp).not.toContain("allow-top-navigation");
    expect(directives).toContain("form-action 'none'");
    expect(directives).toContain("connect-src 'self'");
    expect(directives).toContain("frame-ancestors 'self'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    // The runtime comes first in <head>, before any of the package's own scripts.
    expect(await response.text()).toMatch(/<head><script src="\/scorm-content\/_runtime\/scorm12\.js"><\/script>/);
  });

  it("are served only under a valid, unexpired grant for that package, inside the package", async () => {
    const [, , packageId, grant] = launchUrl.split("/");
    const tampered = grant.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    const expired = signedPackageBase(packageId, Date.now() - 14 * 3600 * 1000);
    const otherPackage = signedPackageBase("another-package").split("/")[3];
    for (const path of [
      `/scorm-content/${packageId}/${tampered}/index.html`,
      `${expired}index.html`,
      `/scorm-content/${packageId}/${otherPackage}/index.html`,
      `/scorm-content/${packageId}/${grant}/..%2F..%2Fpackage.json`,
      `/scorm-content/${packageId}/${grant}/missing.html`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-security-policy"), path).toContain("sandbox allow-scripts");
    }
  });
});

describe("writes from the package's opaque origin", () => {
  const commit = (origin: string | null) =>
    fetch(`${server.baseUrl}/api/scorm/${course.lessonIds.goi}`, {
      method: "POST",
      headers: {
        cookie: learner.cookie,
        "content-type": "text/plain",
        ...(origin ? { origin } : {}),
        "sec-fetch-site": "cross-site",
      },
      body: JSON.stringify({ cmi: { core: { lesson_status: "completed" } } }),
    });

  it("are refused even with the learner's session, and store nothing", async () => {
    for (const path of ["/api/scorm/" + course.lessonIds.goi, "/api/progress", "/logout"]) {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method: "POST",
        headers: { cookie: learner.cookie, origin: "null", "content-type": "text/plain" },
        body: "{}",
        redirect: "manual",
      });
      expect(response.status, path).toBe(403);
    }
    expect((await commit("null")).status).toBe(403);
    expect(await prisma.scormRuntime.count({ where: { userId: learner.id } })).toBe(0);
    expect(await prisma.lessonProgress.count({ where: { userId: learner.id } })).toBe(0);
  });

  it("while the lesson page's own origin may commit (the origin is what is refused)", async () => {
    const response = await fetch(`${server.baseUrl}/api/scorm/${course.lessonIds.goi}`, {
      method: "POST",
      headers: { cookie: learner.cookie, origin: server.baseUrl, "content-type": "application/json" },
      body: JSON.stringify({ cmi: { core: { lesson_status: "completed" } } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ completed: true, newlyCompleted: true });
  });
});

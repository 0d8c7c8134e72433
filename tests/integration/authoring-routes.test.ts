import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteUsers } from "~/lib/fixtures/factories.server";
import { authorCourse, deleteCourses, sessionCookie, sessionUser } from "./authoring-fixtures";

// Every authoring route is found on disk, so a route added later is covered without editing this test.
const ROUTES_DIR = path.resolve("app/routes");
const routeFiles = fs
  .readdirSync(ROUTES_DIR)
  .filter((file) => /^author\./.test(file) && /\.tsx?$/.test(file))
  .sort();

type RouteModule = { loader?: (args: unknown) => Promise<unknown>; action?: (args: unknown) => Promise<unknown> };

const users: string[] = [];
const slugs: string[] = [];
let slug: string;
let cookies: { learner: string; stranger: string; owner: string; admin: string };

beforeAll(async () => {
  const owner = await sessionUser("trainer", users);
  const ctx = await authorCourse(owner);
  slug = ctx.slug;
  slugs.push(slug);
  const [learner, stranger, admin] = [
    await sessionUser("learner", users),
    await sessionUser("trainer", users),
    await sessionUser("admin", users),
  ];
  cookies = {
    learner: await sessionCookie(learner.id),
    stranger: await sessionCookie(stranger.id),
    owner: await sessionCookie(owner.id),
    admin: await sessionCookie(admin.id),
  };
});

afterAll(async () => {
  await deleteUsers(users);
  await deleteCourses(slugs);
});

/** The URL path a flat route file answers, with sample parameters filled in. */
function urlFor(file: string): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, ""))
    .map((s) => (s === "$slug" ? slug : s === "$key" ? keyFor(file) : s === "$number" ? "1" : s));
  return `http://localhost/${segments.join("/")}`;
}

/** A lesson key for lesson routes, a question key for question routes. */
const keyFor = (file: string) => (file.includes(".questions.") ? "vneid-muc-2" : "dinh-danh");
const params = (file: string) => ({ slug, key: keyFor(file), number: "1" });

async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    const init = (result as { init?: { status?: number } } | null)?.init;
    return init?.status ?? 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    const init = (error as { init?: { status?: number } } | null)?.init;
    if (init?.status) return init.status;
    throw error;
  }
}

function request(file: string, cookie: string, method: "GET" | "POST") {
  const headers = {
    Cookie: cookie,
    ...(method === "POST" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
  };
  return new Request(urlFor(file), { method, headers, ...(method === "POST" ? { body: "intent=delete" } : {}) });
}

async function call(file: string, kind: "loader" | "action", cookie: string): Promise<number | null> {
  const mod = (await import(path.join(ROUTES_DIR, file))) as RouteModule;
  const fn = mod[kind];
  if (!fn) return null;
  return statusOf(() =>
    fn({
      request: request(file, cookie, kind === "loader" ? "GET" : "POST"),
      params: params(file),
      context: { requestId: "test", cspNonce: "" },
    }),
  );
}

describe("authoring routes refuse everyone but the course's authors (and admins)", () => {
  it("finds the authoring routes", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(15);
  });

  it.each(routeFiles)("%s: a learner gets 403 from its loader and action", async (file) => {
    const statuses = [await call(file, "loader", cookies.learner), await call(file, "action", cookies.learner)].filter(
      (s) => s !== null,
    );
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 403)).toBe(true);
  });

  it.each(routeFiles.filter((file) => file.includes("$slug")))(
    "%s: a trainer who is not an author gets 403",
    async (file) => {
      const statuses = [
        await call(file, "loader", cookies.stranger),
        await call(file, "action", cookies.stranger),
      ].filter((s) => s !== null);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 403)).toBe(true);
    },
  );

  it.each(routeFiles.filter((file) => file.includes("$slug")))("%s: the owner and an admin get in", async (file) => {
    for (const cookie of [cookies.owner, cookies.admin]) {
      const status = await call(file, "loader", cookie);
      if (status !== null) expect(status === 200 || status === 405, `${file} → ${status}`).toBe(true);
    }
  });

  it("a visitor who is not signed in is sent to log in", async () => {
    expect(await call("author._index.tsx", "loader", "")).toBe(302);
  });
});

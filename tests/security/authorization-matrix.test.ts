import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSession } from "~/lib/accounts/session.server";
import type { Unit } from "~/lib/organizations/scope.server";
import { tracker } from "../integration/organizations.fixtures";

// The authorisation matrix: every route file × every role × each method it answers, run against
// the real loaders and actions with a real session. The route list comes from the file system,
// so a new route without a row here fails the first test. GET calls the loader; POST calls the
// action with an empty form, so an allowed role gets its 400 (or the page's own answer) while a
// refused one is stopped by the guard first. "login" is a redirect to the sign-in page.

type Role = "anonymous" | "learner" | "trainer" | "otherOrgAdmin" | "orgAdmin" | "admin";
const ROLES: Role[] = ["anonymous", "learner", "trainer", "otherOrgAdmin", "orgAdmin", "admin"];
type Outcome = number | "login";
type Row = { GET?: Outcome[]; POST?: Outcome[] };

// Columns in ROLES order: anonymous, learner, trainer, other unit's org admin, org admin, admin.
const MATRIX: Record<string, Row> = {
  activate: { GET: [200, 200, 200, 200, 200, 200], POST: [400, 400, 400, 400, 400, 400] },
  "api.progress.sync": { GET: [405, 405, 405, 405, 405, 405], POST: [401, 400, 400, 400, 400, 400] },
  "api.offline-packages": { GET: [405, 405, 405, 405, 405, 405], POST: [401, 400, 400, 400, 400, 400] },
  "api.offline-attempts": { GET: [405, 405, 405, 405, 405, 405], POST: [401, 422, 422, 422, 422, 422] },
  "api.scorm.$lessonId": { GET: [405, 405, 405, 405, 405, 405], POST: [401, 400, 400, 400, 400, 400] },
  "author.courses.$slug.lessons.$key.scorm.upload": {
    GET: ["login", 403, 404, 403, 403, 404],
    POST: ["login", 403, 404, 403, 403, 404],
  },
  "author.courses.$slug.questions.gift[.]txt": { GET: ["login", 403, 404, 403, 403, 404] },
  "captions.$lessonId.$language": { GET: ["login", 404, 404, 404, 404, 404] },
  "courses.$slug.offline[.]json": { GET: ["login", 404, 404, 404, 404, 404] },
  display: { GET: [302, 302, 302, 302, 302, 302], POST: [302, 302, 302, 302, 302, 302] },
  $: { GET: [404, 404, 404, 404, 404, 404] },
  "[.well-known].did[.]json": { GET: [200, 200, 200, 200, 200, 200] },
  "[.well-known].jwks[.]json": { GET: [200, 200, 200, 200, 200, 200] },
  _index: { GET: [200, 200, 200, 200, 200, 200] },
  account: { GET: ["login", 200, 200, 200, 200, 200], POST: ["login", 400, 400, 400, 400, 400] },
  admin: { GET: ["login", 403, 403, 403, 403, 200] },
  "admin._index": { GET: ["login", 403, 403, 403, 403, 302] },
  "admin.certificates": { GET: ["login", 403, 403, 403, 403, 200], POST: ["login", 403, 403, 403, 403, 400] },
  "admin.outbox": { GET: ["login", 403, 403, 403, 403, 200], POST: ["login", 403, 403, 403, 403, 400] },
  "admin.xapi": { GET: ["login", 403, 403, 403, 403, 200], POST: ["login", 403, 403, 403, 403, 400] },
  "admin.requirements": { GET: ["login", 403, 403, 403, 403, 200], POST: ["login", 403, 403, 403, 403, 400] },
  "admin.users": { GET: ["login", 403, 403, 403, 403, 200], POST: ["login", 403, 403, 403, 403, 400] },
  "admin_.audit": { GET: [302, 302, 302, 302, 302, 302] },
  "admin_.compliance": { GET: [302, 302, 302, 302, 302, 302] },
  "api.progress": { GET: [405, 405, 405, 405, 405, 405], POST: [401, 400, 400, 400, 400, 400] },
  "attachments.$attachmentId": { GET: ["login", 404, 404, 404, 404, 404] },
  // The exam room (attempt page, its form, the result) is served before Remix and checked by
  // tests/integration/exams.test.ts; these routes only hand an in-app navigation to it.
  "attempts.$attemptId._index": { GET: [302, 302, 302, 302, 302, 302] },
  "attempts.$attemptId.result": { GET: [302, 302, 302, 302, 302, 302] },
  "author._index": { GET: ["login", 403, 200, 403, 403, 200] },
  "author.courses.$slug": { GET: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug._index": { GET: ["login", 403, 404, 403, 403, 404], POST: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug.authors": { GET: ["login", 403, 404, 403, 403, 404], POST: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug.content": { GET: ["login", 403, 404, 403, 403, 404], POST: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug.details": { GET: ["login", 403, 404, 403, 403, 404], POST: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug.exam": { GET: ["login", 403, 404, 403, 403, 404], POST: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug.export": { GET: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug.offline-attempts": { GET: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug.lessons.$key._index": {
    GET: ["login", 403, 404, 403, 403, 404],
    POST: ["login", 403, 404, 403, 403, 404],
  },
  "author.courses.$slug.lessons.$key.attachments._index": {
    GET: ["login", 403, 404, 403, 403, 404],
    POST: ["login", 403, 404, 403, 403, 404],
  },
  "author.courses.$slug.lessons.$key.attachments.upload": { POST: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug.publish": { GET: ["login", 403, 404, 403, 403, 404], POST: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug.questions.$key": {
    GET: ["login", 403, 404, 403, 403, 404],
    POST: ["login", 403, 404, 403, 403, 404],
  },
  "author.courses.$slug.questions._index": {
    GET: ["login", 403, 404, 403, 403, 404],
    POST: ["login", 403, 404, 403, 403, 404],
  },
  "author.courses.$slug.questions.import": {
    GET: ["login", 403, 404, 403, 403, 404],
    POST: ["login", 403, 404, 403, 403, 404],
  },
  "author.courses.$slug.versions.$number": { GET: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug_.preview": { GET: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug_.preview._index": { GET: ["login", 403, 404, 403, 403, 404] },
  "author.courses.$slug_.preview.exam": {
    GET: ["login", 403, 404, 403, 403, 404],
    POST: ["login", 403, 404, 403, 403, 404],
  },
  "author.courses.$slug_.preview.lessons.$key": { GET: ["login", 403, 404, 403, 403, 404] },
  "author.import": { GET: ["login", 403, 200, 403, 403, 200], POST: ["login", 403, 400, 403, 403, 400] },
  "author.new": { GET: ["login", 403, 200, 403, 403, 200], POST: ["login", 403, 400, 403, 403, 400] },
  "certificates.$code.$format": { GET: ["login", 404, 404, 404, 404, 404] },
  "courses.$slug._index": { GET: [404, 404, 404, 404, 404, 404], POST: ["login", 404, 404, 404, 404, 404] },
  "courses.$slug.exam": { GET: ["login", 404, 404, 404, 404, 404] },
  "courses.$slug.lessons.$lessonKey": {
    GET: ["login", 404, 404, 404, 404, 404],
    POST: ["login", 403, 403, 403, 403, 403],
  },
  "courses.$slug.update.$number._index": {
    GET: ["login", 404, 404, 404, 404, 404],
    POST: ["login", 404, 404, 404, 404, 404],
  },
  "courses.$slug.update.$number.lessons.$lessonKey": {
    GET: ["login", 404, 404, 404, 404, 404],
    POST: ["login", 404, 404, 404, 404, 404],
  },
  "courses._index": { GET: [200, 200, 200, 200, 200, 200] },
  "credentials.status.$listId": { GET: [404, 404, 404, 404, 404, 404] },
  "credits._index": { GET: ["login", 200, 200, 200, 200, 200] },
  "credits.transcript.$format": { GET: ["login", 404, 404, 404, 404, 404] },
  "developers.verify": { GET: [200, 200, 200, 200, 200, 200] },
  "forgot-password": { POST: [400, 400, 400, 400, 400, 400] },
  healthz: { GET: [200, 200, 200, 200, 200, 200] },
  learning: { GET: ["login", 200, 200, 200, 200, 200] },
  login: { GET: [200, 302, 302, 302, 302, 302], POST: [400, 400, 400, 400, 400, 400] },
  logout: { GET: [302, 302, 302, 302, 302, 302], POST: ["login", "login", "login", "login", "login", "login"] },
  org: { GET: ["login", 403, 403, 200, 200, 200] },
  "org._index": { GET: ["login", 403, 403, 200, 200, 200], POST: ["login", 403, 403, 403, 403, 400] },
  "org.assignments": { GET: ["login", 403, 403, 200, 200, 200], POST: ["login", 403, 403, 400, 400, 400] },
  "org.audit": { GET: ["login", 403, 403, 200, 200, 200] },
  "org.compliance": { GET: ["login", 403, 403, 200, 200, 200] },
  "org.compliance[.]csv": { GET: ["login", 403, 403, 200, 200, 200] },
  "org.import": { GET: ["login", 403, 403, 200, 200, 200], POST: ["login", 403, 403, 400, 400, 400] },
  "org.import.run": { POST: ["login", 403, 403, 400, 400, 400] },
  "org.people.$userId": { GET: ["login", 403, 403, 403, 200, 200], POST: ["login", 403, 403, 403, 403, 400] },
  "org.units.$orgId": { GET: ["login", 403, 403, 403, 200, 200], POST: ["login", 403, 403, 403, 400, 400] },
  register: { GET: [200, 302, 302, 302, 302, 302], POST: [400, 400, 400, 400, 400, 400] },
  "reset-password": { GET: [200, 200, 200, 200, 200, 200], POST: [400, 400, 400, 400, 400, 400] },
  "verify.$code": { GET: [200, 200, 200, 200, 200, 200] },
  "verify._index": { GET: [200, 200, 200, 200, 200, 200], POST: [200, 200, 200, 200, 200, 200] },
};

const ROUTES_DIR = path.join(process.cwd(), "app/routes");
const routeFiles = fs
  .readdirSync(ROUTES_DIR)
  .filter((file) => /\.tsx?$/.test(file))
  .map((file) => file.replace(/\.tsx?$/, ""))
  .sort();

const t = tracker();
const RUN = crypto.randomBytes(3).toString("hex");
let unit: Unit;
const users = {} as Record<Exclude<Role, "anonymous">, { id: string }>;

beforeAll(async () => {
  unit = await t.unit(`Ma trận quyền ${RUN}`);
  const other = await t.unit(`Ma trận quyền khác ${RUN}`);
  users.learner = await t.user();
  users.trainer = await t.user({ role: "trainer" });
  users.otherOrgAdmin = await t.user();
  users.orgAdmin = await t.user();
  users.admin = await t.user({ role: "admin" });
  await t.admin(users.otherOrgAdmin.id, other);
  await t.admin(users.orgAdmin.id, unit);
  await t.member(users.learner.id, unit, "chuyên viên");
});
afterAll(async () => {
  await t.cleanup();
});

/** Parameter values: the unit and the member of the fixtures, and names that exist nowhere. */
function paramsFor(file: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const segment of file.split(".")) {
    if (segment === "$") params["*"] = `nowhere-${RUN}`;
    else if (segment.startsWith("$")) {
      const name = segment.slice(1);
      params[name] = name === "orgId" ? unit.id : name === "userId" ? users.learner.id : `none-${RUN}`;
    }
  }
  return params;
}

function urlFor(file: string, params: Record<string, string>): string {
  const segments = file
    .split(".")
    .filter((segment) => segment !== "_index" && segment !== "route")
    .map((segment) => (segment === "$" ? params["*"] : segment.startsWith("$") ? params[segment.slice(1)] : segment))
    .map((segment) =>
      segment
        .replace(/_$/, "")
        .replace(/^\[(.*)\]$/, "$1")
        .replace(/\[(.)\]/g, "$1"),
    );
  return `http://localhost/${segments.join("/")}`;
}

function outcomeOf(result: unknown): Outcome {
  if (result instanceof Response) {
    const location = result.headers.get("Location") ?? "";
    if (result.status === 302 && location.startsWith("/login")) return "login";
    return result.status;
  }
  const wrapped = result as { type?: string; init?: { status?: number } | null } | null;
  if (wrapped?.type === "DataWithResponseInit") return wrapped.init?.status ?? 200;
  return 200;
}

async function call(file: string, method: "GET" | "POST", role: Role): Promise<Outcome> {
  const module = (await import(
    `../../app/routes/${file}.${fs.existsSync(path.join(ROUTES_DIR, `${file}.tsx`)) ? "tsx" : "ts"}`
  )) as {
    loader?: (args: unknown) => unknown;
    action?: (args: unknown) => unknown;
  };
  const params = paramsFor(file);
  const headers = new Headers({ "X-Hocso-Client-Ip": "10.77.0.1" });
  if (role !== "anonymous") {
    const cookie = await startSession(new Request("http://localhost/"), users[role].id);
    headers.set("Cookie", cookie.split(";")[0]);
  }
  if (method === "POST") headers.set("Content-Type", "application/x-www-form-urlencoded");
  const request = new Request(urlFor(file, params), {
    method,
    headers,
    body: method === "POST" ? new URLSearchParams() : undefined,
  });
  const handler = method === "GET" ? module.loader : module.action;
  try {
    return outcomeOf(await handler!({ request, params, context: { requestId: "matrix", cspNonce: "" } }));
  } catch (error) {
    if (error instanceof Response) return outcomeOf(error);
    throw error;
  }
}

describe("authorisation matrix", () => {
  it("has a row for every route file, and each row names exactly the methods the route answers", async () => {
    expect(Object.keys(MATRIX).sort()).toEqual(routeFiles);
    for (const file of routeFiles) {
      const module = (await import(
        `../../app/routes/${file}.${fs.existsSync(path.join(ROUTES_DIR, `${file}.tsx`)) ? "tsx" : "ts"}`
      )) as Record<string, unknown>;
      expect({ file, GET: "loader" in module, POST: "action" in module }).toEqual({
        file,
        GET: Boolean(MATRIX[file]?.GET),
        POST: Boolean(MATRIX[file]?.POST),
      });
    }
  });

  it.each(routeFiles)("%s answers each role as the matrix says", async (file) => {
    const row = MATRIX[file] ?? {};
    const actual: Row = {};
    for (const method of ["GET", "POST"] as const) {
      if (!row[method]) continue;
      const outcomes: Outcome[] = [];
      for (const role of ROLES) outcomes.push(await call(file, method, role));
      actual[method] = outcomes;
    }
    expect(actual).toEqual(row);
  });
});

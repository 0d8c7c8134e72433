import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseFolders, parseCourseFolders } from "~/lib/content/import.server";
import type { Question } from "~/lib/exams/question";
import { deleteUsers } from "~/lib/fixtures/factories.server";
import {
  createExamCourse,
  deleteCourses,
  enrolledLearner,
  freePort,
  hasBuild,
  logInOverHttp,
  snapshotOf,
  startServer,
  type ExamCourse,
  type ServerProcess,
} from "./exams-fixtures";
import { prerequisite } from "../support/prerequisite";

// The answer-key leak test, at the level of what a browser actually receives: the attempt
// page's HTML with its script's data, the exam room's script, and every client bundle (and
// source map, if any) in public/build. The page-level check lives in exams.test.ts.

/** Texts that only the answer key carries: explanations, option feedback, accepted short answers. */
function secretTexts(questions: Question[]): string[] {
  const secrets: string[] = [];
  for (const q of questions) {
    if (q.explanation) secrets.push(q.explanation);
    if (q.type === "single" || q.type === "multiple")
      for (const o of q.options) if (o.feedback) secrets.push(o.feedback);
    if (q.type === "truefalse") for (const f of [q.feedbackTrue, q.feedbackFalse]) if (f) secrets.push(f);
  }
  return secrets;
}

const KEY_NAMES = [
  "weight",
  "answers",
  "answer",
  "explanation",
  "feedback",
  "feedbackTrue",
  "feedbackFalse",
  "pairs",
  "tolerance",
  "diacriticsMatter",
  "snapshot",
  "seed",
];

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

describe("no answer key in the client bundles", () => {
  it("public/build holds no explanation or feedback of any seed question", () => {
    const { bundles } = parseCourseFolders(courseFolders(path.resolve("content")));
    const secrets = secretTexts(bundles.flatMap((bundle) => bundle.exam?.questions ?? []));
    expect(secrets.length).toBeGreaterThan(10);
    const files = filesUnder(path.resolve("public/build")).filter((file) => /\.(js|map|css)$/.test(file));
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      for (const secret of secrets)
        expect(text.includes(secret), `${path.relative(process.cwd(), file)} contains "${secret.slice(0, 40)}…"`).toBe(
          false,
        );
    }
  });
});

describe.skipIf(!prerequisite("the production build", hasBuild(), "run `npm run build`"))(
  "no answer key in what the attempt page sends (needs build/server.js: run `npm run build`)",
  () => {
    const users: string[] = [];
    let course: ExamCourse;
    let server: ServerProcess | undefined;

    beforeAll(async () => {
      course = await createExamCourse({ maxAttempts: 0, cooldownMinutes: 0, review: "full" });
      server = await startServer(await freePort());
    });

    afterAll(async () => {
      await server?.kill();
      await deleteUsers(users);
      await deleteCourses([course.slug]);
    });

    it("the HTML, its script data and its script carry prompts and options, never keys, explanations or feedback", async () => {
      const learner = await enrolledLearner(course.versionId);
      users.push(learner.id);
      const base = server!.baseUrl;
      const cookie = await logInOverHttp(base, learner.email, learner.password);
      const start = await fetch(`${base}/courses/${course.slug}/exam`, {
        method: "POST",
        headers: { Cookie: cookie },
        body: new URLSearchParams({ intent: "start" }),
        redirect: "manual",
      });
      const location = start.headers.get("location") ?? "";
      const attemptId = location.split("/").pop()!;
      const { questions } = await snapshotOf(attemptId);

      const html = await (await fetch(`${base}${location}`, { headers: { Cookie: cookie } })).text();
      const scriptUrl = /<script src="(\/exam-room\/[^"]+)"/.exec(html)?.[1];
      expect(scriptUrl, "the page's script").toBeTruthy();
      const script = await fetch(`${base}${scriptUrl}`);
      expect(script.status).toBe(200);
      const payload = /<script type="application\/json" id="exam-room-config">([^<]*)<\/script>/.exec(html)?.[1] ?? "";
      expect(payload, "the page carries its script's data").toContain(attemptId);
      const scriptText = await script.text();
      for (const q of questions) {
        const firstLine = q.prompt.split("\n")[0].replace(/\*\*/g, "").slice(0, 20);
        expect(html, "the prompts are on the page").toContain(firstLine.replace(/"/g, "&quot;").slice(0, 10));
        if (q.type === "short")
          for (const accepted of q.answers) {
            expect(payload).not.toContain(JSON.stringify(accepted.text));
            expect(html).not.toContain(`value="${accepted.text}"`);
          }
      }
      for (const secret of secretTexts(questions)) {
        expect(html).not.toContain(secret);
        expect(scriptText).not.toContain(secret);
      }
      for (const key of KEY_NAMES) {
        expect(payload, `data key ${key}`).not.toContain(`"${key}"`);
        expect(html, `key ${key} in the HTML`).not.toContain(`\\"${key}\\"`);
      }
      // Options are shown under ids derived from their text, never the stored "a", "b", "c".
      for (const id of html.matchAll(/name="q\.[\w-]+" value="([^"]*)"/g)) {
        if (!["true", "false"].includes(id[1])) expect(id[1]).not.toMatch(/^[a-z]{1,2}$/);
      }
    });
  },
);

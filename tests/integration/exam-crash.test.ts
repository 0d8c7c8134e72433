import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/lib/db.server";
import { type AnswerValue, type Question, matchingRightId, toLearnerAnswerValue } from "~/lib/exams/question";
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

// Kills the production server (SIGKILL: no shutdown handler runs) in the middle of a burst of
// autosaves, restarts it, and checks that every answer the server acknowledged survived, that
// the deadline did not move, and that the attempt can still be finished.

/** Distinct successive values per question (the learner changing their mind), in public ids. */
function revisions(q: Question): unknown[] {
  switch (q.type) {
    case "single":
      return q.options.map((o) => toLearnerAnswerValue(q, o.id));
    case "multiple":
      return q.options.map((_, i) =>
        toLearnerAnswerValue(
          q,
          q.options.slice(0, i + 1).map((o) => o.id),
        ),
      );
    case "truefalse":
      return [true, false];
    case "short":
      return ["111", "112", "113", "114"];
    case "numeric":
      return ["1", "2,5", "3", "0"];
    case "matching":
      return q.pairs.map((_, i) =>
        Object.fromEntries(q.pairs.slice(0, i + 1).map((p) => [p.id, matchingRightId(p.right)])),
      );
    case "ordering": {
      const ids = q.items.map((item) => item.id);
      return ids.map((_, shift) => toLearnerAnswerValue(q, [...ids.slice(shift), ...ids.slice(0, shift)]));
    }
  }
}

const canonical = (value: unknown) => JSON.stringify(value);

describe.skipIf(!prerequisite("the production build", hasBuild(), "run `npm run build`"))(
  "exam attempt survives a server crash (needs build/server.js: run `npm run build`)",
  () => {
    const users: string[] = [];
    let course: ExamCourse;
    let server: ServerProcess | undefined;

    beforeAll(async () => {
      course = await createExamCourse({ maxAttempts: 0, cooldownMinutes: 0, timeLimitMinutes: 30 });
    });

    afterAll(async () => {
      await server?.kill("SIGKILL");
      await deleteUsers(users);
      await deleteCourses([course.slug]);
    });

    it("keeps every acknowledged answer and the deadline across SIGKILL and restart", async () => {
      const learner = await enrolledLearner(course.versionId, "Lê Văn Mất Điện");
      users.push(learner.id);
      const port = await freePort();
      server = await startServer(port);
      const base = server.baseUrl;
      const cookie = await logInOverHttp(base, learner.email, learner.password);

      const start = await fetch(`${base}/courses/${course.slug}/exam`, {
        method: "POST",
        headers: { Cookie: cookie },
        body: new URLSearchParams({ intent: "start" }),
        redirect: "manual",
      });
      expect(start.status).toBe(302);
      const attemptId = /\/attempts\/([\w-]+)$/.exec(start.headers.get("location") ?? "")?.[1];
      expect(attemptId).toBeTruthy();
      const before = await prisma.attempt.findUniqueOrThrow({
        where: { id: attemptId! },
        select: { deadline: true, state: true },
      });
      expect(before.state).toBe("in_progress");

      const { questions } = await snapshotOf(attemptId!);
      const plan = questions.map((q) => ({ key: q.key, values: revisions(q).map(canonical) }));
      const acknowledged = new Map<string, number>();
      const serverErrors: number[] = [];
      let acks = 0;
      const total = plan.reduce((sum, p) => sum + p.values.length, 0);
      let killed: Promise<void> | undefined;

      // Another process writing to the same database at the same time (SQLite: two connections
      // contend for the write lock; the busy timeout must make them wait, never fail).
      let writing = true;
      const otherWriter = (async () => {
        while (writing) {
          await prisma.user.update({
            where: { id: learner.id },
            data: { fullName: `Lê Văn Mất Điện ${Date.now()}` },
            select: { id: true },
          });
          // SQLite answers synchronously: yield so that the HTTP responses can be read meanwhile.
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      })();

      // One request in flight per question (as the page does), all questions at once.
      await Promise.all(
        plan.map(async ({ key, values }) => {
          for (let index = 0; index < values.length; index++) {
            try {
              const response = await fetch(`${base}/api/attempts/${attemptId}/answers`, {
                method: "POST",
                headers: { Cookie: cookie, "Content-Type": "application/json" },
                body: JSON.stringify({ questionKey: key, value: JSON.parse(values[index]) as unknown }),
              });
              if (response.status === 200) {
                acknowledged.set(key, index);
                acks += 1;
                // Pull the plug while the other questions still have requests in flight.
                if (acks === Math.floor(total / 2)) killed = server!.kill("SIGKILL");
              } else {
                serverErrors.push(response.status);
              }
            } catch {
              return; // the connection died with the server
            }
          }
        }),
      );
      await killed;
      writing = false;
      await otherWriter;
      expect(serverErrors).toEqual([]);
      expect(acks).toBeGreaterThanOrEqual(Math.floor(total / 2));
      expect(server.child.signalCode).toBe("SIGKILL");

      server = await startServer(port);
      const after = await prisma.attempt.findUniqueOrThrow({
        where: { id: attemptId! },
        select: { deadline: true, state: true },
      });
      expect(after).toEqual(before);

      const stored = new Map(
        (
          await prisma.attemptAnswer.findMany({
            where: { attemptId: attemptId! },
            select: { questionKey: true, value: true },
          })
        ).map((row) => [row.questionKey, row.value]),
      );
      for (const q of questions) {
        const acked = acknowledged.get(q.key);
        if (acked === undefined) continue;
        const row = stored.get(q.key);
        expect(row, `${q.key} was acknowledged but is missing`).toBeDefined();
        // The stored answer is the acknowledged one, or a later one that committed just before the kill.
        const revision = plan
          .find((p) => p.key === q.key)!
          .values.indexOf(canonical(toLearnerAnswerValue(q, JSON.parse(row!) as AnswerValue)));
        expect(revision, q.key).toBeGreaterThanOrEqual(acked);
      }

      // The page resumes with the same deadline, and answering goes on.
      const page = await fetch(`${base}/attempts/${attemptId}`, { headers: { Cookie: cookie } });
      expect(page.status).toBe(200);
      // The exam room carries the deadline to its script as epoch milliseconds.
      expect(await page.text()).toContain(`"deadline":${before.deadline.getTime()}`);
      const last = plan[0];
      const resumed = await fetch(`${base}/api/attempts/${attemptId}/answers`, {
        method: "POST",
        headers: { Cookie: cookie, "Content-Type": "application/json" },
        body: JSON.stringify({ questionKey: last.key, value: JSON.parse(last.values[0]) as unknown }),
      });
      expect(resumed.status).toBe(200);
      const remainingMs = before.deadline.getTime() - Date.now();
      expect(remainingMs).toBeGreaterThan(29 * 60_000 - 60_000);
      expect(remainingMs).toBeLessThanOrEqual(30 * 60_000);

      const submit = await fetch(`${base}/attempts/${attemptId}`, {
        method: "POST",
        headers: { Cookie: cookie },
        body: new URLSearchParams({ intent: "submit" }),
        redirect: "manual",
      });
      // 303 See Other: the exam room answers a form post the way browsers expect after POST.
      expect(submit.status).toBe(303);
      expect(submit.headers.get("location")).toBe(`/attempts/${attemptId}/result`);
      const graded = await prisma.attempt.findUniqueOrThrow({
        where: { id: attemptId! },
        select: { state: true, submittedAt: true, autoSubmitted: true },
      });
      expect(graded).toMatchObject({ state: "graded", autoSubmitted: false });
      expect((await fetch(`${base}/attempts/${attemptId}/result`, { headers: { Cookie: cookie } })).status).toBe(200);
    });
  },
);

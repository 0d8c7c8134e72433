import { inClusterWorker, onPrimaryMessage, sendToPrimary } from "~/lib/cluster.server";
import { logger } from "~/lib/logger.server";

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

// Periodic jobs registered by the domains (exam deadline sweep, reminder and invitation emails).
// They run in one process per instance: the cluster's job worker, or the server itself when it
// runs in-process (WEB_CONCURRENCY=1). Each job claims its rows in the database, so several
// instances running them at once never do one thing twice (README, Design decisions).
const jobs: Job[] = [];
const timers: NodeJS.Timeout[] = [];
const state = new Map<string, { running: boolean; again: boolean }>();
let runningHere = false;

export function registerJob(job: Job) {
  if (!jobs.some((existing) => existing.name === job.name)) jobs.push(job);
}

/**
 * Lets request serving go on between two bounded steps of a job. On SQLite the driver answers
 * synchronously, so a job awaiting only database calls would otherwise never give the event
 * loop back until it has finished (a 4,000-row invitation run held every request for 12.7 s).
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function runJob(job: Job) {
  const status = state.get(job.name) ?? { running: false, again: false };
  state.set(job.name, status);
  if (status.running) {
    status.again = true;
    return;
  }
  status.running = true;
  try {
    do {
      status.again = false;
      try {
        await job.run();
      } catch (error) {
        logger.error({ err: error, job: job.name }, "background job failed");
      }
    } while (status.again && runningHere);
  } finally {
    status.running = false;
  }
}

function runByName(name: string) {
  const job = jobs.find((candidate) => candidate.name === name);
  if (job) void runJob(job);
}

/** Starts the periodic runs in this process: the one place of this instance where jobs run. */
export function startBackgroundJobs() {
  if (runningHere) return;
  runningHere = true;
  for (const job of jobs) {
    const timer = setInterval(() => void runJob(job), job.everyMs);
    timer.unref();
    timers.push(timer);
  }
  onPrimaryMessage((message) => {
    if (message.hocso === "run-job" && runningHere) runByName(message.name);
  });
}

export function stopBackgroundJobs() {
  runningHere = false;
  for (const timer of timers.splice(0)) clearInterval(timer);
}

/**
 * Runs a job now, wherever this instance runs its jobs: here, or in the job worker (through the
 * primary). Where neither is the case (jobs switched off with HOCSO_JOBS=0, a CLI) it does
 * nothing: the instance that runs jobs picks the work up at its next interval.
 */
export function runJobSoon(name: string) {
  if (runningHere) runByName(name);
  else if (inClusterWorker) sendToPrimary({ hocso: "run-job", name });
}

import { logger } from "~/lib/logger.server";

type Job = { name: string; everyMs: number; run: () => Promise<unknown> };

// Periodic jobs registered by the domains (exam deadline sweep, reminder emails). Each job is
// written to be safe when several app instances run it at the same time.
const jobs: Job[] = [];
const timers: NodeJS.Timeout[] = [];

export function registerJob(job: Job) {
  if (!jobs.some((existing) => existing.name === job.name)) jobs.push(job);
}

export function startBackgroundJobs() {
  for (const job of jobs) {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job.run();
      } catch (error) {
        logger.error({ err: error, job: job.name }, "background job failed");
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), job.everyMs);
    timer.unref();
    timers.push(timer);
  }
}

export function stopBackgroundJobs() {
  for (const timer of timers.splice(0)) clearInterval(timer);
}

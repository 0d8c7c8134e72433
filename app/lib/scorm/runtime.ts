/**
 * SCORM run-time data as HọcSố keeps it: the CMI tree a package committed, read down to what
 * counts (completion, success, score), the rule that turns it into a completed lesson, and the
 * tree handed back when the learner resumes. Pure; table tests in runtime.test.ts.
 */
import { z } from "zod";
import type { ScormStandard } from "./manifest";

export type ScormRule = "completed" | "passed" | "score";
export type CmiSummary = {
  completion: "unknown" | "incomplete" | "completed";
  success: "unknown" | "passed" | "failed";
  /** 0–100, or null when the package reported no score. */
  scorePercent: number | null;
};

const str = z.union([z.string(), z.number()]).transform(String).optional().catch(undefined);
const scoreSchema = z
  .object({ raw: str, min: str, max: str, scaled: str })
  .partial()
  .passthrough()
  .optional()
  .catch(undefined);
const cmi12Schema = z
  .object({
    core: z
      .object({
        lesson_status: str,
        lesson_location: str,
        exit: str,
        entry: str,
        session_time: str,
        total_time: str,
        score: scoreSchema,
      })
      .passthrough()
      .optional()
      .catch(undefined),
    suspend_data: str,
  })
  .passthrough();
const cmi2004Schema = z
  .object({
    completion_status: str,
    success_status: str,
    location: str,
    exit: str,
    entry: str,
    session_time: str,
    total_time: str,
    suspend_data: str,
    score: scoreSchema,
  })
  .passthrough();

/** What a commit may carry: a CMI tree (objects and strings), at most 256 KB as JSON. */
export const MAX_CMI_JSON_BYTES = 256 * 1024;
export const cmiTreeSchema = z.record(z.string(), z.unknown());
export type CmiTree = z.infer<typeof cmiTreeSchema>;

function number(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function percentOf(score: z.infer<typeof scoreSchema>, useScaled: boolean): number | null {
  if (!score) return null;
  const scaled = useScaled ? number(score.scaled) : null;
  if (scaled !== null) return clamp(scaled * 100);
  const raw = number(score.raw);
  if (raw === null) return null;
  const min = number(score.min) ?? 0;
  const max = number(score.max) ?? 100;
  return max > min ? clamp(((raw - min) / (max - min)) * 100) : null;
}

const clamp = (n: number) => Math.round(Math.min(100, Math.max(0, n)) * 100) / 100;

/**
 * SCORM 1.2 folds both answers into lesson_status; a SCO that reports only "completed" with a
 * score is judged against the manifest's mastery score (SCORM 1.2 RTE 3.4.2.1.3).
 */
export function summarizeCmi(standard: ScormStandard, cmi: CmiTree, masteryScore: number | null = null): CmiSummary {
  if (standard === "scorm12") {
    const parsed = cmi12Schema.safeParse(cmi);
    const core = parsed.success ? parsed.data.core : undefined;
    const status = core?.lesson_status ?? "";
    const scorePercent = percentOf(core?.score, false);
    const completion =
      status === "passed" || status === "failed" || status === "completed"
        ? "completed"
        : status === "incomplete" || status === "browsed"
          ? "incomplete"
          : "unknown";
    let success: CmiSummary["success"] = status === "passed" ? "passed" : status === "failed" ? "failed" : "unknown";
    if (success === "unknown" && status === "completed" && masteryScore !== null && scorePercent !== null)
      success = scorePercent >= masteryScore ? "passed" : "failed";
    return { completion, success, scorePercent };
  }
  const parsed = cmi2004Schema.safeParse(cmi);
  const data = parsed.success ? parsed.data : undefined;
  const completion = data?.completion_status;
  const success = data?.success_status;
  return {
    completion: completion === "completed" || completion === "incomplete" ? completion : "unknown",
    success: success === "passed" || success === "failed" ? success : "unknown",
    scorePercent: percentOf(data?.score, true),
  };
}

/** Whether the run-time data completes the lesson under the trainer's rule. */
export function meetsRule(rule: ScormRule, passPercent: number | null, summary: CmiSummary): boolean {
  if (rule === "passed") return summary.success === "passed";
  if (rule === "score") return summary.scorePercent !== null && summary.scorePercent >= (passPercent ?? 100);
  return summary.completion === "completed" || summary.success === "passed";
}

// ── Time: SCORM 1.2 writes HHHH:MM:SS.SS, SCORM 2004 an ISO 8601 duration (PT1H2M3.5S). ─────

export function durationSeconds(standard: ScormStandard, value: string | undefined): number {
  if (!value) return 0;
  if (standard === "scorm12") {
    const m = /^(\d{2,4}):(\d{2}):(\d{2})(\.\d{1,2})?$/.exec(value.trim());
    return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) : 0;
  }
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value.trim());
  if (!m || value.trim() === "P" || value.trim().endsWith("T")) return 0;
  const [, y, mo, d, h, mi, s] = m.map((part) => Number(part ?? 0));
  return ((y * 365 + mo * 30 + d) * 24 + h) * 3600 + mi * 60 + s;
}

export function formatDuration(standard: ScormStandard, seconds: number): string {
  const total = Math.max(0, Math.round(seconds * 100) / 100);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.round((total % 60) * 100) / 100;
  if (standard === "scorm12") {
    const [whole, frac] = s.toFixed(2).split(".");
    return `${String(h).padStart(4, "0")}:${String(m).padStart(2, "0")}:${whole.padStart(2, "0")}.${frac}`;
  }
  return `PT${h}H${m}M${s}S`;
}

/**
 * The tree a new session starts from: the last session's time is added to the total, the
 * session time cleared, and entry set to "resume" after a suspend ("" / "ab-initio" otherwise),
 * as the SCORM run-time environment requires of the LMS.
 */
export function resumeCmi(standard: ScormStandard, cmi: CmiTree | null): CmiTree {
  if (!cmi) return {};
  const copy: Record<string, unknown> = structuredClone(cmi);
  if (standard === "scorm12") {
    const core = { ...((copy.core as Record<string, unknown> | undefined) ?? {}) };
    const parsed = cmi12Schema.safeParse(copy).data?.core;
    const total = durationSeconds(standard, parsed?.total_time) + durationSeconds(standard, parsed?.session_time);
    core.total_time = formatDuration(standard, total);
    core.entry = parsed?.exit === "suspend" ? "resume" : "";
    delete core.session_time;
    delete core.exit;
    copy.core = core;
    return copy;
  }
  const parsed = cmi2004Schema.safeParse(copy).data;
  const total = durationSeconds(standard, parsed?.total_time) + durationSeconds(standard, parsed?.session_time);
  copy.total_time = formatDuration(standard, total);
  copy.entry = parsed?.exit === "suspend" ? "resume" : "";
  delete copy.session_time;
  delete copy.exit;
  return copy;
}

/** Who the SCO is told the learner is: the platform account id (never the email) and the name. */
type ScormLearner = { id: string; name: string };

/**
 * The tree with the learner's identity set (cmi.core.student_id/student_name in SCORM 1.2,
 * cmi.learner_id/learner_name in SCORM 2004). It is the LMS's to set, so a value the package
 * committed earlier is overwritten; both are at most 255 characters in either standard.
 */
export function withLearner(standard: ScormStandard, cmi: CmiTree, learner: ScormLearner): CmiTree {
  const id = learner.id.slice(0, 255);
  const name = learner.name.trim().slice(0, 255);
  if (standard === "scorm12") {
    const core = typeof cmi.core === "object" && cmi.core !== null ? cmi.core : {};
    return { ...cmi, core: { ...core, student_id: id, student_name: name } };
  }
  return { ...cmi, learner_id: id, learner_name: name };
}

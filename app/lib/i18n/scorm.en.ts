import type { scormVi } from "~/lib/i18n/scorm.vi";

export const scormEn: Record<keyof typeof scormVi, string> = {
  "authoring.format.scormPackage": "scorm.package must be a .zip path inside the course folder or sha256:…",
  "authoring.format.scormPassPercent": "passPercent (1–100) is needed exactly when rule is score.",
  "authoring.format.scormWithVideo": "A lesson cannot have both a video and a SCORM package.",

  "scorm.standard.scorm12": "SCORM 1.2",
  "scorm.standard.scorm2004": "SCORM 2004",

  "scorm.player.heading": "Interactive content",
  "scorm.player.frameTitle": "SCORM content: {title}",
  "scorm.player.noScript": "This interactive content needs JavaScript. Turn JavaScript on to study this lesson.",
  "scorm.player.offline": "You are offline: your results are not saved yet. HọcSố saves them when you are back online.",
  "scorm.player.saveFailed": "Your results could not be saved to the server ({status}). Retrying…",
  "scorm.player.saved": "Saved at {time}.",
  "scorm.player.rule.completed": "The lesson is complete when you complete the content.",
  "scorm.player.rule.passed": "The lesson is complete when you pass the content's test.",
  "scorm.player.rule.score": "The lesson is complete when your score is at least {percent}%.",
  "scorm.player.status": "Status: {completion}, {success}{score}",
  "scorm.player.score": ", score {score}%",
  "scorm.status.unknown": "not started",
  "scorm.status.incomplete": "in progress",
  "scorm.status.completed": "completed",
  "scorm.status.passed": "passed",
  "scorm.status.failed": "not passed",
  "scorm.status.successUnknown": "no result yet",
};

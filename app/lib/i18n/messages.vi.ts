import { authoringVi } from "~/lib/i18n/authoring.vi";
import { certificatesVi } from "~/lib/i18n/certificates.vi";
import { coreVi } from "~/lib/i18n/core.vi";
import { examsVi } from "~/lib/i18n/exams.vi";
import { journeysVi } from "~/lib/i18n/journeys.vi";
import { offlineVi } from "~/lib/i18n/offline.vi";
import { practiceVi } from "~/lib/i18n/practice.vi";
import { organizationsVi } from "~/lib/i18n/organizations.vi";
import { scormVi } from "~/lib/i18n/scorm.vi";
import { xapiVi } from "~/lib/i18n/xapi.vi";

// Vietnamese is the source language. Each domain keeps its strings in its own pair of files
// (<domain>.vi.ts / <domain>.en.ts); the English file is typed against the Vietnamese one, so a
// missing translation is a compile error.
export const vi = {
  ...coreVi,
  ...examsVi,
  ...certificatesVi,
  ...authoringVi,
  ...organizationsVi,
  ...journeysVi,
  ...offlineVi,
  ...practiceVi,
  ...scormVi,
  ...xapiVi,
} as const;

export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;

import { certificatesEn } from "~/lib/i18n/certificates.en";
import { coreEn } from "~/lib/i18n/core.en";
import { examsEn } from "~/lib/i18n/exams.en";
import { journeysEn } from "~/lib/i18n/journeys.en";
import type { learnerVi } from "~/lib/i18n/learner.vi";
import { offlineEn } from "~/lib/i18n/offline.en";
import { practiceEn } from "~/lib/i18n/practice.en";
import { scormEn } from "~/lib/i18n/scorm.en";
import { xapiEn } from "~/lib/i18n/xapi.en";

export const learnerEn: Record<keyof typeof learnerVi, string> = {
  ...coreEn,
  ...examsEn,
  ...certificatesEn,
  ...journeysEn,
  ...offlineEn,
  ...practiceEn,
  ...scormEn,
  ...xapiEn,
};

import { authoringEn } from "~/lib/i18n/authoring.en";
import { certificatesEn } from "~/lib/i18n/certificates.en";
import { coreEn } from "~/lib/i18n/core.en";
import { examsEn } from "~/lib/i18n/exams.en";
import { journeysEn } from "~/lib/i18n/journeys.en";
import { offlineEn } from "~/lib/i18n/offline.en";
import { practiceEn } from "~/lib/i18n/practice.en";
import { organizationsEn } from "~/lib/i18n/organizations.en";
import { scormEn } from "~/lib/i18n/scorm.en";
import { xapiEn } from "~/lib/i18n/xapi.en";
import type { Messages } from "~/lib/i18n/messages.vi";

export const en: Messages = {
  ...coreEn,
  ...examsEn,
  ...certificatesEn,
  ...authoringEn,
  ...organizationsEn,
  ...journeysEn,
  ...offlineEn,
  ...practiceEn,
  ...scormEn,
  ...xapiEn,
};

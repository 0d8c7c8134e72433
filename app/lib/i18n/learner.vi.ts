import { certificatesVi } from "~/lib/i18n/certificates.vi";
import { coreVi } from "~/lib/i18n/core.vi";
import { examsVi } from "~/lib/i18n/exams.vi";
import { journeysVi } from "~/lib/i18n/journeys.vi";
import { offlineVi } from "~/lib/i18n/offline.vi";
import { practiceVi } from "~/lib/i18n/practice.vi";
import { scormVi } from "~/lib/i18n/scorm.vi";
import { xapiVi } from "~/lib/i18n/xapi.vi";

// Every string a page outside /author, /org and /admin can show (dictionary-parts.test.ts
// checks that no such page's code names a staff key). The browser loads this part on every
// page and the staff part only where staff work.
export const learnerVi = {
  ...coreVi,
  ...examsVi,
  ...certificatesVi,
  ...journeysVi,
  ...offlineVi,
  ...practiceVi,
  ...scormVi,
  ...xapiVi,
} as const;

import { authoringEn } from "~/lib/i18n/authoring.en";
import { organizationsEn } from "~/lib/i18n/organizations.en";
import type { staffVi } from "~/lib/i18n/staff.vi";

export const staffEn: Record<keyof typeof staffVi, string> = { ...authoringEn, ...organizationsEn };

import { learnerEn } from "~/lib/i18n/learner.en";
import { mailEn } from "~/lib/i18n/mail.en";
import type { Messages } from "~/lib/i18n/messages.vi";
import { staffEn } from "~/lib/i18n/staff.en";

export const en: Messages = { ...learnerEn, ...staffEn, ...mailEn };

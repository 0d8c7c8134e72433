import { learnerVi } from "~/lib/i18n/learner.vi";
import { mailVi } from "~/lib/i18n/mail.vi";
import { staffVi } from "~/lib/i18n/staff.vi";

// Vietnamese is the source language. Each domain keeps its strings in its own pair of files
// (<domain>.vi.ts / <domain>.en.ts); the English file is typed against the Vietnamese one, so a
// missing translation is a compile error. The browser loads them in two parts (learner, staff);
// the mails' strings stay on the server.
export const vi = { ...learnerVi, ...staffVi, ...mailVi } as const;

export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;

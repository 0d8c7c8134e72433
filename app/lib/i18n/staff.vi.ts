import { authoringVi } from "~/lib/i18n/authoring.vi";
import { organizationsVi } from "~/lib/i18n/organizations.vi";

// The trainers' and organisation admins' strings: half of the whole dictionary, which a
// learner's phone never downloads.
export const staffVi = { ...authoringVi, ...organizationsVi } as const;

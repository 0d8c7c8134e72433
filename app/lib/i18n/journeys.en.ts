import type { journeysVi } from "~/lib/i18n/journeys.vi";

export const journeysEn: Record<keyof typeof journeysVi, string> = {
  "home.continue.title": "Continue learning",
  "home.newest.title": "Newest courses",
  "home.newest.all": "See all courses",
  "auth.activate.title": "Activate your account",
  "auth.activate.lead":
    "Your unit created this account for you. Set a password to activate it; you are then signed in at once.",
  "auth.activate.emailHint": "This is the email you sign in with.",
  "auth.activate.submit": "Activate and sign in",
  "errors.activate.invalid":
    "This activation link is not valid or has already been used. If you have activated your account, sign in; otherwise ask your unit to send the invitation again.",
  "errors.activate.expired": "This activation link has expired. Ask your unit to send the invitation again.",
};

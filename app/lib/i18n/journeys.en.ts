import type { journeysVi } from "~/lib/i18n/journeys.vi";

export const journeysEn: Record<keyof typeof journeysVi, string> = {
  "home.continue.title": "Continue learning",
  "home.newest.title": "Newest courses",
  "home.newest.all": "See all courses",
  "learning.newcomerGrace": "your own deadline as a newcomer to the unit",
  "org.person.newcomerGrace": "newcomer's grace period",
  "org.assign.graceDays": "Grace period for newcomers (days)",
  "org.assign.graceDaysHint":
    "People who join the unit after the assignment get at least this many days from joining. 0: none.",
  "org.assign.graceLine": "newcomers get {days} days from joining",
  "org.errors.graceDays": "Enter a number of days from 0 to 365.",
  "courses.update.done": "You have completed the update to version {number}",
  "courses.update.lead":
    "Your earlier certificate has been superseded. The update holds only the new or changed lessons and a short exam.",
  "courses.update.open": "Open the update",
  "courses.update.examTitle": "Update exam: {title}",
  "authoring.publish.doneFirst": "Version {number} is published. Learners can enrol now.",
  "authoring.status.publishedAt": "Published at {time} on {date}",
  "org.errors.duplicateAssignment":
    "This course is already assigned to the same unit and role. Change that assignment's due date in the list below.",
  "auth.activate.title": "Activate your account",
  "auth.activate.lead":
    "Your unit created this account for you. Set a password to activate it; you are then signed in at once.",
  "auth.activate.emailHint": "This is the email you sign in with.",
  "auth.activate.submit": "Activate and sign in",
  "errors.activate.invalid":
    "This activation link is not valid or has already been used. If you have activated your account, sign in; otherwise ask your unit to send the invitation again.",
  "errors.activate.expired": "This activation link has expired. Ask your unit to send the invitation again.",
  "delta.forVersion": "Update for version {number} · {date}",
  "delta.whatChanged": "What changed",
  "delta.lead":
    "You hold a certificate for an earlier version. Study only the new or changed lessons and take a short exam to be certified for the new version.",
  "delta.lessons": "New or changed lessons",
  "delta.startExam": "Take the exam",
  "delta.examPassed": "You passed the exam.",
  "delta.examCooldown": "You can try again from {time}.",
  "delta.examRefused.limit": "You have used all your attempts.",
  "delta.examRefused.no-exam": "This update has no exam.",
  "delta.examRefused.cooldown": "Wait for the cooldown to end before the next attempt.",
  "delta.attempt": "Attempt {number}",
  "delta.certificate": "Certificate {code}",
  "lesson.preview.noProgress": "Preview: learning progress is not saved.",
  "courses.update.title": "This course has changed: take the update to version {number}",
};

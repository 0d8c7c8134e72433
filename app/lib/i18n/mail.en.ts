import type { mailVi } from "~/lib/i18n/mail.vi";

export const mailEn: Record<keyof typeof mailVi, string> = {
  "auth.mail.reset.subject": "Reset your HọcSố password",
  "auth.mail.reset.body":
    "Hello {name},\n\nTo reset your HọcSố password, open this link (valid for 1 hour, usable once):\n\n{link}\n\nIf you did not ask for this, ignore this email; your password has not changed.\n\nHọcSố",
  "auth.mail.confirm.subject": "Finish registering with HọcSố",
  "auth.mail.confirm.body":
    "Hello {name},\n\nTo finish registering with HọcSố, open this link and choose a password (valid for 24 hours, usable once):\n\n{link}\n\nIf you did not register, ignore this email.\n\nHọcSố",
  "auth.mail.registerExisting.subject": "Someone tried to register with HọcSố using your email",
  "auth.mail.registerExisting.body":
    "Hello {name},\n\nSomeone (perhaps you) just used this address to register with HọcSố. You already have an account, so no new account was created.\n\nSign in: {login}\nForgot your password? Reset it at: {forgot}\n\nIf it was not you, there is nothing to do; your account has not changed.\n\nHọcSố",

  "certificates.mail.superseded.subject": 'The course "{course}" has changed: take the update',
  "certificates.mail.superseded.body":
    'Hello {name},\n\nThe course "{course}" has a new version {number} with material changes. Your certificate is for an earlier version and has been superseded.\n\nYou are enrolled in "What changed": only the new or changed lessons and a short exam. Complete it to receive a new certificate:\n\n{link}\n\nHọcSố',
  "certificates.mail.revoked.subject": "Certificate {code} has been revoked",
  "certificates.mail.revoked.body":
    'Hello {name},\n\nCertificate {code} for the course "{course}" has been revoked and no longer verifies as valid.\n\nReason: {reason}\n\nSee your certificates and credits: {link}\n\nIf you think this is a mistake, contact the issuer.\n\nHọcSố',
};

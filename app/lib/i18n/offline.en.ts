import type { offlineVi } from "~/lib/i18n/offline.vi";

export const offlineEn: Record<keyof typeof offlineVi, string> = {
  "offline.copyBanner": "Copy saved on this device ({time}) — you are offline; it may be out of date.",
  "offline.copyBannerNoTime": "Copy saved on this device — you are offline; it may be out of date.",
  "offline.youAreOffline": "You are offline. Saved pages still open.",
};

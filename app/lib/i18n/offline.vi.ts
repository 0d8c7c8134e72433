// Strings for the installable app, saved courses and progress that syncs later.
export const offlineVi = {
  "offline.copyBanner": "Bản lưu trên máy (lưu lúc {time}) — bạn đang ngoại tuyến, nội dung có thể đã cũ.",
  "offline.copyBannerNoTime": "Bản lưu trên máy — bạn đang ngoại tuyến, nội dung có thể đã cũ.",
  "offline.youAreOffline": "Bạn đang ngoại tuyến. Các trang đã lưu vẫn mở được.",
};

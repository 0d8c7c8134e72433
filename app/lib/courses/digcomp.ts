// DigComp 2.2 competences (the framework Vietnam's Circular 02/2025 builds on), for labels and filters.
export const DIGCOMP: Record<string, { vi: string; en: string }> = {
  "1.1": {
    vi: "Duyệt, tìm kiếm và lọc dữ liệu, thông tin",
    en: "Browsing, searching and filtering data and information",
  },
  "1.2": { vi: "Đánh giá dữ liệu, thông tin", en: "Evaluating data and information" },
  "1.3": { vi: "Quản lý dữ liệu, thông tin", en: "Managing data and information" },
  "2.1": { vi: "Tương tác qua công nghệ số", en: "Interacting through digital technologies" },
  "2.2": { vi: "Chia sẻ qua công nghệ số", en: "Sharing through digital technologies" },
  "2.3": {
    vi: "Thực hiện quyền công dân qua công nghệ số",
    en: "Engaging in citizenship through digital technologies",
  },
  "2.4": { vi: "Hợp tác qua công nghệ số", en: "Collaborating through digital technologies" },
  "2.5": { vi: "Chuẩn mực giao tiếp trên mạng", en: "Netiquette" },
  "2.6": { vi: "Quản lý danh tính số", en: "Managing digital identity" },
  "3.1": { vi: "Phát triển nội dung số", en: "Developing digital content" },
  "3.2": { vi: "Tích hợp và tái tạo nội dung số", en: "Integrating and re-elaborating digital content" },
  "3.3": { vi: "Bản quyền và giấy phép", en: "Copyright and licences" },
  "3.4": { vi: "Lập trình", en: "Programming" },
  "4.1": { vi: "Bảo vệ thiết bị", en: "Protecting devices" },
  "4.2": { vi: "Bảo vệ dữ liệu cá nhân và quyền riêng tư", en: "Protecting personal data and privacy" },
  "4.3": { vi: "Bảo vệ sức khỏe và sự an lành", en: "Protecting health and well-being" },
  "4.4": { vi: "Bảo vệ môi trường", en: "Protecting the environment" },
  "5.1": { vi: "Giải quyết vấn đề kỹ thuật", en: "Solving technical problems" },
  "5.2": { vi: "Xác định nhu cầu và giải pháp công nghệ", en: "Identifying needs and technological responses" },
  "5.3": { vi: "Sử dụng sáng tạo công nghệ số", en: "Creatively using digital technologies" },
  "5.4": { vi: "Xác định khoảng trống năng lực số", en: "Identifying digital competence gaps" },
};

export function skillLabel(code: string, locale: "vi" | "en"): string {
  const entry = DIGCOMP[code];
  return entry ? `${code} ${entry[locale]}` : code;
}

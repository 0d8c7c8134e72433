// Strings for SCORM lessons: importing a package (authoring and content/), and the player.
export const scormVi = {
  "authoring.format.scormPackage": "scorm.package phải là đường dẫn tệp .zip trong thư mục khóa học hoặc sha256:…",
  "authoring.format.scormPassPercent": "passPercent (1–100) cần có khi và chỉ khi rule là score.",
  "authoring.format.scormWithVideo": "Một bài học không thể vừa có video vừa có gói SCORM.",

  "scorm.standard.scorm12": "SCORM 1.2",
  "scorm.standard.scorm2004": "SCORM 2004",

  "scorm.player.heading": "Nội dung tương tác",
  "scorm.player.frameTitle": "Nội dung SCORM: {title}",
  "scorm.player.noScript": "Nội dung tương tác này cần JavaScript. Hãy bật JavaScript để học bài này.",
  "scorm.player.offline": "Bạn đang ngoại tuyến: kết quả chưa được lưu. HọcSố sẽ lưu khi có mạng trở lại.",
  "scorm.player.saveFailed": "Chưa lưu được kết quả lên máy chủ ({status}). Đang thử lại…",
  "scorm.player.saved": "Đã lưu lúc {time}.",
  "scorm.player.rule.completed": "Bài học hoàn thành khi bạn hoàn thành nội dung.",
  "scorm.player.rule.passed": "Bài học hoàn thành khi bạn đạt bài trong nội dung.",
  "scorm.player.rule.score": "Bài học hoàn thành khi điểm của bạn đạt ít nhất {percent}%.",
  "scorm.player.status": "Trạng thái: {completion}, {success}{score}",
  "scorm.player.score": ", điểm {score}%",
  "scorm.status.unknown": "chưa bắt đầu",
  "scorm.status.incomplete": "đang học",
  "scorm.status.completed": "đã hoàn thành",
  "scorm.status.passed": "đạt",
  "scorm.status.failed": "chưa đạt",
  "scorm.status.successUnknown": "chưa có kết quả",
} as const;

// Strings of the learner and staff journeys of issue #12 (home page, activation, grace period, …).
export const journeysVi = {
  "home.continue.title": "Tiếp tục học",
  "home.newest.title": "Khóa học mới nhất",
  "home.newest.all": "Xem tất cả khóa học",
  "learning.newcomerGrace": "hạn riêng cho người mới vào đơn vị",
  "org.person.newcomerGrace": "gia hạn cho người mới vào",
  "org.assign.graceDays": "Gia hạn cho người mới (ngày)",
  "org.assign.graceDaysHint":
    "Người vào đơn vị sau khi giao có ít nhất chừng này ngày kể từ khi vào. 0: không gia hạn.",
  "org.assign.graceLine": "người mới có {days} ngày kể từ khi vào",
  "org.errors.graceDays": "Nhập số ngày từ 0 đến 365.",
  "courses.update.title": "Khóa học đã thay đổi: hãy học phần cập nhật phiên bản {number}",
  "courses.update.done": "Bạn đã hoàn thành phần cập nhật phiên bản {number}",
  "courses.update.lead":
    "Chứng chỉ cũ của bạn đã được thay thế. Phần cập nhật chỉ gồm các bài mới hoặc đã sửa và một bài kiểm tra ngắn.",
  "courses.update.open": "Mở phần cập nhật",
  "courses.update.examTitle": "Kiểm tra phần cập nhật: {title}",
  "authoring.publish.doneFirst": "Đã xuất bản phiên bản {number}. Học viên có thể đăng ký học ngay.",
  "authoring.status.publishedAt": "Xuất bản lúc {time} ngày {date}",
  "org.errors.duplicateAssignment":
    "Khóa học này đã được giao cho cùng đơn vị và vị trí. Hãy đổi hạn của lần giao đó trong danh sách bên dưới.",
  "auth.activate.title": "Kích hoạt tài khoản",
  "auth.activate.lead":
    "Đơn vị của bạn đã tạo tài khoản này cho bạn. Đặt mật khẩu để kích hoạt; sau đó bạn được đăng nhập ngay.",
  "auth.activate.emailHint": "Đây là email đăng nhập của bạn.",
  "auth.activate.submit": "Kích hoạt và đăng nhập",
  "errors.activate.invalid":
    "Liên kết kích hoạt không hợp lệ hoặc đã được sử dụng. Nếu bạn đã kích hoạt, hãy đăng nhập; nếu không, hãy nhờ đơn vị gửi lại thư mời.",
  "errors.activate.expired": "Liên kết kích hoạt đã hết hạn. Hãy nhờ đơn vị của bạn gửi lại thư mời.",
  "delta.forVersion": "Cập nhật cho phiên bản {number} · {date}",
  "delta.whatChanged": "Điều gì đã thay đổi",
  "delta.lead":
    "Bạn đã có chứng chỉ của phiên bản trước. Chỉ cần học các bài mới hoặc đã thay đổi và làm bài kiểm tra ngắn để nhận chứng chỉ cho phiên bản mới.",
  "delta.lessons": "Bài học mới hoặc đã thay đổi",
  "delta.startExam": "Làm bài kiểm tra",
  "delta.examPassed": "Bạn đã đạt bài kiểm tra.",
  "delta.examCooldown": "Bạn có thể làm lại từ {time}.",
  "delta.examRefused.limit": "Bạn đã dùng hết số lần làm bài.",
  "delta.examRefused.no-exam": "Phần này không có bài kiểm tra.",
  "delta.examRefused.cooldown": "Bạn cần chờ hết thời gian nghỉ rồi mới làm bài tiếp.",
  "delta.attempt": "Lần {number}",
  "delta.certificate": "Chứng chỉ {code}",
  "lesson.preview.noProgress": "Bản xem trước: tiến độ học không được lưu.",
} as const;

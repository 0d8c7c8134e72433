// Strings of the learner and staff journeys of issue #12 (home page, activation, grace period, …).
export const journeysVi = {
  "home.continue.title": "Tiếp tục học",
  "home.newest.title": "Khóa học mới nhất",
  "home.newest.all": "Xem tất cả khóa học",
  "auth.activate.title": "Kích hoạt tài khoản",
  "auth.activate.lead":
    "Đơn vị của bạn đã tạo tài khoản này cho bạn. Đặt mật khẩu để kích hoạt; sau đó bạn được đăng nhập ngay.",
  "auth.activate.emailHint": "Đây là email đăng nhập của bạn.",
  "auth.activate.submit": "Kích hoạt và đăng nhập",
  "errors.activate.invalid":
    "Liên kết kích hoạt không hợp lệ hoặc đã được sử dụng. Nếu bạn đã kích hoạt, hãy đăng nhập; nếu không, hãy nhờ đơn vị gửi lại thư mời.",
  "errors.activate.expired": "Liên kết kích hoạt đã hết hạn. Hãy nhờ đơn vị của bạn gửi lại thư mời.",
} as const;

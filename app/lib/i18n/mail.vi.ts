// The mails' strings: the server sends them, so no browser downloads them.
export const mailVi = {
  "auth.mail.reset.subject": "Đặt lại mật khẩu HọcSố",
  "auth.mail.reset.body":
    "Xin chào {name},\n\nĐể đặt lại mật khẩu HọcSố, hãy mở liên kết sau (có hiệu lực trong 1 giờ, chỉ dùng một lần):\n\n{link}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu của bạn không thay đổi.\n\nHọcSố",
  "auth.mail.confirm.subject": "Hoàn tất đăng ký HọcSố",
  "auth.mail.confirm.body":
    "Xin chào {name},\n\nĐể hoàn tất đăng ký HọcSố, hãy mở liên kết sau và đặt mật khẩu (có hiệu lực trong 24 giờ, chỉ dùng một lần):\n\n{link}\n\nNếu bạn không đăng ký, hãy bỏ qua thư này.\n\nHọcSố",
  "auth.mail.registerExisting.subject": "Có người vừa đăng ký HọcSố bằng email của bạn",
  "auth.mail.registerExisting.body":
    "Xin chào {name},\n\nAi đó (có thể chính bạn) vừa dùng địa chỉ này để đăng ký HọcSố. Bạn đã có tài khoản, nên không có tài khoản mới nào được tạo.\n\nĐăng nhập: {login}\nQuên mật khẩu? Đặt lại tại: {forgot}\n\nNếu không phải bạn, bạn không cần làm gì; tài khoản của bạn không thay đổi.\n\nHọcSố",

  "certificates.mail.superseded.subject": "Khóa học “{course}” đã thay đổi: hãy học phần cập nhật",
  "certificates.mail.superseded.body":
    "Xin chào {name},\n\nKhóa học “{course}” vừa có phiên bản {number} với nội dung thay đổi quan trọng. Chứng chỉ bạn đang có là của phiên bản cũ và đã được thay thế.\n\nBạn đã được ghi danh vào phần “Những gì đã thay đổi”: chỉ gồm các bài mới hoặc đã sửa và một bài kiểm tra ngắn. Hoàn thành để nhận chứng chỉ mới:\n\n{link}\n\nHọcSố",
  "certificates.mail.revoked.subject": "Chứng chỉ {code} đã bị thu hồi",
  "certificates.mail.revoked.body":
    "Xin chào {name},\n\nChứng chỉ {code} của khóa học “{course}” đã bị thu hồi và không còn hợp lệ khi kiểm tra.\n\nLý do: {reason}\n\nXem các chứng chỉ và tín chỉ của bạn: {link}\n\nNếu bạn cho rằng đây là nhầm lẫn, hãy liên hệ đơn vị cấp.\n\nHọcSố",
} as const;

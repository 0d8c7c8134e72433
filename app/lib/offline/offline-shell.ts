// The offline shell (public/offline.html): what a page with no network and no saved copy shows.
// Static, in both languages (there is no server to ask for the learner's choice), styled by the
// release's own stylesheet, with the list of saved courses filled in by offline.js.

const escape = (value: string) => value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function offlineShellHtml(stylesheetHref: string) {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#0b3d91">
<title>Bạn đang ngoại tuyến · HọcSố</title>
<link rel="stylesheet" href="${escape(stylesheetHref)}">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body class="flex min-h-screen flex-col">
<header class="bg-brand-700 text-white"><div class="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
<a href="/" class="text-xl font-extrabold tracking-tight">HọcSố</a></div></header>
<main id="main" class="mx-auto w-full max-w-3xl flex-1 space-y-6 px-4 py-6">
<section role="status" class="rounded-md border-l-4 border-accent-500 bg-white px-4 py-3">
<h1 class="text-2xl font-extrabold">Bạn đang ngoại tuyến</h1>
<p class="mt-1 text-slate-700">Trang này cần mạng. Các khóa học đã lưu trên máy vẫn đọc được; tiến độ học sẽ được gửi khi có mạng trở lại.</p>
<p class="mt-2 text-sm text-slate-600" lang="en">You are offline. This page needs the network. Courses saved on this device can still be read; your progress is sent when the connection returns.</p>
<p class="mt-3"><a class="btn-primary" href="">Thử lại / Try again</a></p>
</section>
<section aria-labelledby="saved-heading" class="space-y-3">
<h2 id="saved-heading" class="text-xl font-bold">Khóa học đã lưu trên máy này <span class="text-base font-normal text-slate-600" lang="en">(saved on this device)</span></h2>
<p id="saved-status" role="status" class="text-sm text-slate-600"></p>
<ul id="saved-courses" class="space-y-3"></ul>
</section>
</main>
<script src="/offline.js" type="module"></script>
</body>
</html>
`;
}

// The offline shell (public/offline.html): what a page with no network and no saved copy shows.
// Static, in both languages (there is no server to ask for the learner's choice), styled by the
// release's own stylesheet, with the list of saved courses filled in by offline.js.

import { staticShellHtml } from "./static-shell";

export function offlineShellHtml(stylesheetHref: string) {
  return staticShellHtml({
    title: "Bạn đang ngoại tuyến",
    stylesheetHref,
    script: "/offline.js",
    main: `<section role="status" class="rounded-md border-l-4 border-accent-500 bg-white px-4 py-3">
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
`,
  });
}

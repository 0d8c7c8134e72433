// The offline practice player's page (public/practice.html): static, precached by the service
// worker so that it opens with no network, styled by the release's own stylesheet. practice.js
// fills it from the packages stored on the device.

import { staticShellHtml } from "./static-shell";

export function practiceShellHtml(stylesheetHref: string) {
  return staticShellHtml({
    title: "Bài luyện tập ngoại tuyến",
    stylesheetHref,
    script: "/practice.js",
    main: `<noscript><p class="rounded-md border-l-4 border-accent-500 bg-white px-4 py-3">Cần bật JavaScript để làm bài ngoại tuyến. <span lang="en">JavaScript is needed to take an offline attempt.</span></p></noscript>
<section id="practice-list" aria-labelledby="practice-list-heading" class="space-y-3" hidden>
<h1 id="practice-list-heading" class="text-2xl font-extrabold">Bài luyện tập trên máy này <span class="text-base font-normal text-slate-600" lang="en">(practice attempts on this device)</span></h1>
<ul id="practice-packages" class="space-y-3"></ul>
</section>
<article id="practice-room" class="space-y-4" hidden>
<header class="space-y-1"><p class="text-sm text-slate-600" id="practice-course"></p><h1 id="practice-title" class="text-2xl font-extrabold sm:text-3xl"></h1></header>
<div class="sticky top-0 z-10 -mx-4 flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white/95 px-4 py-2 shadow-sm">
<p id="practice-clock" class="text-sm font-semibold" role="timer" aria-live="off"></p>
<p id="practice-connection" class="text-sm"></p></div>
<div id="practice-status" role="status" aria-live="polite"></div>
<form id="practice-form" novalidate class="space-y-4"><div id="practice-questions" class="space-y-4"></div>
<div class="border-t border-slate-200 pt-4"><button type="submit" class="btn-primary" id="practice-submit"></button></div></form>
</article>
`,
  });
}

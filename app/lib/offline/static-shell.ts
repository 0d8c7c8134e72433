// The frame shared by the static pages the service worker precaches (public/offline.html,
// public/practice.html): no server to ask for the learner's choice, so Vietnamese first, styled
// by the release's own stylesheet, with the page's own script filling the main part.

const escape = (value: string) => value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function staticShellHtml(page: { title: string; stylesheetHref: string; main: string; script: string }) {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#0b3d91">
<title>${escape(page.title)} · HọcSố</title>
<link rel="stylesheet" href="${escape(page.stylesheetHref)}">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body class="flex min-h-screen flex-col">
<header class="bg-brand-700 text-white"><div class="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
<a href="/" class="text-xl font-extrabold tracking-tight">HọcSố</a></div></header>
<main id="main" class="mx-auto w-full max-w-3xl flex-1 space-y-6 px-4 py-6">
${page.main}</main>
<script src="${escape(page.script)}" type="module"></script>
</body>
</html>
`;
}

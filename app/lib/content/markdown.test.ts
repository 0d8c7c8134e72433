import { describe, expect, it } from "vitest";
import { headingsOf, isSafeImageUrl, isSafeLinkUrl, renderMarkdown } from "./markdown";

/** Opening tags of the output with their attributes (rehype-stringify always double-quotes values). */
function tagsOf(html: string): { name: string; attrs: Map<string, string> }[] {
  const tags: { name: string; attrs: Map<string, string> }[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs = new Map<string, string>();
    for (const a of m[2].matchAll(/\s+([^\s=>/]+)(?:="([^"]*)")?/g)) {
      attrs.set(a[1].toLowerCase(), decodeEntities(a[2] ?? ""));
    }
    tags.push({ name: m[1].toLowerCase(), attrs });
  }
  return tags;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/** What a browser would see as the scheme: controls/whitespace are skipped, case ignored. */
function schemeSeen(url: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters, as the URL parser does, is the point
  return url.replace(/[\u0000-\u0020\u007f]+/g, "").toLowerCase();
}

function assertSafe(html: string) {
  // Text that merely mentions "<script" is escaped to "&#x3C;script", so any literal
  // "<script" in the output would be a real tag.
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<\/?(iframe|style|object|embed|svg|math|form|base|link|meta|frame|frameset|textarea|button|template|noscript|xmp|plaintext)\b/i);
  // Event handlers: look at attribute names only; quoted attribute values (e.g. a link title
  // that *says* `onmouseover=`) are inert text once serialized with escaped quotes.
  const withoutValues = html.replace(/="[^"]*"/g, '=""');
  expect(withoutValues).not.toMatch(/<[^>]*\son\w+\s*=/i);
  for (const tag of tagsOf(html)) {
    for (const [name, value] of tag.attrs) {
      expect(name, `event handler attribute on <${tag.name}>`).not.toMatch(/^on/);
      expect(["style", "srcdoc", "formaction", "xlink:href", "target"]).not.toContain(name);
      if (["href", "src", "cite", "srcset", "action", "longdesc", "poster", "background"].includes(name)) {
        expect(schemeSeen(value), `${name} on <${tag.name}>`).not.toMatch(/^(javascript|vbscript|data|file|blob):/);
      }
      if (tag.name === "img" && name === "src") {
        expect(isSafeImageUrl(value), value).toBe(true);
      }
    }
  }
}

const XSS: string[] = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
  "Text <script>alert(1)</script> inline",
  '<img src="x" onerror="alert(1)">',
  "<img src=x onerror=alert(1)//",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "<style>body{background:url(javascript:alert(1))}</style>",
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="javascript:alert(1)">x</a>',
  "[x](javascript:alert(1))",
  "[x](JAVASCRIPT:alert(1))",
  "[x](jav&#x09;ascript:alert(1))",
  "[x](jav&#9;ascript:alert(1))",
  "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
  "[x](javascript&colon;alert(1))",
  "[x](<javascript:alert(1)>)",
  "[x]( javascript:alert(1))",
  "[x](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
  "[x](vbscript:msgbox(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x][ref]\n\n[ref]: javascript:alert(1)",
  "<javascript:alert(1)>",
  "<vbscript:msgbox(1)>",
  "<data:text/html,<script>alert(1)</script>>",
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  '![x](https://ok.example/a.png "a\\" onerror=\\"alert(1))',
  '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  "[x](https://ok.example 'a\" onclick=\"alert(1)')",
  "<div onmouseover=\"alert(1)\">\n\n*hover*\n\n</div>",
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<math href="javascript:alert(1)">CLICK</math>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<details open ontoggle="alert(1)">',
  '<a href="https://ok.example" target="_blank">tab-napping</a>',
  "<!-- <script>alert(1)</script> -->",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  "```html\n<script>alert(1)</script>\n```",
  "`<img src=x onerror=alert(1)>`",
  "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
  "- [x] <script>alert(1)</script>",
  "Footnote[^x]\n\n[^x]: [y](javascript:alert(1))",
  '<input autofocus onfocus="alert(1)">',
  "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
];

describe("renderMarkdown: XSS corpus", () => {
  // Guard against a vacuous checker: it must reject the things the corpus tries to smuggle in.
  it.each([
    "<script>x</script>",
    '<img src="/a.png" onerror="x">',
    '<a href="jav&#x09;ascript:x">x</a>',
    '<a href="DATA:text/html,x">x</a>',
    '<img src="//evil.example/a.png">',
    "<iframe></iframe>",
  ])("the checker rejects %j", (html) => {
    expect(() => assertSafe(html)).toThrow();
  });

  it("has at least 30 payloads", () => {
    expect(XSS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(XSS)("%j", (payload) => {
    assertSafe(renderMarkdown(payload));
  });

  it("keeps harmless text of a dropped javascript: link", () => {
    expect(renderMarkdown("[bấm vào đây](javascript:alert(1))")).toBe("<p><a>bấm vào đây</a></p>");
  });

  it("escapes a title that tries to break out of its attribute", () => {
    const html = renderMarkdown('[x](https://ok.example "t\\" onmouseover=\\"alert(1)")');
    expect(html).toContain('title="t&#x22; onmouseover=&#x22;alert(1)"');
  });

  it("removes target and marks external links", () => {
    const html = renderMarkdown("[a](https://ok.example) [b](http://ok.example) [c](//cdn.example/x)");
    expect(html).not.toContain("target");
    expect(html.match(/rel="noopener noreferrer nofollow"/g)).toHaveLength(3);
  });

  it("replaces unsafe images by their alt text", () => {
    expect(renderMarkdown("![Sơ đồ](http://insecure.example/a.png)")).toBe("<p>Sơ đồ</p>");
    expect(renderMarkdown("![Sơ đồ](//evil.example/a.png)")).toBe("<p>Sơ đồ</p>");
    expect(renderMarkdown("![Sơ đồ](relative/a.png)")).toBe("<p>Sơ đồ</p>");
  });
});

describe("URL policy", () => {
  it.each<[string, boolean]>([
    ["https://a.vn", true],
    ["http://a.vn", true],
    ["mailto:hotro@a.vn", true],
    ["/khoa-hoc/chu-ky-so", true],
    ["#muc-1", true],
    ["../x", true],
    ["?q=1", true],
    ["javascript:alert(1)", false],
    [" JaVa\tScRipT:alert(1)", false],
    ["vbscript:x", false],
    ["data:text/html,x", false],
    ["tel:123", false],
    ["ftp://a", false],
  ])("link %j → %s", (url, ok) => {
    expect(isSafeLinkUrl(url)).toBe(ok);
  });

  it.each<[string, boolean]>([
    ["https://a.vn/x.png", true],
    ["/media/x.png", true],
    ["http://a.vn/x.png", false],
    ["//a.vn/x.png", false],
    ["/\\a.vn/x.png", false],
    ["x.png", false],
    ["data:image/png;base64,AAA", false],
  ])("image %j → %s", (url, ok) => {
    expect(isSafeImageUrl(url)).toBe(ok);
  });
});

describe("renderMarkdown: normal Markdown", () => {
  it("renders headings with Vietnamese text and ASCII ids", () => {
    expect(renderMarkdown("# Chữ ký số\n\n## Đăng ký tài khoản")).toBe(
      '<h1 id="user-content-chu-ky-so">Chữ ký số</h1>\n<h2 id="user-content-dang-ky-tai-khoan">Đăng ký tài khoản</h2>',
    );
  });

  it("renders emphasis, inline code and links", () => {
    expect(renderMarkdown("Hãy **cẩn thận** với _mã OTP_ và `mật khẩu`. Xem [hướng dẫn](/huong-dan).")).toBe(
      '<p>Hãy <strong>cẩn thận</strong> với <em>mã OTP</em> và <code>mật khẩu</code>. Xem <a href="/huong-dan">hướng dẫn</a>.</p>',
    );
  });

  it("renders lists", () => {
    expect(renderMarkdown("1. Mở ứng dụng\n2. Chọn **Đăng nhập**\n\n- một\n- hai")).toBe(
      "<ol>\n<li>Mở ứng dụng</li>\n<li>Chọn <strong>Đăng nhập</strong></li>\n</ol>\n<ul>\n<li>một</li>\n<li>hai</li>\n</ul>",
    );
  });

  it("renders GFM tables, strikethrough, task lists and autolinks", () => {
    const html = renderMarkdown(
      "| Dịch vụ | Phí |\n|:--|--:|\n| Cấp lại | 0 đ |\n\n~~cũ~~\n\n- [x] Xong\n\nwww.dichvucong.gov.vn",
    );
    expect(html).toContain("<table>");
    expect(html).toContain('<th align="left">Dịch vụ</th>');
    expect(html).toContain('<td align="right">0 đ</td>');
    expect(html).toContain("<del>cũ</del>");
    expect(html).toContain('<input type="checkbox" checked disabled> Xong');
    expect(html).toContain(
      '<a href="http://www.dichvucong.gov.vn" rel="noopener noreferrer nofollow">www.dichvucong.gov.vn</a>',
    );
  });

  it("renders fenced code with its language and escapes it", () => {
    expect(renderMarkdown("```ts\nconst a = 1 < 2 && \"ổn\";\n```")).toBe(
      '<pre><code class="language-ts">const a = 1 &#x3C; 2 &#x26;&#x26; "ổn";\n</code></pre>',
    );
  });

  it("keeps site images and https images", () => {
    expect(renderMarkdown("![Ảnh](/media/a.png) ![B](https://cdn.example/b.png)")).toBe(
      '<p><img src="/media/a.png" alt="Ảnh"> <img src="https://cdn.example/b.png" alt="B"></p>',
    );
  });

  it("links in-page fragments to the prefixed heading ids", () => {
    const html = renderMarkdown("## Bước 1\n\n[về bước 1](#buoc-1)");
    expect(html).toContain('id="user-content-buoc-1"');
    expect(html).toContain('href="#user-content-buoc-1"');
  });

  it("renders footnotes with working, prefixed anchors", () => {
    const html = renderMarkdown("Ghi chú[^1]\n\n[^1]: Nội dung.");
    expect(html).toContain('href="#user-content-fn-1"');
    expect(html).toContain('id="user-content-fn-1"');
    expect(html).toContain('href="#user-content-fnref-1"');
    expect(html).toContain('id="user-content-fnref-1"');
    expect(html).toContain("Chú thích");
  });

  it("preserves NFC Vietnamese text byte for byte", () => {
    const text = "Người dân có thể nộp hồ sơ trực tuyến ở Cổng Dịch vụ công quốc gia.";
    expect(renderMarkdown(text)).toBe(`<p>${text}</p>`);
  });
});

describe("headingsOf", () => {
  it("lists headings with the ids renderMarkdown uses, de-duplicated", () => {
    const md = "# Giới thiệu\n\n## Bước 1\n\ntext\n\n## Bước 1\n\n### Đăng ký";
    const headings = headingsOf(md);
    expect(headings).toEqual([
      { depth: 1, text: "Giới thiệu", id: "user-content-gioi-thieu" },
      { depth: 2, text: "Bước 1", id: "user-content-buoc-1" },
      { depth: 2, text: "Bước 1", id: "user-content-buoc-1-1" },
      { depth: 3, text: "Đăng ký", id: "user-content-dang-ky" },
    ]);
    const html = renderMarkdown(md);
    for (const h of headings) expect(html).toContain(`id="${h.id}"`);
  });

  it("never hands out the same id twice", () => {
    const ids = headingsOf("# A\n# A 1\n# A\n# A").map((h) => h.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

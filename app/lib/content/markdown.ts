/**
 * Lesson Markdown → sanitised HTML.
 *
 * Isomorphic on purpose: the author editor renders a live preview in the browser
 * with exactly the same pipeline the server uses for learners, so nothing here may
 * import node: modules.
 *
 * Defence in depth, in order:
 *  1. remark-rehype without `allowDangerousHtml`: raw HTML in the Markdown source
 *     (`<script>`, `<iframe>`, `<img onerror>` …) never reaches the HTML tree.
 *  2. rehype-sanitize with GitHub's schema, tightened (link protocols limited to
 *     http/https/mailto, image sources to https; ids get the `user-content-` prefix
 *     so author content cannot clobber globals like `window.someId`).
 *  3. A final pass that re-checks every URL after stripping the characters browsers
 *     ignore inside a scheme (tabs, newlines, control characters), keeps images to
 *     https or this site, marks external links `rel="noopener noreferrer nofollow"`
 *     and gives headings stable ids for in-page links.
 */
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { normalizeForSearch } from "./search";

// Minimal structural hast types: the `hast` type package is only a transitive
// dependency and several major versions of it sit in node_modules, so depending on
// whichever one gets hoisted would be fragile.
type Properties = Record<string, unknown>;
type Text = { type: "text"; value: string };
type Element = { type: "element"; tagName: string; properties: Properties; children: Node[] };
type Other = { type: "comment" | "doctype" | "raw"; value?: string };
type Node = Element | Text | Other;
type Root = { type: "root"; children: Node[] };

/** Prefix hast-util-sanitize puts on every id/name; reused for heading ids and fragment links. */
const ID_PREFIX = "user-content-";

const LINK_PROTOCOLS = ["http", "https", "mailto"];

const schema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    // `longDesc` is a second URL-bearing attribute on images we have no use for.
    img: (defaultSchema.attributes?.img ?? []).filter((a) => a !== "longDesc"),
  },
  protocols: {
    href: LINK_PROTOCOLS,
    src: ["https"],
    cite: ["http", "https"],
  },
};

/**
 * Lower-cased URL with everything a browser would skip while reading the scheme
 * removed: ASCII whitespace and C0 controls anywhere (the URL parser drops tab/LF/CR
 * everywhere and trims leading C0/space), so `jav\tascript:` reads as `javascript:`.
 */
function canonicalUrl(url: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters, as the URL parser does, is the point
  return url.replace(/[\u0000-\u0020\u007f]+/g, "").toLowerCase();
}

/** The scheme of a URL, or null for relative references (a colon after / ? # is not a scheme). */
function schemeOf(url: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):/.exec(canonicalUrl(url));
  return m ? m[1] : null;
}

/** Links may be http(s), mailto or relative (path, query or fragment). */
export function isSafeLinkUrl(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme === null || LINK_PROTOCOLS.includes(scheme);
}

/**
 * Images may be https or site-relative (`/media/…`). Protocol-relative `//host` and
 * its backslash spelling `/\host` point off-site, and plain relative paths would
 * resolve against whatever page shows the lesson, so both are refused.
 */
export function isSafeImageUrl(url: string): boolean {
  const u = canonicalUrl(url);
  if (u.startsWith("https://")) return true;
  return u.startsWith("/") && !u.startsWith("//") && !u.startsWith("/\\");
}

/** External = leaves the site: has an http(s) scheme or is protocol-relative. */
function isExternal(url: string): boolean {
  const u = canonicalUrl(url);
  const scheme = schemeOf(url);
  return scheme === "http" || scheme === "https" || u.startsWith("//") || u.startsWith("/\\");
}

function textOf(node: Node): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

/** URL-safe slug of a heading, folded like search so Vietnamese headings give readable ASCII ids. */
function slugify(text: string): string {
  const slug = normalizeForSearch(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "section";
}

const HEADING = /^h[1-6]$/;

/** Post-sanitize hardening; see the module comment. */
function rehypeHarden() {
  return (tree: Root) => {
    // GitHub-style de-duplication ("a", "a-1", …), skipping suffixes another heading already owns.
    const taken = new Set<string>();
    const uniqueId = (base: string) => {
      let id = base;
      for (let n = 1; taken.has(id); n++) id = `${base}-${n}`;
      taken.add(id);
      return id;
    };

    const walk = (parent: Root | Element) => {
      const out: Node[] = [];
      for (const child of parent.children) {
        if (child.type !== "element") {
          out.push(child);
          continue;
        }
        const props = child.properties;
        if (child.tagName === "img") {
          const src = typeof props.src === "string" ? props.src : "";
          if (!isSafeImageUrl(src)) {
            // Keep the alt text so the reader still learns what was there.
            const alt = typeof props.alt === "string" ? props.alt : "";
            if (alt) out.push({ type: "text", value: alt });
            continue;
          }
        }
        if (child.tagName === "a") {
          delete props.target;
          delete props.rel;
          const href = typeof props.href === "string" ? props.href : undefined;
          if (href !== undefined) {
            if (!isSafeLinkUrl(href)) {
              delete props.href;
            } else if (isExternal(href)) {
              props.rel = ["noopener", "noreferrer", "nofollow"];
            } else if (href.startsWith("#") && !href.startsWith(`#${ID_PREFIX}`) && href.length > 1) {
              // Ids in the output all carry the sanitizer's prefix; point fragment links at them.
              props.href = `#${ID_PREFIX}${href.slice(1)}`;
            }
          }
        }
        if (HEADING.test(child.tagName) && props.id === undefined) {
          props.id = ID_PREFIX + uniqueId(slugify(textOf(child)));
        }
        walk(child);
        out.push(child);
      }
      parent.children = out;
    };
    walk(tree);
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // clobberPrefix "" because rehype-sanitize adds the prefix itself; doing both would double it.
  // Lesson bodies are Vietnamese, so the generated footnote labels are too.
  .use(remarkRehype, {
    allowDangerousHtml: false,
    clobberPrefix: "",
    footnoteLabel: "Chú thích",
    footnoteBackLabel: (referenceIndex: number, rereferenceIndex: number) =>
      `Quay lại chỗ tham chiếu ${referenceIndex + 1}${rereferenceIndex > 1 ? `-${rereferenceIndex}` : ""}`,
  })
  .use(rehypeSanitize, schema)
  .use(rehypeHarden)
  .use(rehypeStringify)
  .freeze();

/** Render lesson Markdown (GFM) to HTML that is safe to inject with dangerouslySetInnerHTML. */
export function renderMarkdown(md: string): string {
  return String(processor.processSync(md));
}

export type Heading = { depth: number; text: string; id: string };

/** Headings in document order with the ids `renderMarkdown` gives them (for a table of contents). */
export function headingsOf(md: string): Heading[] {
  const tree = processor.runSync(processor.parse(md)) as unknown as Root;
  const result: Heading[] = [];
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      if (HEADING.test(child.tagName)) {
        result.push({
          depth: Number(child.tagName.slice(1)),
          text: textOf(child),
          id: String(child.properties.id),
        });
      } else {
        walk(child);
      }
    }
  };
  walk(tree);
  return result;
}

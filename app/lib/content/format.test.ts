import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { normalizeQuestion, questionInputSchema, type Question } from "~/lib/exams/question";
import { translate } from "~/lib/i18n/i18n";
import { en } from "~/lib/i18n/messages.en";
import { vi } from "~/lib/i18n/messages.vi";
import {
  contentErrorText,
  isValidVideoSrc,
  parseCourse,
  questionToInput,
  serializeCourse,
  type ContentError,
  type ContentProblem,
  type CourseBundle,
} from "./format";

// ---------------------------------------------------------------------------
// A small valid course. Line numbers in the error table below refer to these texts.
// ---------------------------------------------------------------------------

const FIXTURE: Record<string, string> = {
  "course.yaml": `slug: demo
title:
  vi: Khoá học thử
  en: Demo course
summary:
  vi: Tóm tắt khoá học
  en: Course summary
audience: citizens
credits: 1.5
durationMinutes: 30
skills: ["1.1", "2.3"]
certificateValidityMonths: 12
modules:
  - key: co-ban
    title:
      vi: Cơ bản
      en: Basics
    lessons: [gioi-thieu, dang-ky]
  - key: nang-cao
    title:
      vi: Nâng cao
      en: Advanced
    lessons:
      - chu-ky-so
`,
  "lessons/01-gioi-thieu.md": `---
title:
  vi: Giới thiệu
  en: Introduction
durationMinutes: 10
video:
  src: /media/gioi-thieu.mp4
  durationSeconds: 90
  transcript: |
    Dòng một.
    Dòng hai.
---
# Giới thiệu

Nội dung **bài 1**.
`,
  "lessons/02-dang-ky.md": `---
title: { vi: Đăng ký, en: Sign-up }
durationMinutes: 5
required: false
---

## Đăng ký tài khoản

1. Mở trang.
2. Bấm **Đăng ký**.
`,
  "lessons/03-chu-ky-so.md": `---
title:
  vi: Chữ ký số
  en: Digital signatures
durationMinutes: 15
video:
  src: mux:abc123XYZ
  durationSeconds: 300
---
Chữ ký số là …

| Loại | Dùng cho |
|---|---|
| USB token | Máy tính |
`,
  "exam.yaml": `title:
  vi: Bài kiểm tra
  en: Final test
timeLimitMinutes: 20
passPercent: 70
maxAttempts: 3
cooldownMinutes: 60
review: answers
pools:
  - pool: co-ban
    draw: 2
  - pool: nang-cao
    draw: 2
banks: [questions.yaml, extra.gift]
`,
  "questions.yaml": `- key: q-single
  type: single
  pool: co-ban
  lessons: [gioi-thieu]
  prompt: Địa chỉ chính thức?
  options:
    - text: dichvucong.gov.vn
      correct: true
    - text: dichvucong.com
      feedback: Giả mạo.

- key: q-multiple
  type: multiple
  pool: co-ban
  lessons: [dang-ky, gioi-thieu]
  points: 2
  prompt: |
    Chọn **các** ý đúng.
    (Nhiều đáp án.)
  options:
    - text: A
      correct: true
    - text: B
      correct: true
    - text: C

- key: q-ordering
  type: ordering
  pool: co-ban
  prompt: Sắp xếp.
  items: [Một, Hai, Ba]

- key: q-short
  type: short
  pool: nang-cao
  lessons: [chu-ky-so]
  prompt: Viết tắt của chữ ký số?
  answers: [CKS, { text: chu ky so, weight: 50 }]

- key: q-numeric
  type: numeric
  pool: nang-cao
  prompt: Bao nhiêu?
  value: 3.5
  tolerance: 0.1

- key: q-matching
  type: matching
  pool: co-ban
  prompt: Ghép.
  pairs:
    - { left: VNeID, right: Định danh }
    - { left: CKS, right: Ký }
`,
  "extra.gift": `// Ngân hàng GIFT
$CATEGORY: nang-cao

::Chu ky so::Chữ ký số có giá trị pháp lý như chữ ký tay. {T}

::OTP::Bạn có nên đưa mã OTP cho người khác? {
=Không
~Có
}
`,
};

function fixture(): Map<string, string> {
  return new Map(Object.entries(FIXTURE));
}

type Files = Map<string, string>;

/** Replace exactly one occurrence, so a drifting fixture fails loudly instead of silently not mutating. */
function edit(files: Files, path: string, from: string, to: string): void {
  const text = files.get(path);
  if (text === undefined) throw new Error(`fixture has no ${path}`);
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`${JSON.stringify(from)} must occur exactly once in ${path}`);
  files.set(path, text.slice(0, at) + to + text.slice(at + from.length));
}

function rename(files: Files, from: string, to: string): void {
  const text = files.get(from);
  if (text === undefined) throw new Error(`fixture has no ${from}`);
  files.delete(from);
  files.set(to, text);
}

function parseOk(dir: string, files: Files): CourseBundle {
  const result = parseCourse(dir, files);
  if (!result.ok) throw new Error(`expected no errors, got:\n${result.errors.map(show).join("\n")}`);
  return result.course;
}

function show(e: ContentError): string {
  return `${e.file}:${e.line}: ${contentErrorText((key, params) => translate(en, key, params), e)}`;
}

// ---------------------------------------------------------------------------

describe("parseCourse: valid fixture", () => {
  it("parses into the bundle shape with defaults applied", () => {
    const course = parseOk("demo", fixture());
    expect(course).toMatchObject({
      slug: "demo",
      title: { vi: "Khoá học thử", en: "Demo course" },
      audience: "citizens",
      credits: 1.5,
      durationMinutes: 30,
      skills: ["1.1", "2.3"],
      certificateValidityMonths: 12,
      deltaCredits: 0,
    });
    expect(course.modules.map((m) => [m.key, m.lessons.map((l) => [l.number, l.key])])).toEqual([
      ["co-ban", [[1, "gioi-thieu"], [2, "dang-ky"]]],
      ["nang-cao", [[3, "chu-ky-so"]]],
    ]);
    const [intro, signup] = course.modules[0].lessons;
    expect(intro.required).toBe(true);
    expect(intro.video).toEqual({ src: "/media/gioi-thieu.mp4", durationSeconds: 90, transcript: "Dòng một.\nDòng hai.\n" });
    expect(intro.markdown).toBe("# Giới thiệu\n\nNội dung **bài 1**.");
    expect(signup.required).toBe(false);
    expect(signup.video).toBeUndefined();
    // The blank line after the front matter is layout, not content.
    expect(signup.markdown.startsWith("## Đăng ký tài khoản")).toBe(true);

    const exam = course.exam!;
    expect(exam).toMatchObject({ timeLimitMinutes: 20, passPercent: 70, maxAttempts: 3, cooldownMinutes: 60, review: "answers" });
    expect(exam.pools).toEqual([
      { pool: "co-ban", draw: 2 },
      { pool: "nang-cao", draw: 2 },
    ]);
    expect(exam.questions.map((q) => [q.key, q.type, q.pool])).toEqual([
      ["q-single", "single", "co-ban"],
      ["q-multiple", "multiple", "co-ban"],
      ["q-ordering", "ordering", "co-ban"],
      ["q-short", "short", "nang-cao"],
      ["q-numeric", "numeric", "nang-cao"],
      ["q-matching", "matching", "co-ban"],
      ["chu-ky-so", "truefalse", "nang-cao"],
      ["otp", "single", "nang-cao"],
    ]);
  });

  it("accepts CRLF line endings and a byte-order mark", () => {
    const files = fixture();
    for (const [path, text] of files) files.set(path, "\uFEFF" + text.replace(/\n/g, "\r\n"));
    expect(parseOk("demo", files)).toEqual(parseOk("demo", fixture()));
  });

  it("accepts unquoted skill codes (YAML reads them as numbers)", () => {
    const files = fixture();
    edit(files, "course.yaml", 'skills: ["1.1", "2.3"]', "skills: [1.1, 2.3]");
    expect(parseOk("demo", files).skills).toEqual(["1.1", "2.3"]);
  });

  it("parses a course without an exam", () => {
    const files = fixture();
    for (const f of ["exam.yaml", "questions.yaml", "extra.gift"]) files.delete(f);
    expect(parseOk("demo", files).exam).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------

type Case = { name: string; mutate: (files: Files) => void; file: string; line: number; error: ContentProblem };

const CASES: Case[] = [
  {
    name: "bad YAML indentation",
    mutate: (f) => edit(f, "course.yaml", "  en: Demo course", " en: Demo course"),
    file: "course.yaml",
    line: 4,
    error: { code: "authoring.format.yamlSyntax", params: { code: "BAD_INDENT" } },
  },
  {
    name: "duplicate YAML key",
    mutate: (f) => edit(f, "course.yaml", "audience: citizens\n", "audience: citizens\naudience: officials\n"),
    file: "course.yaml",
    line: 9,
    error: { code: "authoring.format.yamlDuplicateKey", params: { key: "audience" } },
  },
  {
    name: "unknown key",
    mutate: (f) => edit(f, "course.yaml", "audience: citizens\n", "audience: citizens\ncolour: red\n"),
    file: "course.yaml",
    line: 9,
    error: { code: "authoring.format.unknownKey", params: { key: "colour" } },
  },
  {
    name: "wrong audience",
    mutate: (f) => edit(f, "course.yaml", "audience: citizens", "audience: everyone"),
    file: "course.yaml",
    line: 8,
    error: { code: "authoring.format.enum", path: "audience", params: { options: "citizens, officials, both" } },
  },
  {
    name: "negative credits",
    mutate: (f) => edit(f, "course.yaml", "credits: 1.5", "credits: -1"),
    file: "course.yaml",
    line: 9,
    error: { code: "authoring.format.atLeast", path: "credits", params: { minimum: 0 } },
  },
  {
    name: "missing required field → line of the parent mapping",
    mutate: (f) => edit(f, "course.yaml", "durationMinutes: 30\n", ""),
    file: "course.yaml",
    line: 1,
    error: { code: "authoring.format.required", path: "durationMinutes" },
  },
  {
    name: "missing nested field → line of its parent key",
    mutate: (f) => edit(f, "course.yaml", "  en: Demo course\n", ""),
    file: "course.yaml",
    line: 2,
    error: { code: "authoring.format.required", path: "title.en" },
  },
  {
    name: "bad skill code",
    mutate: (f) => edit(f, "course.yaml", '["1.1", "2.3"]', '["1.1", "6.1"]'),
    file: "course.yaml",
    line: 11,
    error: { code: "authoring.format.skill", path: "skills[1]" },
  },
  {
    name: "repeated skill",
    mutate: (f) => edit(f, "course.yaml", '["1.1", "2.3"]', '["1.1", "1.1"]'),
    file: "course.yaml",
    line: 11,
    error: { code: "authoring.format.duplicate", path: "skills[1]", params: { value: "1.1", first: 0 } },
  },
  {
    name: "slug differs from folder name",
    mutate: (f) => edit(f, "course.yaml", "slug: demo", "slug: other"),
    file: "course.yaml",
    line: 1,
    error: { code: "authoring.format.slugMismatch", path: "slug", params: { slug: "other", folder: "demo" } },
  },
  {
    name: "certificate validity not a positive integer",
    mutate: (f) => edit(f, "course.yaml", "certificateValidityMonths: 12", "certificateValidityMonths: 0"),
    file: "course.yaml",
    line: 12,
    error: { code: "authoring.format.greaterThan", path: "certificateValidityMonths", params: { minimum: 0 } },
  },
  {
    name: "lesson listed but file missing",
    mutate: (f) => f.delete("lessons/02-dang-ky.md"),
    file: "course.yaml",
    line: 18,
    error: { code: "authoring.format.lessonFileMissing", path: "modules[0].lessons[1]", params: { file: "lessons/02-dang-ky.md" } },
  },
  {
    name: "lesson listed twice",
    mutate: (f) => edit(f, "course.yaml", "      - chu-ky-so\n", "      - chu-ky-so\n      - dang-ky\n"),
    file: "course.yaml",
    line: 25,
    error: { code: "authoring.format.lessonListedTwice", path: "modules[1].lessons[1]", params: { lesson: "dang-ky" } },
  },
  {
    name: "lesson file not listed",
    mutate: (f) => f.set("lessons/04-phu-luc.md", "---\ntitle: { vi: Phụ lục, en: Appendix }\ndurationMinutes: 3\n---\nNội dung.\n"),
    file: "lessons/04-phu-luc.md",
    line: 1,
    error: { code: "authoring.format.lessonNotListed", params: { file: "lessons/04-phu-luc.md" } },
  },
  {
    name: "file name not NN-key.md",
    mutate: (f) => rename(f, "lessons/02-dang-ky.md", "lessons/2-dang-ky.md"),
    file: "lessons/2-dang-ky.md",
    line: 1,
    error: { code: "authoring.format.lessonFileName", params: { file: "lessons/2-dang-ky.md" } },
  },
  {
    name: "numbering not consecutive",
    mutate: (f) => rename(f, "lessons/03-chu-ky-so.md", "lessons/04-chu-ky-so.md"),
    file: "lessons/04-chu-ky-so.md",
    line: 1,
    error: { code: "authoring.format.lessonNumber", params: { lesson: "chu-ky-so", position: 3, file: "lessons/03-chu-ky-so.md" } },
  },
  {
    name: "front matter missing",
    mutate: (f) => f.set("lessons/02-dang-ky.md", "## Đăng ký\n\nNội dung.\n"),
    file: "lessons/02-dang-ky.md",
    line: 1,
    error: { code: "authoring.format.frontMatterMissing" },
  },
  {
    name: "front matter not closed",
    mutate: (f) => edit(f, "lessons/02-dang-ky.md", "required: false\n---\n", "required: false\n"),
    file: "lessons/02-dang-ky.md",
    line: 1,
    error: { code: "authoring.format.frontMatterUnclosed" },
  },
  {
    name: "empty body",
    mutate: (f) => f.set("lessons/02-dang-ky.md", "---\ntitle: { vi: Đăng ký, en: Sign-up }\ndurationMinutes: 5\n---\n\n   \n"),
    file: "lessons/02-dang-ky.md",
    line: 5,
    error: { code: "authoring.format.lessonEmpty" },
  },
  {
    name: "YAML error in front matter (line offset by the --- line)",
    mutate: (f) => edit(f, "lessons/03-chu-ky-so.md", "durationMinutes: 15", " durationMinutes: 15"),
    file: "lessons/03-chu-ky-so.md",
    line: 5,
    error: { code: "authoring.format.yamlSyntax", params: { code: "BAD_INDENT" } },
  },
  {
    name: "unknown front matter key",
    mutate: (f) => edit(f, "lessons/02-dang-ky.md", "required: false\n", "required: false\nauthor: An\n"),
    file: "lessons/02-dang-ky.md",
    line: 5,
    error: { code: "authoring.format.unknownKey", params: { key: "author" } },
  },
  {
    name: "lesson duration not an integer",
    mutate: (f) => edit(f, "lessons/03-chu-ky-so.md", "durationMinutes: 15", "durationMinutes: 1.5"),
    file: "lessons/03-chu-ky-so.md",
    line: 5,
    error: { code: "authoring.format.expectedInteger", path: "durationMinutes" },
  },
  {
    name: "video without durationSeconds",
    mutate: (f) => edit(f, "lessons/01-gioi-thieu.md", "  durationSeconds: 90\n", ""),
    file: "lessons/01-gioi-thieu.md",
    line: 6,
    error: { code: "authoring.format.required", path: "video.durationSeconds" },
  },
  {
    name: "video src not allowed",
    mutate: (f) => edit(f, "lessons/01-gioi-thieu.md", "/media/gioi-thieu.mp4", "http://example.com/a.mp4"),
    file: "lessons/01-gioi-thieu.md",
    line: 7,
    error: { code: "authoring.format.videoSrc", path: "video.src" },
  },
  {
    name: "time limit out of range",
    mutate: (f) => edit(f, "exam.yaml", "timeLimitMinutes: 20", "timeLimitMinutes: 601"),
    file: "exam.yaml",
    line: 4,
    error: { code: "authoring.format.atMost", path: "timeLimitMinutes", params: { maximum: 600 } },
  },
  {
    name: "unknown review policy",
    mutate: (f) => edit(f, "exam.yaml", "review: answers", "review: everything"),
    file: "exam.yaml",
    line: 8,
    error: { code: "authoring.format.enum", path: "review", params: { options: "score, answers, full" } },
  },
  {
    name: "draw more than the pool holds",
    mutate: (f) => edit(f, "exam.yaml", "  - pool: nang-cao\n    draw: 2", "  - pool: nang-cao\n    draw: 9"),
    file: "exam.yaml",
    line: 13,
    error: { code: "authoring.format.poolTooSmall", path: "pools[1].draw", params: { draw: 9, pool: "nang-cao", have: 4 } },
  },
  {
    name: "pool absent",
    mutate: (f) => edit(f, "exam.yaml", "pool: co-ban", "pool: co-bann"),
    file: "exam.yaml",
    line: 10,
    error: { code: "authoring.format.poolEmpty", path: "pools[0].pool", params: { pool: "co-bann" } },
  },
  {
    name: "bank file missing",
    mutate: (f) => f.delete("extra.gift"),
    file: "exam.yaml",
    line: 14,
    error: { code: "authoring.format.bankMissing", path: "banks[1]", params: { file: "extra.gift" } },
  },
  {
    name: "bank file not listed",
    mutate: (f) => f.set("spare.yaml", "[]\n"),
    file: "spare.yaml",
    line: 1,
    error: { code: "authoring.format.bankNotListed", params: { file: "spare.yaml" } },
  },
  {
    name: "question with no correct option",
    mutate: (f) => edit(f, "questions.yaml", "dichvucong.gov.vn\n      correct: true\n", "dichvucong.gov.vn\n"),
    file: "questions.yaml",
    line: 6,
    error: { code: "authoring.q.err.noFull", path: "[0].options" },
  },
  {
    name: "single with two correct options",
    mutate: (f) => edit(f, "questions.yaml", "      feedback: Giả mạo.", "      correct: true\n      feedback: Giả mạo."),
    file: "questions.yaml",
    line: 6,
    error: { code: "authoring.q.err.oneCorrect", path: "[0].options" },
  },
  {
    name: "unknown question field",
    mutate: (f) => edit(f, "questions.yaml", "  points: 2\n", "  point: 2\n"),
    file: "questions.yaml",
    line: 16,
    error: { code: "authoring.format.unknownKey", path: "[1]", params: { key: "point" } },
  },
  {
    name: "duplicate question key",
    mutate: (f) => edit(f, "questions.yaml", "key: q-ordering", "key: q-single"),
    file: "questions.yaml",
    line: 27,
    error: { code: "authoring.format.questionKeyTwice", params: { key: "q-single", file: "questions.yaml", line: 1 } },
  },
  {
    name: "duplicate question key across banks",
    mutate: (f) => edit(f, "extra.gift", "::OTP::", "::Q single::"),
    file: "extra.gift",
    line: 6,
    error: { code: "authoring.format.questionKeyTwice", params: { key: "q-single", file: "questions.yaml", line: 1 } },
  },
  {
    name: "question tagged to an unknown lesson",
    mutate: (f) => edit(f, "questions.yaml", "lessons: [dang-ky, gioi-thieu]", "lessons: [dang-ky, khong-co]"),
    file: "questions.yaml",
    line: 15,
    error: { code: "authoring.format.questionLesson", params: { question: "q-multiple", lesson: "khong-co" } },
  },
  {
    name: "question bank that is not a list",
    mutate: (f) => f.set("questions.yaml", "# comment\nkey: q\n"),
    file: "questions.yaml",
    line: 2,
    error: { code: "authoring.format.bankNotList" },
  },
  {
    name: "GIFT syntax error at its line",
    mutate: (f) => edit(f, "extra.gift", "~Có\n}\n", "~Có\n"),
    file: "extra.gift",
    line: 6,
    error: { code: "exams.import.gift.braceUnclosed" },
  },
  {
    name: "GIFT unsupported question kind",
    mutate: (f) => edit(f, "extra.gift", "// Ngân hàng GIFT\n", "// Ngân hàng GIFT\n\n::Viết::Trình bày suy nghĩ của bạn. {}\n"),
    file: "extra.gift",
    line: 3,
    error: { code: "authoring.format.giftUnsupported", params: { kind: "essay" } },
  },
];

describe("parseCourse: malformed inputs", () => {
  it("covers at least 15 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(CASES)("$name → $file:$line", ({ mutate, file, line, error }) => {
    const files = fixture();
    mutate(files);
    const result = parseCourse("demo", files);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors, errors.map(show).join("\n")).toContainEqual({ file: `demo/${file}`, line, ...error });
  });

  it("collects all errors across files instead of stopping at the first", () => {
    const files = fixture();
    edit(files, "course.yaml", "slug: demo", "slug: khac");
    edit(files, "course.yaml", "audience: citizens", "audience: everyone");
    edit(files, "course.yaml", "credits: 1.5", "credits: -1");
    files.delete("lessons/02-dang-ky.md");
    edit(files, "lessons/03-chu-ky-so.md", "durationMinutes: 15", "durationMinutes: 0");
    edit(files, "exam.yaml", "review: answers", "review: nope");
    edit(files, "questions.yaml", "key: q-ordering", "key: q-single");
    const result = parseCourse("demo", files);
    expect(result.ok).toBe(false);
    const where = result.ok ? [] : result.errors.map((e) => `${e.file}:${e.line}`);
    expect(where).toEqual([
      "demo/course.yaml:1",
      "demo/course.yaml:8",
      "demo/course.yaml:9",
      "demo/course.yaml:18",
      "demo/exam.yaml:8",
      "demo/lessons/03-chu-ky-so.md:5",
      "demo/questions.yaml:27",
    ]);
  });

  it("words an error in the reader's language, its YAML path first", () => {
    const files = fixture();
    edit(files, "course.yaml", "slug: demo", "slug: other");
    const result = parseCourse("demo", files);
    const error = result.ok ? undefined : result.errors.find((e) => e.code === "authoring.format.slugMismatch");
    if (!error) throw new Error("expected a slug mismatch");
    expect(contentErrorText((key, params) => translate(vi, key, params), error)).toBe("slug: Địa chỉ “other” không khớp với tên thư mục “demo”; hãy đặt hai tên giống nhau.");
    expect(contentErrorText((key, params) => translate(en, key, params), error)).toBe("slug: The slug “other” does not match the folder name “demo”; make them the same.");
  });

  it("reports a missing course.yaml", () => {
    const files = fixture();
    files.delete("course.yaml");
    const result = parseCourse("demo", files);
    expect(result.ok ? [] : result.errors).toContainEqual({ file: "demo/course.yaml", line: 1, code: "authoring.format.courseYamlMissing" });
  });
});

// ---------------------------------------------------------------------------

describe("serializeCourse", () => {
  it("round-trips the fixture and is stable", () => {
    const course = parseOk("demo", fixture());
    const files = serializeCourse(course);
    expect([...files.keys()].sort()).toEqual([
      "course.yaml",
      "exam.yaml",
      "lessons/01-gioi-thieu.md",
      "lessons/02-dang-ky.md",
      "lessons/03-chu-ky-so.md",
      "questions.yaml",
    ]);
    expect(parseOk("demo", files)).toEqual(course);
    expect(serializeCourse(course)).toEqual(files);
    expect(serializeCourse(parseOk("demo", files))).toEqual(files);
    // GIFT questions move into questions.yaml, the only bank an export writes.
    expect(files.get("exam.yaml")).toContain("banks: [questions.yaml]");
    expect(files.get("questions.yaml")).toContain("key: otp");
  });

  it("writes readable YAML: block literals for multi-line text, no re-wrapping, inline key lists", () => {
    const course = parseOk("demo", fixture());
    const long = "Một câu rất dài ".repeat(20).trim();
    course.summary.vi = long;
    const files = serializeCourse(course);
    const courseYaml = files.get("course.yaml")!;
    expect(courseYaml).toContain(`  vi: ${long}\n`);
    expect(courseYaml).toContain("skills: [\"1.1\", \"2.3\"]");
    expect(courseYaml).toContain("lessons: [gioi-thieu, dang-ky]");
    expect(files.get("lessons/01-gioi-thieu.md")).toContain("  transcript: |\n    Dòng một.\n    Dòng hai.\n");
    expect(files.get("lessons/01-gioi-thieu.md")!.startsWith("---\ntitle:\n")).toBe(true);
    expect(files.get("questions.yaml")).toContain("  prompt: |-\n    Chọn **các** ý đúng.\n    (Nhiều đáp án.)\n");
  });

  it("names lesson files by global position and renumbers after a move", () => {
    const course = parseOk("demo", fixture());
    const [intro, signup] = course.modules[0].lessons;
    course.modules[0].lessons = [signup];
    course.modules[1].lessons.push(intro);
    const files = serializeCourse(course);
    expect([...files.keys()].filter((k) => k.startsWith("lessons/"))).toEqual([
      "lessons/01-dang-ky.md",
      "lessons/02-chu-ky-so.md",
      "lessons/03-gioi-thieu.md",
    ]);
    const again = parseOk("demo", files);
    expect(again.modules[1].lessons.map((l) => [l.number, l.key])).toEqual([
      [2, "chu-ky-so"],
      [3, "gioi-thieu"],
    ]);
  });

  it("round-trips awkward strings exactly", () => {
    const course = parseOk("demo", fixture());
    const lesson = course.modules[0].lessons[0];
    lesson.title = { vi: "Tiêu đề: có dấu hai chấm # và dấu thăng", en: "'quoted' \"both\" - dash" };
    lesson.markdown = "    indented code first\n\n---\n\nA horizontal rule above, trailing spaces  \nthen a hard break.\n\n```yaml\nkey: value\n---\n```";
    lesson.video = { src: "https://cdn.example.com/v/master.m3u8", durationSeconds: 61, transcript: "  leading spaces\nand: colon\n\n\ntrailing blank lines\n\n" };
    course.summary = { vi: "yes", en: "123" };
    course.modules[1].title.en = "null";
    course.deltaCredits = 0.5;
    const files = serializeCourse(course);
    expect(parseOk("demo", files)).toEqual(course);
    expect(serializeCourse(parseOk("demo", files))).toEqual(files);
  });
});

describe("questionToInput", () => {
  const inputs: unknown[] = [
    { key: "a", type: "single", prompt: "P", options: [{ text: "x", correct: true }, { text: "y", weight: 50, feedback: "gần đúng" }, { text: "z", weight: -25 }] },
    { key: "b", type: "multiple", prompt: "P", options: [{ text: "x", correct: true }, { text: "y", correct: true }, { text: "z" }] },
    { key: "c", type: "multiple", prompt: "P", options: [{ text: "x", weight: 70 }, { text: "y", weight: 30 }, { text: "z", weight: -100 }, { text: "w", weight: 0 }] },
    { key: "d", type: "truefalse", prompt: "P", answer: false, feedbackTrue: "Sai", explanation: "Vì…" },
    { key: "e", type: "short", prompt: "P", answers: ["Hà Nội", { text: "Ha Noi", weight: 50 }], diacriticsMatter: true },
    { key: "f", type: "numeric", prompt: "P", min: 1, max: 2 },
    { key: "g", type: "numeric", prompt: "P", answers: [{ value: 3.14, tolerance: 0.01 }, { min: 3, max: 4, weight: 33.33333 }] },
    { key: "h", type: "matching", prompt: "P", pairs: [{ left: "a", right: "1" }, { left: "b", right: "2" }] },
    { key: "i", type: "ordering", pool: "p", lessons: ["l-1"], points: 3, prompt: "P", items: ["1", "2", "3"] },
  ];

  it.each(inputs)("normalizeQuestion(questionToInput(q)) deep-equals q: %j", (raw) => {
    const q: Question = normalizeQuestion(questionInputSchema.parse(raw));
    const back = normalizeQuestion(questionInputSchema.parse(questionToInput(q)));
    expect(back).toEqual(q);
  });

  it("writes correct: true rather than default weights, and weight only when it differs", () => {
    const q = normalizeQuestion(questionInputSchema.parse(inputs[1]));
    expect(questionToInput(q)).toEqual({
      key: "b",
      type: "multiple",
      pool: "default",
      points: 1,
      prompt: "P",
      options: [{ text: "x", correct: true }, { text: "y", correct: true }, { text: "z" }],
    });
  });
});

describe("isValidVideoSrc", () => {
  it.each<[string, boolean]>([
    ["/media/a.mp4", true],
    ["/media/khoa-hoc/a.m3u8", true],
    ["mux:AbC123", true],
    ["https://cdn.example.com/x/master.m3u8", true],
    ["https://cdn.example.com/x/video.MP4?token=1", true],
    ["/media/", false],
    ["/media/../secret", false],
    ["/other/a.mp4", false],
    ["mux:", false],
    ["mux:abc/def", false],
    ["http://cdn.example.com/a.mp4", false],
    ["https://cdn.example.com/a.webm", false],
    ["javascript:alert(1)//.mp4", false],
  ])("%j → %s", (src, ok) => {
    expect(isValidVideoSrc(src)).toBe(ok);
  });
});

// ---------------------------------------------------------------------------
// The real course folders in the repository.
// ---------------------------------------------------------------------------

const COURSES_DIR = fileURLToPath(new URL("../../../content/courses", import.meta.url));
const EXPECTED_COURSES = ["ky-nang-so-cho-cong-dan", "mot-cua-dien-tu-cho-can-bo", "an-toan-thong-tin-cho-cong-chuc"];
const present = existsSync(COURSES_DIR) ? readdirSync(COURSES_DIR).filter((d) => statSync(join(COURSES_DIR, d)).isDirectory()) : [];
const courseDirs = [...new Set([...EXPECTED_COURSES, ...present])].sort();

function readCourse(dir: string): Files {
  const files: Files = new Map();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const full = join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(dir, full).split(sep).join("/"), readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return files;
}

describe("real courses under content/courses", () => {
  for (const name of courseDirs) {
    const dir = join(COURSES_DIR, name);
    // An expected course that is missing fails, as does a half-written one.
    it(`${name} parses without errors and round-trips`, () => {
      expect(existsSync(dir), `content/courses/${name} is missing`).toBe(true);
      const course = parseOk(name, readCourse(dir));
      expect(course.modules.length).toBeGreaterThan(0);
      const files = serializeCourse(course);
      expect(parseOk(name, files)).toEqual(course);
      expect(serializeCourse(course)).toEqual(files);
    });
  }
});

import { describe, expect, it } from "vitest";
import { type GiftErrorCode, locateIssue, parseGift, unescapeGift } from "./gift";
import { type Question, validateQuestion } from "./question";
import { fnv1aHex } from "./rng";

/** Lines joined with \n, so a test's line numbers are its array indexes + 1. */
const src = (...lines: string[]) => lines.join("\n");

function only(text: string): Question {
  const result = parseGift(text);
  expect(result.errors).toEqual([]);
  expect(result.unsupported).toEqual([]);
  expect(result.questions).toHaveLength(1);
  return result.questions[0];
}

describe("parseGift: question types", () => {
  it.each<{ name: string; text: string; expected: Partial<Question> & Record<string, unknown> }>([
    {
      name: "single choice",
      text: "::Thủ đô:: Thủ đô của Việt Nam? {=Hà Nội ~Huế ~Sài Gòn}",
      expected: {
        key: "thu-do",
        type: "single",
        prompt: "Thủ đô của Việt Nam?",
        pool: "default",
        lessons: [],
        points: 1,
        options: [
          { id: "a", text: "Hà Nội", weight: 1 },
          { id: "b", text: "Huế", weight: 0 },
          { id: "c", text: "Sài Gòn", weight: 0 },
        ],
      },
    },
    {
      name: "single choice with per-answer feedback",
      text: "Q? {=yes#Đúng rồi ~no#Sai rồi}",
      expected: {
        type: "single",
        options: [
          { id: "a", text: "yes", weight: 1, feedback: "Đúng rồi" },
          { id: "b", text: "no", weight: 0, feedback: "Sai rồi" },
        ],
      },
    },
    {
      name: "single choice with partial credit and a penalty",
      text: "Q? {=best ~%50%good ~%-100%harmful ~meh}",
      expected: {
        type: "single",
        options: [
          { id: "a", text: "best", weight: 1 },
          { id: "b", text: "good", weight: 0.5 },
          { id: "c", text: "harmful", weight: -1 },
          { id: "d", text: "meh", weight: 0 },
        ],
      },
    },
    {
      name: "only ~ answers are checkboxes, as in Moodle, even with one ~%100%",
      text: "Q? {~%100%right ~wrong}",
      expected: {
        type: "multiple",
        options: [
          { id: "a", text: "right", weight: 1 },
          { id: "b", text: "wrong", weight: -1 },
        ],
      },
    },
    {
      name: "multiple answers with an explicit penalty",
      text: "Q? {~%50%a ~%50%b ~%-100%c}",
      expected: {
        type: "multiple",
        options: [
          { id: "a", text: "a", weight: 0.5 },
          { id: "b", text: "b", weight: 0.5 },
          { id: "c", text: "c", weight: -1 },
        ],
      },
    },
    {
      name: "multiple answers: unweighted wrong answers cost 1/(number correct)",
      text: "Q? {~%50%a ~%50%b ~c ~d}",
      expected: {
        type: "multiple",
        options: [
          { id: "a", text: "a", weight: 0.5 },
          { id: "b", text: "b", weight: 0.5 },
          { id: "c", text: "c", weight: -0.5 },
          { id: "d", text: "d", weight: -0.5 },
        ],
      },
    },
    {
      name: "true",
      text: "Mặt trời mọc ở hướng đông. {T}",
      expected: { type: "truefalse", answer: true, prompt: "Mặt trời mọc ở hướng đông." },
    },
    { name: "TRUE", text: "S {TRUE}", expected: { type: "truefalse", answer: true } },
    { name: "F", text: "S {F}", expected: { type: "truefalse", answer: false } },
    { name: "FALSE", text: "S {FALSE}", expected: { type: "truefalse", answer: false } },
    { name: "lower-case true", text: "S {true}", expected: { type: "truefalse", answer: true } },
    {
      name: "true with feedback for the wrong and the right answer",
      text: "S {T#Sai: nó đúng#Chính xác}",
      expected: { type: "truefalse", answer: true, feedbackFalse: "Sai: nó đúng", feedbackTrue: "Chính xác" },
    },
    {
      name: "false with feedback",
      text: "S {FALSE#wrong fb#right fb}",
      expected: { type: "truefalse", answer: false, feedbackTrue: "wrong fb", feedbackFalse: "right fb" },
    },
    {
      name: "true with only the wrong-answer feedback",
      text: "S {T#only wrong}",
      expected: { type: "truefalse", answer: true, feedbackFalse: "only wrong" },
    },
    {
      name: "short answer",
      text: "Số gọi cứu hoả? {=114 =một một bốn}",
      expected: {
        type: "short",
        diacriticsMatter: false,
        answers: [
          { text: "114", weight: 1 },
          { text: "một một bốn", weight: 1 },
        ],
      },
    },
    {
      name: "a lone = answer is short answer",
      text: "Who? {=Bác Hồ}",
      expected: { type: "short", answers: [{ text: "Bác Hồ", weight: 1 }] },
    },
    {
      name: "weighted short answers",
      text: "Q {=%100%Hà Nội =%50%Hanoi}",
      expected: {
        type: "short",
        answers: [
          { text: "Hà Nội", weight: 1 },
          { text: "Hanoi", weight: 0.5 },
        ],
      },
    },
    {
      name: "numeric with tolerance",
      text: "Pi? {#3.14:0.01}",
      expected: { type: "numeric", answers: [{ kind: "tolerance", value: 3.14, tolerance: 0.01, weight: 1 }] },
    },
    {
      name: "numeric integer with tolerance",
      text: "Q {#3:2}",
      expected: { type: "numeric", answers: [{ kind: "tolerance", value: 3, tolerance: 2, weight: 1 }] },
    },
    {
      name: "numeric exact",
      text: "Q {#42}",
      expected: { type: "numeric", answers: [{ kind: "tolerance", value: 42, tolerance: 0, weight: 1 }] },
    },
    {
      name: "numeric with decimal commas",
      text: "Q {#3,5:0,1}",
      expected: { type: "numeric", answers: [{ kind: "tolerance", value: 3.5, tolerance: 0.1, weight: 1 }] },
    },
    {
      name: "numeric negative",
      text: "Q {#-5:0.5}",
      expected: { type: "numeric", answers: [{ kind: "tolerance", value: -5, tolerance: 0.5, weight: 1 }] },
    },
    {
      name: "numeric range",
      text: "Q {#1..5}",
      expected: { type: "numeric", answers: [{ kind: "range", min: 1, max: 5, weight: 1 }] },
    },
    {
      name: "numeric negative range",
      text: "Q {#-10..-2.5}",
      expected: { type: "numeric", answers: [{ kind: "range", min: -10, max: -2.5, weight: 1 }] },
    },
    {
      name: "numeric with several weighted answers",
      text: "Q {#=3:0 =%50%4:1}",
      expected: {
        type: "numeric",
        answers: [
          { kind: "tolerance", value: 3, tolerance: 0, weight: 1 },
          { kind: "tolerance", value: 4, tolerance: 1, weight: 0.5 },
        ],
      },
    },
    {
      name: "numeric answers with feedback and a ~ feedback-only answer",
      text: "Năm? {#=1945:0#Chính xác =%50%1945:2#Gần đúng ~#Sai}",
      expected: {
        type: "numeric",
        answers: [
          { kind: "tolerance", value: 1945, tolerance: 0, weight: 1 },
          { kind: "tolerance", value: 1945, tolerance: 2, weight: 0.5 },
        ],
      },
    },
    {
      name: "numeric range among several answers",
      text: "Q {#=%100%2..3 =%25%0..10}",
      expected: {
        type: "numeric",
        answers: [
          { kind: "range", min: 2, max: 3, weight: 1 },
          { kind: "range", min: 0, max: 10, weight: 0.25 },
        ],
      },
    },
    {
      name: "single numeric answer with feedback",
      text: "Q {#7:0#Bảy}",
      expected: { type: "numeric", answers: [{ kind: "tolerance", value: 7, tolerance: 0, weight: 1 }] },
    },
    {
      name: "matching",
      text: "Ghép số khẩn cấp {=113 -> Công an =114 -> Cứu hoả =115 -> Cấp cứu}",
      expected: {
        type: "matching",
        pairs: [
          { id: "a", left: "113", right: "Công an" },
          { id: "b", left: "114", right: "Cứu hoả" },
          { id: "c", left: "115", right: "Cấp cứu" },
        ],
      },
    },
    {
      name: "matching without spaces around the arrow",
      text: "Q {=a->1 =b->2}",
      expected: {
        type: "matching",
        pairs: [
          { id: "a", left: "a", right: "1" },
          { id: "b", left: "b", right: "2" },
        ],
      },
    },
    {
      name: "missing word in the middle",
      text: "Moodle costs {~lots of money =nothing ~a small amount} to download.",
      expected: { type: "single", prompt: "Moodle costs ___ to download." },
    },
    {
      name: "missing word with only punctuation after",
      text: "Thủ đô của Việt Nam là {=Hà Nội ~Huế}.",
      expected: { type: "single", prompt: "Thủ đô của Việt Nam là ___." },
    },
    {
      name: "answer block first",
      text: "{=Hà Nội ~Huế} là thủ đô.",
      expected: { type: "single", prompt: "___ là thủ đô." },
    },
    {
      name: "general feedback becomes the explanation",
      text: "Q? {=a ~b ####Vì a là đúng.}",
      expected: { type: "single", explanation: "Vì a là đúng." },
    },
    {
      name: "general feedback on true/false",
      text: "S {T####Giải thích}",
      expected: { type: "truefalse", answer: true, explanation: "Giải thích" },
    },
  ])("$name", ({ text, expected }) => {
    const q = only(text);
    expect(q).toMatchObject(expected);
    expect(validateQuestion(q)).toEqual([]);
  });

  it("treats Moodle's 33.33333% as an exact third", () => {
    const q = only("Q {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}");
    expect(q.type).toBe("multiple");
    if (q.type !== "multiple") return;
    expect(q.options.map((o) => o.weight)).toEqual([
      expect.closeTo(1 / 3, 12),
      expect.closeTo(1 / 3, 12),
      expect.closeTo(1 / 3, 12),
      -1,
    ]);
  });

  it("reads answers spread over several lines", () => {
    const q = only(
      src("::Màu:: Màu nào nằm giữa cam và xanh lá?", "{", "  =vàng # đúng", "  ~đỏ # sai", "  ~xanh dương", "}"),
    );
    expect(q).toMatchObject({
      key: "mau",
      prompt: "Màu nào nằm giữa cam và xanh lá?",
      options: [
        { text: "vàng", weight: 1, feedback: "đúng" },
        { text: "đỏ", weight: 0, feedback: "sai" },
        { text: "xanh dương", weight: 0 },
      ],
    });
  });

  it("keeps a multi-line prompt", () => {
    expect(only(src("Dòng một", "dòng hai {T}")).prompt).toBe("Dòng một\ndòng hai");
  });
});

describe("parseGift: text handling", () => {
  it.each<{ name: string; text: string; prompt?: string; options?: string[]; title?: string }>([
    {
      name: "escaped markup characters",
      text: "a \\~ b \\= c \\# d \\{e\\} f\\: g {T}",
      prompt: "a ~ b = c # d {e} f: g",
    },
    { name: "\\n is a line break", text: "Dòng 1\\nDòng 2 {T}", prompt: "Dòng 1\nDòng 2" },
    { name: "an escaped backslash", text: "a\\\\b {T}", prompt: "a\\b" },
    { name: "unknown escapes survive (LaTeX)", text: "Tính \\(x^2\\) {T}", prompt: "Tính \\(x^2\\)" },
    { name: "escapes in answers", text: "Q {=C\\# ~F\\~ ~a\\=b ~x\\{y\\}}", options: ["C#", "F~", "a=b", "x{y}"] },
    { name: "# starts feedback only when unescaped", text: "Q {=a\\#1#fb ~b}", options: ["a#1", "b"] },
    { name: "markdown is kept as is", text: "[markdown]**Đậm** và _nghiêng_ {T}", prompt: "**Đậm** và _nghiêng_" },
    { name: "plain shows its markup as text", text: "[plain]<b>not html</b> {T}", prompt: "\\<b\\>not html\\</b\\>" },
    { name: "moodle format is kept as is", text: "[moodle]Hello {T}", prompt: "Hello" },
    {
      name: "html becomes Markdown",
      text: "[html]<p>Xin <b>chào</b> &amp; tạm biệt&nbsp;bạn</p> {T}",
      prompt: "Xin **chào** & tạm biệt bạn",
    },
    { name: "html line breaks are hard breaks", text: "[html]a<br>b<br/>c {T}", prompt: "a  \nb  \nc" },
    { name: "html numeric entities", text: "[html]&#272;&#x1ea1;i {T}", prompt: "Đại" },
    {
      name: "html format applies to the answers",
      text: "[html]Q {=<b>đúng</b> ~<i>sai</i>}",
      options: ["đúng", "sai"],
    },
    { name: "an answer's own format tag", text: "Q {=[html]<b>x</b> ~y}", options: ["x", "y"] },
    { name: "format after a title", text: "::T::[html]<p>Hi</p> {T}", prompt: "Hi", title: "t" },
    { name: "escaped colon in a title", text: "::Bài 1\\: mở đầu:: Q {T}", title: "bai-1-mo-dau" },
    { name: "Windows line endings", text: "::A::\r\nQ?\r\n{T}", prompt: "Q?", title: "a" },
    { name: "a byte-order mark", text: "\uFEFF::A:: Q {T}", prompt: "Q", title: "a" },
  ])("$name", ({ text, prompt, options, title }) => {
    const q = only(text);
    if (prompt !== undefined) expect(q.prompt).toBe(prompt);
    if (options !== undefined && (q.type === "single" || q.type === "multiple")) {
      expect(q.options.map((o) => o.text)).toEqual(options);
    } else if (options !== undefined) {
      throw new Error(`expected a choice question, got ${q.type}`);
    }
    if (title !== undefined) expect(q.key).toBe(title);
  });

  it("unescapeGift", () => {
    expect(unescapeGift("\\~\\=\\#\\{\\}\\:\\n\\\\\\x")).toBe("~=#{}:\n\\\\x");
  });
});

describe("parseGift: files", () => {
  it("skips comments and blank lines and numbers nothing wrong", () => {
    const result = parseGift(
      src(
        "// Bộ câu hỏi dịch vụ công",
        "// tác giả: …",
        "",
        "",
        "::Q1:: Một? {T}",
        "   ",
        "// giữa hai câu",
        "::Q2::",
        "// comment inside a question does not end it",
        "Hai? {F}",
        "",
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.key, q.prompt])).toEqual([
      ["q1", "Một?"],
      ["q2", "Hai?"],
    ]);
  });

  it("uses $CATEGORY's whole path, after Moodle's $course$/top, as the pool", () => {
    const result = parseGift(
      src(
        "Trước mọi danh mục {T}",
        "",
        "$CATEGORY: $course$/top/Dịch vụ công/Đăng nhập VNeID",
        "",
        "Q1 {T}",
        "",
        "Q2 {F}",
        "",
        "$CATEGORY: An toàn/",
        "Q3 {T}",
        "",
        "$CATEGORY:",
        "",
        "Q4 {T}",
      ),
      { defaultPool: "chung" },
    );
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => [q.prompt, q.pool])).toEqual([
      ["Trước mọi danh mục", "chung"],
      ["Q1", "dich-vu-cong-dang-nhap-vneid"],
      ["Q2", "dich-vu-cong-dang-nhap-vneid"],
      ["Q3", "an-toan"],
      ["Q4", "chung"],
    ]);
  });

  it("makes keys from titles, or from a hash of the prompt", () => {
    const result = parseGift(
      src(
        "::Câu 1: Đăng nhập:: A {T}",
        "",
        "Không có tiêu đề {T}",
        "",
        "::!!!:: Tiêu đề không có chữ {T}",
        "",
        "::Câu 1: Đăng nhập:: B {T}",
        "",
        "::Câu 1 đăng nhập:: C {T}",
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.key)).toEqual([
      "cau-1-dang-nhap",
      `q-${fnv1aHex("Không có tiêu đề")}`,
      `q-${fnv1aHex("Tiêu đề không có chữ")}`,
      "cau-1-dang-nhap-2",
      "cau-1-dang-nhap-3",
    ]);
    expect(result.questions[1].key).toMatch(/^q-[0-9a-f]{8}$/);
  });

  it("gives identical untitled prompts distinct keys", () => {
    const result = parseGift(src("Giống nhau {T}", "", "Giống nhau {F}"));
    const hash = `q-${fnv1aHex("Giống nhau")}`;
    expect(result.questions.map((q) => q.key)).toEqual([hash, `${hash}-2`]);
  });

  it("does not let a failed question take a key", () => {
    const result = parseGift(src("::K:: bad {~a ~b}", "", "::K:: good {T}"));
    expect(result.errors).toHaveLength(1);
    expect(result.questions.map((q) => q.key)).toEqual(["k"]);
  });

  it("keeps going after errors and reports each with its line", () => {
    const result = parseGift(
      src(
        "::ok1:: A {T}", // 1
        "", // 2
        "::bad1:: B {=a ~b", // 3
        "", // 4
        "::ok2:: C {F}", // 5
        "", // 6
        "::bad2:: D {~x ~y}", // 7
        "", // 8
        "::ok3:: E {#1}", // 9
      ),
    );
    expect(result.questions.map((q) => q.key)).toEqual(["ok1", "ok2", "ok3"]);
    expect(result.errors.map((e) => e.line)).toEqual([3, 7]);
  });

  it("returns empty results for an empty file", () => {
    expect(parseGift("")).toEqual({ questions: [], errors: [], unsupported: [], notices: [] });
    expect(parseGift("// only a comment\n\n")).toEqual({ questions: [], errors: [], unsupported: [], notices: [] });
  });
});

describe("parseGift: unsupported kinds", () => {
  it.each<{ name: string; text: string; kind: string; line: number; title?: string }>([
    { name: "essay", text: "::Luận:: Viết một đoạn văn. {}", kind: "essay", line: 1, title: "Luận" },
    { name: "essay with spaces", text: "Viết. {   }", kind: "essay", line: 1 },
    {
      name: "description",
      text: "::Giới thiệu:: Phần này nói về VNeID.",
      kind: "description",
      line: 1,
      title: "Giới thiệu",
    },
    { name: "description without a title", text: "Chỉ là chữ.", kind: "description", line: 1 },
    { name: "several answer blocks", text: "A {=x ~y} và B {=z ~w}", kind: "cloze", line: 1 },
    { name: "embedded answers", text: "Q {1:MULTICHOICE:=a~b}", kind: "cloze", line: 1 },
    { name: "embedded short answer", text: "Q {1:SA:=a}", kind: "cloze", line: 1 },
    { name: "on a later line", text: src("// c", "", "", "::E:: {}"), kind: "essay", line: 4, title: "E" },
  ])("$name", ({ text, kind, line, title }) => {
    const result = parseGift(text);
    expect(result.errors).toEqual([]);
    expect(result.questions).toEqual([]);
    expect(result.unsupported).toEqual([{ line, kind, ...(title ? { title } : {}) }]);
  });

  it("lists unsupported kinds beside good questions", () => {
    const result = parseGift(src("A {T}", "", "B {}", "", "C", "", "D {F}"));
    expect(result.questions).toHaveLength(2);
    expect(result.unsupported).toEqual([
      { line: 3, kind: "essay" },
      { line: 5, kind: "description" },
    ]);
  });
});

type Expected = [line: number, code: GiftErrorCode, params?: Record<string, string | number>];

describe("parseGift: errors with line numbers", () => {
  it.each<{ name: string; text: string; errors: Expected[]; good?: number }>([
    { name: "unclosed brace", text: "Q {=a ~b", errors: [[1, "exams.import.gift.braceUnclosed"]] },
    {
      name: "unclosed brace on a later line",
      text: src("::T::", "Câu hỏi", "{", "=a", "~b"),
      errors: [[3, "exams.import.gift.braceUnclosed"]],
    },
    { name: "stray closing brace", text: src("Q", "a } b {T}"), errors: [[2, "exams.import.gift.braceStray"]] },
    { name: "nested brace", text: src("Q {=a", "~{b}"), errors: [[2, "exams.import.gift.braceNested"]] },
    {
      name: "title without its closing ::",
      text: src("", "::Tiêu đề Q {T}"),
      errors: [[2, "exams.import.gift.titleUnclosed"]],
    },
    {
      name: "matching pair missing its right side",
      text: src("Q {", "=a -> 1", "=b ->", "}"),
      errors: [[3, "exams.import.gift.matchingRight"]],
    },
    {
      name: "a pair missing its left side is a distractor, so one pair is too few",
      text: src("Q {", "= -> 1", "=b -> 2", "}"),
      errors: [[1, "exams.import.answers", { detail: "authoring.q.err.pairsMin" }]],
    },
    {
      name: "matching pair missing both sides",
      text: "Q {=a -> 1 = -> }",
      errors: [[1, "exams.import.gift.matchingBoth"]],
    },
    {
      name: "a matching answer without an arrow",
      text: src("Q {", "=a -> 1", "=b -> 2", "=c", "}"),
      errors: [[4, "exams.import.gift.matchingArrow"]],
    },
    {
      name: "only one matching pair",
      text: src("Q", "{=a -> 1}"),
      errors: [[2, "exams.import.answers", { detail: "authoring.q.err.pairsMin" }]],
    },
    {
      name: "duplicate matching left",
      text: src("Q {", "=a -> 1", "=a -> 2", "}"),
      errors: [[3, "exams.import.answerLeft", { answer: 2, detail: "authoring.q.err.duplicate" }]],
    },
    {
      name: "weight is not a number",
      text: src("Q {", "=a", "~%abc%b", "}"),
      errors: [[3, "exams.import.gift.weightNotNumber", { weight: "%abc%" }]],
    },
    {
      name: "weight missing its closing %",
      text: src("Q {", "~%50 b", "=a", "}"),
      errors: [[2, "exams.import.gift.weightUnclosed"]],
    },
    {
      name: "weight out of range",
      text: src("Q {", "=a", "~%150%b", "}"),
      errors: [[3, "exams.import.answer", { answer: 2, detail: "authoring.q.err.weightRange" }]],
    },
    { name: "empty weight", text: "Q {=a ~%%b}", errors: [[1, "exams.import.gift.weightNotNumber", { weight: "%%" }]] },
    {
      name: "no correct answer",
      text: src("::NC:: Q", "{~a ~b ~c}"),
      errors: [[2, "exams.import.answers", { detail: "authoring.q.err.noCorrect" }]],
    },
    {
      name: "no correct answer in a multi-line block points at the brace",
      text: src("Q", "{", "~a", "~b", "}"),
      errors: [[2, "exams.import.answers", { detail: "authoring.q.err.noCorrect" }]],
    },
    {
      name: "several fully correct answers with ~ present",
      text: "Q {=a =b ~c}",
      errors: [[1, "exams.import.answers", { detail: "authoring.q.err.oneCorrect" }]],
    },
    {
      name: "multiple answers not adding up to 100%",
      text: src("Q {", "~%50%a", "~%40%b", "~c", "}"),
      errors: [[1, "exams.import.answers", { detail: "authoring.q.err.weightsSum" }]],
    },
    {
      name: "0-point short answer (no positive weight)",
      text: src("Q", "{=%0%x}"),
      errors: [[2, "exams.import.answers", { detail: "authoring.q.err.shortNone" }]],
    },
    {
      name: "0-point numeric answer",
      text: "Q {#=%0%3}",
      errors: [[1, "exams.import.answers", { detail: "authoring.q.err.numericNone" }]],
    },
    {
      name: "empty answer text",
      text: src("Q {", "=a", "~", "}"),
      errors: [[3, "exams.import.answer", { answer: 2, detail: "authoring.q.err.empty" }]],
    },
    {
      name: "duplicate options",
      text: src("Q {", "=Có", "~có", "}"),
      errors: [[3, "exams.import.answer", { answer: 2, detail: "authoring.q.err.duplicate" }]],
    },
    {
      name: "no question text",
      text: "::T:: {=a ~b}",
      errors: [[1, "exams.import.prompt", { detail: "authoring.q.err.empty" }]],
    },
    {
      name: "numeric not a number",
      text: src("Q", "{#abc}"),
      errors: [[2, "exams.import.gift.numericNotNumber", { text: "abc" }]],
    },
    {
      name: "numeric tolerance not a number",
      text: "Q {#3:x}",
      errors: [[1, "exams.import.gift.toleranceNotNumber", { text: "x" }]],
    },
    {
      name: "numeric range not numbers",
      text: "Q {#1..z}",
      errors: [[1, "exams.import.gift.numericRange", { text: "1..z" }]],
    },
    {
      name: "numeric range reversed",
      text: src("Q", "{#5..1}"),
      errors: [[2, "exams.import.answer", { answer: 1, detail: "authoring.q.err.minMax" }]],
    },
    {
      name: "numeric negative tolerance",
      text: "Q {#3:-1}",
      errors: [[1, "exams.import.answer", { answer: 1, detail: "authoring.q.err.tolerance" }]],
    },
    { name: "numeric missing", text: "Q {#}", errors: [[1, "exams.import.gift.numericMissing"]] },
    {
      name: "numeric multi-answer with a bad value",
      text: src("Q {#", "=3:0", "=%50%x:1", "}"),
      errors: [[3, "exams.import.gift.numericNotNumber", { text: "x" }]],
    },
    {
      name: "numeric bad weight",
      text: "Q {#=%x%3}",
      errors: [[1, "exams.import.gift.weightNotNumber", { weight: "%x%" }]],
    },
    {
      name: "garbage in the answer block",
      text: src("Q", "{hello =a ~b}"),
      errors: [[2, "exams.import.gift.answerBlock"]],
    },
    { name: "true/false followed by text", text: "S {TRUE story}", errors: [[1, "exams.import.gift.answerBlock"]] },
    {
      name: "several errors in one question each get their line",
      text: src("Q {", "=a", "~%x%b", "~%y%c", "}"),
      errors: [
        [3, "exams.import.gift.weightNotNumber", { weight: "%x%" }],
        [4, "exams.import.gift.weightNotNumber", { weight: "%y%" }],
      ],
    },
    {
      name: "line numbers count comment and blank lines",
      text: src("// a", "// b", "", "A {T}", "", "// c", "B {=x ~y", "", "C {T}"),
      errors: [[7, "exams.import.gift.braceUnclosed"]],
      good: 2,
    },
    {
      name: "a bad default pool shows on the question line",
      text: src("", "Q {T}"),
      errors: [[2, "exams.import.pool", { pool: "Not A Slug", detail: "authoring.errors.key" }]],
    },
  ])("$name", ({ name, text, errors, good = 0 }) => {
    const result = parseGift(text, name.includes("default pool") ? { defaultPool: "Not A Slug" } : undefined);
    expect(result.errors).toEqual(
      errors.map(([line, code, params]) => ({ line, code, ...(params ? { params } : {}) })),
    );
    expect(result.questions).toHaveLength(good);
  });

  it("never yields a question that fails validation", () => {
    const result = parseGift(
      src("A {=a ~b}", "", "B {~%50%a ~%50%b ~c}", "", "C {#1..2}", "", "D {=x -> 1 =y -> 2}", "", "E {=x}"),
    );
    expect(result.errors).toEqual([]);
    for (const q of result.questions) expect(validateQuestion(q)).toEqual([]);
  });
});

// Each row is a case of issue #13, written from Moodle's GIFT documentation and the way
// question/format/gift/format.php reads the same text.
describe("parseGift: as Moodle reads it", () => {
  it.each<{ name: string; text: string; expected: Partial<Question> & Record<string, unknown> }>([
    {
      name: "1. `= -> text` is a matching distractor",
      text: "Ghép con vật với tiếng kêu {=Chó -> Gâu =Mèo -> Meo = -> Quác}",
      expected: {
        type: "matching",
        pairs: [
          { id: "a", left: "Chó", right: "Gâu" },
          { id: "b", left: "Mèo", right: "Meo" },
        ],
        distractors: ["Quác"],
      },
    },
    {
      name: "2. compact numeric with a wrong-answer feedback",
      text: "Bao nhiêu? {#3:2~#Sai hoàn toàn}",
      expected: { type: "numeric", answers: [{ kind: "tolerance", value: 3, tolerance: 2, weight: 1 }] },
    },
    {
      name: "2. compact numeric followed by further = answers",
      text: "Bao nhiêu? {#3 =%50%4}",
      expected: {
        type: "numeric",
        answers: [
          { kind: "tolerance", value: 3, tolerance: 0, weight: 1 },
          { kind: "tolerance", value: 4, tolerance: 0, weight: 0.5 },
        ],
      },
    },
    {
      name: "5. literal angle brackets stay visible text in the Markdown prompt",
      text: "Which tag makes a paragraph: <p> or <br>? {=<p> ~<br>}",
      expected: {
        prompt: "Which tag makes a paragraph: \\<p\\> or \\<br\\>?",
        options: [
          { id: "a", text: "<p>", weight: 1 },
          { id: "b", text: "<br>", weight: 0 },
        ],
      },
    },
    {
      name: "5. [html] entities become visible text",
      text: "[html]Thẻ &lt;p&gt; dùng để làm gì? {=Đoạn văn ~Ảnh}",
      expected: { prompt: "Thẻ \\<p\\> dùng để làm gì?" },
    },
    {
      name: "6. [html] keeps links and https images as Markdown",
      text: '[html]<p>Xem <a href="https://dichvucong.gov.vn">cổng</a> <img src="https://x.vn/a.png" alt="logo"></p>{T}',
      expected: { prompt: "Xem [cổng](<https://dichvucong.gov.vn>) ![logo](<https://x.vn/a.png>)" },
    },
    {
      name: "8. short answer keeps Moodle's * wildcard",
      text: "Spell it {=colo*r}",
      expected: { type: "short", answers: [{ text: "colo*r", weight: 1 }] },
    },
    {
      name: "10. a single ~%100% with penalties stays checkboxes",
      text: "Màu của chuối chín? {~%100%vàng ~%-50%đỏ ~%-50%xanh}",
      expected: {
        type: "multiple",
        options: [
          { id: "a", text: "vàng", weight: 1 },
          { id: "b", text: "đỏ", weight: -0.5 },
          { id: "c", text: "xanh", weight: -0.5 },
        ],
      },
    },
    {
      name: "10. `// [id:…]` is Moodle's idnumber and becomes the key",
      text: src("// [id:VNeID-01] [tag:dinh-danh]", "::Tiêu đề:: Q {T}"),
      expected: { key: "vneid-01" },
    },
    {
      name: "11. 1e3 is a number",
      text: "Một nghìn? {#1e3}",
      expected: { type: "numeric", answers: [{ kind: "tolerance", value: 1000, tolerance: 0, weight: 1 }] },
    },
    {
      name: "11. a * numeric answer (any number, feedback only in Moodle) is left out",
      text: "Pi? {#=3.14:0.01 =%0%*#Thử lại}",
      expected: { type: "numeric", answers: [{ kind: "tolerance", value: 3.14, tolerance: 0.01, weight: 1 }] },
    },
    {
      name: "11. `// [diacritics:strict]` makes a short answer match its accents",
      text: src("// [diacritics:strict]", "Thủ đô? {=Hà Nội}"),
      expected: { type: "short", diacriticsMatter: true },
    },
    {
      name: "11. short answers ignore accents by default",
      text: "Thủ đô? {=Hà Nội}",
      expected: { type: "short", diacriticsMatter: false },
    },
  ])("$name", ({ text, expected }) => {
    expect(parseGift(text).questions[0]).toMatchObject(expected);
  });

  it("3. an essay written by Moodle's exporter ({####feedback}) is reported as an unsupported essay on its line", () => {
    const result = parseGift(src("Q1 {T}", "", "::E:: Hãy trình bày ý kiến {####Cảm ơn bạn}", "", "Q3 {F}"));
    expect(result.errors).toEqual([]);
    expect(result.unsupported).toEqual([{ line: 3, kind: "essay", title: "E" }]);
    expect(result.questions).toHaveLength(2);
  });

  it("6. [html] media that cannot be shown is removed and flagged with its line", () => {
    const result = parseGift(
      src(
        "Q1 {T}",
        "",
        '::Greeting::[html]<p>Listen: <audio controls><source src="@@PLUGINFILE@@/hello.mp3"></audio> <img src="@@PLUGINFILE@@/a.png" alt="hi"></p>{=Hello ~Bye}',
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.questions[1].prompt).toBe("Listen:  hi");
    expect(result.notices).toEqual([
      {
        line: 3,
        key: "greeting",
        code: "exams.import.notice.htmlRemoved",
        params: { removed: "<audio> @@PLUGINFILE@@/hello.mp3, <img> @@PLUGINFILE@@/a.png" },
      },
    ]);
  });

  it.each<{ name: string; text: string; moodle?: number; here?: number }>([
    {
      name: "ticking everything: 100 % in Moodle, 0 here",
      text: "Who is buried? {~No one ~%50%Grant ~%50%Grant's wife ~Grant's father}",
      moodle: 100,
      here: 0,
    },
    { name: "explicit penalties score alike", text: "Q {~%50%a ~%50%b ~%-100%c}" },
    { name: "single choice is never flagged", text: "Q {=a ~b}" },
  ])("7. multiple-answer scoring difference is explained: $name", ({ text, moodle, here }) => {
    const { notices } = parseGift(text);
    expect(notices).toEqual(
      moodle === undefined
        ? []
        : [expect.objectContaining({ line: 1, code: "exams.import.notice.multipleScoring", params: { moodle, here } })],
    );
  });

  it("9. categories with the same last name keep distinct pools from their whole path", () => {
    const result = parseGift(
      src(
        "$CATEGORY: $course$/top/Chương 1/Bài tập",
        "",
        "A {T}",
        "",
        "$CATEGORY: $course$/top/Chương 2/Bài tập",
        "",
        "B {T}",
        "",
        "$CATEGORY: $course$/top/Chuong 2/Bai tap",
        "",
        "C {T}",
      ),
    );
    const pools = result.questions.map((q) => q.pool);
    expect(pools.slice(0, 2)).toEqual(["chuong-1-bai-tap", "chuong-2-bai-tap"]);
    expect(pools[2]).toMatch(/^chuong-2-bai-tap-[0-9a-f]{8}$/);
    expect(new Set(pools).size).toBe(3);
  });

  it.each<{ name: string; text: string; code: string; params?: Record<string, string> }>([
    {
      name: "short-answer feedback",
      text: "Q {=Hà Nội#Đúng =Hanoi#Cũng đúng}",
      code: "exams.import.notice.feedbackDropped",
    },
    { name: "numeric feedback", text: "Q {#=3#Đúng}", code: "exams.import.notice.feedbackDropped" },
    { name: "numeric wrong-answer feedback", text: "Q {#3~#Sai}", code: "exams.import.notice.feedbackDropped" },
    { name: "a * numeric answer", text: "Q {#=3 =%0%*}", code: "exams.import.notice.anyNumberDropped" },
    {
      name: "tags",
      text: src("// [tag:an-toan] [tag:VNeID]", "Q {T}"),
      code: "exams.import.notice.tagsDropped",
      params: { tags: "an-toan, VNeID" },
    },
  ])("10. nothing is lost silently: $name is listed on the question", ({ text, code, params }) => {
    const result = parseGift(text);
    expect(result.errors).toEqual([]);
    expect(result.questions).toHaveLength(1);
    expect(result.notices).toEqual([
      expect.objectContaining({ code, key: result.questions[0].key, ...(params ? { params } : {}) }),
    ]);
  });

  it("11. a single choice without a 100 % answer says one answer must be worth 100 %", () => {
    expect(parseGift("Q {=%50%a ~b}").errors).toEqual([
      { line: 1, code: "exams.import.answers", params: { detail: "authoring.q.err.noFull" } },
    ]);
  });
});

describe("parseGift: HọcSố's comment directives for points and lessons", () => {
  it("reads // [points:] and // [lesson:]", () => {
    const q = only(src("// [points:2,5]", "// [lesson:bai-1] [lesson:bai-2] [lesson:bai-1]", "Câu hỏi? {T}"));
    expect([q.points, q.lessons]).toEqual([2.5, ["bai-1", "bai-2"]]);
  });

  it("drops and lists lessons the bank does not have", () => {
    const result = parseGift(src("// [lesson:bai-1] [lesson:khac]", "::k:: Câu hỏi? {T}"), {
      lessons: new Set(["bai-1"]),
    });
    expect(result.questions[0].lessons).toEqual(["bai-1"]);
    expect(result.notices).toEqual([
      { key: "k", line: 2, code: "exams.import.notice.lessonsDropped", params: { lessons: "khac" } },
    ]);
  });

  it("refuses points that are not a number, naming the field", () => {
    const result = parseGift(src("// [points:hai]", "::k:: Câu hỏi? {T}"));
    expect(result.questions).toEqual([]);
    expect(result.errors).toEqual([expect.objectContaining({ line: 2, code: "exams.import.field" })]);
  });
});

// Rows added from the mutation run (issue #17). Survivors left alive are equivalent:
// - Source.lineAt's `i > 0` (and `i >= 0`/`true`): starts[0] is 0, so the loop stops at 0 anyway.
// - decodeEntities' Number.isFinite: a code that is not finite (Infinity) already fails `<= 0x10ffff`.
// - attribute()'s `?? ""`: one of the three value groups always matched when the regex did.
// - the unanchored `/\/>/` for self-closing media and the tag regex without `$`: a token ends at its first `>`.
// - `if (alt)` before appending the alt text: appending "" changes nothing.
// - convertText's default `as = "plain"` and parseQuestion's `format = "moodle"`: both are only compared with
//   "markdown"/"html", so any other value behaves the same.
// - key: "", prompt: "" and answerLines: [] in the drafts: parseQuestion overwrites key and prompt, and a
//   true/false question has no answer list to point into; ctx.from is never read.
// - `hash >= 0`, `close >= a.end`, `tilde >= 0`, `open/at/generalFeedback >= 0` against `> 0`: these
//   indexes can never be 0 (a marker or brace comes first), and `%` cannot sit at a.end (a marker does).
// - `colon >= 0` for the tolerance: with the colon first, the value is already not a number.
// - the trial-division bound `< 1e-6` against `<= 1e-6`, and `.slice(0, 8)` of an 8-digit fnv1a hash.
// - parseWeight's unanchored regex: Number() refuses the extra characters anyway.
// - buildFromAnswers' answerBlock test and line: the lead starts at a non-space, and with no answers the
//   body was not blank (that is an essay), so it is non-empty exactly when it should be.
// - the numeric feedback's unanchored `\s*#`: only a text that is `\s*#` and spaces becomes empty either way.
// - the `[\S\S]` unescape: a backslash before whitespace keeps its backslash in both.
// - `typeof root === "string"`: ANSWER_LISTS holds only strings; `$CATEGORY` without `$` or with `\S*`:
//   `.*` takes the rest of the trimmed line, and the segments are trimmed.
// - the multiple-scoring check `question.type === "multiple" && built.draft.type === "multiple"`: both types
//   are the same, and `>= 1e-9` against `> 1e-9` only differs at exactly 1e-9.
// - splitAtEquals' `i < to` before the escape test and the "=" marker: s[to] is `~` or `}`, and numeric
//   answers ignore their marker; skipSpace's `i <= to`: s[to] is never whitespace.
describe("parseGift: edges found by mutation testing", () => {
  it.each<{ name: string; text: string; expected: Record<string, unknown>; lessons?: string[] }>([
    {
      name: "closing block elements end a line; other elements are dropped",
      text: "[html]x<sup>2</sup>y<span>z</span>w<h2>T</h2>u<pre>v</pre>k {T}",
      expected: { questions: [{ prompt: "x2yzwT\nuvk" }] },
    },
    {
      name: "strong and em become Markdown",
      text: "[html]<strong>a</strong> <i>b</i> <em>c</em> {T}",
      expected: { questions: [{ prompt: "**a** *b* *c*" }] },
    },
    {
      name: "a list becomes a Markdown list in the prompt",
      text: "[html]<ul><li>a</li><li>b</li></ul> {T}",
      expected: { questions: [{ prompt: "- a\n- b" }] },
    },
    {
      name: "a list and a line break in a plain answer",
      text: "Q {=[html]<ul><li>a</li></ul> ~[html]b<br>c}",
      expected: { questions: [{ options: [{ text: "• a" }, { text: "b\nc" }] }] },
    },
    {
      name: "html comments vanish",
      text: "[html]a<!-- ghi chú -->b {T}",
      expected: { questions: [{ prompt: "ab" }] },
    },
    {
      name: "named and numeric entities, invalid code points kept as written",
      text: "[html]&quot;a&apos; &#X41; &#0; &#x110000; &#x10ffff; {T}",
      expected: { questions: [{ prompt: "\"a' A &#0; &#x110000; \u{10ffff}" }] },
    },
    {
      name: "every kind of media is removed and named, with its src or data",
      text: '[html]a<video src="v.mp4">x</video><iframe src="f"></iframe><object data="o"></object><embed src="e"/><script>s</script><style>t</style><form>f</form><svg>g</svg>b {T}',
      expected: {
        questions: [{ prompt: "ab" }],
        notices: [
          {
            code: "exams.import.notice.htmlRemoved",
            params: { removed: "<video> v.mp4, <iframe> f, <object> o, <embed> e, <script>, <style>, <form>, <svg>" },
          },
        ],
      },
    },
    {
      name: "a media element's fallback text and nested tags are skipped up to its own closing tag",
      text: "[html]a<video>no <b>x</b> y<video>z</video>c</video>b {T}",
      expected: { questions: [{ prompt: "acb" }] },
    },
    {
      name: "a media element's <source> is named, other children are not",
      text: '[html]<video src="v.mp4"><track src="t.vtt"><source src="s.mp4"></video><audio><source type="audio/mpeg"></audio>Q {T}',
      expected: { notices: [{ params: { removed: "<video> v.mp4 s.mp4, <audio>" } }] },
    },
    {
      name: "images from this site are kept, protocol-relative and backslash ones are not",
      text: '[html]<img src="/media/a.png" alt="a"><img src="//evil.vn/b.png" alt="b"><img src="/\\evil.vn/c.png" alt="c"><img src="data:https://x" alt="d"><IMG SRC="https://x.vn/e.png" ALT="e"> {T}',
      expected: {
        questions: [{ prompt: "![a](</media/a.png>)bcd![e](<https://x.vn/e.png>)" }],
        notices: [{ params: { removed: "<img> //evil.vn/b.png, <img> /\\evil.vn/c.png, <img> data:https://x" } }],
      },
    },
    {
      name: "an image without src or alt",
      text: '[html]<img alt="x"><img src="https://x.vn/a.png">Q {=[html]<img src\\="https://x.vn/b.png" alt\\="b"> ~c}',
      expected: {
        questions: [{ prompt: "x![](<https://x.vn/a.png>)Q", options: [{ text: "b" }, { text: "c" }] }],
        notices: [{ params: { removed: "<img> , <img> https://x.vn/b.png" } }],
      },
    },
    {
      name: "http and mailto links are kept; others are named; a link ends at its own </a>",
      text: '[html]<a href="http://x.vn">t<span>u</span></a> <a href="javascript:alert(\'https:\')">j</a> <a name="n">m</a> {T}',
      expected: {
        questions: [{ prompt: "[tu](<http://x.vn>) j m" }],
        notices: [{ params: { removed: "<a> javascript:alert('https:')" } }],
      },
    },
    {
      name: "a link in a plain answer keeps only its text",
      // Inside the braces an attribute's = must be escaped, as in Moodle.
      text: 'Q {=[html]<a href\\="https://x.vn">t</a> ~b}',
      expected: {
        questions: [{ options: [{ text: "t" }, { text: "b" }] }],
        notices: [{ params: { removed: "<a> https://x.vn" } }],
      },
    },
    {
      name: "spaces before a line end: a hard break stays in Markdown, goes in plain text",
      text: "[html]a <br><p>c </p>d<p></p><p></p>e {=[html]f  <br>g ~[html]h <br>i}",
      expected: { questions: [{ prompt: "a  \nc\nd\n\ne", options: [{ text: "f\ng" }, { text: "h\ni" }] }] },
    },
    {
      name: "< in a moodle answer stays as written, [markdown] prompts are not escaped",
      text: "[markdown]a <b>x</b> {=a<b ~c}",
      expected: { questions: [{ prompt: "a <b>x</b>", options: [{ text: "a<b" }, { text: "c" }] }] },
    },
    {
      name: "a format tag after a title and a space applies to the answers too",
      text: "::T:: [html]<b>Q</b> {=<b>a</b> ~b}",
      expected: { questions: [{ prompt: "**Q**", options: [{ text: "a" }, { text: "b" }] }] },
    },
    {
      name: "a question line may start with spaces",
      text: "   ::T:: Q {T}",
      expected: { questions: [{ key: "t", prompt: "Q" }] },
    },
    {
      name: "a byte-order mark is only dropped at the start",
      text: "Q\uFEFFx {T}",
      expected: { questions: [{ prompt: "Q\uFEFFx" }] },
    },
    {
      name: "trailing spaces after the answers are no gap",
      text: "Q {T}   ",
      expected: { questions: [{ prompt: "Q" }] },
    },
    {
      name: "true/false: a space before #, and everything after the third # stays in the last feedback",
      text: "Q {T #sai#đúng#thêm}",
      expected: { questions: [{ type: "truefalse", answer: true, feedbackTrue: "đúng#thêm", feedbackFalse: "sai" }] },
    },
    {
      name: "numeric: an empty ~ or ~# feedback is no feedback",
      text: src("Q {#3~}", "", "Q2 {#3~#}", "", "Q3 {#3~  # }", "", "Q4 {#=3# =4}"),
      expected: { notices: [], errors: [] },
    },
    {
      name: "numeric: a spaced * is Moodle's any-number answer",
      text: "Q {#=3 =%0% * }",
      expected: { errors: [], notices: [{ code: "exams.import.notice.anyNumberDropped" }] },
    },
    {
      name: "numeric: an escaped = does not separate answers",
      text: "Q {#1\\=2}",
      expected: { errors: [{ line: 1, code: "exams.import.gift.numericNotNumber", params: { text: "1=2" } }] },
    },
    {
      name: "numeric: an answer's line is the line of its =",
      text: src("Q {#=1 =", "x}"),
      expected: { errors: [{ line: 1, code: "exams.import.gift.numericNotNumber", params: { text: "x" } }] },
    },
    {
      name: "numeric: a range without its minimum",
      text: "Q {#..5}",
      expected: { errors: [{ line: 1, code: "exams.import.gift.numericRange", params: { text: "..5" } }] },
    },
    {
      name: "numeric: a range whose minimum is not a number",
      text: "Q {#a..5}",
      expected: { errors: [{ line: 1, code: "exams.import.gift.numericRange", params: { text: "a..5" } }] },
    },
    {
      name: "numeric: a value missing before the colon",
      text: "Q {#:2}",
      expected: { errors: [{ line: 1, code: "exams.import.gift.numericNotNumber", params: { text: "" } }] },
    },
    {
      name: "numeric: the texts named in the errors are trimmed",
      text: src("Q {#x :2}", "", "Q2 {#3: y}"),
      expected: {
        errors: [
          { line: 1, code: "exams.import.gift.numericNotNumber", params: { text: "x" } },
          { line: 3, code: "exams.import.gift.toleranceNotNumber", params: { text: "y" } },
        ],
      },
    },
    {
      name: "weights: leading dot, decimal comma, spaces, near-twentieths snap, other values stay",
      text: "Q {=a ~%.25%b ~%2,5%c ~% 50 %d ~%4.99999%e ~%12.3456%f}",
      expected: {
        errors: [],
        questions: [
          {
            options: [
              { weight: 1 },
              { weight: 0.0025 },
              { weight: 0.025 },
              { weight: 0.5 },
              { weight: 0.05 },
              { weight: 0.123456 },
            ],
          },
        ],
      },
    },
    {
      name: "a weight whose closing % is in a later answer is unclosed",
      text: "Q {=a ~%50 b ~c%d}",
      expected: { errors: [{ line: 1, code: "exams.import.gift.weightUnclosed" }] },
    },
    {
      name: "matching: answers whose arrow comes first are all distractors",
      text: "Q {=->1 =->2}",
      expected: { errors: [{ line: 1, code: "exams.import.answers", params: { detail: "authoring.q.err.pairsMin" } }] },
    },
    {
      name: "matching: an arrow at the very end of the last answer",
      text: "Q {=b->c =a->}",
      expected: { errors: [{ line: 1, code: "exams.import.gift.matchingRight" }] },
    },
    {
      name: "short answers: blank feedback is no feedback, one answer's feedback is listed",
      text: src("Q {=a# =b}", "", "Q2 {=a#Đúng =b}"),
      expected: { notices: [{ line: 3, code: "exams.import.notice.feedbackDropped" }] },
    },
    {
      name: "multiple answers: same score in Moodle and here with penalties in between",
      text: "Q {~%50%a ~%50%b ~%-50%c}",
      expected: { notices: [] },
    },
    {
      name: "multiple answers: an unweighted wrong option costs half here",
      text: "Q {~%50%a ~%50%b ~c}",
      expected: { notices: [{ code: "exams.import.notice.multipleScoring", params: { moodle: 100, here: 50 } }] },
    },
    {
      name: "an ordinary colon pattern in an answer is not cloze",
      text: "Q {=x 1:ab: ~y}",
      expected: { questions: [{ options: [{ text: "x 1:ab:" }, { text: "y" }] }] },
    },
    {
      name: "nested brace at the start of the text",
      text: "{T {F}}",
      expected: { errors: [{ line: 1, code: "exams.import.gift.braceNested" }] },
    },
    {
      name: "unclosed brace at the start of the text",
      text: "{=a ~b",
      expected: { errors: [{ line: 1, code: "exams.import.gift.braceUnclosed" }] },
    },
    {
      name: "unknown lessons are listed together",
      text: src("// [lesson:x] [lesson:y]", "Q {T}"),
      lessons: [],
      expected: { notices: [{ code: "exams.import.notice.lessonsDropped", params: { lessons: "x, y" } }] },
    },
  ])("$name", ({ text, expected, lessons }) => {
    expect(parseGift(text, lessons ? { lessons: new Set(lessons) } : {})).toMatchObject(expected);
  });

  it("a question without general feedback has no explanation", () => {
    expect(only("Q {T}")).not.toHaveProperty("explanation");
  });

  it.each<{ name: string; text: string; unsupported: unknown[] }>([
    { name: "a blank title is no title", text: "::  :: Mô tả", unsupported: [{ line: 1, kind: "description" }] },
    {
      name: "cloze after spaces, with a long number",
      text: "Q { 12:SHORTANSWER:=x}",
      unsupported: [{ line: 1, kind: "cloze" }],
    },
  ])("unsupported: $name", ({ text, unsupported }) => {
    expect(parseGift(text).unsupported).toStrictEqual(unsupported);
  });

  it.each<{ name: string; head: string[]; pools: string[] }>([
    { name: "a category line may start with spaces", head: ["  $CATEGORY: Ôn tập"], pools: ["on-tap"] },
    {
      name: "segments are trimmed before $course$ and top go",
      head: ["$CATEGORY: $course$ / top / Ôn tập"],
      pools: ["on-tap"],
    },
    { name: "// is a slash inside a name", head: ["$CATEGORY: Hỏi//đáp"], pools: ["hoi-dap"] },
    { name: "top alone stays", head: ["$CATEGORY: $course$/top"], pools: ["top"] },
    {
      name: "$…$ only as the whole segment is a context",
      head: ["$CATEGORY: Phí $10$/Bài 1"],
      pools: ["phi-10-bai-1"],
    },
    { name: "$…$ followed by text is a name", head: ["$CATEGORY: $10$ phí/Bài 1"], pools: ["10-phi-bai-1"] },
    { name: "a name without letters falls back to the default pool", head: ["$CATEGORY: ***"], pools: ["default"] },
    {
      name: "the same path twice is the same pool",
      head: ["$CATEGORY: A", "", "Q {T}", "", "$CATEGORY: A"],
      pools: ["a", "a"],
    },
  ])("categories: $name", ({ head, pools }) => {
    const result = parseGift(src(...head, "", "Q2 {F}"));
    expect(result.errors).toEqual([]);
    expect(result.questions.map((q) => q.pool)).toEqual(pools);
  });

  it("categories whose names only differ in where the slash is get distinct pools", () => {
    const result = parseGift(src("$CATEGORY: Chương-/1", "", "A {T}", "", "$CATEGORY: Chương/-1", "", "B {T}"));
    const pools = result.questions.map((q) => q.pool);
    expect(pools[0]).toBe("chuong-1");
    expect(pools[1]).toMatch(/^chuong-1-[0-9a-f]{8}$/);
  });
});

describe("locateIssue", () => {
  const lines = { question: 1, block: 2, answers: [3, 4] };
  it.each<{ path: (string | number)[]; expected: Record<string, unknown> }>([
    {
      path: ["pairs", 1, "right"],
      expected: { line: 4, code: "exams.import.answerRight", params: { answer: 2, detail: "authoring.q.err.invalid" } },
    },
    {
      path: ["pairs", 0, "left"],
      expected: { line: 3, code: "exams.import.answerLeft", params: { answer: 1, detail: "authoring.q.err.invalid" } },
    },
    {
      path: ["options", 5],
      expected: { line: 2, code: "exams.import.answer", params: { answer: 6, detail: "authoring.q.err.invalid" } },
    },
    {
      path: ["options"],
      expected: { line: 2, code: "exams.import.answers", params: { detail: "authoring.q.err.invalid" } },
    },
    ...["answer", "value", "min", "max", "tolerance"].map((root) => ({
      path: [root],
      expected: { line: 2, code: "exams.import.answers", params: { detail: "authoring.q.err.invalid" } },
    })),
    {
      path: ["prompt"],
      expected: { line: 1, code: "exams.import.prompt", params: { detail: "authoring.q.err.invalid" } },
    },
    {
      path: ["pool"],
      expected: { line: 1, code: "exams.import.pool", params: { pool: "p", detail: "authoring.q.err.invalid" } },
    },
    {
      path: ["explanation", "vi"],
      expected: {
        line: 1,
        code: "exams.import.field",
        params: { field: "explanation.vi", detail: "authoring.q.err.invalid" },
      },
    },
  ])("$path", ({ path, expected }) => {
    expect(locateIssue({ path, message: "không rõ" }, lines, "p")).toStrictEqual(expected);
  });
});

import { describe, expect, it } from "vitest";
import { parseGift, unescapeGift } from "./gift";
import { escapeGift, exportGift, giftSkipReason } from "./gift-export";
import { type Question, type QuestionInputDraft, questionFromInput } from "./question";

function question(draft: QuestionInputDraft): Question {
  const outcome = questionFromInput(draft);
  if (!outcome.ok) throw new Error(outcome.errors.join("; "));
  return outcome.question;
}

/** Texts that GIFT would read as markup, a newline, HTML the author meant as text, Vietnamese. */
const TRICKY = "Dấu ~ = # { } : \\ và <p> trong `code`\nDòng hai: **đậm**";

const base = { pool: "chuong-1-bai-tap", lessons: [] as string[], points: 1 };

const ROWS: { name: string; draft: QuestionInputDraft }[] = [
  {
    name: "single choice with feedback, partial and negative weights, explanation",
    draft: {
      ...base,
      key: "thu-do",
      type: "single",
      prompt: `Thủ đô? ${TRICKY}`,
      explanation: "Hà Nội là thủ đô từ 1010 #lịch-sử",
      options: [
        { text: "Hà Nội", correct: true, feedback: "Đúng: {1010}" },
        { text: "Huế", weight: 50, feedback: "Cố đô" },
        { text: "%50 Sài Gòn", weight: -25 },
        { text: "Đà Nẵng" },
      ],
    },
  },
  {
    name: "single choice whose correct option starts with %",
    draft: {
      ...base,
      key: "phan-tram",
      type: "single",
      prompt: "Lãi suất?",
      options: [{ text: "%5 một năm", correct: true }, { text: "%0 một năm" }],
    },
  },
  {
    name: "multiple answer with the default weights (−1/n for wrong options)",
    draft: {
      ...base,
      key: "nhieu-dap-an",
      type: "multiple",
      prompt: "Chọn các số nguyên tố",
      options: [
        { text: "2", correct: true },
        { text: "3", correct: true },
        { text: "4" },
        { text: "5", correct: true },
      ],
    },
  },
  {
    name: "multiple answer with one 100 % option (Moodle keeps checkboxes), a 0 % option and feedback",
    draft: {
      ...base,
      key: "mau-vang",
      type: "multiple",
      prompt: "Màu của chuối chín?",
      points: 2.5,
      options: [
        { text: "vàng", weight: 100, feedback: "đúng" },
        { text: "đỏ", weight: -50 },
        { text: "xanh", weight: -50 },
        { text: "không biết", weight: 0 },
      ],
    },
  },
  {
    name: "multiple answer with thirds",
    draft: {
      ...base,
      key: "mot-phan-ba",
      type: "multiple",
      prompt: "Ba đáp án đúng",
      options: [
        { text: "a", weight: 100 / 3 },
        { text: "b", weight: 100 / 3 },
        { text: "c", weight: 100 / 3 },
        { text: "d", weight: -100 / 3 },
      ],
    },
  },
  {
    name: "true/false, true, with both feedbacks",
    draft: {
      ...base,
      key: "dung",
      type: "truefalse",
      prompt: "2 + 2 = 4",
      answer: true,
      feedbackTrue: "Đúng #1",
      feedbackFalse: "Sai: {x}",
    },
  },
  {
    name: "true/false, false, only the right answer's feedback and an explanation",
    draft: {
      ...base,
      key: "sai",
      type: "truefalse",
      prompt: "Mặt trời quay quanh Trái Đất",
      answer: false,
      feedbackFalse: "Đúng vậy",
      explanation: "Copernicus",
    },
  },
  {
    name: "true/false, false, only the wrong answer's feedback",
    draft: { ...base, key: "sai-2", type: "truefalse", prompt: "1 > 2", answer: false, feedbackTrue: "Sai rồi" },
  },
  {
    name: "true/false without feedback",
    draft: { ...base, key: "dung-2", type: "truefalse", prompt: "Nước sôi ở 100 °C", answer: true },
  },
  {
    name: "short answer with weights, a wildcard and strict diacritics",
    draft: {
      ...base,
      key: "mau-sac",
      type: "short",
      prompt: "Viết từ 'màu' (colour)",
      answers: ["màu", { text: "colo*r", weight: 50 }, { text: "%mau", weight: 10 }],
      diacriticsMatter: true,
    },
  },
  {
    name: "short answer, diacritics ignored, with lessons",
    draft: {
      ...base,
      key: "tinh",
      type: "short",
      prompt: "Tỉnh nào?",
      lessons: ["bai-1", "bai-2"],
      answers: ["Đắk Lắk"],
    },
  },
  {
    name: "numeric with tolerance",
    draft: { ...base, key: "pi", type: "numeric", prompt: "Số pi?", value: 3.14, tolerance: 0.01 },
  },
  {
    name: "numeric range",
    draft: { ...base, key: "khoang", type: "numeric", prompt: "Một số từ −5 đến −1", min: -5, max: -1 },
  },
  {
    name: "numeric with several weighted answers, scientific notation and an explanation",
    draft: {
      ...base,
      key: "nhieu-so",
      type: "numeric",
      prompt: "Bao nhiêu mét trong một km?",
      explanation: "1 km = 1000 m",
      answers: [
        { value: 1000, tolerance: 0, weight: 100 },
        { value: 1e21, tolerance: 1e-7, weight: 50 },
        { min: 900, max: 1100, weight: 20 },
      ],
    },
  },
  {
    name: "matching with distractors and escaped texts",
    draft: {
      ...base,
      key: "ghep",
      type: "matching",
      prompt: "Ghép thủ đô",
      pairs: [
        { left: "Việt Nam", right: "Hà Nội" },
        { left: "Pháp = France", right: "Paris -> Île-de-France" },
        { left: "Nhật {JP}", right: "Tokyo: 東京" },
      ],
      distractors: ["Huế", "Sài Gòn"],
    },
  },
];

describe("exportGift → parseGift round trip", () => {
  it.each(ROWS)("$name", ({ draft }) => {
    const q = question(draft);
    const exported = exportGift([q]);
    expect(exported.skipped).toEqual([]);
    const back = parseGift(exported.text);
    expect(back.errors).toEqual([]);
    expect(back.unsupported).toEqual([]);
    expect(back.notices).toEqual([]);
    expect(back.questions).toEqual([q]);
  });

  it("covers every question type GIFT can hold", () => {
    const types = new Set(ROWS.map((r) => question(r.draft).type));
    expect([...types].sort()).toEqual(["matching", "multiple", "numeric", "short", "single", "truefalse"]);
  });

  it("a whole bank with several pools comes back in order, each question in its pool", () => {
    const bank = ROWS.map((r, i) =>
      question({ ...r.draft, pool: ["default", "chuong-1-bai-tap", "chuong-2-bai-tap"][i % 3] }),
    );
    const back = parseGift(exportGift(bank).text, { defaultPool: "other" });
    expect(back.errors).toEqual([]);
    expect(back.questions).toEqual(bank);
  });
});

describe("exportGift: what GIFT cannot hold is listed, never written wrongly", () => {
  const ordering = question({
    ...base,
    key: "thu-tu",
    type: "ordering",
    prompt: "Sắp xếp",
    items: ["một", "hai", "ba"],
  });
  it.each<{ name: string; q: Question; reason: "ordering" | "text" }>([
    { name: "an ordering question", q: ordering, reason: "ordering" },
    {
      name: "a matching left side holding ->",
      q: question({
        ...base,
        key: "mui-ten",
        type: "matching",
        prompt: "p",
        pairs: [
          { left: "a -> b", right: "c" },
          { left: "d", right: "e" },
        ],
      }),
      reason: "text",
    },
    {
      name: "a matching left side starting with % (read as a weight)",
      q: question({
        ...base,
        key: "phan-tram-trai",
        type: "matching",
        prompt: "p",
        pairs: [
          { left: "%5", right: "c" },
          { left: "d", right: "e" },
        ],
      }),
      reason: "text",
    },
    {
      name: "a short answer holding -> (read as a matching pair)",
      q: question({ ...base, key: "ngan", type: "short", prompt: "p", answers: ["a->b"] }),
      reason: "text",
    },
    {
      name: "a prompt that begins with a format tag",
      q: question({ ...base, key: "the", type: "truefalse", prompt: "[html] là thẻ định dạng", answer: true }),
      reason: "text",
    },
  ])("$name", ({ q, reason }) => {
    expect(giftSkipReason(q)).toBe(reason);
    const keep = question(ROWS[0].draft);
    const exported = exportGift([q, keep]);
    expect(exported.skipped).toEqual([{ key: q.key, type: q.type, reason }]);
    expect(exported.text).toContain(`// not exported: ${q.key} (`);
    expect(parseGift(exported.text).questions).toEqual([keep]);
  });
});

describe("exportGift writes what Moodle's exporter writes", () => {
  it("name, escapes, one answer per line, general feedback last, a blank line after each question", () => {
    const q = question(ROWS[0].draft);
    expect(exportGift([q], ["HọcSố bank demo"]).text).toBe(
      [
        "// HọcSố bank demo",
        "",
        "$CATEGORY: $course$/top/chuong-1-bai-tap",
        "",
        "// [id:thu-do]",
        "::thu-do::[markdown]Thủ đô? Dấu \\~ \\= \\# \\{ \\} \\: \\\\ và <p> trong `code`\\nDòng hai\\: **đậm**{",
        "\t=Hà Nội#Đúng\\: \\{1010\\}",
        "\t~%50%Huế#Cố đô",
        "\t~%-25%%50 Sài Gòn",
        "\t~Đà Nẵng",
        "\t####Hà Nội là thủ đô từ 1010 \\#lịch-sử",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("numeric answers as {# =%weight%value:tolerance}, true/false as {TRUE#wrong#right}", () => {
    expect(exportGift([question(ROWS[11].draft)]).text).toContain("::pi::[markdown]Số pi?{#\n\t=%100%3.14:0.01\n}");
    expect(exportGift([question(ROWS[5].draft)]).text).toContain("{TRUE#Sai\\: \\{x\\}#Đúng \\#1}");
    expect(exportGift([question(ROWS[7].draft)]).text).toContain("{FALSE#Sai rồi}");
    expect(exportGift([question(ROWS[6].draft)]).text).toContain("{FALSE##Đúng vậy####Copernicus}");
  });

  it("escapeGift is undone by the importer's unescaping", () => {
    for (const text of [TRICKY, "\\n literal", "a\r\nb", "::", "\\\\"]) {
      expect(unescapeGift(escapeGift(text))).toBe(text.replace(/\r\n/g, "\n"));
    }
  });
});

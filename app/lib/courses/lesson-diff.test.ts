import { describe, expect, it } from "vitest";
import { diffLessonText, hasTextChanges, inlineChanges, isEdit, paragraphsOf, type DiffBlock } from "./lesson-diff";

describe("paragraphsOf", () => {
  it.each([
    ["", []],
    ["   \n\n  ", []],
    ["Một đoạn.", ["Một đoạn."]],
    ["Đoạn một.\n\nĐoạn hai.", ["Đoạn một.", "Đoạn hai."]],
    ["Đoạn một.\r\n\r\n\r\nĐoạn hai.", ["Đoạn một.", "Đoạn hai."]],
    ["Dòng một  \ndòng hai\n \t\nĐoạn hai.  ", ["Dòng một\ndòng hai", "Đoạn hai."]],
    // Old Mac line endings (a lone CR) and four newlines in a row.
    ["Đoạn một.\r\rĐoạn hai.\n\n\n\nĐoạn ba.", ["Đoạn một.", "Đoạn hai.", "Đoạn ba."]],
    ["Một\tdòng  \t\nhai", ["Một\tdòng\nhai"]],
    ["- mục 1\n- mục 2\n\n## Tiêu đề", ["- mục 1\n- mục 2", "## Tiêu đề"]],
  ])("%j → %j", (markdown, paragraphs) => {
    expect(paragraphsOf(markdown)).toEqual(paragraphs);
  });
});

describe("inlineChanges", () => {
  it.each([
    ["Nộp hồ sơ trực tuyến.", "Nộp hồ sơ trực tuyến.", [{ kind: "same", text: "Nộp hồ sơ trực tuyến." }]],
    [
      "Lệ phí là 50.000 đồng.",
      "Lệ phí là 30.000 đồng.",
      [
        { kind: "same", text: "Lệ phí là " },
        { kind: "removed", text: "50" },
        { kind: "added", text: "30" },
        { kind: "same", text: ".000 đồng." },
      ],
    ],
    [
      "Ký bằng chữ ký số.",
      "Ký bằng chữ ký số từ xa.",
      [
        // Punctuation is a word of its own, so the full stop stays put.
        { kind: "same", text: "Ký bằng chữ ký số" },
        { kind: "added", text: " từ xa" },
        { kind: "same", text: "." },
      ],
    ],
    ["", "Mới.", [{ kind: "added", text: "Mới." }]],
  ])("%j → %j", (before, after, parts) => {
    expect(inlineChanges(before, after)).toEqual(parts);
  });
});

describe("isEdit", () => {
  it.each([
    // Half or more of the longer paragraph's words kept: the same paragraph, edited.
    ["một hai ba bốn", "một hai ba năm", true],
    ["một hai ba bốn", "một hai sáu bảy", true],
    // Fewer than half kept: one paragraph replaced by another.
    ["một hai ba bốn", "một năm sáu bảy", false],
    ["Hạn nộp là ngày 15.", "Cổng Dịch vụ công quốc gia có thêm thủ tục mới.", false],
    // The longer side decides: a short paragraph grown long is a replacement.
    ["một hai", "một hai ba bốn năm", false],
    ["một hai ba", "một hai ba bốn năm sáu", true],
  ])("%j → %j: %s", (before, after, edit) => {
    expect(isEdit(before, after)).toBe(edit);
  });
});

describe("diffLessonText", () => {
  const intro = "Dịch vụ công trực tuyến giúp người dân nộp hồ sơ tại nhà.";
  const fee = "Lệ phí là 50.000 đồng.";
  const newFee = "Lệ phí là 30.000 đồng.";
  const deadline = "Hạn xử lý là 5 ngày làm việc.";
  const scam = "Cảnh giác với tin nhắn giả mạo cơ quan nhà nước.";

  it.each([
    ["identical text", `${intro}\n\n${fee}`, `${intro}\n\n${fee}`, [{ kind: "unchanged", count: 2 }]],
    ["both empty", "", "", []],
    [
      "a paragraph edited between unchanged ones",
      `${intro}\n\n${fee}\n\n${deadline}`,
      `${intro}\n\n${newFee}\n\n${deadline}`,
      [
        { kind: "unchanged", count: 1 },
        {
          kind: "changed",
          parts: [
            { kind: "same", text: "Lệ phí là " },
            { kind: "removed", text: "50" },
            { kind: "added", text: "30" },
            { kind: "same", text: ".000 đồng." },
          ],
        },
        { kind: "unchanged", count: 1 },
      ],
    ],
    [
      "a paragraph added at the end",
      `${intro}\n\n${fee}`,
      `${intro}\n\n${fee}\n\n${scam}`,
      [
        { kind: "unchanged", count: 2 },
        { kind: "added", text: scam },
      ],
    ],
    [
      "a paragraph removed at the start",
      `${scam}\n\n${intro}`,
      intro,
      [
        { kind: "removed", text: scam },
        { kind: "unchanged", count: 1 },
      ],
    ],
    [
      "a paragraph replaced by an unrelated one",
      `${intro}\n\n${deadline}`,
      `${intro}\n\n${scam}`,
      [
        { kind: "unchanged", count: 1 },
        { kind: "removed", text: deadline },
        { kind: "added", text: scam },
      ],
    ],
    [
      "two removed, one added: the first pair is compared, the rest stands alone",
      `${fee}\n\n${deadline}`,
      newFee,
      [
        {
          kind: "changed",
          parts: [
            { kind: "same", text: "Lệ phí là " },
            { kind: "removed", text: "50" },
            { kind: "added", text: "30" },
            { kind: "same", text: ".000 đồng." },
          ],
        },
        { kind: "removed", text: deadline },
      ],
    ],
    [
      "one removed, two added",
      deadline,
      `${scam}\n\n${intro}`,
      [
        { kind: "removed", text: deadline },
        { kind: "added", text: scam },
        { kind: "added", text: intro },
      ],
    ],
    ["from nothing", "", intro, [{ kind: "added", text: intro }]],
    ["to nothing", intro, "", [{ kind: "removed", text: intro }]],
    [
      "blank-line and trailing-space changes alone are no change",
      `${intro}\n\n\n${fee}  `,
      `${intro}\n\n${fee}`,
      [{ kind: "unchanged", count: 2 }],
    ],
  ])("%s", (_name, before, after, blocks) => {
    expect(diffLessonText(before, after)).toEqual(blocks);
  });

  it.each<[DiffBlock[], boolean]>([
    [[], false],
    [[{ kind: "unchanged", count: 3 }], false],
    [[{ kind: "added", text: "x" }], true],
    [
      [
        { kind: "unchanged", count: 1 },
        { kind: "removed", text: "x" },
      ],
      true,
    ],
    [[{ kind: "changed", parts: [] }], true],
  ])("hasTextChanges(%j) = %s", (blocks, expected) => {
    expect(hasTextChanges(blocks)).toBe(expected);
  });
});

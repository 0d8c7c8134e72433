import { describe, expect, it } from "vitest";
import { certificateMatches } from "~/lib/certificates/search";

const row = {
  code: "HS-72CJ-MKC4",
  holderName: "Nguyễn Văn Đức",
  courseTitleVi: "Chữ ký số cho cán bộ",
  courseTitleEn: "Digital signatures for officials",
};

describe("certificateMatches", () => {
  it.each([
    { query: "", found: true },
    { query: "HS-72CJ-MKC4", found: true },
    { query: "72cj", found: true },
    { query: "hs-72c", found: true },
    { query: "72CJMK", found: true },
    { query: "CJ-MK", found: true },
    { query: "72", found: false },
    { query: "72CX", found: false },
    { query: "nguyen duc", found: true },
    { query: "Đức Nguyễn", found: true },
    { query: "NGUYEN VAN DUC", found: true },
    { query: "chu ky so", found: true },
    { query: "signatures", found: true },
    { query: "nguyen minh", found: false },
    { query: "tran", found: false },
  ])("'$query' → $found", ({ query, found }) => {
    expect(certificateMatches(row, query)).toBe(found);
  });
});

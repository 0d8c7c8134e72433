import { describe, expect, it } from "vitest";
import { requirementSchema } from "~/lib/credits/credits.schema";
import { normalizeJobRole } from "~/lib/organizations/job-role";
import { parseOfficialsCsv } from "~/lib/organizations/officials-csv.server";
import { assignmentCreateSchema, memberAddSchema } from "~/lib/organizations/organizations.schema";

describe("normalizeJobRole", () => {
  it.each([
    ["already normal", "chuyên viên", "chuyên viên"],
    ["capitalised, as typed in the requirements form", "Chuyen-vien", "chuyen-vien"],
    ["upper case with diacritics", "CHUYÊN VIÊN CHÍNH", "chuyên viên chính"],
    ["surrounding and repeated spaces", "  Cán bộ   Một cửa ", "cán bộ một cửa"],
    ["tabs and line breaks inside", "cán\tbộ\n một cửa", "cán bộ một cửa"],
    ["decomposed diacritics (NFD) become composed", "Chuye\u0302n vie\u0302n", "chuyên viên"],
    ["đ keeps its stroke", "Đội trưởng", "đội trưởng"],
    ["only spaces", "   ", ""],
  ])("%s", (_label, input, expected) => {
    expect(normalizeJobRole(input)).toBe(expected);
  });

  it("is idempotent", () => {
    const once = normalizeJobRole("  Phó  Trưởng phòng ");
    expect(normalizeJobRole(once)).toBe(once);
  });
});

describe("every way a job role comes in stores the same role", () => {
  const typed = "  Chuyen-VIEN  ";
  const stored = "chuyen-vien";

  it.each([
    ["credit requirements form", () => requirementSchema.parse({ jobRole: typed, year: "2026", credits: "8" }).jobRole],
    ["add member form", () => memberAddSchema.parse({ intent: "addMember", email: "a@b.vn", jobRole: typed }).jobRole],
    [
      "assignment form",
      () =>
        assignmentCreateSchema.parse({
          intent: "create",
          unitCode: "TN",
          jobRole: typed,
          courseSlug: "x",
          target: "latest",
          dueDate: "2026-12-31",
        }).jobRole,
    ],
    [
      "officials CSV import",
      () =>
        parseOfficialsCsv(`email,full_name,unit_code,job_role\na@b.vn,Nguyễn Văn An,TN,${typed}\n`).rows[0]?.jobRole,
    ],
  ])("%s", (_label, read) => {
    expect(read()).toBe(stored);
  });
});

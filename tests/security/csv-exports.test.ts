import { describe, expect, it } from "vitest";
import { transcriptCsv } from "~/lib/credits/credits.server";
import { complianceCsv, type CsvLabels } from "~/lib/organizations/compliance.server";

// Finding 8: a note, a course title or a unit name that starts like a formula arrives in every
// CSV export as text, never as a live formula.
const PAYLOAD = '=HYPERLINK("http://evil.example","bấm vào đây")';
const cells = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .join("\n");

describe("every CSV export neutralises formula payloads", () => {
  it("the learner's transcript", () => {
    const csv = transcriptCsv(
      [
        {
          date: new Date("2026-11-01T00:00:00Z"),
          courseTitleVi: PAYLOAD,
          courseTitleEn: PAYLOAD,
          version: 1,
          amount: 2,
          source: "completion",
          note: "+cmd|' /C calc'!A0",
          year: 2026,
        },
      ],
      "vi",
    );
    expect(cells(csv)).toContain(`"'=HYPERLINK(""http://evil.example"",""bấm vào đây"")"`);
    expect(cells(csv)).toContain("'+cmd");
    expect(cells(csv)).not.toMatch(/(^|,)[=+@]/m);
  });

  it("the compliance dashboard", () => {
    const numbers = {
      assigned: 1,
      completed: 0,
      inProgress: 0,
      notStarted: 1,
      overdue: 0,
      rate: 0,
      members: 1,
      credits: 0,
      withRequirement: 0,
      metRequirement: 0,
    };
    const labels = Object.fromEntries(
      [
        "unitCode",
        "unit",
        "assigned",
        "completed",
        "inProgress",
        "notStarted",
        "overdue",
        "rate",
        "members",
        "credits",
        "withRequirement",
        "metRequirement",
        "direct",
        "total",
      ].map((key) => [key, key]),
    ) as CsvLabels;
    const csv = complianceCsv(
      [{ code: "TN", name: "@SUM(1+1)", kind: "unit", ...numbers }] as Parameters<typeof complianceCsv>[0],
      numbers,
      labels,
    );
    expect(cells(csv)).toContain("'@SUM(1+1)");
    expect(cells(csv)).not.toMatch(/(^|,)[=+@]/m);
  });
});

import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// One logical schema, two providers: the committed migrations of the provider under test must
// produce exactly prisma/models.prisma (exit code 0 = no difference), so they cannot drift.
// The SQLite scratch file lives in the temp directory: a clean clone has no data/ folder yet.
describe("migrations", () => {
  it("match the shared schema for this provider", () => {
    const url = process.env.DATABASE_URL!;
    const flavour = /^postgres(ql)?:/.test(url) ? "postgres" : "sqlite";
    const scratch = `file:${path.join(os.tmpdir(), `hocso-drift-check-${process.pid}.db`)}`;
    const result = spawnSync(
      "npx",
      [
        "prisma",
        "migrate",
        "diff",
        "--from-migrations",
        `prisma/${flavour}/migrations`,
        "--to-schema-datamodel",
        `prisma/${flavour}`,
        "--exit-code",
      ],
      { encoding: "utf8", env: { ...process.env, DATABASE_URL: flavour === "sqlite" ? scratch : url } },
    );
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  });
});

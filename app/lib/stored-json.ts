import { z } from "zod";

// JSON columns that hold a plain list of strings (a version's DigComp `skills`, a question's
// `lessonKeys`). Parsed here, at the database boundary, so a hand-edited row fails with the row
// named instead of spreading a wrong type through the page.

const stringListSchema = z.array(z.string());

/** A stored JSON list of strings; `where` names the row and column in the error. */
export function parseStringList(value: unknown, where: string): string[] {
  const result = stringListSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new Error(`${where}: stored JSON is not a list of strings (${problems.join("; ")})`);
  }
  return result.data;
}

import type { z } from "zod";

// Shared by the schemas of every name and title (people, units, courses, lessons, reasons).
// A NUL byte is invisible, breaks CSV and PDF output, and PostgreSQL refuses it in text columns,
// so it is a field error like any other, in the browser and in the action alike.

const NUL = "\u0000";

/** The same string schema, refusing any value that contains a NUL byte. */
export function withoutNul<Output extends string | undefined, Def extends z.ZodTypeDef, Input>(
  schema: z.ZodType<Output, Def, Input>,
): z.ZodEffects<z.ZodType<Output, Def, Input>, Output, Input> {
  return schema.refine((value) => value === undefined || !value.includes(NUL), "errors.text.nul");
}

import { z } from "zod";
import type { PoolDraw } from "./draw";
import type { ChoiceOption, NumericAnswer, Question, QuestionBase } from "./question";

// The shape a question is stored in (`Question.spec`) and frozen in (`Attempt.snapshot`). Stored
// JSON is parsed here, at the database boundary, so a corrupt or hand-edited row fails with the
// row and the field named instead of grading with a wrong key.

const base = {
  key: z.string().min(1),
  pool: z.string(),
  lessons: z.array(z.string()),
  points: z.number().finite(),
  prompt: z.string(),
  explanation: z.string().optional(),
} satisfies { [K in keyof QuestionBase]-?: z.ZodTypeAny };

const weight = z.number().finite();
const choiceOption: z.ZodType<ChoiceOption> = z.object({
  id: z.string(),
  text: z.string(),
  weight,
  feedback: z.string().optional(),
});
const numericAnswer: z.ZodType<NumericAnswer> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("tolerance"), value: z.number(), tolerance: z.number(), weight }),
  z.object({ kind: z.literal("range"), min: z.number(), max: z.number(), weight }),
]);

const storedQuestionSchema: z.ZodType<Question, z.ZodTypeDef, unknown> = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("single"), options: z.array(choiceOption) }),
  z.object({ ...base, type: z.literal("multiple"), options: z.array(choiceOption) }),
  z.object({
    ...base,
    type: z.literal("truefalse"),
    answer: z.boolean(),
    feedbackTrue: z.string().optional(),
    feedbackFalse: z.string().optional(),
  }),
  z.object({
    ...base,
    type: z.literal("short"),
    answers: z.array(z.object({ text: z.string(), weight })),
    diacriticsMatter: z.boolean(),
  }),
  z.object({ ...base, type: z.literal("numeric"), answers: z.array(numericAnswer) }),
  z.object({
    ...base,
    type: z.literal("matching"),
    pairs: z.array(z.object({ id: z.string(), left: z.string(), right: z.string() })),
  }),
  z.object({ ...base, type: z.literal("ordering"), items: z.array(z.object({ id: z.string(), text: z.string() })) }),
]);

/** A stored question, snapshot or exam's pools that do not have the shape grading relies on. */
export class StoredQuestionError extends Error {
  constructor(
    readonly where: string,
    readonly problems: string[],
    what = "question",
  ) {
    super(`${where}: stored JSON is not a valid ${what} (${problems.join("; ")})`);
    this.name = "StoredQuestionError";
  }
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
}

/** A question's stored `spec`; `where` names the row in the error ("question 'dvc-1' of version …"). */
export function parseQuestion(spec: unknown, where: string): Question {
  const result = storedQuestionSchema.safeParse(spec);
  if (!result.success) throw new StoredQuestionError(where, problemsOf(result.error));
  return result.data;
}

const snapshotSchema = z.array(storedQuestionSchema);

/** An attempt's frozen `snapshot`: the questions it drew, in order. */
export function parseSnapshot(snapshot: unknown, attemptId: string): Question[] {
  const result = snapshotSchema.safeParse(snapshot);
  if (!result.success) throw new StoredQuestionError(`attempt ${attemptId} snapshot`, problemsOf(result.error));
  return result.data;
}

const poolsSchema = z.array(z.object({ pool: z.string().min(1), draw: z.number().int().nonnegative() }));

/**
 * An exam's stored `pools` (how many questions each pool draws). The exam room's hot SQL reads
 * JSON columns as text on SQLite, so a string is parsed first.
 */
export function parsePools(value: unknown, examId: string): PoolDraw[] {
  let pools: unknown = value;
  if (typeof value === "string") {
    try {
      pools = JSON.parse(value);
    } catch {
      throw new StoredQuestionError(`exam ${examId} pools`, ["(root): not JSON"], "list of pools");
    }
  }
  const result = poolsSchema.safeParse(pools);
  if (!result.success) throw new StoredQuestionError(`exam ${examId} pools`, problemsOf(result.error), "list of pools");
  return result.data;
}

import { describe, expect, it } from "vitest";
import type { ZodError } from "zod";
import { changePasswordSchema, resetPasswordSchema } from "./accounts.schema";

const strong = "a-long-enough-secret";

/** The first message per field of a refused form, as the page shows it. */
function errorsOf(result: { success: true } | { success: false; error: ZodError }) {
  if (result.success) return {};
  return Object.fromEntries(
    result.error.issues.map((issue) => [issue.path.join("."), issue.message] as const).reverse(),
  );
}

describe("the new-password piece shared by the reset, activation and change forms", () => {
  for (const [name, schema, own] of [
    ["reset / activation", resetPasswordSchema, { token: "t0k3n" }],
    ["change", changePasswordSchema, { currentPassword: "old-password" }],
  ] as const) {
    it(`${name}: accepts a matching new password and keeps the form's own field`, () => {
      const result = schema.safeParse({ ...own, password: strong, confirmPassword: strong });
      expect(result.success && result.data).toEqual({ ...own, password: strong, confirmPassword: strong });
    });

    it(`${name}: a confirmation that differs is reported on the confirmation`, () => {
      const result = schema.safeParse({ ...own, password: strong, confirmPassword: `${strong}!` });
      expect(errorsOf(result)).toEqual({ confirmPassword: "errors.password.mismatch" });
    });

    it(`${name}: a short password and an empty confirmation are reported on their fields`, () => {
      const result = schema.safeParse({ ...own, password: "short", confirmPassword: "" });
      expect(errorsOf(result)).toEqual({
        password: "errors.password.tooShort",
        confirmPassword: "errors.password.required",
      });
    });
  }

  it("each form still requires its own field", () => {
    const body = { password: strong, confirmPassword: strong };
    expect(errorsOf(resetPasswordSchema.safeParse({ ...body, token: "" }))).toEqual({ token: "errors.reset.invalid" });
    expect(errorsOf(changePasswordSchema.safeParse({ ...body, currentPassword: "" }))).toEqual({
      currentPassword: "errors.password.required",
    });
  });
});

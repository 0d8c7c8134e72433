import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseIntentForm, readJsonBody } from "~/lib/forms.server";

const schema = z.object({ seconds: z.number().max(10) });
const post = (body: string) => new Request("http://localhost/api", { method: "POST", body });

describe("readJsonBody", () => {
  it("gives the parsed body", async () => {
    expect(await readJsonBody(post('{"seconds":3}'), schema)).toEqual({ ok: true, data: { seconds: 3 } });
  });

  it.each([
    ["malformed JSON", "{seconds:", { error: "invalid-json" }],
    [
      "a body the schema refuses",
      '{"seconds":11}',
      { error: "invalid", issues: [expect.stringMatching(/^seconds: /)] },
    ],
  ])("answers %s with a 400 JSON body that is never cached", async (_case, body, answer) => {
    const parsed = await readJsonBody(post(body), schema);
    if (parsed.ok) throw new Error("expected a refusal");
    expect(parsed.response.status).toBe(400);
    expect(parsed.response.headers.get("Cache-Control")).toBe("no-store");
    expect(await parsed.response.json()).toEqual(answer);
  });
});

describe("parseIntentForm", () => {
  const actions = z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("rename"), name: z.string().min(2, "too-short") }),
    z.object({ intent: z.literal("remove"), id: z.string().min(1) }),
  ]);
  const form = (fields: Record<string, string>) => {
    const formData = new FormData();
    for (const [name, value] of Object.entries(fields)) formData.append(name, value);
    return formData;
  };

  it("validates the post with the schema its intent names", () => {
    expect(parseIntentForm(form({ intent: "remove", id: "u1", name: "x" }), actions)).toMatchObject({
      ok: true,
      data: { intent: "remove", id: "u1" },
    });
    expect(parseIntentForm(form({ intent: "rename", name: "x" }), actions)).toMatchObject({
      ok: false,
      fieldErrors: { name: "too-short" },
      values: { intent: "rename", name: "x" },
    });
  });

  it.each([
    ["an intent no form has", { intent: "delete" }],
    ["no intent", { name: "abc" }],
  ])("answers %s with a 400", (_case, fields) => {
    let thrown: unknown;
    try {
      parseIntentForm(form(fields), actions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readJsonBody } from "~/lib/forms.server";

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

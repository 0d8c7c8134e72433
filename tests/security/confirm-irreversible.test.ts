import { afterAll, describe, expect, it } from "vitest";
import { startSession } from "~/lib/accounts/session.server";
import { createUser, deleteUsers } from "~/lib/fixtures/factories.server";
import { action as revokeAction } from "~/routes/admin.certificates";

// Hardening: revoking a certificate cannot be undone, so the form carries a confirmation the
// admin must tick; the server refuses a revocation without it (a crafted or scripted post too).

const created: string[] = [];
afterAll(async () => {
  await deleteUsers(created);
});

async function post(fields: Record<string, string>) {
  const admin = await createUser({ role: "admin" });
  created.push(admin.id);
  const cookie = (await startSession(new Request("http://localhost/"), admin.id)).split(";")[0];
  const request = new Request("http://localhost/admin/certificates", {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  const result = (await revokeAction({ request, params: {}, context: { requestId: "t", cspNonce: "" } })) as {
    data?: { fieldErrors?: Record<string, string> };
    init?: { status?: number };
  };
  return { status: result.init?.status ?? 200, fieldErrors: result.data?.fieldErrors ?? {} };
}

describe("revoking a certificate needs a confirmation", () => {
  it("refuses a revocation whose confirmation is missing or not ticked", async () => {
    for (const confirm of [undefined, "", "no"]) {
      const answer = await post({
        code: "HS-NONE",
        reason: "Cấp nhầm người",
        ...(confirm === undefined ? {} : { confirm }),
      });
      expect(answer).toEqual({ status: 400, fieldErrors: { confirm: "certificates.errors.confirm" } });
    }
  });

  it("with the confirmation ticked the request reaches the revocation (here: an unknown code)", async () => {
    const answer = await post({ code: "HS-NONE", reason: "Cấp nhầm người", confirm: "yes" });
    expect(answer.status).toBe(400);
    expect(answer.fieldErrors.confirm).toBeUndefined();
    expect(answer.fieldErrors.code).toBeDefined();
  });
});

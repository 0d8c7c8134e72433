/**
 * End-to-end check of `npm run verify` (app/cli/verify.ts) run the way operators run it:
 * a separate Node process with tsx, files on disk, exit codes.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDataIntegrityProof, didDocument, signCredentialJwt, type OpenBadgeCredential } from "./credential";
import { buildStatusListCredential, createStatusList, encodeStatusList, setBit } from "./status-list";
import { DID, makeKey, sampleCredential, STATUS_URL } from "./test-fixtures";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const CLI = path.join(ROOT, "app/cli/verify.ts");
let dir: string;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const f = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-cli-"));
  const [rsa, ed] = await Promise.all([makeKey("RS256"), makeKey("EdDSA")]);
  const jwks = { keys: [rsa.publicJwk, ed.publicJwk] };
  const vc = await sampleCredential({ validUntil: new Date("2099-01-01T00:00:00Z") });
  fs.writeFileSync(f("jwks.json"), JSON.stringify(jwks));
  fs.writeFileSync(f("did.json"), JSON.stringify(didDocument({ did: DID, jwks })));
  fs.writeFileSync(f("cert.jwt"), (await signCredentialJwt(vc, rsa.privateJwk, rsa.kid)) + "\n");
  fs.writeFileSync(
    f("cert.json"),
    JSON.stringify(await addDataIntegrityProof(vc, ed.privateJwk, `${DID}#${ed.kid}`), null, 2),
  );
  const tampered = JSON.parse(fs.readFileSync(f("cert.json"), "utf8")) as OpenBadgeCredential;
  tampered.credentialSubject.achievement.creditsAvailable = 40;
  fs.writeFileSync(f("tampered.json"), JSON.stringify(tampered));
  const hour = 60 * 60 * 1000;
  const recent = new Date(Date.now() - hour);
  for (const [name, revoked, validFrom, validUntil] of [
    ["status-ok.jwt", [], recent, new Date(recent.getTime() + 24 * hour)],
    ["status-stale.jwt", [], new Date("2025-01-01T00:00:00Z"), new Date("2025-01-02T00:00:00Z")],
    ["status-revoked.jwt", [4242], new Date("2025-01-01T00:00:00Z"), undefined],
  ] as const) {
    const bits = createStatusList();
    for (const i of revoked) setBit(bits, i);
    const list = buildStatusListCredential({
      id: STATUS_URL,
      issuer: DID,
      validFrom,
      ...(validUntil ? { validUntil } : {}),
      encodedList: encodeStatusList(bits),
      purpose: "revocation",
    });
    fs.writeFileSync(f(name), await signCredentialJwt(list, rsa.privateJwk, rsa.kid));
  }
  fs.mkdirSync(f("alone"));
  fs.copyFileSync(f("cert.jwt"), f("alone/cert.jwt"));
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run verify", () => {
  it("valid JWT with jwks.json found beside it, no --status: exit 3 (revocation not checked), bilingual details", () => {
    const r = run(f("cert.jwt"));
    expect(r.code).toBe(3);
    expect(r.out).toContain("HỢP LỆ / VALID");
    expect(r.out).toContain("Nguyễn Thị Ánh Tuyết");
    expect(r.out).toContain("Chữ ký số và định danh điện tử");
    expect(r.out).toContain("phiên bản / version 3");
    expect(r.out).toMatch(/Tín chỉ \/ Credits\s+2/);
    expect(r.out).toContain("05/03/2025");
    expect(r.out).toContain("HS-7K3Q-M9T9");
    expect(r.out).toContain("NOT checked");
    expect(r.out).toContain('the online page says "superseded"');
    expect(r.out).toContain("https://hocso.example.gov.vn/verify/HS-7K3Q-M9T9");
  }, 60_000);

  it("a stale status list: exit 4, its dates printed and a warning", () => {
    const r = run(f("cert.jwt"), "--status", f("status-stale.jwt"));
    expect(r.code).toBe(4);
    expect(r.out).toContain("Status list: 01/01/2025");
    expect(r.out).toContain("02/01/2025");
    expect(r.out).toContain("The status list is stale");
  }, 60_000);

  it("valid JSON against a did.json, with a clean status list: exit 0, revocation checked", () => {
    const r = run(f("cert.json"), "--keys", f("did.json"), "--status", f("status-ok.jwt"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("checked, not revoked as of");
    expect(r.out).not.toContain("stale");
  }, 60_000);

  it("revoked, even on an old list (a revocation is never undone): exit 1", () => {
    const r = run(f("cert.jwt"), `--status=${f("status-revoked.jwt")}`);
    expect(r.code).toBe(1);
    expect(r.out).toContain("ĐÃ BỊ THU HỒI / REVOKED");
  }, 60_000);

  it("tampered: exit 1 and no details from the forged document", () => {
    const r = run(f("tampered.json"), "--keys", f("jwks.json"));
    expect(r.code).toBe(1);
    expect(r.out).toContain("NOT GENUINE");
    expect(r.out).not.toContain("Người nhận / Holder");
    expect(r.out).not.toContain("Nguyễn Thị Ánh Tuyết");
  }, 60_000);

  it.each([
    ["no arguments", []],
    ["unknown option", ["x.jwt", "--frobnicate"]],
    ["missing --keys value", ["x.jwt", "--keys"]],
    ["no jwks.json beside the file", ["alone/cert.jwt"]],
    ["missing certificate file", ["missing.jwt", "--keys", "jwks.json"]],
  ])(
    "usage error (%s): exit 2",
    (_label, args) => {
      const r = run(...args.map((a) => (a.startsWith("-") ? a : f(a))));
      expect(r.code).toBe(2);
      expect(r.err).toContain("Usage");
    },
    60_000,
  );
});

import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { calculateJwkThumbprint, CompactSign, compactVerify, importJWK } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { activeKeys, loadOrCreateKeyFile, publicJwks, rotateKeys } from "./keys.server";

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "hocso-keys-"));
  file = path.join(dir, "nested", "keys", "signing-keys.json");
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi"];

describe("loadOrCreateKeyFile", () => {
  it("creates an RS256 and an EdDSA key with thumbprint kids, mode 0600", async () => {
    const created = await loadOrCreateKeyFile(file, new Date("2025-01-02T03:04:05Z"));
    const st = await fs.stat(file);
    expect(st.mode & 0o777).toBe(0o600);
    expect(created.keys.map((k) => k.alg).sort()).toEqual(["EdDSA", "RS256"]);
    for (const k of created.keys) {
      expect(k.status).toBe("active");
      expect(k.createdAt).toBe("2025-01-02T03:04:05.000Z");
      expect(k.kid).toBe(await calculateJwkThumbprint(k.publicJwk, "sha256"));
    }
    const { rs256, eddsa } = activeKeys(created);
    expect(rs256.publicJwk.kty).toBe("RSA");
    expect(Buffer.from(rs256.publicJwk.n as string, "base64url").length * 8).toBe(2048);
    expect(eddsa.publicJwk).toMatchObject({ kty: "OKP", crv: "Ed25519" });
    // No temp files left behind.
    expect(await fs.readdir(path.dirname(file))).toEqual(["signing-keys.json"]);
  });

  it("loads the same keys on the next call instead of regenerating", async () => {
    const a = await loadOrCreateKeyFile(file);
    const b = await loadOrCreateKeyFile(file);
    expect(b.keys.map((k) => k.kid)).toEqual(a.keys.map((k) => k.kid));
    expect(activeKeys(b).rs256.privateJwk.reveal()).toEqual(activeKeys(a).rs256.privateJwk.reveal());
  });

  it("two concurrent first starts agree on one set of keys", async () => {
    const [a, b] = await Promise.all([loadOrCreateKeyFile(file), loadOrCreateKeyFile(file)]);
    expect(a.keys.map((k) => k.kid)).toEqual(b.keys.map((k) => k.kid));
    const onDisk = await loadOrCreateKeyFile(file);
    expect(onDisk.keys.map((k) => k.kid)).toEqual(a.keys.map((k) => k.kid));
  });

  it("tightens a group/world-readable key file", async () => {
    await loadOrCreateKeyFile(file);
    await fs.chmod(file, 0o644);
    await loadOrCreateKeyFile(file);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it("rejects a corrupt file with a message that does not echo its contents", async () => {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify({ version: 1, keys: [{ kid: "x", d: "SECRET-VALUE" }] }));
    await expect(loadOrCreateKeyFile(file)).rejects.toThrow(/unexpected shape/);
    await expect(loadOrCreateKeyFile(file)).rejects.not.toThrow(/SECRET-VALUE/);
    await fs.writeFile(file, "{not json SECRET-VALUE");
    await expect(loadOrCreateKeyFile(file)).rejects.toThrow(/not valid JSON/);
  });

  it("the private keys sign and the published public keys verify", async () => {
    const kf = await loadOrCreateKeyFile(file);
    const { rs256, eddsa } = activeKeys(kf);
    const jwks = publicJwks(kf);
    for (const k of [rs256, eddsa]) {
      const jws = await new CompactSign(new TextEncoder().encode("xin chào"))
        .setProtectedHeader({ alg: k.alg, kid: k.kid })
        .sign(await importJWK(k.privateJwk.reveal(), k.alg));
      const pub = jwks.keys.find((j) => j.kid === k.kid)!;
      const { payload } = await compactVerify(jws, await importJWK(pub, k.alg));
      expect(new TextDecoder().decode(payload)).toBe("xin chào");
    }
  });
});

describe("publicJwks", () => {
  it("publishes alg, use and kid and never a private member", async () => {
    const jwks = publicJwks(await loadOrCreateKeyFile(file));
    expect(jwks.keys).toHaveLength(2);
    for (const k of jwks.keys) {
      expect(k.use).toBe("sig");
      expect(["RS256", "EdDSA"]).toContain(k.alg);
      expect(typeof k.kid).toBe("string");
      for (const m of PRIVATE_MEMBERS) expect(k).not.toHaveProperty(m);
    }
  });
});

describe("rotateKeys", () => {
  it("adds new active keys, retires the old ones and keeps their public halves", async () => {
    const before = await loadOrCreateKeyFile(file, new Date("2025-01-01T00:00:00Z"));
    const oldKids = before.keys.map((k) => k.kid);
    const after = await rotateKeys(file, new Date("2025-06-01T00:00:00Z"));

    expect(after.keys).toHaveLength(4);
    const active = activeKeys(after);
    expect(oldKids).not.toContain(active.rs256.kid);
    expect(oldKids).not.toContain(active.eddsa.kid);
    for (const kid of oldKids) {
      const k = after.keys.find((x) => x.kid === kid)!;
      expect(k.status).toBe("retired");
      expect(k.retiredAt).toBe("2025-06-01T00:00:00.000Z");
      expect(k.privateJwk).toBeUndefined();
    }
    const published = publicJwks(after).keys.map((k) => k.kid);
    expect(published).toHaveLength(4);
    for (const kid of oldKids) expect(published).toContain(kid);
    // Active keys are listed first.
    expect(published.slice(0, 2).sort()).toEqual([active.rs256.kid, active.eddsa.kid].sort());

    // What is on disk matches, and retired private material is gone from the file.
    const raw = await fs.readFile(file, "utf8");
    const reloaded = await loadOrCreateKeyFile(file);
    expect(reloaded.keys.map((k) => k.kid)).toEqual(after.keys.map((k) => k.kid));
    const onDisk = JSON.parse(raw) as { keys: { kid: string; privateJwk?: unknown }[] };
    for (const kid of oldKids) expect(onDisk.keys.find((k) => k.kid === kid)!.privateJwk).toBeUndefined();
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await fs.readdir(path.dirname(file))).toEqual(["signing-keys.json"]);
  });

  it("accumulates public keys over several rotations", async () => {
    await loadOrCreateKeyFile(file);
    await rotateKeys(file);
    const kf = await rotateKeys(file);
    expect(publicJwks(kf).keys).toHaveLength(6);
    expect(kf.keys.filter((k) => k.status === "active")).toHaveLength(2);
  });
});

describe("private material never leaks through logging", () => {
  it("redacts JSON.stringify, String() and util.inspect", async () => {
    const kf = await loadOrCreateKeyFile(file);
    const secretD = activeKeys(kf).rs256.privateJwk.reveal().d as string;
    const edD = activeKeys(kf).eddsa.privateJwk.reveal().d as string;
    for (const rendering of [
      JSON.stringify(kf),
      JSON.stringify(activeKeys(kf)),
      inspect(kf, { depth: 10 }),
      inspect(activeKeys(kf), { depth: 10 }),
      String(activeKeys(kf).rs256.privateJwk),
      // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- the test is that interpolating the secret wrapper reveals nothing
      `${activeKeys(kf).eddsa.privateJwk}`,
    ]) {
      expect(rendering).not.toContain(secretD);
      expect(rendering).not.toContain(edD);
    }
    expect(JSON.stringify(activeKeys(kf).rs256)).toContain("[REDACTED]");
  });
});

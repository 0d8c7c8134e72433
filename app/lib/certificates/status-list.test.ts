import { gzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { base64urlEncode } from "./encoding";
import {
  buildStatusListCredential,
  createStatusList,
  decodeStatusList,
  encodeStatusList,
  getBit,
  setBit,
  STATUS_LIST_MIN_BITS,
} from "./status-list";

describe("bit addressing", () => {
  it("creates an all-clear list of at least 131,072 bits", () => {
    const list = createStatusList();
    expect(list.length * 8).toBe(STATUS_LIST_MIN_BITS);
    expect(list.every((b) => b === 0)).toBe(true);
    expect(() => createStatusList(1024)).toThrow(RangeError);
  });

  it.each([
    [0, 0, 0b1000_0000],
    [7, 0, 0b0000_0001],
    [8, 1, 0b1000_0000],
    [131_071, 16_383, 0b0000_0001],
  ])("index %i is byte %i mask %i (bit 0 = MSB of byte 0)", (index, byte, mask) => {
    const list = createStatusList();
    expect(getBit(list, index)).toBe(false);
    setBit(list, index);
    expect(getBit(list, index)).toBe(true);
    expect(list[byte]).toBe(mask);
    // Neighbours untouched.
    if (index > 0) expect(getBit(list, index - 1)).toBe(false);
    if (index < STATUS_LIST_MIN_BITS - 1) expect(getBit(list, index + 1)).toBe(false);
    setBit(list, index, false);
    expect(getBit(list, index)).toBe(false);
    expect(list.every((b) => b === 0)).toBe(true);
  });

  it("clearing one bit leaves the others in the byte", () => {
    const list = createStatusList();
    for (let i = 0; i < 8; i++) setBit(list, i);
    setBit(list, 3, false);
    expect(list[0]).toBe(0b1110_1111);
  });

  it.each([-1, 131_072, 1.5, Number.NaN])("refuses index %s", (index) => {
    const list = createStatusList();
    expect(() => getBit(list, index)).toThrow(RangeError);
    expect(() => setBit(list, index)).toThrow(RangeError);
  });
});

describe("encode/decode", () => {
  it("round-trips with multibase base64url GZIP", () => {
    const list = createStatusList();
    for (const i of [0, 7, 8, 4242, 99_999, 131_071]) setBit(list, i);
    const encoded = encodeStatusList(list);
    expect(encoded.startsWith("u")).toBe(true);
    expect(encoded.slice(1)).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, no padding
    const decoded = decodeStatusList(encoded);
    expect(decoded).toEqual(list);
    for (const i of [0, 7, 8, 4242, 99_999, 131_071]) expect(getBit(decoded, i)).toBe(true);
    expect(getBit(decoded, 1)).toBe(false);
  });

  it("is deterministic and compact for a sparse list", () => {
    const list = createStatusList();
    setBit(list, 12);
    expect(encodeStatusList(list)).toBe(encodeStatusList(list.slice()));
    expect(encodeStatusList(list).length).toBeLessThan(200);
  });

  it("decodes a list produced by another GZIP implementation", () => {
    const list = createStatusList(STATUS_LIST_MIN_BITS * 2);
    setBit(list, 200_000);
    const foreign = "u" + base64urlEncode(gzipSync(list, { level: 1 }));
    expect(getBit(decodeStatusList(foreign), 200_000)).toBe(true);
  });

  it("refuses lists below the spec minimum on encode", () => {
    expect(() => encodeStatusList(new Uint8Array(100))).toThrow(RangeError);
  });

  it.each([
    ["missing multibase prefix", () => encodeStatusList(createStatusList()).slice(1)],
    ["base64 instead of base64url", () => "u+/+/"],
    ["not gzip", () => "u" + base64urlEncode(new Uint8Array(64))],
    ["truncated gzip", () => encodeStatusList(createStatusList()).slice(0, 30)],
    ["too short once inflated", () => "u" + base64urlEncode(gzipSync(new Uint8Array(16)))],
  ])("rejects %s", (_label, make) => {
    expect(() => decodeStatusList(make())).toThrow();
  });

  it("refuses to inflate a zip bomb", () => {
    const huge = gzipSync(new Uint8Array(20 * 1024 * 1024));
    expect(() => decodeStatusList("u" + base64urlEncode(huge))).toThrow(/too large/);
  });
});

describe("buildStatusListCredential", () => {
  it("builds a BitstringStatusListCredential", () => {
    const encodedList = encodeStatusList(createStatusList());
    const vc = buildStatusListCredential({
      id: "https://hocso.example.gov.vn/credentials/status/1",
      issuer: "did:web:hocso.example.gov.vn",
      validFrom: new Date("2025-03-01T08:00:00.123Z"),
      encodedList,
      purpose: "revocation",
    });
    expect(vc).toEqual({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      id: "https://hocso.example.gov.vn/credentials/status/1",
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: "did:web:hocso.example.gov.vn",
      validFrom: "2025-03-01T08:00:00Z",
      credentialSubject: {
        id: "https://hocso.example.gov.vn/credentials/status/1#list",
        type: "BitstringStatusList",
        statusPurpose: "revocation",
        encodedList,
      },
    });
  });
});

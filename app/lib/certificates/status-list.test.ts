import { gzipSync as zlibGzip } from "node:zlib";
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
    expect(Buffer.compare(decoded, list)).toBe(0); // toEqual walks 16,384 bytes one by one
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
    // node:zlib builds the 20 MiB bomb natively (fflate takes ~2 s, paid by every mutant run).
    const huge = zlibGzip(Buffer.alloc(20 * 1024 * 1024));
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

// Rows found by mutation testing (`npm run test:mutation`): the verifier decodes lists fetched
// from elsewhere, so each check must refuse its own kind of bad input with its own error.
describe("decodeStatusList refuses each kind of bad list (mutation rows)", () => {
  const gzipOf = (bytes: Uint8Array) => gzipSync(bytes, { level: 9, mtime: 0 });
  const encode = (gz: Uint8Array) => "u" + base64urlEncode(gz);
  /** A valid GZIP of a minimum-size list with its ISIZE trailer (bytes n-4..n-1) replaced. */
  const withIsize = (isize: number) => {
    const gz = gzipOf(createStatusList()).slice();
    new DataView(gz.buffer, gz.byteOffset, gz.byteLength).setUint32(gz.length - 4, isize, true);
    return encode(gz);
  };
  // Built per row, not at load time: a mutant that makes createStatusList throw must fail a
  // test, and a file that throws while loading has no tests to fail (Stryker counts it survived).
  const valid = () => gzipOf(createStatusList());

  it.each<[string, () => unknown, RegExp]>([
    ["no multibase prefix", () => base64urlEncode(valid()), /prefix 'u'/],
    ["another multibase prefix (z = base58)", () => "z" + base64urlEncode(valid()), /prefix 'u'/],
    ["not a string", () => 42, /prefix 'u'/],
    ["zeros instead of GZIP", () => encode(new Uint8Array(64)), /not GZIP/],
    [
      "only the first GZIP magic byte",
      () => encode(Uint8Array.from([0x1f, ...valid().slice(1)].map((b, i) => (i === 1 ? 0 : b)))),
      /not GZIP/,
    ],
    ["only the second GZIP magic byte", () => encode(Uint8Array.from([0, ...valid().slice(1)])), /not GZIP/],
    ["a GZIP header with no body", () => encode(valid().slice(0, 17)), /not GZIP/],
    // 18 bytes (header and trailer, no deflate data) is the shortest GZIP: it reaches the inflater.
    [
      "the shortest GZIP, announcing the minimum size",
      () => encode(Uint8Array.from([...valid().slice(0, 10), 0, 0, 0, 0, 0x00, 0x40, 0, 0])),
      /does not inflate|length mismatch/,
    ],
    ["an announced size over the bound", () => withIsize(16 * 1024 * 1024 + 1), /too large/],
    ["an announced size under the spec minimum", () => withIsize(16_383), /shorter than the spec minimum/],
    ["an announced size larger than the data", () => withIsize(16_385), /length mismatch/],
    // Exactly at the bound is allowed to inflate (then fails: the data is shorter than announced).
    ["an announced size of exactly the bound", () => withIsize(16 * 1024 * 1024), /length mismatch/],
    [
      "a corrupted deflate stream",
      () => encode(Uint8Array.from(valid(), (b, i) => (i >= 10 && i < 20 ? 0xff : b))),
      /does not inflate/,
    ],
  ])("%s", (_label, make, error) => {
    expect(() => decodeStatusList(make() as string)).toThrow(error);
  });

  it("reads the announced size little-endian from all four bytes", () => {
    for (const bits of [STATUS_LIST_MIN_BITS, STATUS_LIST_MIN_BITS * 3 + 8, STATUS_LIST_MIN_BITS * 4]) {
      const list = createStatusList(bits);
      setBit(list, bits - 1);
      const decoded = decodeStatusList(encodeStatusList(list));
      expect(decoded.length).toBe(bits / 8);
      expect(getBit(decoded, bits - 1)).toBe(true);
    }
  });
});

describe("status list details (mutation rows)", () => {
  // toXsdDateTime's regex without `$` survives: toISOString has exactly one ".sssZ", at the end.
  // So does `new Date(d)` for a Date too: copying a Date keeps its time, so nothing observable changes.
  it("encodes the empty minimum list to this exact string (level 9, mtime 0)", () => {
    expect(encodeStatusList(createStatusList())).toBe(
      "uH4sIAAAAAAACA-3AMQEAAADCIPunNsYeGAAAAAAAAAAAAAAAAAAAAJA7htJUqwBAAAA",
    );
  });

  it("refuses a stream that inflates to more than its announced size", () => {
    const longer = gzipSync(new Uint8Array(STATUS_LIST_MIN_BITS / 4)).slice();
    new DataView(longer.buffer).setUint32(longer.length - 4, STATUS_LIST_MIN_BITS / 8, true);
    expect(() => decodeStatusList("u" + base64urlEncode(longer))).toThrow(/length mismatch/);
  });

  it("says what is wrong", () => {
    const list = createStatusList();
    expect(() => createStatusList(1024)).toThrow("a status list holds at least 131072 bits");
    expect(() => getBit(list, 131_072)).toThrow("status index 131072 outside the list (0..131071)");
    expect(() => encodeStatusList(new Uint8Array(100))).toThrow("a published status list holds at least 131072 bits");
  });

  it.each([
    ["a string date", "2025-03-01T08:00:00.999Z", "2025-03-01T08:00:00Z"],
    ["a string with an offset", "2025-03-01T15:00:00+07:00", "2025-03-01T08:00:00Z"],
    ["a Date", new Date("2025-12-31T23:59:59.001Z"), "2025-12-31T23:59:59Z"],
  ])("validFrom and validUntil from %s", (_label, date, expected) => {
    const vc = buildStatusListCredential({
      id: "https://h.example/s/1",
      issuer: { id: "did:web:h.example", name: "HọcSố" },
      validFrom: date,
      validUntil: date,
      encodedList: "u",
      purpose: "revocation",
    });
    expect(vc.validFrom).toBe(expected);
    expect(vc.validUntil).toBe(expected);
    expect(vc.issuer).toEqual({ id: "did:web:h.example", name: "HọcSố" });
  });

  it.each(["not a date", new Date(Number.NaN)])("refuses the invalid date %s", (date) => {
    const input = { id: "x", issuer: "did:web:h", encodedList: "u", purpose: "revocation" as const };
    expect(() => buildStatusListCredential({ ...input, validFrom: date })).toThrow("invalid date");
    expect(() => buildStatusListCredential({ ...input, validFrom: "2025-01-01", validUntil: date })).toThrow(
      "invalid date",
    );
  });
});

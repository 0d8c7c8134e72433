import { describe, expect, it } from "vitest";
import {
  codeInputProblem,
  checkCharacter,
  CODE_ALPHABET,
  generateCertificateCode,
  isCanonicalCertificateCode,
  normalizeCertificateCode,
} from "./code";

const FORMAT = /^HS-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

function fixedBytes(values: number[]) {
  let i = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => values[i++ % values.length]);
}

describe("alphabet", () => {
  it("has no ambiguous glyphs and no duplicates", () => {
    for (const c of "0O1ILU") expect(CODE_ALPHABET).not.toContain(c);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
    expect(CODE_ALPHABET).toHaveLength(30);
  });
});

describe("generateCertificateCode", () => {
  it("produces HS-XXXX-XXXX codes that validate", () => {
    for (let i = 0; i < 500; i++) {
      const code = generateCertificateCode();
      expect(code).toMatch(FORMAT);
      expect(isCanonicalCertificateCode(code)).toBe(true);
      expect(normalizeCertificateCode(code)).toBe(code);
    }
  });

  it("is deterministic with injected randomness and skips biased bytes", () => {
    // 255 and 240 are ≥ 240 and must be rejected, not folded onto the alphabet.
    const a = generateCertificateCode(fixedBytes([255, 0, 240, 1, 2, 3, 4, 5, 6]));
    expect(a).toBe(generateCertificateCode(fixedBytes([0, 1, 2, 3, 4, 5, 6])));
    expect(a.startsWith("HS-2345-678")).toBe(true);
  });

  it("fails loudly on a randomness source that never yields usable bytes", () => {
    expect(() => generateCertificateCode(() => new Uint8Array(16).fill(250))).toThrow();
  });

  it("spreads characters roughly evenly", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      for (const c of generateCertificateCode().slice(3, 12).replace("-", "").slice(0, 7)) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    }
    expect(counts.size).toBe(30);
    for (const n of counts.values()) expect(n).toBeGreaterThan(400); // expected 700
  });
});

describe("normalizeCertificateCode", () => {
  const code = generateCertificateCode(fixedBytes([10, 20, 3, 17, 8, 29, 5]));
  const body = code.slice(3).replace("-", "");

  it.each([
    ["canonical", code],
    ["lower case", code.toLowerCase()],
    ["spaces around", `  ${code}\n`],
    ["no dashes", `HS${body}`],
    ["no prefix", body],
    ["no prefix, lower case, dashed", `${body.slice(0, 4)}-${body.slice(4)}`.toLowerCase()],
    ["spaces as separators", `hs ${body.slice(0, 4)} ${body.slice(4)}`],
  ])("accepts %s", (_label, input) => {
    expect(normalizeCertificateCode(input)).toBe(code);
  });

  it("rejects every single-character substitution", () => {
    for (let i = 0; i < body.length; i++) {
      for (const c of CODE_ALPHABET) {
        if (c === body[i]) continue;
        const typo = body.slice(0, i) + c + body.slice(i + 1);
        expect(normalizeCertificateCode(typo), typo).toBeNull();
      }
    }
  });

  it("rejects adjacent transpositions (Luhn mod N misses at most one pair)", () => {
    let caught = 0;
    let tried = 0;
    for (let k = 0; k < 200; k++) {
      const b = generateCertificateCode().slice(3).replace("-", "");
      for (let i = 0; i + 1 < b.length; i++) {
        if (b[i] === b[i + 1]) continue;
        tried++;
        const swapped = b.slice(0, i) + b[i + 1] + b[i] + b.slice(i + 2);
        if (normalizeCertificateCode(swapped) === null) caught++;
      }
    }
    expect(caught / tried).toBeGreaterThan(0.99);
  });

  it("repairs a look-alike glyph when the check character singles out one reading", () => {
    // Build a code containing D, then type it with O / 0 instead.
    const payload = "7K3DM9T";
    const withD = `HS-${payload.slice(0, 4)}-${payload.slice(4)}${checkCharacter(payload)}`;
    expect(isCanonicalCertificateCode(withD)).toBe(true);
    expect(normalizeCertificateCode(withD.replace("D", "O"))).toBe(withD);
    expect(normalizeCertificateCode(withD.replace("D", "0").toLowerCase())).toBe(withD);
    const withV = `HS-${"7K3V"}-${"M9T"}${checkCharacter("7K3VM9T")}`;
    expect(normalizeCertificateCode(withV.replace("V", "U"))).toBe(withV);
  });

  it.each([
    ["empty", ""],
    ["too short", "HS-7K3Q-M9T"],
    ["too long", "HS-7K3Q-M9TDD"],
    ["foreign characters", "HS-7K3Q-M9T!"],
    ["Vietnamese letters", "HS-ĐK3Q-M9TD"],
    ["three look-alikes", "HS-OOO2-3456"],
    ["absurdly long", "HS-".repeat(100)],
  ])("rejects %s", (_label, input) => {
    expect(normalizeCertificateCode(input)).toBeNull();
  });

  it("rejects non-strings without throwing", () => {
    expect(normalizeCertificateCode(undefined as unknown as string)).toBeNull();
  });
});

describe("codeInputProblem", () => {
  const good = generateCertificateCode(() => Uint8Array.from({ length: 14 }, (_, i) => i * 3));
  const typo = good.slice(0, -1) + (good.endsWith("2") ? "3" : "2");
  it.each([
    ["a valid code", good, null],
    ["the same code typed loosely", good.toLowerCase().replaceAll("-", " "), null],
    ["last character mistyped", typo, "mistyped"],
    ["the issue's example", "HS-72CJ-MKC3", "mistyped"],
    ["two adjacent characters swapped", good.slice(0, 3) + good[4] + good[3] + good.slice(5), "mistyped"],
    ["one character short", good.slice(0, -1), "not_a_code"],
    ["letters outside the alphabet and look-alikes", "HS-ABCD-EFG!", "not_a_code"],
    ["empty", "", "not_a_code"],
    ["absurdly long", "X".repeat(100), "not_a_code"],
  ])("%s", (_name, input, expected) => {
    expect(codeInputProblem(input)).toBe(expected);
  });
});

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
  // Built inside each test, never while the file loads: if generating throws (say, under a
  // mutant), that must fail a test, not abort the file with nothing counted.
  const sample = () => {
    const code = generateCertificateCode(fixedBytes([10, 20, 3, 17, 8, 29, 5]));
    return { code, body: code.slice(3).replace("-", "") };
  };

  it.each<[string, (code: string, body: string) => string]>([
    ["canonical", (code) => code],
    ["lower case", (code) => code.toLowerCase()],
    ["spaces around", (code) => `  ${code}\n`],
    ["no dashes", (_code, body) => `HS${body}`],
    ["no prefix", (_code, body) => body],
    ["no prefix, lower case, dashed", (_code, body) => `${body.slice(0, 4)}-${body.slice(4)}`.toLowerCase()],
    ["spaces as separators", (_code, body) => `hs ${body.slice(0, 4)} ${body.slice(4)}`],
  ])("accepts %s", (_label, typed) => {
    const { code, body } = sample();
    expect(normalizeCertificateCode(typed(code, body))).toBe(code);
  });

  it("rejects every single-character substitution", () => {
    const { body } = sample();
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

// Rows found by mutation testing (`npm run test:mutation`).
describe("look-alike repairs (mutation rows)", () => {
  // Each glyph is typed for one of its readings; the check character leaves one choice.
  it.each([
    ["1 read as 7", "HS-7K31-M9TS", "HS-7K37-M9TS"],
    ["1 read as T", "HS-7K31-M9T6", "HS-7K3T-M9T6"],
    ["1 read as J", "HS-7K31-M9TE", "HS-7K3J-M9TE"],
    ["I read as T", "HS-7K3I-M9T6", "HS-7K3T-M9T6"],
    ["I read as J", "HS-7K3I-M9TE", "HS-7K3J-M9TE"],
    ["I read as 7", "HS-7K3I-M9TS", "HS-7K37-M9TS"],
    ["L read as 7", "HS-7K3L-M9TS", "HS-7K37-M9TS"],
    ["L read as T", "HS-7K3L-M9T6", "HS-7K3T-M9T6"],
    ["O read as Q", "HS-7K3O-M9T9", "HS-7K3Q-M9T9"],
    ["0 read as Q", "HS-7K30-M9T9", "HS-7K3Q-M9T9"],
    ["two look-alikes (the most repaired)", "HS-7KOO-M9TK", "HS-7KDQ-M9TK"],
    ["U and O together", "HS-UK3O-M9T8", "HS-VK3D-M9T8"],
  ])("repairs %s", (_label, typed, expected) => {
    expect(isCanonicalCertificateCode(expected)).toBe(true);
    expect(normalizeCertificateCode(typed)).toBe(expected);
  });

  it("refuses a third look-alike, which could repair to somebody else's code", () => {
    // The holder's code is HS-FPCM-JT2B. Typed with three O glyphs, the only reading that
    // passes the check is HS-QQCM-JT2Q, a different (valid) code: hence at most two repairs.
    expect(isCanonicalCertificateCode("HS-QQCM-JT2Q")).toBe(true);
    expect(normalizeCertificateCode("HS-OOCM-JT2O")).toBeNull();
  });
});

describe("prefix and stray characters (mutation rows)", () => {
  it.each([
    ["a body that itself starts with HS, typed without the prefix", "HS23456P", "HS-HS23-456P"],
    ["the same with the prefix", "hs-hs23-456p", "HS-HS23-456P"],
    ["a body starting with HS, dashed", "HS7K-3QMB", "HS-HS7K-3QMB"],
  ])("accepts %s", (_label, typed, expected) => {
    expect(normalizeCertificateCode(typed)).toBe(expected);
  });

  it("refuses a stray foreign character rather than skipping it", () => {
    // Without the "!", the seven characters 7K3QM96 pass the check on their own.
    expect(normalizeCertificateCode("HS-7K3Q-M96!")).toBeNull();
    expect(normalizeCertificateCode("HS-7K3Q-M96\u0110")).toBeNull();
  });
});

describe("isCanonicalCertificateCode (mutation rows)", () => {
  it.each([
    ["the canonical form", "HS-7K3Q-M9T9", true],
    ["lower case", "hs-7k3q-m9t9", false],
    ["no dashes", "HS7K3QM9T9", false],
    ["no prefix", "7K3Q-M9T9", false],
    ["a wrong check character", "HS-7K3Q-M9T8", false],
    ["a look-alike glyph", "HS-7K3O-M9T9", false],
    ["surrounding spaces", " HS-7K3Q-M9T9", false],
    ["an extra character", "HS-7K3Q-M9T99", false],
    // Nine characters can pass the check too: only the anchored pattern refuses this one.
    ["an extra character that keeps the check", "HS-7K3Q-M9T9W", false],
  ])("%s → %s", (_label, code, expected) => {
    expect(isCanonicalCertificateCode(code)).toBe(expected);
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

describe("generation and input bounds (mutation rows)", () => {
  // Left alive: the separator regex without `+` (removing runs one character at a time gives
  // the same string) and the `^` anchor of isCanonicalCertificateCode (anything before "HS-"
  // shifts the body so that it keeps a "-" and fails the check anyway). In isValidBody,
  // dropping `v === undefined` gives a NaN sum (never ≡ 0) and `sum -=` flips the sign of a
  // sum only tested for ≡ 0 mod 30: both decide every body the same way.
  it("asks the source for 14 bytes at a time and gives up only after 65 unusable rounds", () => {
    const asked: number[] = [];
    let calls = 0;
    const lateSource = (n: number) => {
      asked.push(n);
      calls++;
      return new Uint8Array(n).fill(calls <= 64 ? 250 : 7);
    };
    expect(generateCertificateCode(lateSource)).toMatch(FORMAT);
    expect(new Set(asked)).toEqual(new Set([14]));
    expect(calls).toBe(65);
    expect(() => generateCertificateCode((n) => new Uint8Array(n).fill(250))).toThrow(
      "randomBytes keeps returning unusable bytes",
    );
  });

  it("checkCharacter refuses a character outside the alphabet", () => {
    expect(() => checkCharacter("7K3OM9T")).toThrow("character outside the code alphabet");
  });

  it("accepts input up to 64 characters and refuses longer", () => {
    expect(normalizeCertificateCode("HS-7K3Q-M9T9".padEnd(64, " "))).toBe("HS-7K3Q-M9T9");
    expect(normalizeCertificateCode("HS-7K3Q-M9T9".padEnd(65, " "))).toBeNull();
  });
});

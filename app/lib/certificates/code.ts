/**
 * Human-facing certificate codes such as `HS-7K3Q-M9TD`.
 *
 * The code is read aloud on the phone, typed from a printout and scanned from a QR
 * code, so the alphabet leaves out the glyphs people confuse (0 O 1 I L U) and the
 * last character is a Luhn mod N check character: it catches every single-character
 * typo and every swap of two adjacent characters except one pair, so a mistyped code
 * is reported as "invalid" instead of silently looking up somebody else's certificate.
 */

export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_PREFIX = "HS";
/** Random characters before the check character (30^7 ≈ 2.2·10^10 codes). */
export const CODE_PAYLOAD_LENGTH = 7;

const N = CODE_ALPHABET.length;
// Stryker disable next-line ArrowFunction: a broken table throws while the module loads, which the vitest runner cannot count as a kill
const INDEX = new Map<string, number>([...CODE_ALPHABET].map((c, i) => [c, i]));

/**
 * Characters that are not in the alphabet but that a person may type when reading a
 * code, with the alphabet characters they were most likely reading. Nothing is printed
 * with these glyphs, so a replacement is only accepted when exactly one choice makes
 * the check character agree (see `normalizeCertificateCode`).
 */
const CONFUSABLES: Record<string, readonly string[]> = {
  "0": ["D", "Q"],
  O: ["D", "Q"],
  "1": ["7", "T", "J"],
  I: ["T", "J", "7"],
  L: ["7", "T"],
  U: ["V"],
};
/** Bounded so that repairing a garbled code stays cheap and cannot guess wildly. */
const MAX_REPAIRS = 2;

function luhnAddend(value: number, double: boolean): number {
  const v = double ? value * 2 : value;
  return Math.floor(v / N) + (v % N);
}

/** Luhn mod N check character for `payload` (alphabet characters only). */
export function checkCharacter(payload: string): string {
  let sum = 0;
  let double = true;
  for (let i = payload.length - 1; i >= 0; i--) {
    const v = INDEX.get(payload[i]);
    if (v === undefined) throw new RangeError("character outside the code alphabet");
    sum += luhnAddend(v, double);
    double = !double;
  }
  return CODE_ALPHABET[(N - (sum % N)) % N];
}

function isValidBody(body: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = body.length - 1; i >= 0; i--) {
    const v = INDEX.get(body[i]);
    if (v === undefined) return false;
    sum += luhnAddend(v, double);
    double = !double;
  }
  return sum % N === 0;
}

function format(body: string): string {
  return `${CODE_PREFIX}-${body.slice(0, 4)}-${body.slice(4)}`;
}

function defaultRandomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}

/**
 * A fresh code like `HS-7K3Q-M9TD`. Uniqueness is the caller's job (unique index and
 * retry); `randomBytes` is injectable so tests can be deterministic.
 */
export function generateCertificateCode(randomBytes: (n: number) => Uint8Array = defaultRandomBytes): string {
  // Rejection sampling: 240 is the largest multiple of 30 below 256, so keeping only
  // bytes under it gives every character the same probability.
  const limit = 256 - (256 % N);
  let payload = "";
  for (let round = 0; payload.length < CODE_PAYLOAD_LENGTH; round++) {
    // A broken injected source (say, all 0xFF) must fail loudly rather than spin.
    if (round > 64) throw new Error("randomBytes keeps returning unusable bytes");
    for (const b of randomBytes(CODE_PAYLOAD_LENGTH * 2)) {
      if (b < limit && payload.length < CODE_PAYLOAD_LENGTH) payload += CODE_ALPHABET[b % N];
    }
  }
  return format(payload + checkCharacter(payload));
}

/** What a person typed, upper case, without separators and the `HS` prefix (null when absurdly long). */
function typedBody(input: string): string | null {
  if (typeof input !== "string" || input.length > 64) return null;
  const s = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.·–—/]+/g, "");
  const bodyLength = CODE_PAYLOAD_LENGTH + 1;
  return s.length === bodyLength + CODE_PREFIX.length && s.startsWith(CODE_PREFIX) ? s.slice(CODE_PREFIX.length) : s;
}

/**
 * Canonical form (`HS-XXXX-XXXX`) of whatever a person typed, or null when it is not a
 * valid code. Tolerates surrounding spaces, lower case, missing or extra separators,
 * a missing `HS` prefix and a couple of look-alike glyphs.
 */
export function normalizeCertificateCode(input: string): string | null {
  const s = typedBody(input);
  if (s === null || s.length !== CODE_PAYLOAD_LENGTH + 1) return null;

  const options: string[][] = [];
  let repairs = 0;
  for (const ch of s) {
    if (INDEX.has(ch)) {
      options.push([ch]);
    } else if (CONFUSABLES[ch]) {
      if (++repairs > MAX_REPAIRS) return null;
      options.push([...CONFUSABLES[ch]]);
    } else {
      return null;
    }
  }

  const valid: string[] = [];
  const walk = (i: number, acc: string) => {
    if (i === options.length) {
      if (isValidBody(acc)) valid.push(acc);
      return;
    }
    for (const c of options[i]) walk(i + 1, acc + c);
  };
  walk(0, "");
  return valid.length === 1 ? format(valid[0]) : null;
}

/** True when `code` is already in canonical form and its check character agrees. */
export function isCanonicalCertificateCode(code: string): boolean {
  return /^HS-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/.test(code) && isValidBody(code.slice(3).replace("-", ""));
}

export type CodeInputProblem = "mistyped" | "not_a_code";

/**
 * Why a typed code did not normalise: it has a code's shape (eight characters of the alphabet or
 * its look-alikes after an optional `HS`) and only the check character disagrees — a typing
 * mistake — or it is not shaped like a code at all. Null when it normalises.
 */
export function codeInputProblem(input: string): CodeInputProblem | null {
  if (normalizeCertificateCode(input) !== null) return null;
  const s = typedBody(input);
  const shaped =
    s !== null && s.length === CODE_PAYLOAD_LENGTH + 1 && [...s].every((ch) => INDEX.has(ch) || ch in CONFUSABLES);
  return shaped ? "mistyped" : "not_a_code";
}

// Seeded randomness for exams. Attempts store a 32-bit seed instead of the drawn order,
// so everything derived from it (draw, option order) must be reproducible bit for bit on
// the server and in the browser: hence a tiny explicit PRNG rather than Math.random.

/** mulberry32: a fast 32-bit PRNG with good enough statistics for shuffling. Returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [0, n) from a generator. */
export function randomInt(next: () => number, n: number): number {
  return Math.floor(next() * n);
}

/** Fisher–Yates on a copy; the input is never mutated. */
export function shuffle<T>(array: readonly T[], seed: number): T[] {
  const out = array.slice();
  const next = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(next, i + 1);
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** 32-bit FNV-1a over the UTF-8 bytes of `text` (unsigned). */
export function fnv1a(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of utf8(text)) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/** FNV-1a as 8 lowercase hex characters. */
export function fnv1aHex(text: string): string {
  return fnv1a(text).toString(16).padStart(8, "0");
}

/**
 * Derives an independent seed for a sub-stream (one question's option order, one pool's
 * draw) so that adding a question does not reshuffle every other one.
 */
export function deriveSeed(seed: number, label: string): number {
  return fnv1a(`${seed >>> 0}:${label}`);
}

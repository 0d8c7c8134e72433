import type { Question } from "./question";
import { deriveSeed, shuffle } from "./rng";

export type PoolDraw = { pool: string; draw: number };

// The bank comes from the database in no guaranteed order; sorting by key first makes a
// seed reproduce the same draw wherever the bank was loaded from.
function poolMembers(bank: Question[], pool: string, taken: Set<string>): Question[] {
  return bank
    .filter((q) => q.pool === pool && !taken.has(q.key))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function uniqueByKey(bank: Question[]): Question[] {
  const seen = new Set<string>();
  return bank.filter((q) => (seen.has(q.key) ? false : (seen.add(q.key), true)));
}

/**
 * Draws `draw` distinct questions from each pool (fewer if the pool is short: checkPools
 * reports that before an exam is published), then shuffles the combined list.
 */
export function drawQuestions(bank: Question[], pools: PoolDraw[], seed: number): Question[] {
  const unique = uniqueByKey(bank);
  const taken = new Set<string>();
  const drawn: Question[] = [];
  pools.forEach((spec, index) => {
    const count = Number.isFinite(spec.draw) ? Math.max(0, Math.floor(spec.draw)) : 0;
    const members = poolMembers(unique, spec.pool, taken);
    for (const q of shuffle(members, deriveSeed(seed, `pool:${index}:${spec.pool}`)).slice(0, count)) {
      taken.add(q.key);
      drawn.push(q);
    }
  });
  return shuffle(drawn, deriveSeed(seed, "order"));
}

/** Problems that would make drawQuestions return fewer questions than configured. */
export function checkPools(bank: Question[], pools: PoolDraw[]): string[] {
  const problems: string[] = [];
  if (pools.length === 0) problems.push("no pools are configured");
  const sizes = new Map<string, number>();
  for (const q of uniqueByKey(bank)) sizes.set(q.pool, (sizes.get(q.pool) ?? 0) + 1);
  const requested = new Map<string, number>();
  for (const { pool, draw } of pools) {
    const valid = Number.isInteger(draw) && draw >= 1;
    if (!valid) problems.push(`pool "${pool}": draw must be a whole number of at least 1 (got ${draw})`);
    requested.set(pool, (requested.get(pool) ?? 0) + (valid ? draw : 0));
  }
  for (const [pool, draw] of requested) {
    const size = sizes.get(pool) ?? 0;
    if (size === 0) problems.push(`pool "${pool}" has no questions`);
    else if (draw > size) {
      problems.push(`pool "${pool}": cannot draw ${draw} questions, it has only ${size}`);
    }
  }
  return problems;
}

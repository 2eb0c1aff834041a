/**
 * Variant assembly: fixed questions plus N random ones per part, drawn deterministically
 * from a seed, so the same seed always gives the same variant (an attempt stores its seed
 * and its drawn slots; replaying the draw proves what the learner was given).
 */

/** FNV-1a over the seed's UTF-16 units, then mulberry32: small, fast, reproducible everywhere. */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let a = h;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given generator; returns a new array. */
export function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The order a learner sees a shuffled gap's options in: fixed by a seed (the attempt's secret
 * seed and the slot; the server sends the options in this order), so a reload shows the same
 * order. Responses name options by id, so the order never
 * matters to scoring.
 */
export function gapOptionOrder<T>(options: readonly T[], shuffled: boolean, seed: string): T[] {
  return shuffled ? shuffle([...options], seededRandom(seed)) : [...options];
}

/** The identity permutation shuffled (or not): perm[k] = index of the thing shown at position k. */
export function permutation(n: number, rand: () => number, doShuffle: boolean): number[] {
  const id = Array.from({ length: n }, (_, i) => i);
  return doShuffle ? shuffle(id, rand) : id;
}

export type Part =
  | { kind: 'fixed'; questionId: string }
  | { kind: 'random'; count: number; pool: readonly string[] };

export type DrawProblem = { part: number; needed: number; available: number };

/**
 * Which random draws the bank cannot satisfy. Questions already fixed, or drawn by an
 * earlier part, are not drawn again, so pools are counted without them.
 */
export function drawProblems(parts: readonly Part[]): DrawProblem[] {
  const used = new Set(parts.flatMap((p) => (p.kind === 'fixed' ? [p.questionId] : [])));
  const problems: DrawProblem[] = [];
  parts.forEach((p, i) => {
    if (p.kind !== 'random') return;
    const available = p.pool.filter((q) => !used.has(q));
    if (available.length < p.count) problems.push({ part: i, needed: p.count, available: available.length });
    for (const q of available.slice(0, p.count)) used.add(q);
  });
  return problems;
}

function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
  return r;
}

/**
 * How many distinct question sets the draw allows (ignoring order): the product of
 * C(pool, count) per random part, each pool without the fixed questions. Overlapping
 * pools make this an upper bound.
 */
export function variantCount(parts: readonly Part[]): bigint {
  const fixed = new Set(parts.flatMap((p) => (p.kind === 'fixed' ? [p.questionId] : [])));
  let total = 1n;
  for (const p of parts) {
    if (p.kind === 'random') total *= choose(p.pool.filter((q) => !fixed.has(q)).length, p.count);
  }
  return total;
}

/**
 * The learner's questions, in the order shown. Throws when a draw cannot be satisfied
 * (publishing checks this first).
 */
export function assembleVariant(parts: readonly Part[], seed: string, shuffleQuestions: boolean): string[] {
  const rand = seededRandom(seed);
  const used = new Set(parts.flatMap((p) => (p.kind === 'fixed' ? [p.questionId] : [])));
  const chosen: string[] = [];
  for (const p of parts) {
    if (p.kind === 'fixed') {
      chosen.push(p.questionId);
      continue;
    }
    // Sorted first, so the draw depends on the pool's content, not on the order a query returned it.
    const available = [...p.pool].filter((q) => !used.has(q)).sort();
    if (available.length < p.count) throw new RangeError('the bank cannot satisfy the draw');
    const drawn = shuffle(available, rand).slice(0, p.count);
    for (const q of drawn) used.add(q);
    chosen.push(...drawn);
  }
  return shuffleQuestions ? shuffle(chosen, rand) : chosen;
}

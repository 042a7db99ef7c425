/**
 * Fixed-sample paired tests between models answering the same examples: McNemar's exact test on
 * the discordant pairs, and tiers from simultaneous (Bonferroni over all pairs) tests, so models
 * the data cannot tell apart share a tier instead of being split by a fixed tier size.
 */

/** Discordant counts of a over b on the first k examples of an order: [a right b wrong, a wrong b right]. */
export function discordance(a: Uint8Array, b: Uint8Array, order: ArrayLike<number> | undefined, k: number): [number, number] {
  let ab = 0;
  let ba = 0;
  for (let t = 0; t < k; t++) {
    const i = order ? order[t]! : t;
    const d = a[i]! - b[i]!;
    if (d > 0) ab++;
    else if (d < 0) ba++;
  }
  return [ab, ba];
}

/**
 * Outcomes packed 32 to a word, for the all-pairs counts (m² / 2 pairs of n examples): a pair's
 * discordant total is the popcount of the XOR, and its split follows from the two sums, since
 * (a right b wrong) − (a wrong b right) = Σa − Σb.
 */
export interface PackedOutcomes {
  words: Int32Array[];
  sums: number[];
}

export function packOutcomes(outcomes: Uint8Array[]): PackedOutcomes {
  const words = outcomes.map((o) => {
    const w = new Int32Array(Math.ceil(o.length / 32));
    for (let i = 0; i < o.length; i++) if (o[i]) w[i >>> 5]! |= 1 << (i & 31);
    return w;
  });
  return { words, sums: outcomes.map((o) => o.reduce((s, v) => s + v, 0)) };
}

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** discordance(a, b, undefined, n) of models i and j, from their packed outcomes. */
export function packedDiscordance(p: PackedOutcomes, i: number, j: number): [number, number] {
  const a = p.words[i]!;
  const b = p.words[j]!;
  let total = 0;
  for (let w = 0; w < a.length; w++) total += popcount(a[w]! ^ b[w]!);
  const difference = p.sums[i]! - p.sums[j]!;
  return [(total + difference) / 2, (total - difference) / 2];
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}

/** Two-sided exact McNemar p-value: the discordant split against Binomial(b + c, ½). */
export function mcnemarExactP(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // The lower tail P(X ≤ k), summed from its largest term down (terms shrink as i falls, k ≤ n/2),
  // by the ratio pmf(i − 1) / pmf(i) = i / (n − i + 1): one log-space term, then multiplications.
  let term = Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) - n * Math.LN2);
  let tail = term;
  for (let i = k; i > 0 && term > tail * 1e-17; i--) {
    term *= i / (n - i + 1);
    tail += term;
  }
  return Math.min(1, 2 * tail);
}

/**
 * Tier of each model (0 = top) from its accuracy on the first ks[i] examples of `order`: models are
 * ranked by accuracy and a new tier starts between neighbours whose paired McNemar test (on the
 * examples both saw) rejects equality at α divided by the number of pairs, so every separation
 * holds simultaneously at level α.
 */
export function tiersBySimultaneousTests(outcomes: Uint8Array[], order: ArrayLike<number> | undefined, ks: number[], alpha = 0.05, accuracies?: number[]): number[] {
  const m = outcomes.length;
  // A replay has these accuracies already (prefixAccuracies, the same sums).
  const acc =
    accuracies ??
    outcomes.map((o, i) => {
      let s = 0;
      for (let t = 0; t < ks[i]!; t++) s += o[order ? order[t]! : t]!;
      return s / ks[i]!;
    });
  const ranked = acc.map((a, i) => [a, i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  const level = alpha / Math.max(1, (m * (m - 1)) / 2);
  const tiers = new Array<number>(m);
  let tier = 0;
  ranked.forEach(([, i], r) => {
    if (r > 0) {
      const j = ranked[r - 1]![1];
      if (!surelyTied(acc[j]!, acc[i]!, ks[j]!, ks[i]!, level)) {
        const [b, c] = discordance(outcomes[j]!, outcomes[i]!, order, Math.min(ks[i]!, ks[j]!));
        if (mcnemarExactP(b, c) < level) tier++;
      }
    }
    tiers[i] = tier;
  });
  return tiers;
}

/**
 * Whether two models that saw the same k examples cannot be separated, known from their accuracies
 * alone: the discordant split b − c is the difference d of their correct counts, and for a given d
 * McNemar's p is smallest with no discordance beyond it (c = 0: p = 2 · 2^−d), rising with every
 * further discordant pair. Neighbours in a ranking of hundreds of models differ by a few answers,
 * far from the ~23 a Bonferroni level needs, so their pair count is skipped. The margin keeps the
 * answer the exact test's even where floating point rounds near the level.
 */
function surelyTied(accA: number, accB: number, kA: number, kB: number, level: number): boolean {
  if (kA !== kB) return false;
  const d = Math.abs(Math.round(accA * kA) - Math.round(accB * kB));
  return mcnemarExactP(d, 0) > level * (1 + 1e-9);
}

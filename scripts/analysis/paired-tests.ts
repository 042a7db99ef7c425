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
export function tiersBySimultaneousTests(outcomes: Uint8Array[], order: ArrayLike<number> | undefined, ks: number[], alpha = 0.05): number[] {
  const m = outcomes.length;
  const acc = outcomes.map((o, i) => {
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
      const [b, c] = discordance(outcomes[j]!, outcomes[i]!, order, Math.min(ks[i]!, ks[j]!));
      if (mcnemarExactP(b, c) < level) tier++;
    }
    tiers[i] = tier;
  });
  return tiers;
}

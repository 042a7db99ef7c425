/**
 * Tiers of models ranked by score: by a given plan (seed 002's 3 / 2 / 2: the top three, the next
 * two, the last two), or by gaps, where a new tier starts wherever two neighbours' 95% intervals
 * separate (the gap exceeds 1.96 standard errors of the difference).
 */
export interface Scored {
  score: number;
  /** Examples the score is over (for the binomial standard error). */
  n?: number;
  /** Standard error, when known (else binomial from n). */
  se?: number;
}

/** Tier index (0 = top) of each model, in input order, for a plan of tier sizes. */
export function tiersByPlan(scores: number[], sizes: number[]): number[] {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const out = new Array<number>(scores.length);
  let tier = 0;
  let left = sizes[0] ?? scores.length;
  for (const [, i] of order) {
    while (left === 0 && tier < sizes.length - 1) left = sizes[++tier]!;
    out[i] = tier;
    left--;
  }
  return out;
}

export function binomialSe(p: number, n: number): number {
  return n > 0 ? Math.sqrt((p * (1 - p)) / n) : Infinity;
}

/** Tier index of each model: a new tier starts where neighbours are separated beyond z. */
export function tiersByGaps(models: Scored[], z = 1.959963984540054): number[] {
  const order = models.map((m, i) => [m, i] as const).sort((a, b) => b[0].score - a[0].score || a[1] - b[1]);
  const out = new Array<number>(models.length);
  let tier = 0;
  order.forEach(([m, i], k) => {
    if (k > 0) {
      const prev = order[k - 1]![0];
      const seOf = (x: Scored) => x.se ?? binomialSe(x.score, x.n ?? 0);
      const se = Math.hypot(seOf(prev), seOf(m));
      if (prev.score - m.score > z * se) tier++;
    }
    out[i] = tier;
  });
  return out;
}

/** Sizes of the tiers (for display: "3 / 2 / 2"). */
export function tierSizes(tiers: number[]): number[] {
  const sizes: number[] = [];
  for (const t of tiers) sizes[t] = (sizes[t] ?? 0) + 1;
  return sizes.map((s) => s ?? 0);
}

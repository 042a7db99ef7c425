/** Rank agreement between two score lists over the same items: Kendall's tau-b and Spearman's rho. */

/** Average ranks (1 = highest score); tied scores share the mean of their positions. */
export function ranks(scores: number[]): number[] {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const out = new Array<number>(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]![1]] = avg;
    i = j + 1;
  }
  return out;
}

/**
 * Kendall's tau-b, which accounts for ties in either list; 0 when a list is all ties.
 * Knight's O(n log n) method: sort by x (then y), count the pairs tied in x and in both, then count
 * the inversions of y in that order (the discordant pairs) with a merge sort, and the pairs tied in
 * y. The counts are the exact integers of the pairwise definition (kendallTauBPairwise), so the
 * result is the same number; a replay at 500 models computes it for every draw.
 */
export function kendallTauB(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!);
  const pairsOf = (t: number) => (t * (t - 1)) / 2;
  let tiedX = 0;
  let tiedXY = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && x[order[j]!] === x[order[i]!]) j++;
    tiedX += pairsOf(j - i);
    for (let k = i; k < j; ) {
      let l = k + 1;
      while (l < j && y[order[l]!] === y[order[k]!]) l++;
      tiedXY += pairsOf(l - k);
      k = l;
    }
    i = j;
  }
  let ys = Float64Array.from(order, (i) => y[i]!);
  let buffer = new Float64Array(n);
  let discordant = 0;
  // Bottom-up merge sort of ys, counting the pairs that are out of order (strictly greater first).
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let a = lo;
      let b = mid;
      let k = lo;
      while (a < mid && b < hi) {
        if (ys[b]! < ys[a]!) {
          discordant += mid - a;
          buffer[k++] = ys[b++]!;
        } else buffer[k++] = ys[a++]!;
      }
      while (a < mid) buffer[k++] = ys[a++]!;
      while (b < hi) buffer[k++] = ys[b++]!;
    }
    [ys, buffer] = [buffer, ys];
  }
  let tiedY = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && ys[j] === ys[i]) j++;
    tiedY += pairsOf(j - i);
    i = j;
  }
  const all = pairsOf(n);
  // concordant − discordant, over the pairs tied in neither list.
  const difference = all - tiedX - tiedY + tiedXY - 2 * discordant;
  const denom = Math.sqrt((all - tiedY) * (all - tiedX));
  return denom === 0 ? 0 : difference / denom;
}

/** The definition, pair by pair (O(n²)): the reference kendallTauB is tested against. */
export function kendallTauBPairwise(x: number[], y: number[]): number {
  const n = x.length;
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = Math.sign(x[i]! - x[j]!);
      const dy = Math.sign(y[i]! - y[j]!);
      if (dx === 0 && dy === 0) continue;
      if (dx === 0) tiesX++;
      else if (dy === 0) tiesY++;
      else if (dx === dy) concordant++;
      else discordant++;
    }
  }
  const denom = Math.sqrt((concordant + discordant + tiesX) * (concordant + discordant + tiesY));
  return denom === 0 ? 0 : (concordant - discordant) / denom;
}

/** Spearman's rho: Pearson correlation of the average ranks. */
export function spearman(x: number[], y: number[]): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const n = x.length;
  const mx = rx.reduce((s, v) => s + v, 0) / n;
  const my = ry.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

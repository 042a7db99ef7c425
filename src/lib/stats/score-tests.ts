/**
 * Tests that give a p-value and a confidence interval from one statistic, so the two can never
 * disagree: the interval at level 1 - g is the set of differences the same test does not reject at
 * g, hence it excludes 0 exactly when p < g.
 *
 * - Paired 0/1 outcomes: McNemar's score test, inverted as Tango's (1998) score interval for the
 *   difference of paired proportions. At a difference of 0 Tango's statistic is McNemar's
 *   (c - b) / sqrt(b + c).
 * - Independent proportions (two sample sizes, no pairing): the Miettinen–Nurminen (1985) score test
 *   and its inverted interval.
 * - Reported standard errors: the Wald z test and its interval.
 * - Paired continuous per-example scores (F1, BLEU...): a seeded percentile bootstrap of the mean
 *   difference; p is twice the smaller share of resampled means on either side of 0.
 *
 * Every estimate is variant - baseline.
 */
import type { ComparisonMethod, Interval } from '../../../schemas/types.gen.ts';
import { seededRandom } from '../../../domain/random.ts';
import { normalCdf, zPValue } from './intervals.ts';

export interface TestResult {
  method: ComparisonMethod;
  /** variant - baseline on the compared examples. */
  estimate: number;
  /** Two-sided p-value of "no difference". */
  p: number;
  /** The interval at a confidence level (0.95 for 95%), inverted from the same test. */
  interval(level: number): Interval;
}

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9 after one Newton step). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - lo) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  // One Newton step on the CDF.
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

const zFor = (level: number) => normalQuantile(1 - (1 - level) / 2);

/**
 * Solves f(x) = target on [lo, hi] for a decreasing f by bisection; returns the end of the range
 * when f does not reach the target inside it.
 */
function solveDecreasing(f: (x: number) => number, target: number, lo: number, hi: number): number {
  const flo = f(lo);
  const fhi = f(hi);
  if (!(flo >= target)) return lo;
  if (!(fhi <= target)) return hi;
  for (let i = 0; i < 100 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) >= target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Paired 0/1 outcomes on n pairs: `up` pairs wrong in the baseline and right in the variant, `down`
 * the reverse. Tango's score statistic for a difference d = P(up) - P(down):
 * Z(d) = (up - down - n d) / sqrt(n (2 q + d (1 - d))), q the restricted maximum-likelihood P(down).
 */
export function pairedBinaryTest(up: number, down: number, n: number): TestResult {
  const estimate = n > 0 ? (up - down) / n : 0;
  const z = (d: number): number => {
    const A = 2 * n;
    const B = -up - down + (2 * n - up + down) * d;
    const C = -down * d * (1 - d);
    // Positive root of A q^2 + B q + C = 0 with q = P(down) under the constraint P(up) - P(down) = d.
    const disc = Math.max(0, B * B - 4 * A * C);
    const q = (-B + Math.sqrt(disc)) / (2 * A);
    const v = n * (2 * q + d * (1 - d));
    const num = up - down - n * d;
    if (v <= 0) return num === 0 ? 0 : num > 0 ? Infinity : -Infinity;
    return num / Math.sqrt(v);
  };
  const z0 = up + down > 0 ? (up - down) / Math.sqrt(up + down) : 0;
  const p = up + down > 0 ? zPValue(z0) : 1;
  return {
    method: 'mcnemar',
    estimate,
    p,
    interval(level) {
      if (n <= 0) return { low: -1, high: 1 };
      const zc = zFor(level);
      const eps = 1e-9;
      return { low: solveDecreasing(z, zc, -1 + eps, estimate), high: solveDecreasing(z, -zc, estimate, 1 - eps) };
    },
  };
}

/**
 * Two independent proportions k1/n1 (baseline) and k2/n2 (variant): the Miettinen–Nurminen score
 * statistic Z(d) = (p2 - p1 - d) / sqrt(V(d) N / (N - 1)), V from the restricted maximum-likelihood
 * proportions with p2 - p1 = d.
 */
export function independentProportionsTest(k1: number, n1: number, k2: number, n2: number): TestResult {
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const estimate = p2 - p1;
  const N = n1 + n2;
  const restricted = (d: number): number => {
    // Maximise the log-likelihood over the baseline proportion r (variant r + d); it is concave in r,
    // so bisect on its derivative.
    const lo0 = Math.max(0, -d);
    const hi0 = Math.min(1, 1 - d);
    const deriv = (r: number) => {
      const s = r + d;
      return (k1 ? k1 / r : 0) - (n1 - k1 ? (n1 - k1) / (1 - r) : 0) + (k2 ? k2 / s : 0) - (n2 - k2 ? (n2 - k2) / (1 - s) : 0);
    };
    let lo = lo0 + 1e-12;
    let hi = hi0 - 1e-12;
    if (hi <= lo) return (lo0 + hi0) / 2;
    if (deriv(lo) <= 0) return lo0;
    if (deriv(hi) >= 0) return hi0;
    for (let i = 0; i < 100 && hi - lo > 1e-13; i++) {
      const mid = (lo + hi) / 2;
      if (deriv(mid) > 0) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const z = (d: number): number => {
    const r = restricted(d);
    const s = r + d;
    const v = ((r * (1 - r)) / n1 + (s * (1 - s)) / n2) * (N / (N - 1));
    const num = estimate - d;
    if (v <= 0) return num === 0 ? 0 : num > 0 ? Infinity : -Infinity;
    return num / Math.sqrt(v);
  };
  const z0 = z(0);
  return {
    method: 'binomial',
    estimate,
    p: Number.isFinite(z0) ? zPValue(z0) : 0,
    interval(level) {
      const zc = zFor(level);
      const eps = 1e-9;
      return { low: solveDecreasing(z, zc, -1 + eps, estimate), high: solveDecreasing(z, -zc, estimate, 1 - eps) };
    },
  };
}

/** A difference of two independent estimates with reported standard errors: the Wald z test. */
export function standardErrorTest(estimate: number, se: number): TestResult {
  return {
    method: 'stderr',
    estimate,
    p: se > 0 ? zPValue(estimate / se) : estimate === 0 ? 1 : 0,
    interval(level) {
      const h = zFor(level) * se;
      return { low: estimate - h, high: estimate + h };
    },
  };
}

/**
 * Paired continuous scores: percentile bootstrap of mean(variant - baseline), `rounds` resamples of
 * the pairs from a seeded generator. p = 2 min(share of means <= 0, share >= 0), capped at 1, so
 * that the interval at level 1 - g excludes 0 exactly when p <= g.
 */
export function pairedBootstrapTest(baseline: readonly number[], variant: readonly number[], { rounds = 4000, seed = 1 } = {}): TestResult {
  const n = Math.min(baseline.length, variant.length);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = variant[i]! - baseline[i]!;
  const estimate = n ? d.reduce((s, x) => s + x, 0) / n : 0;
  const rand = seededRandom(seed);
  const means = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += d[Math.floor(rand() * n)]!;
    means[r] = n ? s / n : 0;
  }
  means.sort();
  let below = 0;
  let above = 0;
  for (const m of means) {
    if (m <= 0) below++;
    if (m >= 0) above++;
  }
  return {
    method: 'paired-bootstrap',
    estimate,
    p: Math.min(1, (2 * Math.min(below, above)) / rounds),
    interval(level) {
      const k = Math.floor(((1 - level) / 2) * rounds);
      return { low: means[Math.min(k, rounds - 1)]!, high: means[Math.max(0, rounds - 1 - k)]! };
    },
  };
}

/** Benjamini–Hochberg adjusted p-values (same order as the input). */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => y[0] - x[0]);
  const out = new Array<number>(m);
  let running = 1;
  order.forEach(([p, i], j) => {
    const rank = m - j;
    running = Math.min(running, (p * m) / rank);
    out[i] = Math.min(1, running);
  });
  return out;
}

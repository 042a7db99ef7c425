/**
 * Intervals and tests for comparing evaluation scores. All 95% by default.
 * - Wilson score interval for a proportion from n (better than the normal approximation near 0/1).
 * - Normal interval from a reported standard error.
 * - Difference of two independent estimates: se = sqrt(se1² + se2²).
 * - McNemar's exact test for paired binary outcomes (the discordant pairs decide).
 * - Holm's step-down correction when many tasks are compared at once.
 */

export const Z95 = 1.959963984540054;

export type { Interval } from '../../../schemas/types.gen.ts';
import type { Interval } from '../../../schemas/types.gen.ts';

/** Wilson score interval for k successes in n trials. */
export function wilson(k: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Binomial standard error of a proportion p over n examples. */
export function binomialSe(p: number, n: number): number {
  return n > 0 ? Math.sqrt((p * (1 - p)) / n) : NaN;
}

export function normalInterval(estimate: number, se: number, z = Z95): Interval {
  return { low: estimate - z * se, high: estimate + z * se };
}

/** Standard error of a difference of two independent estimates. */
export function diffSe(se1: number, se2: number): number {
  return Math.sqrt(se1 * se1 + se2 * se2);
}

/** Two-sided p-value of a z statistic. */
export function zPValue(z: number): number {
  return 2 * (1 - normalCdf(Math.abs(z)));
}

/** The standard normal CDF: Marsaglia's (2004) Taylor series, absolute error about 1e-15. */
export function normalCdf(x: number): number {
  if (x < -8) return 0;
  if (x > 8) return 1;
  let s = x;
  let t = 0;
  let b = x;
  const q = x * x;
  for (let i = 1; s !== t; ) s = (t = s) + (b *= q / (i += 2));
  return 0.5 + s * Math.exp(-0.5 * q - 0.9189385332046727);
}

/**
 * McNemar's exact test: b = pairs right in A and wrong in B, c = the reverse. Under the null each
 * discordant pair goes either way with probability 1/2; the two-sided p-value doubles the smaller tail.
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // P(X <= k) for X ~ Binomial(n, 1/2), summed in log space for large n.
  let logTerm = -n * Math.LN2; // log C(n,0) / 2^n
  let cdf = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i);
    cdf += Math.exp(logTerm);
  }
  return Math.min(1, 2 * cdf);
}

/** Holm's step-down adjusted p-values (same order as the input). */
export function holm(pValues: number[]): number[] {
  const order = pValues.map((p, i) => [p, i] as const).sort((x, y) => x[0] - y[0]);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(([p, i], rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

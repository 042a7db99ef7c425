/** Statistics against values computed by hand (the arithmetic is in each comment). */
import { describe, expect, it } from 'vitest';
import { binomialSe, diffSe, holm, mcnemarExact, normalCdf, wilson, zPValue } from './intervals.ts';
import { pairedBootstrapTest } from './score-tests.ts';
import { seededRandom } from '../../../domain/random.ts';

describe('wilson', () => {
  it('matches the closed form for 8 of 10', () => {
    // p=0.8, z²=3.8415, denom=1.38415, centre=(0.8+0.19207)/1.38415=0.71673,
    // half=1.95996*sqrt(0.016+0.0096037)/1.38415=0.22661 -> [0.49016, 0.94334]
    const w = wilson(8, 10);
    expect(w.low).toBeCloseTo(0.49016, 4);
    expect(w.high).toBeCloseTo(0.94334, 4);
  });
  it('stays inside [0, 1] at the edges', () => {
    // 0 of 10: centre = 0.19207/1.38415 = 0.13876 = half -> [0, 0.27753]
    expect(wilson(0, 10).low).toBeCloseTo(0, 12);
    expect(wilson(0, 10).high).toBeCloseTo(0.27753, 4);
    expect(wilson(10, 10).high).toBeCloseTo(1, 12);
  });
});

describe('standard errors', () => {
  it('binomial: sqrt(0.7856*0.2144/1319) = 0.011301', () => {
    expect(binomialSe(0.7856, 1319)).toBeCloseTo(0.011301, 5);
  });
  it('difference: sqrt(0.03² + 0.04²) = 0.05', () => {
    expect(diffSe(0.03, 0.04)).toBeCloseTo(0.05, 12);
  });
  it('normal cdf and two-sided p', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 5);
    expect(zPValue(1.959964)).toBeCloseTo(0.05, 4);
  });
});

describe('mcnemarExact', () => {
  it('b=1, c=9: 2*(1+10)/1024 = 0.021484', () => {
    expect(mcnemarExact(1, 9)).toBeCloseTo(22 / 1024, 10);
  });
  it('b=5, c=5 is 1 (capped) and no discordant pairs is 1', () => {
    expect(mcnemarExact(5, 5)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
  });
  it('b=0, c=6: 2/64 = 0.03125', () => {
    expect(mcnemarExact(0, 6)).toBeCloseTo(0.03125, 12);
  });
  it('handles thousands of pairs without overflow', () => {
    const p = mcnemarExact(900, 1100);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-5);
  });
});

describe('pairedBootstrapTest (score-tests.ts)', () => {
  it('is reproducible for a seed and brackets the mean difference', () => {
    const a = [1, 1, 0, 1, 0, 1, 1, 0, 1, 1];
    const b = [1, 0, 0, 1, 0, 0, 1, 0, 1, 0];
    const r1 = pairedBootstrapTest(a, b, { seed: 7 });
    const r2 = pairedBootstrapTest(a, b, { seed: 7 });
    expect(r1.interval(0.95)).toEqual(r2.interval(0.95));
    expect(r1.estimate).toBeCloseTo(-0.3, 12); // 3 of 10 pairs went 1 -> 0
    expect(r1.interval(0.95).low).toBeLessThan(-0.3);
    expect(r1.interval(0.95).high).toBeLessThanOrEqual(0);
  });
  it('has zero width when all pairs agree', () => {
    const r = pairedBootstrapTest([1, 0, 1], [1, 0, 1]);
    expect({ ...r.interval(0.95), mean: r.estimate }).toEqual({ low: 0, high: 0, mean: 0 });
  });
});

describe('holm', () => {
  it('adjusts p = [0.01, 0.04, 0.03] to [0.03, 0.06, 0.06]', () => {
    // sorted 0.01*3=0.03, 0.03*2=0.06, 0.04*1=0.04 -> max-running 0.06
    const adj = holm([0.01, 0.04, 0.03]);
    expect(adj[0]).toBeCloseTo(0.03, 12);
    expect(adj[1]).toBeCloseTo(0.06, 12);
    expect(adj[2]).toBeCloseTo(0.06, 12);
  });
});

describe('seededRandom', () => {
  it('gives the same sequence for the same seed, in [0, 1)', () => {
    const r = seededRandom(42);
    const s = seededRandom(42);
    const xs = Array.from({ length: 5 }, () => r());
    expect(xs).toEqual(Array.from({ length: 5 }, () => s()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../domain/random.ts';
import { benjaminiHochberg, independentProportionsTest, normalQuantile, pairedBinaryTest, pairedBootstrapTest, standardErrorTest } from './score-tests.ts';

// Reference intervals computed independently with scipy 1.17: the restricted maximum-likelihood
// proportions by scipy.optimize.minimize_scalar on the log-likelihood, and the interval as the set of
// differences on a grid of step 5e-5 where |Z| <= norm.ppf(0.975). Hence the 1e-4 tolerance.
describe('paired 0/1 outcomes: McNemar score test with its inverted (Tango) interval', () => {
  it.each([
    [30, 12, 200, 0.027647, 0.155034],
    [5, 0, 538, 0.00215, 0.021548],
    [0, 0, 50, -0.071343, 0.071343],
    [1, 9, 100, -0.154035, -0.022698],
  ])('up %i, down %i, n %i -> [%f, %f] (scipy)', (up, down, n, low, high) => {
    const t = pairedBinaryTest(up, down, n);
    const ci = t.interval(0.95);
    expect(ci.low).toBeCloseTo(low, 3);
    expect(ci.high).toBeCloseTo(high, 3);
    expect(Math.abs(ci.low - low)).toBeLessThan(1e-4);
    expect(Math.abs(ci.high - high)).toBeLessThan(1e-4);
  });

  it('gives 100% vs 0% an interval instead of "no interval"', () => {
    const ci = pairedBinaryTest(0, 60, 60).interval(0.95);
    expect(ci.low).toBeLessThan(-0.999);
    expect(Math.abs(ci.high - -0.879662)).toBeLessThan(1e-4);
  });

  it('p is McNemar: (c - b) / sqrt(b + c) two-sided; no discordant pair gives p = 1', () => {
    expect(pairedBinaryTest(30, 12, 200).p).toBeCloseTo(0.005478553242547424, 12); // z = 18/sqrt(42), scipy 2*sf(z)
    expect(pairedBinaryTest(0, 0, 50).p).toBe(1);
  });

  it('never disagrees with its own interval: b = 0, c = 5, n = 538 and 3,000 random tables', () => {
    const t = pairedBinaryTest(5, 0, 538);
    expect(t.p).toBeLessThan(0.05);
    expect(t.interval(0.95).low).toBeGreaterThan(0);
    const rand = seededRandom(11);
    for (let i = 0; i < 3000; i++) {
      const n = 10 + Math.floor(rand() * 1500);
      const up = Math.floor(rand() * rand() * n * 0.2);
      const down = Math.floor(rand() * rand() * n * 0.2);
      const r = pairedBinaryTest(up, down, n);
      for (const level of [0.95, 0.99]) {
        const ci = r.interval(level);
        expect(ci.low <= r.estimate && r.estimate <= ci.high).toBe(true);
        const excludes = ci.low > 0 || ci.high < 0;
        if (Math.abs(r.p - (1 - level)) > 1e-6) expect(excludes, `up ${up} down ${down} n ${n} level ${level} p ${r.p}`).toBe(r.p < 1 - level);
      }
    }
  });

  // Coverage on simulated paired Bernoulli data: cells (right, right), (right, wrong), (wrong, right),
  // (wrong, wrong) with probabilities 0.62, 0.08, 0.06, 0.24 (a 2-point drop, 14% discordant).
  it.each([200, 1319])('covers the true difference at least 93 percent of the time at nominal 95 (n = %i, 2,000 draws)', (n) => {
    const rand = seededRandom(n);
    const truth = 0.06 - 0.08;
    let covered = 0;
    const draws = 2000;
    for (let r = 0; r < draws; r++) {
      let up = 0;
      let down = 0;
      for (let i = 0; i < n; i++) {
        const u = rand();
        if (u < 0.08) down++;
        else if (u < 0.14) up++;
      }
      const ci = pairedBinaryTest(up, down, n).interval(0.95);
      if (ci.low <= truth && truth <= ci.high) covered++;
    }
    expect(covered / draws).toBeGreaterThanOrEqual(0.93);
  });
});

describe('independent proportions: Miettinen–Nurminen score test and interval', () => {
  it.each([
    [47, 60, 41, 58, -0.233527, 0.081992],
    [6, 20, 5, 20, -0.323918, 0.230177],
    [1036, 1319, 1027, 1319, -0.038346, 0.02469],
  ])('%i/%i vs %i/%i -> [%f, %f] (scipy)', (k1, n1, k2, n2, low, high) => {
    const ci = independentProportionsTest(k1, n1, k2, n2).interval(0.95);
    expect(Math.abs(ci.low - low)).toBeLessThan(1e-4);
    expect(Math.abs(ci.high - high)).toBeLessThan(1e-4);
  });

  it('gives 100% vs 0% an interval and a tiny p', () => {
    const t = independentProportionsTest(60, 60, 0, 60);
    expect(Math.abs(t.interval(0.95).high - -0.937506)).toBeLessThan(1e-4);
    expect(t.p).toBeLessThan(1e-20);
  });

  it('agrees with its interval on seed 004-sized tables', () => {
    const rand = seededRandom(5);
    for (let i = 0; i < 500; i++) {
      const n1 = 20 + Math.floor(rand() * 300);
      const n2 = 20 + Math.floor(rand() * 300);
      const t = independentProportionsTest(Math.floor(rand() * (n1 + 1)), n1, Math.floor(rand() * (n2 + 1)), n2);
      const ci = t.interval(0.95);
      if (Math.abs(t.p - 0.05) > 1e-6) expect(ci.low > 0 || ci.high < 0).toBe(t.p < 0.05);
    }
  });
});

describe('paired bootstrap for continuous per-example scores', () => {
  it('is seeded, brackets the mean difference, and its p agrees with its interval', () => {
    const rand = seededRandom(3);
    const a = Array.from({ length: 300 }, () => rand());
    const b = a.map((x) => Math.min(1, Math.max(0, x - 0.05 + (rand() - 0.5) * 0.2)));
    const t1 = pairedBootstrapTest(a, b, { seed: 9 });
    const t2 = pairedBootstrapTest(a, b, { seed: 9 });
    expect(t1.interval(0.95)).toEqual(t2.interval(0.95));
    const ci = t1.interval(0.95);
    expect(ci.low).toBeLessThan(t1.estimate);
    expect(ci.high).toBeGreaterThan(t1.estimate);
    expect(ci.high).toBeLessThan(0);
    expect(t1.p).toBeLessThan(0.05);
    // Identical scores: no difference at all.
    const same = pairedBootstrapTest(a, a);
    expect(same.p).toBe(1);
    expect(same.interval(0.95)).toEqual({ low: 0, high: 0 });
  });
});

describe('helpers', () => {
  it('normal quantiles match scipy', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 9);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232306167813, 9);
    expect(normalQuantile(1 - 0.05 / 2 / 57)).toBeCloseTo(3.3272129920738123, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 9);
  });

  it('Benjamini–Hochberg matches scipy.stats.false_discovery_control', () => {
    const adj = benjaminiHochberg([0.01, 0.04, 0.03, 0.2, 0.002]);
    [0.025, 0.05, 0.05, 0.2, 0.01].forEach((x, i) => expect(adj[i]).toBeCloseTo(x, 12));
  });

  it('Wald test from standard errors: interval and p agree', () => {
    const t = standardErrorTest(-0.02, 0.01);
    expect(t.p).toBeCloseTo(0.0455, 4);
    expect(t.interval(0.95).high).toBeLessThan(0);
  });
});

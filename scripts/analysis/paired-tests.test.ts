import { describe, expect, it } from 'vitest';
import { mcnemarExactP, tiersBySimultaneousTests } from './paired-tests.ts';

describe('mcnemarExactP', () => {
  it('is the two-sided exact binomial test of the discordant split (references: exact integer sums, as scipy.stats.binomtest)', () => {
    const cases: [number, number, number][] = [[0, 0, 1], [5, 1, 0.21875], [1, 5, 0.21875], [10, 10, 1], [3, 12, 0.03515625], [40, 27, 0.14207137942637568], [300, 250, 0.036578745549102704], [30, 60, 0.002060265680963076]];
    for (const [b, c, p] of cases) expect(mcnemarExactP(b, c)).toBeCloseTo(p, 12);
  });
});

describe('tiersBySimultaneousTests', () => {
  it('starts a new tier only where neighbours differ at α / pairs', () => {
    const n = 400;
    const make = (correct: number, offset: number) => Uint8Array.from({ length: n }, (_, i) => ((i + offset) % n < correct ? 1 : 0));
    // 300 vs 296 correct: tied; 296 vs 150: apart.
    expect(tiersBySimultaneousTests([make(300, 0), make(296, 0), make(150, 0)], undefined, [n, n, n])).toEqual([0, 0, 1]);
  });
});

describe('packed outcomes', () => {
  it('count discordant pairs as discordance does, at lengths that do not fill the last word', async () => {
    const { seededRandom } = await import('../../domain/random.ts');
    const { discordance, packOutcomes, packedDiscordance } = await import('./paired-tests.ts');
    const rand = seededRandom(5);
    for (const n of [1, 31, 32, 33, 64, 500, 1319]) {
      const outcomes = Array.from({ length: 6 }, () => Uint8Array.from({ length: n }, () => (rand() < 0.6 ? 1 : 0)));
      const packed = packOutcomes(outcomes);
      for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) expect(packedDiscordance(packed, i, j)).toEqual(discordance(outcomes[i]!, outcomes[j]!, undefined, n));
    }
  });
});

describe('tiersBySimultaneousTests skips pairs its accuracies already decide', () => {
  it('gives the tiers of testing every neighbour (300 random rankings, orders and sample sizes)', async () => {
    const { seededRandom } = await import('../../domain/random.ts');
    const { discordance } = await import('./paired-tests.ts');
    // The definition: rank, then test every neighbouring pair.
    const reference = (outcomes: Uint8Array[], order: Uint32Array, ks: number[], alpha: number) => {
      const m = outcomes.length;
      const acc = outcomes.map((o, i) => Array.from({ length: ks[i]! }, (_, t) => o[order[t]!]!).reduce((s, v) => s + v, 0) / ks[i]!);
      const ranked = acc.map((a, i) => [a, i] as const).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
      const tiers: number[] = [];
      let tier = 0;
      ranked.forEach(([, i], r) => {
        if (r > 0) {
          const j = ranked[r - 1]![1];
          const [b, c] = discordance(outcomes[j]!, outcomes[i]!, order, Math.min(ks[i]!, ks[j]!));
          if (mcnemarExactP(b, c) < alpha / ((m * (m - 1)) / 2)) tier++;
        }
        tiers[i] = tier;
      });
      return tiers;
    };
    const rand = seededRandom(9);
    let separations = 0;
    for (let trial = 0; trial < 300; trial++) {
      const m = 2 + Math.floor(rand() * 12);
      const n = 20 + Math.floor(rand() * 400);
      const outcomes = Array.from({ length: m }, () => {
        const p = rand();
        return Uint8Array.from({ length: n }, () => (rand() < p ? 1 : 0));
      });
      const order = Uint32Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
      // Equal sizes (where the shortcut applies) and mixed ones (where it does not).
      const ks = outcomes.map(() => (trial % 2 ? n : 1 + Math.floor(rand() * n)));
      const alpha = [0.05, 0.5, 0.9][trial % 3]!;
      const expected = reference(outcomes, order, ks, alpha);
      separations += Math.max(...expected);
      expect(tiersBySimultaneousTests(outcomes, order, ks, alpha)).toEqual(expected);
    }
    expect(separations).toBeGreaterThan(100);
  });
});

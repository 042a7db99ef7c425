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

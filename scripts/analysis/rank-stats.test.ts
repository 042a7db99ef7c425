import { describe, expect, it } from 'vitest';
import { kendallTauB, ranks, spearman } from './rank-stats.ts';
import { tiersByGaps, tiersByPlan, tierSizes } from '../../domain/tiers.ts';

describe('rank statistics (values computed by hand)', () => {
  it('tau is 1 for the same order, -1 for the reverse', () => {
    expect(kendallTauB([4, 3, 2, 1], [40, 30, 20, 10])).toBe(1);
    expect(kendallTauB([4, 3, 2, 1], [1, 2, 3, 4])).toBe(-1);
  });

  it('one adjacent swap among 4: C=5, D=1 -> tau = 4/6', () => {
    expect(kendallTauB([4, 3, 2, 1], [4, 2, 3, 1])).toBeCloseTo(4 / 6, 12);
  });

  it('seed 002: the coarse and fine passes order 7 models with 2 swaps among 21 pairs -> tau = 17/21', () => {
    // Fine pass (precision 0.01) against coarse pass (0.001), models in the same order:
    // deepseek, ERNIE, moonshot, Qwen, Baichuan, internlm, TinyLlama.
    const fine = [0.798, 0.8178, 0.6919, 0.5787, 0.4749, 0.3351, 0.085];
    const coarse = [0.8182, 0.7826, 0.7647, 0.6, 0.5, 0.35, 0.0909];
    expect(kendallTauB(coarse, fine)).toBeCloseTo(19 / 21, 12); // one swap (deepseek/ERNIE): C=20, D=1
    const third = [0.7597, 0.7795, 0.7899, 0.4915, 0.5397, 0.381, 0.0769]; // round three
    expect(kendallTauB(coarse, third)).toBeCloseTo((17 - 4) / 21, 12); // 3 swaps at the top, 1 in the middle: C=17, D=4
  });

  it('tau-b with ties: x = [1,2,3], y = [1,1,2] -> (2-0)/sqrt(3*2)', () => {
    expect(kendallTauB([1, 2, 3], [1, 1, 2])).toBeCloseTo(2 / Math.sqrt(6), 12);
  });

  it('average ranks and Spearman: one swap among 4 -> 1 - 6*2/(4*15) = 0.8', () => {
    expect(ranks([10, 20, 20, 5])).toEqual([3, 1.5, 1.5, 4]);
    expect(spearman([4, 3, 2, 1], [4, 2, 3, 1])).toBeCloseTo(0.8, 12);
  });
});

describe('tiers', () => {
  it('by seed 002 plan 3 / 2 / 2', () => {
    expect(tiersByPlan([0.8178, 0.798, 0.6919, 0.5787, 0.4749, 0.3351, 0.085], [3, 2, 2])).toEqual([0, 0, 0, 1, 1, 2, 2]);
  });
  it('by gaps: close neighbours share a tier', () => {
    // se(0.80, 1000) = 0.01265, se(0.79) = 0.01288 -> 1.96*0.01805 = 0.0354 > 0.01 -> same tier; 0.79 vs 0.60 separates.
    const t = tiersByGaps([{ score: 0.8, n: 1000 }, { score: 0.79, n: 1000 }, { score: 0.6, n: 1000 }, { score: 0.59, n: 1000 }]);
    expect(t).toEqual([0, 0, 1, 1]);
    expect(tierSizes(t)).toEqual([2, 2]);
  });
});

describe("kendallTauB (Knight's method) against the pairwise definition", () => {
  it('gives the same number on 400 random lists, with and without ties', async () => {
    const { seededRandom } = await import('../../domain/random.ts');
    const { kendallTauBPairwise } = await import('./rank-stats.ts');
    const rand = seededRandom(11);
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + Math.floor(rand() * 60);
      // Few distinct values make ties in x, in y and in both; some lists are constant.
      const levels = 1 + Math.floor(rand() * (trial % 3 === 0 ? 3 : 50));
      const x = Array.from({ length: n }, () => Math.floor(rand() * levels) / levels);
      const y = Array.from({ length: n }, (_, i) => (trial % 5 === 0 ? x[i]! : Math.floor(rand() * levels) / levels));
      expect(kendallTauB(x, y)).toBe(kendallTauBPairwise(x, y));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { adaptiveFractions, defaultTierSizes, replay, type ModelOutcomes } from './replay.ts';

function model(name: string, correct: number, n: number, offset = 0): ModelOutcomes {
  const o = new Uint8Array(n);
  for (let i = 0; i < correct; i++) o[(i * 7 + offset) % n] = 1;
  return { name, outcomes: o };
}

describe('replay', () => {
  const models = [model('a', 900, 1000), model('b', 700, 1000, 3), model('c', 400, 1000, 5), model('d', 100, 1000, 1)];

  it('at 100% reproduces the full accuracies and ranking exactly, at full cost', () => {
    const r = replay(models, [{ label: '100%', kind: 'uniform', fraction: 1 }], { reps: 5 });
    expect(r.models.map((m) => m.accuracy)).toEqual([0.9, 0.7, 0.4, 0.1]);
    expect(r.rows[0]).toMatchObject({ computeShare: 1, meanAbsError: 0, tauMean: 1, exactOrder: 1, tierAgreement: 1 });
  });

  it('loses precision as the fraction shrinks, and spends that fraction', () => {
    const r = replay(models, [0.2, 0.01].map((f) => ({ label: String(f), kind: 'uniform' as const, fraction: f })), { reps: 100, seed: 3 });
    expect(r.rows[0]!.computeShare).toBeCloseTo(0.2, 12);
    expect(r.rows[1]!.computeShare).toBeCloseTo(0.01, 12);
    expect(r.rows[1]!.meanAbsError).toBeGreaterThan(r.rows[0]!.meanAbsError);
    expect(r.rows[0]!.tauMean).toBeGreaterThan(0.99); // gaps of 0.2-0.3 survive 200 examples
    expect(r.rows[1]!.errorHigh - r.rows[1]!.errorLow).toBeGreaterThan(r.rows[0]!.errorHigh - r.rows[0]!.errorLow);
  });

  it('is reproducible for a seed', () => {
    const s = [{ label: '5%', kind: 'uniform' as const, fraction: 0.05 }];
    expect(replay(models, s, { reps: 20, seed: 9 })).toEqual(replay(models, s, { reps: 20, seed: 9 }));
    expect(replay(models, s, { reps: 20, seed: 9 }).rows[0]!.errorLow).not.toBe(replay(models, s, { reps: 20, seed: 10 }).rows[0]!.errorLow);
  });

  it('charges a tier plan the mean fraction: tiers 2 / 1 / 1 at 1 / 0.2 / 0.05 -> (1 + 1 + 0.2 + 0.05) / 4', () => {
    const r = replay(models, [{ label: 'plan', kind: 'tier-plan', tierFractions: [1, 0.2, 0.05], tiersFrom: 'full' }], { reps: 10, tierSizes: [2, 1, 1] });
    expect(r.rows[0]!.computeShare).toBeCloseTo((1 + 1 + 0.2 + 0.05) / 4, 12);
    r.rows[0]!.modelFractions.forEach((f, i) => expect(f).toBeCloseTo([1, 1, 0.2, 0.05][i]!, 12));
    expect(r.models.map((m) => m.tier)).toEqual([0, 0, 1, 2]);
  });

  it('default tier sizes follow seed 002 (7 models -> 3 / 2 / 2)', () => {
    expect(defaultTierSizes(7)).toEqual([3, 2, 2]);
    expect(defaultTierSizes(4)).toEqual([2, 1, 1]);
  });
});

describe('adaptiveFractions', () => {
  it('spends more on close neighbours than on well separated ones', () => {
    const close = [model('x', 510, 1000), model('y', 500, 1000, 2), model('far', 50, 1000, 4)];
    const perm = Uint32Array.from({ length: 1000 }, (_, i) => i);
    const f = adaptiveFractions(close, perm, 0.01);
    expect(f[0]).toBeGreaterThan(f[2]!);
    expect(f[1]).toBeGreaterThan(f[2]!);
    expect(f[0]).toBe(1); // 0.51 vs 0.50 never separates on 1000 examples
  });
});

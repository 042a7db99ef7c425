import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { adaptiveAllocation, drawsFor, replay, type ModelOutcomes } from './replay.ts';
import { ingest } from '../ingest/ingest.ts';
import { analyzeRuns } from './from-runs.ts';

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
    expect(r.rows[0]).toMatchObject({ computeShare: 1, meanAbsError: 0, tauMean: 1, tauSe: 0, exactOrder: 1, tierAgreement: 1, pairAgreement: { mean: 1, se: 0 } });
    expect(r.significantPairs).toBe(6);
    expect(r.tierSizes).toEqual([1, 1, 1, 1]);
  });

  it('loses precision as the fraction shrinks, and spends that fraction', () => {
    const r = replay(models, [0.2, 0.01].map((f) => ({ label: String(f), kind: 'uniform' as const, fraction: f })), { reps: 100, seed: 3 });
    expect(r.rows[0]!.computeShare).toBeCloseTo(0.2, 12);
    expect(r.rows[1]!.computeShare).toBeCloseTo(0.01, 12);
    expect(r.rows[1]!.meanAbsError).toBeGreaterThan(r.rows[0]!.meanAbsError);
    expect(r.rows[0]!.tauMean).toBeGreaterThan(0.99); // gaps of 0.2-0.3 survive 200 examples
    expect(r.rows[1]!.errorHigh - r.rows[1]!.errorLow).toBeGreaterThan(r.rows[0]!.errorHigh - r.rows[0]!.errorLow);
    // The Monte-Carlo error is the spread over draws / sqrt(draws): positive when draws disagree.
    expect(r.rows[1]!.tauSe).toBeGreaterThan(0);
    expect(r.rows[1]!.tauSe).toBeLessThan(0.1);
  });

  it('is reproducible for a seed', () => {
    const s = [{ label: '5%', kind: 'uniform' as const, fraction: 0.05 }];
    expect(replay(models, s, { reps: 20, seed: 9 })).toEqual(replay(models, s, { reps: 20, seed: 9 }));
    expect(replay(models, s, { reps: 20, seed: 9 }).rows[0]!.errorLow).not.toBe(replay(models, s, { reps: 20, seed: 10 }).rows[0]!.errorLow);
  });

  it('puts statistically tied models in one tier (simultaneous tests), and charges a tier plan the mean fraction', () => {
    // a and b differ by 2 of 1000 examples: tied; c and d far below.
    const tied = [model('a', 702, 1000), model('b', 700, 1000), model('c', 400, 1000, 5), model('d', 100, 1000, 1)];
    const r = replay(tied, [{ label: 'plan', kind: 'tier-plan', tierFractions: [1, 0.2, 0.05], tiersFrom: 'full' }], { reps: 10 });
    expect(r.models.map((m) => m.tier)).toEqual([0, 0, 1, 2]);
    expect(r.tierSizes).toEqual([2, 1, 1]);
    expect(r.rows[0]!.computeShare).toBeCloseTo((1 + 1 + 0.2 + 0.05) / 4, 12);
    r.rows[0]!.modelFractions.forEach((f, i) => expect(f).toBeCloseTo([1, 1, 0.2, 0.05][i]!, 12));
  });

  it('pairs every non-uniform strategy with uniform sampling at the same compute', () => {
    const r = replay(models, [{ label: 'plan', kind: 'tier-plan', tierFractions: [1, 0.2, 0.05], tiersFrom: 'full' }, { label: '20%', kind: 'uniform', fraction: 0.2 }], { reps: 50 });
    const plan = r.rows[0]!;
    expect(plan.equalCompute?.fraction).toBeCloseTo(plan.computeShare, 2);
    expect(plan.equalCompute?.tau.se).toBeGreaterThanOrEqual(0);
    expect(r.rows[1]!.equalCompute).toBeUndefined();
  });

  it('measures the noise ceiling: a tied pair makes the full data reproduce its own order only about half the time', () => {
    const tied = [model('a', 501, 1000), model('b', 500, 1000, 2), model('c', 100, 1000, 4)];
    const r = replay(tied, [{ label: '100%', kind: 'uniform', fraction: 1 }], { reps: 400 });
    expect(r.significantPairs).toBe(2); // a–c and b–c; a–b is not separated
    expect(r.ceiling.exactOrder.mean).toBeGreaterThan(0.3);
    expect(r.ceiling.exactOrder.mean).toBeLessThan(0.7);
    expect(r.ceiling.pairAgreement?.mean).toBe(1);
  });

  it('takes 2,000 draws for a handful of models, fewer (at least 20) when each draw is costly', () => {
    expect(drawsFor(4, 1319)).toBe(2000);
    expect(drawsFor(7, 1319)).toBe(2000);
    expect(drawsFor(500, 500)).toBeLessThan(2000);
    expect(drawsFor(500, 500)).toBe(20);
  });
});

describe('adaptive allocation', () => {
  it('spends more on close neighbours than on well separated ones', () => {
    const close = [model('x', 510, 1000), model('y', 500, 1000, 2), model('far', 50, 1000, 4)];
    const perm = Uint32Array.from({ length: 1000 }, (_, i) => i);
    const f = adaptiveAllocation(close, perm, 0.01).fractions;
    expect(f[0]).toBeGreaterThan(f[2]!);
    expect(f[1]).toBeGreaterThan(f[2]!);
    expect(f[0]).toBe(1); // 0.51 vs 0.50 never separates on 1000 examples
  });

  it('never separates identical models, where the repeated Wald test does (se = 0 on a handful of examples)', () => {
    // Equal accuracy (996 of 1000 each): b misses 4 of the first 10 examples, a 4 later ones. At
    // 10 examples the Wald test sees 1.0 against 0.6 with se(a) = 0 and declares them apart; the
    // sequence needs more than 4 discordant pairs before it bets that far.
    const n = 1000;
    const a = new Uint8Array(n).fill(1);
    const b = new Uint8Array(n).fill(1);
    for (const i of [0, 1, 2, 3]) b[i] = 0;
    for (const i of [500, 501, 502, 503]) a[i] = 0;
    const perm = Uint32Array.from({ length: n }, (_, i) => i);
    const ms = [{ name: 'a', outcomes: a }, { name: 'b', outcomes: b }];
    expect(adaptiveAllocation(ms, perm, 0.01, 'wald').separated.length).toBe(1);
    expect(adaptiveAllocation(ms, perm, 0.01, 'sequence').separated).toEqual([]);
  });
});

const CORPUS_GSM8K = join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'other', 'openai-gsm8k-example-solutions');
describe.skipIf(!existsSync(CORPUS_GSM8K))('replay of the corpus GSM8K solutions (OpenAI, 4 models × 300)', () => {
  it('reports the noise ceiling the review measured: the full ranking reproduces itself ~70% of the time, tau ~0.91', () => {
    const result = ingest({ inputs: [CORPUS_GSM8K], analysis: false });
    const [a] = analyzeRuns(result.runs, result.examples, { simulate: false });
    expect(a!.reps).toBe(2000);
    expect(a!.n).toBe(300);
    // Reviewers: exact order 70.5% and tau 0.91 on resampling; our draws differ, within Monte-Carlo error.
    expect(Math.abs(a!.ceiling.exactOrder.mean - 0.705)).toBeLessThan(4 * a!.ceiling.exactOrder.se + 0.01);
    expect(a!.ceiling.tau.mean).toBeCloseTo(0.91, 1);
    // 1.7 pp apart with McNemar p = 0.64: the one pair the full data does not separate.
    expect(a!.significantPairs).toBe(5);
    expect(a!.models.filter((m) => m.tier === 1).map((m) => m.name).sort()).toEqual(['175b_finetuning', '6b_verification']);
    const sequence = a!.rows.find((r) => r.kind === 'adaptive' && r.rule === 'sequence')!;
    // Separations the full data orders the other way: only ever the tied pair, and almost never.
    expect(sequence.wrongSeparations).toBeLessThan(0.01);
  });
});

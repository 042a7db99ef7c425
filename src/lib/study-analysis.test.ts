import { describe, expect, it } from 'vitest';
import type { NormalizedRun, NormalizedStudy } from '../../schemas/types.gen.ts';
import { analyzeStudy, changesOf } from './study-analysis.ts';

const acc = (task: string, value: number, numSamples: number, qps?: number) => ({ task, numSamples, primary: 'accuracy', metrics: [{ name: 'accuracy', value, higherIsBetter: true, scale: 'fraction' as const }], ...(qps ? { efficiency: { questionsPerSecond: qps } } : {}) });
const run = (id: string, quantization: string | null, tasks: NormalizedRun['tasks']): NormalizedRun => ({ id, model: 'Qwen/Qwen3-30B-A3B-Instruct-2507', variant: id, quantization, dialect: 'variant-comparison', sources: [{ path: 'x.json' }], tasks });
const study = (variants: string[]): NormalizedStudy => ({ id: 's', title: 's', baseline: variants[0]!, variants: variants.map((v) => ({ name: v, runId: v })), sources: [{ path: 'x.json' }] });

describe('study analysis', () => {
  it('(8) lists only significant changes: seed 004 mmlu_college_chemistry 6/20 vs 5/20 is within noise, not a regression', () => {
    const runs = new Map([
      ['base', run('base', null, [acc('mmlu_college_chemistry', 0.3, 20), acc('gsm8k', 0.105, 264)])],
      ['ft', run('ft', null, [acc('mmlu_college_chemistry', 0.25, 20), acc('gsm8k', 0.2652, 264)])],
    ]);
    const a = analyzeStudy(study(['base', 'ft']), runs);
    const c = changesOf(a.comparisons[0]!.rows);
    expect(c.regressions).toEqual([]);
    expect(c.improvements.map((x) => x.task)).toEqual(['gsm8k']);
    expect(c.withinNoise).toBe(1);
  });

  it('(9) fastest within 1% is decided on the interval: seed 000 FP8 (-0.85%, n = 1,319) is undecided, not recommended', () => {
    const runs = new Map([
      ['original', run('original', null, [acc('gsm8k', 0.7856, 1319, 0.714)])],
      ['fp8', run('fp8', 'fp8', [acc('gsm8k', 0.7789, 1319, 0.928)])],
    ]);
    const a = analyzeStudy(study(['original', 'fp8']), runs);
    const rec = a.recommendations.find((r) => r.kind === 'fastest-within');
    expect(rec).toMatchObject({ variant: 'original', undecided: { variant: 'fp8' } });
    const card = a.cards[0]!;
    expect(card.call).toBe('inconclusive');
    expect(card.recovery!.interval.low).toBeLessThan(0.99);
    expect(card.speedup!.ratio).toBeCloseTo(0.928 / 0.714, 12);
  });

  it('recommends a faster variant whose whole recovery interval stays within the allowed loss', () => {
    const runs = new Map([
      ['original', run('original', null, [acc('gsm8k', 0.8, 100000, 1)])],
      ['fp8', run('fp8', 'fp8', [acc('gsm8k', 0.8, 100000, 1.5)])],
    ]);
    const a = analyzeStudy({ ...study(['original', 'fp8']), maxDegradationRelative: 0.02 }, runs);
    expect(a.recommendations.find((r) => r.kind === 'fastest-within')).toMatchObject({ variant: 'fp8' });
    expect(a.cards[0]!.call).toBe('pass');
  });
});

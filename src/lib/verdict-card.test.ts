import { describe, expect, it } from 'vitest';
import type { NormalizedRun, TaskComparison } from '../../schemas/types.gen.ts';
import { defaultRecoveryGate, verdictCard } from './verdict-card.ts';
import type { EfficiencyRow } from './study-analysis.ts';

const row = (task: string, baseline: number, variant: number, low: number, high: number, extra: Partial<TaskComparison> = {}): TaskComparison => ({
  task,
  metric: { name: 'acc', value: baseline, scale: 'fraction', higherIsBetter: true },
  family: 'task',
  baseline,
  variant,
  delta: variant - baseline,
  relative: (variant - baseline) / baseline,
  gain: variant - baseline,
  interval: { low, high },
  method: 'mcnemar',
  verdict: low > 0 || high < 0 ? (low > 0 ? 'better' : 'worse') : 'within-noise',
  significant: low > 0 || high < 0,
  ...extra,
});
const run = (model: string, quantization: string | null): NormalizedRun => ({ id: model, model, dialect: 'canonical', sources: [{ path: 'x' }], tasks: [], quantization });
const eff: EfficiencyRow[] = [
  { name: 'bf16', runId: 'base', isBaseline: true, questionsPerSecond: 1, vramPeakMb: 40000 },
  { name: 'awq', runId: 'v', isBaseline: false, questionsPerSecond: 1.5, vramPeakMb: 12000 },
];

describe('verdict card', () => {
  it('gates 4-bit variants at 0.95 and 8-bit ones at 0.99 (llm-compressor CI)', () => {
    expect(defaultRecoveryGate(4)).toBe(0.95);
    expect(defaultRecoveryGate(8)).toBe(0.99);
  });

  it('passes when the lower end of mean recovery clears the gate, and reports flips, speed-up and memory', () => {
    const rows = [row('gsm8k', 0.8, 0.79, -0.02, 0.0, { n: { paired: 1319, discordant: [40, 27] } }), row('mmlu', 0.7, 0.7, -0.01, 0.01, { n: { paired: 14042, discordant: [300, 300] } })];
    const c = verdictCard('awq', 'v', run('org/m-AWQ', 'awq'), rows, eff, 'questionsPerSecond');
    expect(c.bits).toBe(4);
    expect(c.gate).toBe(0.95);
    expect(c.recovery!.mean).toBeCloseTo((0.79 / 0.8 + 1) / 2, 12);
    expect(c.call).toBe('pass');
    expect(c.flips).toEqual({ lost: 340, gained: 327, pairs: 15361 });
    expect(c.speedup).toEqual({ basis: 'questionsPerSecond', ratio: 1.5 });
    expect(c.memory!.ratio).toBeCloseTo(0.3, 12);
    expect(c.verdicts).toEqual({ better: 0, worse: 0, withinNoise: 2, unknown: 0 });
  });

  it('fails when the upper end is below the gate, and is inconclusive when the interval straddles it', () => {
    expect(verdictCard('fp8', 'v', run('org/m-FP8', 'fp8'), [row('gsm8k', 0.8, 0.7, -0.13, -0.07)], eff, undefined).call).toBe('fail');
    const unsure = verdictCard('fp8', 'v', run('org/m-FP8', 'fp8'), [row('gsm8k', 0.8, 0.795, -0.04, 0.03)], eff, undefined);
    expect(unsure.call).toBe('inconclusive');
    expect(unsure.detectable).toBeGreaterThan(0.04);
  });

  it('takes accuracy-like task rows only, never group rows or raw metrics', () => {
    const rows = [row('mmlu', 0.7, 0.69, -0.02, 0.0, { family: 'group' }), row('ppl', 7, 7.2, 0.1, 0.3, { metric: { name: 'ppl', value: 7, scale: 'raw' } })];
    expect(verdictCard('awq', 'v', run('org/m-AWQ', 'awq'), rows, eff, undefined).recovery).toBeUndefined();
  });
});

describe('verdict card of a variant stopped once decided', () => {
  it('says at how many of how many examples each task was decided, with the interval, in both languages', async () => {
    const { cardText } = await import('./verdict-text.ts');
    const decision = { margin: 0.02, alpha: 0.05, call: 'non-inferior' as const, n: 415, of: 1319, decidedAt: 412, interval: { low: -0.018, high: 0.011 } };
    const c = verdictCard('fp8', 'v', run('org/m-FP8', 'fp8'), [row('gsm8k', 0.8, 0.79, -0.018, 0.011, { method: 'confidence-sequence', sequential: decision })], eff, 'questionsPerSecond');
    expect(c.sequential).toEqual([{ task: 'gsm8k', decision }]);
    expect(cardText(c, 'en').facts).toContain('gsm8k: non-inferior at 412 of 1,319 examples (collect --until-decided, margin 2.0%), difference within [-1.8%, 1.1%]');
    expect(cardText(c, 'zh').facts).toContain('gsm8k：评测 1,319 条中的 412 条时判定为非劣（collect --until-decided，边界 2.0%），差值在 [-1.8%, 1.1%] 之内');
  });
});

describe('verdict card: token-level distance from the baseline', () => {
  it('shows the PPL change and the KL and top-1 figures of a perplexity task beside recovery, in both languages', async () => {
    const { cardText } = await import('./verdict-text.ts');
    const awq = run('org/m-AWQ', 'awq');
    awq.tasks = [{ task: 'wikitext2', primary: 'ppl', metrics: [{ name: 'ppl', value: 7.2, higherIsBetter: false, scale: 'raw' }, { name: 'kl_mean', value: 0.0412, higherIsBetter: false, scale: 'raw' }, { name: 'kl_p99', value: 0.61, higherIsBetter: false, scale: 'raw' }, { name: 'same_top_token', value: 0.912, higherIsBetter: true, scale: 'fraction' }] }];
    const rows = [row('gsm8k', 0.8, 0.79, -0.02, 0.0), row('wikitext2', 6.9, 7.2, 0.1, 0.5, { metric: { name: 'ppl', value: 6.9, scale: 'raw', higherIsBetter: false } })];
    const c = verdictCard('awq', 'v', awq, rows, eff, undefined);
    expect(c.tokens).toEqual([{ task: 'wikitext2', pplChange: 7.2 / 6.9 - 1, klMean: 0.0412, klP99: 0.61, sameTop: 0.912 }]);
    expect(c.recovery).toBeDefined();
    expect(cardText(c, 'en').facts).toContain('wikitext2: perplexity +4.3% against the baseline; KL of the next-token distributions 0.041 nats (p99 0.61); the same top token at 91.2% of positions');
    expect(cardText(c, 'zh').facts).toContain('wikitext2：困惑度相对基线 +4.3%；下一词分布的 KL 为 0.041 nats（p99 0.61）；91.2% 的位置首选词与基线相同');
    // A perplexity compared without KL (e.g. read from records) still shows the change.
    const plain = verdictCard('awq', 'v', run('org/m-AWQ', 'awq'), [rows[1]!], eff, undefined);
    expect(cardText(plain, 'en').facts).toContain('wikitext2: perplexity +4.3% against the baseline');
  });
});

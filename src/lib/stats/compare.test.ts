import { describe, expect, it } from 'vitest';
import type { ExampleRecord, Metric, TaskResult } from '../../../schemas/types.gen.ts';
import { compareTask, correctForMultipleTasks } from './compare.ts';

const m = (value: number, extra: Partial<Metric> = {}): Metric => ({ name: 'acc', value, higherIsBetter: true, scale: 'fraction', ...extra });
const t = (task: string, numSamples?: number): TaskResult => ({ task, metrics: [], ...(numSamples ? { numSamples } : {}) });
const recs = (outcomes: string): ExampleRecord[] => [...outcomes].map((o, i) => ({ id: String(i), status: o === '1' ? 'correct' : o === '0' ? 'incorrect' : 'unscorable' }));

describe('compareTask', () => {
  it('uses reported stderrs: delta -0.0067, se sqrt(0.0113²+0.0114²)=0.016052', () => {
    const c = compareTask(t('gsm8k'), t('gsm8k'), m(0.7856, { stderr: 0.0113 }), m(0.7789, { stderr: 0.0114 }))!;
    expect(c.method).toBe('stderr');
    expect(c.delta).toBeCloseTo(-0.0067, 10);
    expect(c.relative).toBeCloseTo(-0.0067 / 0.7856, 10);
    expect(c.interval!.low).toBeCloseTo(-0.0067 - 1.959964 * 0.016052, 4);
    expect(c.verdict).toBe('within-noise');
  });

  it('falls back to a binomial se from n (seed 000 gsm8k, n=1319): AWQ -2.02 pp is within noise', () => {
    // se = sqrt((.7856*.2144 + .7654*.2346)/1319) = sqrt(.34800/1319) = 0.016243; z = -1.2436 -> p = 0.2137
    const c = compareTask(t('gsm8k', 1319), t('gsm8k', 1319), m(0.7856), m(0.7654))!;
    expect(c.method).toBe('binomial');
    expect(c.p).toBeCloseTo(0.2137, 3);
    expect(c.verdict).toBe('within-noise');
  });

  it('says worse when the interval excludes zero, direction-aware for perplexity', () => {
    const acc = compareTask(t('x', 10000), t('x', 10000), m(0.8), m(0.7))!;
    expect(acc.verdict).toBe('worse');
    const ppl = compareTask(t('w'), t('w'), m(7.0, { name: 'ppl', higherIsBetter: false, scale: 'raw', stderr: 0.01 }), m(6.9, { name: 'ppl', higherIsBetter: false, scale: 'raw', stderr: 0.01 }))!;
    expect(ppl.gain).toBeCloseTo(0.1, 10);
    expect(ppl.verdict).toBe('better');
  });

  it('prefers a paired McNemar test on matching example ids', () => {
    // baseline 1111111111 0000000000, variant 1111111110 0111111111 ... b = 1, c = 9 -> p = 22/1024
    const base = recs('11111111110000000000');
    const variant = recs('11111111100111111111');
    const c = compareTask(t('q', 20), t('q', 20), m(0.5), m(0.9), { baseline: base, variant })!;
    expect(c.method).toBe('mcnemar');
    expect(c.n).toEqual({ paired: 20, discordant: [1, 9] });
    expect(c.p).toBeCloseTo(22 / 1024, 10);
    // paired se = sqrt(10 - 64/20)/20 = 0.130384; d = 8/20 = 0.4
    expect(c.interval!.low).toBeCloseTo(0.4 - 1.959964 * 0.130384, 4);
    expect(c.verdict).toBe('better');
  });

  it('skips unscorable examples when pairing, and returns nothing for missing values', () => {
    const c = compareTask(t('q'), t('q'), m(0.5), m(0.5), { baseline: recs('1x0'), variant: recs('110') });
    expect(c?.n?.paired).toBe(2);
    expect(compareTask(t('q'), t('q'), m(0.5), { ...m(0), value: null })).toBeUndefined();
  });
});

describe('correctForMultipleTasks', () => {
  it('turns a lone p=0.03 among three tasks into within-noise', () => {
    const rows = [
      compareTask(t('a', 1000), t('a', 1000), m(0.5), m(0.548))!, // p ~ 0.03
      compareTask(t('b', 1000), t('b', 1000), m(0.5), m(0.5))!,
      compareTask(t('c', 1000), t('c', 1000), m(0.5), m(0.51))!,
    ];
    expect(rows[0]!.verdict).toBe('better');
    correctForMultipleTasks(rows);
    expect(rows[0]!.pAdjusted).toBeCloseTo(3 * rows[0]!.p!, 10);
    expect(rows[0]!.verdict).toBe('within-noise');
  });
});

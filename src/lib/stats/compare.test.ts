import { describe, expect, it } from 'vitest';
import type { ExampleRecord, Metric, TaskResult } from '../../../schemas/types.gen.ts';
import { compareTask, finishComparisons, type PendingComparison } from './compare.ts';
import { seededRandom } from '../../../domain/random.ts';

const m = (value: number, extra: Partial<Metric> = {}): Metric => ({ name: 'acc', value, higherIsBetter: true, scale: 'fraction', ...extra });
const t = (task: string, numSamples?: number, extra: Partial<TaskResult> = {}): TaskResult => ({ task, metrics: [], ...(numSamples ? { numSamples } : {}), ...extra });
const recs = (outcomes: string, offset = 0): ExampleRecord[] => [...outcomes].map((o, i) => ({ id: String(i + offset), status: o === '1' ? 'correct' : o === '0' ? 'incorrect' : 'unscorable' }));
const one = (c: PendingComparison | undefined) => finishComparisons([c!])[0]!;

describe('compareTask, unpaired', () => {
  it('uses reported stderrs: delta -0.0067, se sqrt(0.0113²+0.0114²)=0.016052', () => {
    const c = one(compareTask(t('gsm8k'), t('gsm8k'), m(0.7856, { stderr: 0.0113 }), m(0.7789, { stderr: 0.0114 })));
    expect(c.method).toBe('stderr');
    expect(c.delta).toBeCloseTo(-0.0067, 10);
    expect(c.relative).toBeCloseTo(-0.0067 / 0.7856, 10);
    expect(c.interval!.low).toBeCloseTo(-0.0067 - 1.959964 * 0.016052, 4);
    expect(c.verdict).toBe('within-noise');
  });

  it('uses the Miettinen–Nurminen score test from n (seed 000 gsm8k, n = 1,319): AWQ -2.02 pp is within noise', () => {
    const c = one(compareTask(t('gsm8k', 1319), t('gsm8k', 1319), m(0.7856), m(0.7654)));
    expect(c.method).toBe('binomial');
    expect(c.p).toBeGreaterThan(0.2);
    expect(c.verdict).toBe('within-noise');
  });

  it('says worse when the interval excludes zero, direction-aware for perplexity', () => {
    expect(one(compareTask(t('x', 10000), t('x', 10000), m(0.8), m(0.7))).verdict).toBe('worse');
    const ppl = one(compareTask(t('w'), t('w'), m(7.0, { name: 'ppl', higherIsBetter: false, scale: 'raw', stderr: 0.01 }), m(6.9, { name: 'ppl', higherIsBetter: false, scale: 'raw', stderr: 0.01 })));
    expect(ppl.gain).toBeCloseTo(0.1, 10);
    expect(ppl.verdict).toBe('better');
  });

  it('(7) 100% vs 0% with n gets an interval and the verdict worse, not "no interval"', () => {
    const c = one(compareTask(t('q', 60), t('q', 60), m(1), m(0)));
    expect(c.interval!.high).toBeLessThan(-0.9);
    expect(c.verdict).toBe('worse');
  });

  it('returns nothing when a score is missing', () => {
    expect(compareTask(t('q'), t('q'), m(0.5), { ...m(0), value: null })).toBeUndefined();
  });
});

describe('compareTask, paired', () => {
  it('McNemar with its score interval on matching ids: b = 1, c = 9 of 20', () => {
    const c = one(compareTask(t('q', 20), t('q', 20), m(0.5), m(0.9), { baseline: recs('11111111110000000000'), variant: recs('11111111100111111111') }));
    expect(c.method).toBe('mcnemar');
    expect(c.n).toEqual({ paired: 20, baseline: 20, variant: 20, unscorable: [0, 0], discordant: [1, 9] });
    expect(c.p).toBeCloseTo(0.011412, 5); // z = 8/sqrt(10)
    expect(c.delta).toBeCloseTo(0.4, 12);
    expect(c.verdict).toBe('better');
  });

  it('(1) a variant run on a subset is compared on that subset: delta, interval and verdict agree', () => {
    // Baseline: 1,319 questions, 75% right. Variant (lm-eval --limit 264): the first 264, better on them.
    const rand = seededRandom(4);
    const base = Array.from({ length: 1319 }, (_, i) => ({ id: String(i), status: (i < 264 ? rand() < 0.62 : rand() < 0.78) ? 'correct' : 'incorrect' }) as const);
    const variant = base.slice(0, 264).map((r) => ({ id: r.id, status: r.status === 'correct' || rand() < 0.3 ? 'correct' : 'incorrect' }) as const);
    const baseScore = base.filter((r) => r.status === 'correct').length / 1319;
    const variantScore = variant.filter((r) => r.status === 'correct').length / 264;
    const c = one(compareTask(t('gsm8k', 1319), t('gsm8k', 264), m(baseScore), m(variantScore), { baseline: [...base], variant: [...variant] }));
    expect(c.n).toMatchObject({ paired: 264, baseline: 1319, variant: 264 });
    expect(c.reported).toEqual({ baseline: baseScore, variant: variantScore });
    expect(c.baseline).toBeCloseTo(base.slice(0, 264).filter((r) => r.status === 'correct').length / 264, 12);
    expect(c.delta).toBeGreaterThan(0);
    expect(c.interval!.low).toBeGreaterThan(0);
    expect(c.verdict).toBe('better');
  });

  it('(2, 3) pairs on the row\'s own metric: DROP f1 up while em went down is compared on f1, by a paired bootstrap', () => {
    const rand = seededRandom(8);
    const base: ExampleRecord[] = [];
    const variant: ExampleRecord[] = [];
    for (let i = 0; i < 200; i++) {
      const f1 = rand();
      // em drops on 60 examples; f1 rises by 0.05 on average.
      base.push({ id: String(i), status: i < 60 ? 'correct' : 'incorrect', metrics: { f1, em: i < 60 ? 1 : 0 } });
      variant.push({ id: String(i), status: 'incorrect', metrics: { f1: Math.min(1, f1 + 0.05 + (rand() - 0.5) * 0.02), em: 0 } });
    }
    const c = one(compareTask(t('drop', 200), t('drop', 200), m(0.6, { name: 'f1', scale: 'raw' }), m(0.65, { name: 'f1', scale: 'raw' }), { baseline: base, variant }));
    expect(c.method).toBe('paired-bootstrap');
    expect(c.delta).toBeGreaterThan(0);
    expect(c.interval!.low).toBeGreaterThan(0);
    expect(c.verdict).toBe('better');
    // The same records on em: a paired 0/1 test that finds the 60 losses.
    const em = one(compareTask(t('drop', 200), t('drop', 200), m(0.3, { name: 'em' }), m(0, { name: 'em' }), { baseline: base, variant }));
    expect(em.method).toBe('mcnemar');
    expect(em.n?.discordant).toEqual([60, 0]);
    expect(em.verdict).toBe('worse');
  });

  it('(4) b = 0, c = 5, n = 538: the interval excludes 0 and the verdict says so', () => {
    const base = recs('0'.repeat(5) + '1'.repeat(533));
    const variant = recs('1'.repeat(538));
    const c = one(compareTask(t('q', 538), t('q', 538), m(533 / 538), m(1), { baseline: base, variant }));
    expect(c.p).toBeLessThan(0.05);
    expect(c.interval!.low).toBeGreaterThan(0);
    expect(c.verdict).toBe('better');
  });

  it('(6) unscorable examples: compared on the common scorable set, with a sensitivity line counting them wrong', () => {
    // 60 questions; the variant cannot score 2 the baseline got right, and loses 5 more.
    const base = recs('1'.repeat(47) + '0'.repeat(13));
    const variant = recs('xx' + '0'.repeat(5) + '1'.repeat(40) + '0'.repeat(13));
    const c = one(compareTask(t('q', 60), t('q', 60), m(47 / 60), m(40 / 58), { baseline: base, variant }));
    expect(c.n).toMatchObject({ paired: 58, unscorable: [0, 2], discordant: [5, 0] });
    expect(c.baseline).toBeCloseTo(45 / 58, 12);
    expect(c.variant).toBeCloseTo(40 / 58, 12);
    expect(c.sensitivity!.delta).toBeCloseTo(-7 / 60, 12);
  });
});

describe('finishComparisons', () => {
  it('turns a lone p = 0.03 among three tasks into within noise (Holm), and the adjusted interval agrees', () => {
    const rows = finishComparisons([
      compareTask(t('a', 1000), t('a', 1000), m(0.5), m(0.548))!,
      compareTask(t('b', 1000), t('b', 1000), m(0.5), m(0.5))!,
      compareTask(t('c', 1000), t('c', 1000), m(0.5), m(0.51))!,
    ]);
    expect(rows[0]!.p).toBeLessThan(0.05);
    expect(rows[0]!.interval!.low).toBeGreaterThan(0);
    expect(rows[0]!.pAdjusted).toBeCloseTo(3 * rows[0]!.p!, 10);
    expect(rows[0]!.verdict).toBe('within-noise');
    expect(rows[0]!.intervalAdjusted!.low).toBeLessThan(0);
  });

  it('(5) keeps groups and subtasks apart: an MMLU aggregate with p = 0.027 stays significant beside 57 subtasks', () => {
    const group = compareTask(t('mmlu', 14042, { isGroup: true }), t('mmlu', 14042, { isGroup: true }), m(0.65, { stderr: 0.004 }), m(0.6625, { stderr: 0.004 }))!;
    const subtasks = Array.from({ length: 57 }, (_, i) => compareTask(t(`mmlu_${i}`, 250), t(`mmlu_${i}`, 250), m(0.65), m(0.66))!);
    const rows = finishComparisons([group, ...subtasks]);
    expect(rows[0]!.family).toBe('group');
    expect(rows[0]!.p).toBeCloseTo(0.0269, 3);
    expect(rows[0]!.pAdjusted).toBeUndefined();
    expect(rows[0]!.verdict).toBe('better');
    expect(rows.slice(1).every((r) => r.family === 'task' && r.pAdjusted !== undefined)).toBe(true);
  });

  it('offers Benjamini–Hochberg beside Holm', () => {
    const make = () => [0.5, 0.52, 0.53, 0.5].map((v, i) => compareTask(t(`t${i}`, 2000), t(`t${i}`, 2000), m(0.5), m(v))!);
    const holm = finishComparisons(make());
    const bh = finishComparisons(make(), 'bh');
    expect(bh[1]!.pAdjusted!).toBeLessThanOrEqual(holm[1]!.pAdjusted!);
  });

  it('never has a verdict that disagrees with its adjusted interval (2,000 random families)', () => {
    const rand = seededRandom(21);
    for (let f = 0; f < 400; f++) {
      const size = 1 + Math.floor(rand() * 6);
      const rows = finishComparisons(
        Array.from({ length: size }, (_, i) => {
          const n = 50 + Math.floor(rand() * 1500);
          const p1 = 0.3 + rand() * 0.6;
          return compareTask(t(`t${i}`, n), t(`t${i}`, n), m(Math.round(p1 * n) / n), m(Math.round(Math.min(1, Math.max(0, p1 + (rand() - 0.5) * 0.1)) * n) / n))!;
        }),
        rand() < 0.5 ? 'holm' : 'bh',
      );
      for (const r of rows) {
        const excludes = r.intervalAdjusted!.low > 0 || r.intervalAdjusted!.high < 0;
        expect(r.significant).toBe(excludes);
        const p = r.pAdjusted ?? r.p!;
        if (Math.abs(p - 0.05) > 1e-6) expect(excludes, `p ${p}`).toBe(p < 0.05);
        expect(r.verdict === 'within-noise').toBe(!excludes);
      }
    }
  });
});

describe('compareTask, a variant stopped once decided (collect --until-decided)', () => {
  const decision = { margin: 0.02, alpha: 0.05, call: 'non-inferior' as const, n: 412, of: 1319, decidedAt: 412, interval: { low: -0.018, high: 0.011 }, discordant: [9, 6], baseline: 'original' };
  it('takes the anytime-valid interval instead of a fixed-sample test on the answers it has, and is not Holm-adjusted again', () => {
    const base = t('gsm8k', 1319);
    const variant = t('gsm8k', 420, { sequential: decision });
    const rows = finishComparisons([compareTask(base, variant, m(0.78), m(0.775))!, compareTask(t('mmlu', 10000), t('mmlu', 10000), m(0.7), m(0.6))!]);
    const c = rows[0]!;
    expect(c.method).toBe('confidence-sequence');
    expect(c.interval).toEqual(decision.interval);
    expect(c.intervalAdjusted).toEqual(decision.interval);
    expect(c.p).toBeUndefined();
    expect(c.verdict).toBe('within-noise');
    expect(c.n).toEqual({ paired: 412, discordant: [9, 6] });
    expect(c.sequential).toEqual(decision);
  });

  it('calls a sequence entirely below zero worse', () => {
    const c = one(compareTask(t('gsm8k', 1319), t('gsm8k', 200, { sequential: { ...decision, call: 'inferior', interval: { low: -0.2, high: -0.05 } } }), m(0.78), m(0.65)));
    expect(c.verdict).toBe('worse');
    expect(c.significant).toBe(true);
  });
});

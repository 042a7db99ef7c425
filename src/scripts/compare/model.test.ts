import { describe, expect, it } from 'vitest';
import type { ExampleRecord, TaskResult } from '../../../schemas/types.gen.ts';
import type { CompareRun } from '../../lib/compare-data.ts';
import { compareModel, environmentRows, pairableIndexes } from './model.ts';
import { pairedBinaryTest } from '../../lib/stats/score-tests.ts';
import { matchesQuery, parseSelection } from './page.ts';
import { flipsParams } from './flips-address.ts';
import { toggled } from '../compare-pick.ts';

const records = (statuses: string): ExampleRecord[] => [...statuses].map((c, i) => ({ id: `q${i}`, status: c === '1' ? 'correct' : c === '0' ? 'incorrect' : 'unscorable' }));

function task(name: string, value: number, extra: Partial<TaskResult> = {}): TaskResult {
  return { task: name, metrics: [{ name: 'acc', value, scale: 'fraction' }], ...extra };
}

function run(id: string, tasks: TaskResult[], extra: Partial<CompareRun> = {}): CompareRun {
  return { id, model: 'm', dialect: 'canonical', tasks, ...extra };
}

describe('compareModel', () => {
  // 40 examples: the variant loses 6 the baseline had right and gains 1, one it cannot score.
  const baseEx = records('1111111111' + '1111110000' + '1111111111' + '0000000000');
  const variantEx = records('0000001111' + '111111100u' + '1111111111' + '0000000000');
  const examples = new Map<string, ExampleRecord[]>([['b/gsm8k', baseEx], ['v/gsm8k', variantEx]]);
  const base = run('b', [task('gsm8k', 26 / 40, { numSamples: 40, examples: { index: 'b/gsm8k', count: 40 } }), task('arc', 0.5, { numSamples: 100 })]);
  const variant = run('v', [task('gsm8k', 20 / 39, { numSamples: 39, examples: { index: 'v/gsm8k', count: 40 } }), task('arc', 0.6, { numSamples: 100 }), task('only-here', 0.3)], { variant: 'fp8' });

  it('pairs examples by id with the study\'s McNemar test, and tests from n where there are no examples', () => {
    const { rows } = compareModel([base, variant], (t) => (t.examples ? examples.get(t.examples.index) : undefined));
    const gsm = rows.find((r) => r.task === 'gsm8k')!;
    const c = gsm.comparisons[1]!;
    expect(c.method).toBe('mcnemar');
    expect(c.n?.paired).toBe(39);
    expect(c.n?.discordant).toEqual([6, 1]);
    // The same p as the test itself on those counts, adjusted by Holm over the two tested tasks.
    const direct = pairedBinaryTest(1, 6, 39).p;
    expect(c.p).toBeCloseTo(direct, 12);
    expect(c.pAdjusted).toBeGreaterThanOrEqual(direct);
    expect(rows.find((r) => r.task === 'arc')!.comparisons[1]!.method).toBe('binomial');
    // A task only the variant has is shown with its score and no comparison.
    const only = rows.find((r) => r.task === 'only-here')!;
    expect(only.cells[0]).toBeUndefined();
    expect(only.cells[1]?.metric.value).toBe(0.3);
    expect(only.comparisons[1]).toBeUndefined();
  });

  it('without examples, compares the same rows from n and gives each score a binomial interval', () => {
    const { rows } = compareModel([base, variant]);
    const gsm = rows.find((r) => r.task === 'gsm8k')!;
    expect(gsm.comparisons[1]!.method).toBe('binomial');
    const cell = gsm.cells[0]!;
    expect(cell.stderrComputed).toBe(true);
    const se = Math.sqrt((0.65 * 0.35) / 40);
    expect(cell.interval!.low).toBeCloseTo(0.65 - 1.959963984540054 * se, 12);
  });

  it('the baseline is whichever run comes first: swapping turns the change around', () => {
    const ab = compareModel([base, variant]).rows.find((r) => r.task === 'arc')!.comparisons[1]!;
    const ba = compareModel([variant, base]).rows.find((r) => r.task === 'arc')!.comparisons[1]!;
    expect(ba.delta).toBeCloseTo(-ab.delta, 12);
  });

  it('fetches only examples that can be paired with the baseline', () => {
    const third = run('t', [task('gsm8k', 0.5, { examples: { index: 't/gsm8k', count: 40 } }), task('arc', 0.5, { examples: { index: 't/arc', count: 100 } })]);
    expect(pairableIndexes([base, variant, third])).toEqual(['b/gsm8k', 'v/gsm8k', 't/gsm8k']);
    expect(pairableIndexes([variant, run('x', [task('gsm8k', 0.5)])])).toEqual([]);
  });
});

describe('environmentRows', () => {
  it('lists a field that differs in any run with every run\'s value, what changes the measurement first', () => {
    const a = run('a', [task('t', 0.5, { nShot: 0 })], { environment: { packages: { vllm: '0.8.5' } } });
    const b = run('b', [task('t', 0.5, { nShot: 0 })], { environment: { packages: { vllm: '0.9.0' } } });
    const c = run('c', [task('t', 0.5, { nShot: 5 })], { environment: { packages: { vllm: '0.8.5' } } });
    const rows = environmentRows([a, b, c]);
    expect(rows.map((r) => r.field)).toEqual(['t: n-shot', 'vllm']);
    expect(rows[0]).toMatchObject({ kind: 'invalidates', values: ['0', '0', '5'] });
    expect(rows[1]).toMatchObject({ kind: 'note', values: ['0.8.5', '0.9.0', '0.8.5'] });
  });
});

describe('the selection', () => {
  const known = new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
  it('keeps known run ids from the address, in order, once each, at most 8', () => {
    expect(parseSelection('?runs=b,a,zz,b,../x', known)).toEqual(['b', 'a']);
    expect(parseSelection('?runs=a,b,c,d,e,f,g,h,i', known)).toHaveLength(8);
    expect(parseSelection('', known)).toEqual([]);
  });

  it('finds runs by every word of the query: model id, variant, folder', () => {
    const r = { id: 'qwen2.5-7b-instruct-fp8', model: 'Qwen/Qwen2.5-7B-Instruct', variant: 'fp8', dialect: 'canonical' as const, tasks: 1, withExamples: 1 };
    expect(matchesQuery(r, 'Qwen2.5-7B fp8')).toBe(true);
    expect(matchesQuery(r, 'qwen2.5-7b awq')).toBe(false);
  });

  it('ticks runs in order, at most 8, and unticks', () => {
    let ids: string[] = [];
    for (const id of 'abcdefghi') ids = toggled(ids, id, true);
    expect(ids).toEqual([...'abcdefgh']);
    expect(toggled(ids, 'c', false)).toEqual([...'abdefgh']);
    expect(toggled(['a'], 'a', true)).toEqual(['a']);
  });

  it('reads the flips address only when both ids have the form of run ids', () => {
    expect(flipsParams('?a=base-run&b=fp8.run&task=gsm8k')).toEqual({ a: 'base-run', b: 'fp8.run', task: 'gsm8k' });
    expect(flipsParams('?a=../../etc&b=x&task=t')).toBeUndefined();
    expect(flipsParams('?a=a&b=b')).toBeUndefined();
  });
});

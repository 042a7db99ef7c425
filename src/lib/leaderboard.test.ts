import { describe, expect, it } from 'vitest';
import type { NormalizedRun } from '../../schemas/types.gen.ts';
import { boardSlugs, leaderboardMatrix, leaderboards, matrixDownload } from './leaderboard.ts';

const run = (id: string, scores: Record<string, [number, number?]>, extra: Partial<NormalizedRun> = {}): NormalizedRun => ({
  id, model: id, dialect: 'csv', sources: [{ path: id }],
  tasks: Object.entries(scores).map(([task, [value, n]]) => ({ task, primary: 'acc', metrics: [{ name: 'acc', value, scale: 'fraction', higherIsBetter: true }], ...(n ? { numSamples: n } : {}) })),
  ...extra,
});

describe('leaderboards', () => {
  it('ranks per task with Wilson intervals from n and averages over the common tasks', () => {
    const { tasks, average } = leaderboards([
      run('a', { x: [0.8, 10], y: [0.5, 100] }),
      run('b', { x: [0.9, 10], y: [0.3, 100] }, { sampling: { fraction: 0.2 } }),
      run('c', { x: [0.7, 10] }),
    ]);
    expect(tasks.map((b) => [b.task, b.entries.map((e) => e.runId)])).toEqual([['x', ['b', 'a', 'c']], ['y', ['a', 'b']]]);
    expect(tasks[0]!.entries[1]!.interval!.low).toBeCloseTo(0.49016, 4); // Wilson 8/10
    expect(tasks[0]!.entries[0]!.sampled).toBe(true);
    // y: 0.5 vs 0.3 on 100 each: se_diff = sqrt(.0025 + .0021) = 0.0678; gap 0.2 > 1.96*0.0678 -> two tiers
    expect(tasks[1]!.entries.map((e) => e.tier)).toEqual([0, 1]);
    // x: 0.9 / 0.8 / 0.7 on 10 each: no neighbours separate -> one tier
    expect(tasks[0]!.entries.map((e) => e.tier)).toEqual([0, 0, 0]);
    // averages: a (0.8+0.5)/2 = 0.65, b (0.9+0.3)/2 = 0.6, c covers only x
    expect(average!.entries.map((e) => [e.runId, e.covered, Number(e.value.toFixed(4))])).toEqual([['a', 2, 0.65], ['b', 2, 0.6], ['c', 1, 0.7]]);
  });

  it('gives each ranking one address: the plain task name to the board most runs are on', () => {
    const twoMetrics = (id: string, strict: number, flexible?: number): NormalizedRun => ({
      id, model: id, dialect: 'lm-eval', sources: [{ path: id }],
      tasks: [{ task: 'gsm8k', primary: flexible === undefined ? 'exact_match,strict-match' : 'exact_match,flexible-extract', metrics: [{ name: 'exact_match', filter: flexible === undefined ? 'strict-match' : 'flexible-extract', value: flexible ?? strict, scale: 'fraction', higherIsBetter: true }] }, { task: 'average', primary: 'acc', metrics: [{ name: 'acc', value: strict, scale: 'fraction' }] }],
    });
    const { tasks } = leaderboards([twoMetrics('a', 0.5), twoMetrics('b', 0.6), twoMetrics('c', 0.7), twoMetrics('d', 0.4, 0.45), twoMetrics('e', 0.3, 0.35)]);
    const slugs = [...boardSlugs(tasks)].map(([b, s]) => [b.task, b.metric, s]);
    expect(slugs).toEqual([
      ['average', 'acc', 'average-acc'], // "average" is the mean's page
      ['gsm8k', 'exact_match,strict-match', 'gsm8k'],
      ['gsm8k', 'exact_match,flexible-extract', 'gsm8k-exact_match-flexible-extract'],
    ]);
  });

  it('lays the rankings out as runs x tasks, ordered by the average, with each column\'s range', () => {
    const boards = leaderboards([
      run('a', { x: [0.8, 10], y: [0.5, 100], z: [0.1, 10] }),
      run('b', { x: [0.9, 10], y: [0.2, 100], z: [0.2, 10] }),
      run('c', { x: [0.7, 10] }),
    ]);
    const m = leaderboardMatrix(boards, 2);
    // Every task is averaged (each is on at least half the runs); two columns fit, z is on its page only.
    expect(boards.average!.tasks).toEqual(['x', 'y', 'z']);
    expect(m.columns.map((b) => b.task)).toEqual(['x', 'y']);
    expect(m.more.map((b) => b.task)).toEqual(['z']);
    // a: mean(0.8, 0.5, 0.1) = 0.467 before b: mean(0.9, 0.2, 0.2) = 0.433; c covers one task: no rank, last.
    expect(m.rows.map((r) => [r.runId, r.rank, r.cells.map((e) => e?.value)])).toEqual([
      ['a', 1, [0.8, 0.5]],
      ['b', 2, [0.9, 0.2]],
      ['c', undefined, [0.7, undefined]],
    ]);
    // The range a column's bars are drawn on spans every interval in it (Wilson 7/10 reaches 0.397).
    expect(m.ranges).toHaveLength(3);
    expect(m.ranges[1]!.min).toBeCloseTo(0.3968, 3);
    expect(m.ranges[1]!.max).toBeCloseTo(0.9821, 3);
  });

  it('downloads every ranking as one long table, the average as task "average"', () => {
    const rows = matrixDownload(leaderboards([run('a', { x: [0.8], y: [0.5] }), run('b', { x: [0.9], y: [0.3] })]));
    expect(rows.map((r) => [r.task, r.run, r.value])).toEqual([['average', 'a', 0.65], ['average', 'b', 0.6], ['x', 'b', 0.9], ['x', 'a', 0.8], ['y', 'a', 0.5], ['y', 'b', 0.3]]);
  });
});

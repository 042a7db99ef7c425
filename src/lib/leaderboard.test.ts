import { describe, expect, it } from 'vitest';
import type { NormalizedRun } from '../../schemas/types.gen.ts';
import { leaderboards } from './leaderboard.ts';

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
});

import { describe, expect, it } from 'vitest';
import type { ExampleRecord, NormalizedRun } from '../../schemas/types.gen.ts';
import { analyzeRuns, computeReplayPart, type ReplayPart } from './from-runs.ts';
import { runInLanes } from '../lib/sync-lanes.ts';

const run = (id: string): NormalizedRun => ({ id, model: id, dialect: 'csv', sources: [{ path: id }], tasks: [] });
const recs = (prefix: string, n: number, correctEvery: number): ExampleRecord[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, status: i % correctEvery === 0 ? 'correct' : 'incorrect' }));

describe('analyzeRuns', () => {
  it('replays a task only among runs that answered the same examples, with three or more of them', () => {
    const runs = ['a', 'b', 'c', 'x', 'y'].map(run);
    const ex = new Map<string, Record<string, ExampleRecord[]>>([
      ['a', { gsm8k: recs('q', 40, 2) }],
      ['b', { gsm8k: recs('q', 40, 3) }],
      ['c', { gsm8k: recs('q', 30, 4) }], // a subset of the same questions
      ['x', { gsm8k: recs('other', 40, 2) }], // other questions: not comparable
      ['y', { gsm8k: recs('q', 40, 5).map((r) => ({ ...r, status: 'unlabelled' as const })) }],
    ]);
    const out = analyzeRuns(runs, ex, { reps: 5 });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: 'gsm8k', task: 'gsm8k', n: 30, sources: ['a', 'b', 'c'] });
    expect(out[0]!.models.map((m) => m.accuracy)).toEqual([15 / 30, 10 / 30, 8 / 30]);
  });

  it('replays tasks on worker threads with the same result as one after another, in the same order', () => {
    const runs = ['a', 'b', 'c', 'd'].map(run);
    const tasks = ['t1', 't2', 't3', 't4', 't5'];
    const ex = new Map(runs.map((r, k) => [r.id, Object.fromEntries(tasks.map((t, j) => [t, recs('q', 60 + 10 * j, 2 + ((k + j) % 4))]))]));
    const one = analyzeRuns(runs, ex, { reps: 8, lanes: 1 });
    const three = analyzeRuns(runs, ex, { reps: 8, lanes: 3 });
    expect(one.map((a) => a.id)).toEqual(tasks);
    expect(three).toEqual(one);
  });

  it('says which job failed in a worker thread, and why', () => {
    const job = (n: number, m: number): ReplayPart => ({ part: 'replay', job: { id: `j${n}`, task: 't', models: [{ name: 'a', outcomes: new Uint8Array(n) }, { name: 'b', outcomes: new Uint8Array(m) }], strategies: [], settings: { reps: 2, seed: 1, alpha: 0.05 }, simulate: false, sources: [] } });
    // The costlier job stays on the calling thread; the broken one goes to the worker.
    expect(() => runInLanes([job(40, 40), job(3, 4)], computeReplayPart, new URL('./replay-worker.ts', import.meta.url), { lanes: 2, cost: (p) => p.job.models[0]!.outcomes.length })).toThrow(/job 1 failed in a worker thread: every model needs outcomes on the same examples/);
  });
});

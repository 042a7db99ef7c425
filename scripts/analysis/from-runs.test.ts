import { describe, expect, it } from 'vitest';
import type { ExampleRecord, NormalizedRun } from '../../schemas/types.gen.ts';
import { analyzeRuns } from './from-runs.ts';

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
});

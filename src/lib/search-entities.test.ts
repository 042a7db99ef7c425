import { describe, expect, it } from 'vitest';
import type { NormalizedRun, NormalizedStudy } from '../../schemas/types.gen.ts';
import { matchEntities, searchEntities } from './search-entities.ts';

const run = (id: string, model: string, variant?: string): NormalizedRun => ({ id, model, ...(variant ? { variant } : {}), dialect: 'canonical', sources: [{ path: `${id}/run_meta.json`, sha256: 'x' }], tasks: [] });
const runs = [run('q7-orig', 'Qwen/Qwen2.5-7B-Instruct', 'original'), run('q7-fp8', 'Qwen/Qwen2.5-7B-Instruct', 'fp8'), run('q72', 'Qwen/Qwen2.5-72B-Instruct'), run('q3', 'Qwen/Qwen3-30B-A3B-Instruct-2507', 'fp8')];
const studies: NormalizedStudy[] = [{ id: 'q7-variants', title: 'Qwen/Qwen2.5-7B-Instruct: original vs fp8', sources: [{ path: 'summary.json', sha256: 'x' }], baseline: 'q7-orig', variants: [{ name: 'original', runId: 'q7-orig' }, { name: 'fp8', runId: 'q7-fp8' }] }];

describe('search by model id', () => {
  const all = searchEntities(runs, studies);
  const found = (q: string) => matchEntities(all, q).map((e) => `${e.kind}:${e.path}`);

  it('finds a model id as written: its model page, its study and its runs, and not the 72B', () => {
    expect(found('Qwen2.5-7B')).toEqual(['model:models/qwen-qwen2.5-7b-instruct/', 'study:studies/q7-variants/', 'run:runs/q7-fp8/', 'run:runs/q7-orig/']);
  });

  it('needs every word, in any case, anywhere in the name', () => {
    expect(found('qwen3 FP8')).toEqual(['run:runs/q3/']);
    expect(found('30b-a3b')).toEqual(['model:models/qwen-qwen3-30b-a3b-instruct-2507/', 'run:runs/q3/']);
    expect(found('   ')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { distinguishers } from './run-distinction.ts';

const run = (id: string, path: string, model = 'org/m', variant?: string) => ({ id, model, sources: [{ path }], ...(variant ? { variant } : {}) });

describe('distinguishers', () => {
  it('names the folder where two runs of one model part ways', () => {
    const d = distinguishers([run('a', 'bench/tp1/results.json'), run('b', 'bench/tp8/results.json'), run('c', 'other/x.json', 'org/other')]);
    expect([...d]).toEqual([['a', 'tp1'], ['b', 'tp8']]);
  });

  it('falls back to the file name when both sit in one folder, and leaves distinct runs alone', () => {
    const d = distinguishers([run('a', 'bench/c1.json'), run('b', 'bench/c8.json'), run('c', 'bench/c8.json', 'org/m', 'fp8')]);
    expect([...d]).toEqual([['a', 'c1.json'], ['b', 'c8.json']]);
  });
});

import { describe, expect, it } from 'vitest';
import type { NormalizedRun } from '../../schemas/types.gen.ts';
import { differences } from './comparability.ts';

const run = (extra: Partial<NormalizedRun>): NormalizedRun => ({ id: 'r', model: 'm', dialect: 'lm-eval', sources: [{ path: 'x' }], tasks: [], ...extra });

describe('what else differs between baseline and variant', () => {
  it('raises what changes the measurement (n-shot, task version, examples, limit) and notes how the runs were made', () => {
    const base = run({ tasks: [{ task: 'gsm8k', nShot: 5, version: 3, numSamples: 1319, metrics: [] }], settings: { batch_size: 8, limit: null }, environment: { packages: { 'lm-eval': '0.4.3', torch: '2.5.1' }, gpus: [{ name: 'H100' }] } });
    const variant = run({ tasks: [{ task: 'gsm8k', nShot: 8, version: 3, numSamples: 264, metrics: [] }], settings: { batch_size: 16, limit: 0.2 }, sampling: { limit: 0.2, fraction: 0.2 }, environment: { packages: { 'lm-eval': '0.4.8', torch: '2.5.1' }, gpus: [{ name: 'H100' }] } });
    const d = differences(base, variant);
    expect(d.filter((x) => x.kind === 'invalidates').map((x) => x.field).sort()).toEqual(['gsm8k: examples', 'gsm8k: n-shot', 'limit', 'sampling']);
    expect(d.filter((x) => x.kind === 'note').map((x) => [x.field, x.baseline, x.variant])).toEqual([['batch_size', '8', '16'], ['lm-eval', '0.4.3', '0.4.8']]);
  });

  it('compares lm-eval task hashes (documents and prompts) and the chat template when both runs record them', () => {
    const base = run({ tasks: [{ task: 'asdiv', metrics: [] }], settings: { task_hashes: { asdiv: '9d680106738d5a52' }, chat_template_sha: 'ba03a121' } });
    const variant = run({ tasks: [{ task: 'asdiv', metrics: [] }], settings: { task_hashes: { asdiv: '11aa0106738d5a52' }, chat_template_sha: 'ba03a121' } });
    expect(differences(base, variant)).toEqual([{ field: 'asdiv: documents and prompts (hash)', baseline: '9d680106738d', variant: '11aa0106738d', kind: 'invalidates' }]);
  });

  it('counts examples evaluated, not the scorable ones, when both runs have per-example records', () => {
    const ex = (count: number) => ({ index: 'r/gsm8k/index.json', count });
    const base = run({ tasks: [{ task: 'gsm8k', numSamples: 60, examples: ex(60), metrics: [] }] });
    const variant = run({ tasks: [{ task: 'gsm8k', numSamples: 58, examples: ex(60), metrics: [] }] });
    expect(differences(base, variant)).toEqual([]);
  });

  it('finds nothing when the runs agree', () => {
    const r = run({ tasks: [{ task: 'a', nShot: 0, metrics: [] }], settings: { batch_size: 4 } });
    const v = { ...r, id: 'v' };
    expect(differences(r, v)).toEqual([]);
  });
});

describe('differences of a variant stopped once decided', () => {
  it('notes its smaller sample instead of calling the comparison invalid', async () => {
    const { differences } = await import('./comparability.ts');
    const base = { tasks: [{ task: 'gsm8k', metrics: [], numSamples: 398 }], dialect: 'canonical' as const };
    const seq = { margin: 0.1, alpha: 0.05, call: 'non-inferior' as const, n: 83, of: 398, interval: { low: -0.1, high: 0.075 } };
    const stopped = { tasks: [{ task: 'gsm8k', metrics: [], numSamples: 86, sequential: seq }], sampling: { count: 86 }, dialect: 'canonical' as const };
    const d = differences(base, stopped);
    expect(d.filter((x) => x.kind === 'invalidates')).toEqual([]);
    expect(d.map((x) => x.field)).toEqual(['sampling', 'gsm8k: examples']);
    // Without the decision the same counts invalidate the comparison.
    const sampled = { ...stopped, tasks: [{ task: 'gsm8k', metrics: [], numSamples: 86 }] };
    expect(differences(base, sampled).filter((x) => x.kind === 'invalidates').map((x) => x.field)).toEqual(['sampling', 'gsm8k: examples']);
  });
});

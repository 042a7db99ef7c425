import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globMatch, parseSelector, selects } from './declared-studies.ts';
import type { NormalizedRun } from '../../schemas/types.gen.ts';
import { ingest } from './ingest.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const run = (id: string, model: string, path: string): NormalizedRun => ({ id, model, dialect: 'lm-eval', sources: [{ path }], tasks: [] });

describe('selectors', () => {
  it.each([
    ['results/**/*.json', 'results/a/b/c.json', true],
    ['results/**/c.json', 'results/c.json', true],
    ['results/*.json', 'results/a/c.json', false],
    ['results/?.json', 'results/c.json', true],
    ['**', 'x/y/z', true],
    ['examples/task-results/eval_results_6000.json', 'examples/task-results/eval_results_6000.json', true],
  ])('glob %s ~ %s -> %s', (glob, path, expected) => {
    expect(globMatch(glob, path)).toBe(expected);
  });

  it('answers a many-star pattern against a long path (memoised: a backtracking matcher would not finish)', () => {
    expect(globMatch('a*b*c*d*e*f*g*h*i*j*k', `${'ab'.repeat(500)}x`)).toBe(false);
  });

  it('match on every key given', () => {
    const r = run('qwen-fp8', 'Qwen/Qwen2.5-7B-FP8', 'runs/fp8/results.json');
    expect(selects({ model: 'Qwen/Qwen2.5-7B-FP8', path: 'runs/**' }, r)).toBe(true);
    expect(selects({ model: 'Qwen/Qwen2.5-7B-FP8', dialect: 'canonical' }, r)).toBe(false);
    expect(parseSelector('model=Qwen/Qwen2.5-7B,path=runs/**')).toEqual({ model: 'Qwen/Qwen2.5-7B', path: 'runs/**' });
    expect(parseSelector('qwen-fp8')).toEqual({ run: 'qwen-fp8' });
    expect(() => parseSelector('colour=red')).toThrow(/unknown selector key "colour"/);
  });
});

describe('declared studies', () => {
  it('gives seed 004 intervals once n is known, with the thresholds the file sets', () => {
    const r = ingest({ inputs: [join(ROOT, 'examples', 'task-results')], root: ROOT, analysis: false, studies: { file: 'docs/example-studies.yaml', value: { studies: [{ id: 'seed-004-limit-0.2', title: 'Seed 004', baseline: { name: 'base', select: { model: 'base_unfinetuned' } }, variants: [{ name: 'checkpoint-6000', select: { path: 'examples/task-results/eval_results_6000.json' } }], n: { gsm8k: 264, winogrande: 254, mmlu_college_chemistry: 20 }, max_degradation_relative: 0.02 }] } } });
    const s = r.studies.find((x) => x.id === 'seed-004-limit-0.2');
    expect(s).toMatchObject({ title: 'Seed 004', maxDegradationRelative: 0.02, declared: 'docs/example-studies.yaml', variants: [{ name: 'base' }, { name: 'checkpoint-6000' }] });
    const base = r.runs.find((x) => x.id === s!.baseline)!;
    expect(base.tasks.map((t) => [t.task, t.numSamples])).toEqual([['gsm8k', 264], ['winogrande', 254], ['mmlu_college_chemistry', 20]]);
  });

  it('reports a selector that matches no run or several, with the file, line and pointer, and keeps going', () => {
    const r = ingest({ inputs: [join(ROOT, 'examples', 'task-results')], root: ROOT, analysis: false, studies: { file: 's.yaml', lineOf: (p) => (p.endsWith('/baseline/select') ? 4 : 7), value: { studies: [{ title: 'x', baseline: { select: { model: 'nope' } }, variants: [{ select: { dialect: 'task-results' } }] }] } } });
    expect(r.problems).toContainEqual(expect.objectContaining({ severity: 'error', file: 's.yaml', line: 4, pointer: '/studies/0/baseline/select', message: 'selector matches no ingested run' }));
    expect(r.problems).toContainEqual(expect.objectContaining({ line: 7, pointer: '/studies/0/variants/0/select', message: expect.stringMatching(/^selector matches 2 runs/) }));
    expect(r.runs).toHaveLength(2);
  });

  it('reads a study file from the command line, and the quick --study / --baseline form', () => {
    const out = mkdtempSync(join(tmpdir(), 'evalsite-studies-'));
    const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'scripts/ingest/cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const file = cli(['examples/task-results', '--out', join(out, 'a'), '--quiet', '--studies', 'docs/example-studies.yaml']);
    expect(file.status, file.stderr).toBe(0);
    expect(file.stdout).toMatch(/2 studies/);
    const quick = cli(['examples/task-results', '--out', join(out, 'b'), '--quiet', '--study', 'Fine-tune check', '--baseline', 'model=base_unfinetuned']);
    expect(quick.status, quick.stderr).toBe(0);
    expect(quick.stdout).toMatch(/2 studies/);
    const bad = join(out, 'bad.yaml');
    writeFileSync(bad, 'studies:\n  - title: x\n    baseline:\n      select: { colour: red }\n    variants: []\n');
    const invalid = cli(['examples/task-results', '--out', join(out, 'c'), '--studies', bad]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/bad\.yaml:4 \/studies\/0\/baseline\/select.*colour/);
    expect(invalid.stderr).toMatch(/\[ESTUDIES\]/);
  });
});

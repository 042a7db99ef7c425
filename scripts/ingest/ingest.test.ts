/** Bad input end to end: every broken file is reported precisely and the good ones still land. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from './ingest.ts';
import { writeContent } from './write-content.ts';
import { formatProblem } from '../../domain/problems.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

const goodVariants = { model: 'org/m', variants: { original: { datasets: { gsm8k: { accuracy: 0.5, num_total: 10 } } }, fp8: { datasets: { gsm8k: { accuracy: 0.4, num_total: 10 } } } } };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'evalsite-bad-'));
  const w = (name: string, body: string | Uint8Array) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  };
  w('good/variants.json', JSON.stringify(goodVariants, null, 2));
  w('empty/results.json', '');
  w('truncated/variants.json', '{\n  "model": "m",\n  "variants": {"a": {"datasets": {"gsm8k": {"accuracy": 0.5');
  w('wrong-types/variants.json', JSON.stringify({ model: 'm', variants: { a: { datasets: { gsm8k: { accuracy: 'high', num_total: 10 } } } } }, null, 2));
  w('extra-keys/variants.json', JSON.stringify({ ...goodVariants, model: 'org/extra', brand_new: { x: 1 }, variants: { original: { ...goodVariants.variants.original, future_field: true } } }, null, 2));
  w('bom/results.json', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(JSON.stringify({ results: { arc_easy: { 'acc,none': 0.7, 'acc_stderr,none': 0.01 } }, versions: {}, config: { model_args: 'pretrained=org/bom-model' } }))]));
  w('nan/results.json', '{"results": {"t": {"mae,none": NaN, "mae_stderr,none": Infinity}}, "versions": {}, "config": {"model_args": "pretrained=org/nan-model"}}');
  w('run/run_meta.json', JSON.stringify({ timestamp_utc: '2026-01-01T00:00:00Z', seed: 'not-a-number', model: 'org/run' }, null, 2));
  w('run/gsm8k/gsm8k_results.jsonl', ['{"id": 1, "response": "#### 2", "reference": "2", "extracted": "2", "correct": true}', '{"id": 2, "correct": "yes"}', '{"id": 3, "response": "#### 5", "reference": "4", "extracted": "5", "correct": false}', '{"id": 4, "resp'].join('\n'));
  w('notes/todo.txt', 'not a result');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ingest of bad input', () => {
  it('reports each bad file with line, column and pointer, and still reads the good ones', () => {
    const r = ingest({ inputs: [dir], root: dir });
    const lines = r.problems.map(formatProblem);
    expect(lines).toContainEqual(expect.stringMatching(/^error: empty\/results\.json:1:1: file is empty/));
    expect(lines).toContainEqual(expect.stringMatching(/^error: truncated\/variants\.json:3:60: JSON ends early \(file truncated\?\)/));
    expect(lines).toContainEqual(expect.stringMatching(/^error: wrong-types\/variants\.json:\d+:\d+ \/variants\/a\/datasets\/gsm8k\/accuracy: must be number,null \(expected type number,null, found "high"\)/));
    expect(lines).toContainEqual(expect.stringMatching(/^warning: nan\/results\.json \/results\/t\/mae,none: 2 non-finite/));
    expect(lines).toContainEqual(expect.stringMatching(/^warning: run\/run_meta\.json:3:\d+ \/seed: must be integer,null; field ignored/));
    expect(lines).toContainEqual(expect.stringMatching(/^error: run\/gsm8k\/gsm8k_results\.jsonl:2:\d+ \/correct: must be boolean,null/));
    expect(lines).toContainEqual(expect.stringMatching(/^warning: run\/gsm8k\/gsm8k_results\.jsonl:4:\d+: last line is cut off mid-write.*3 complete lines before it were kept/));
    expect(lines).toContainEqual('info: notes/todo.txt: not read: no reader recognises this file');

    const models = r.runs.map((x) => x.model).sort();
    expect(models).toEqual(['org/bom-model', 'org/extra', 'org/m', 'org/m', 'org/nan-model', 'org/run']);
    const run = r.runs.find((x) => x.model === 'org/run')!;
    expect(run.tasks[0]?.metrics[0]?.value).toBe(0.5);
    expect(r.examples.get(run.id)?.gsm8k?.map((e) => e.id)).toEqual(['1', '3']);
    expect(r.studies.map((s) => s.variants.length).sort()).toEqual([1, 2]);
  });

  it('writes content atomically and leaves files it does not own alone', () => {
    const out = mkdtempSync(join(tmpdir(), 'evalsite-content-'));
    writeFileSync(join(out, 'README.md'), 'mine');
    writeContent(ingest({ inputs: [join(dir, 'good')], root: dir }), out, [dir]);
    const second = writeContent(ingest({ inputs: [join(dir, 'bom')], root: dir }), out, [dir]);
    expect(second.runs).toBe(1);
    expect(readdirSync(join(out, 'current', 'runs'))).toEqual(['bom-model.json']);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('mine');
    // Besides the README: the published link and the generations folder ingest owns.
    expect(readdirSync(out).sort()).toEqual(['.evalsite', 'README.md', 'current']);
    rmSync(out, { recursive: true, force: true });
  });
});

describe('npm run ingest', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'scripts/ingest/cli.ts'), ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' } });

  it('prints every problem and a summary, exits 0 without --strict and 1 with it', () => {
    const out = mkdtempSync(join(tmpdir(), 'evalsite-cli-'));
    const lax = cli(dir, '--out', out);
    expect(lax.status).toBe(0);
    expect(lax.stdout).toMatch(/ingest: 6 runs, 2 studies from \d+ files .* 4 errors, \d+ warnings, \d+ files skipped or not results/);
    expect(lax.stderr).toContain('error: ');
    expect(cli(dir, '--out', out, '--strict', '--quiet').status).toBe(1);
    expect(cli(join(dir, 'good'), '--out', out, '--strict').status).toBe(0);
    expect(existsSync(join(out, 'current', 'problems.json'))).toBe(true);
    rmSync(out, { recursive: true, force: true });
  });

  it('rejects an unknown dialect with usage', () => {
    const r = cli('--dialect', 'nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown dialect "nope"');
    expect(r.stderr).toContain('usage: npm run ingest');
  });

  it('reads a file with a forced dialect', () => {
    const out = mkdtempSync(join(tmpdir(), 'evalsite-cli-'));
    const r = cli(join(dir, 'good', 'variants.json'), '--dialect', 'lm-eval', '--out', out);
    expect(r.stdout).toContain('0 runs');
    rmSync(out, { recursive: true, force: true });
  });
});

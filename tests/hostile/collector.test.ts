/**
 * Hostile input, class 13: a config value cannot steer the collector. Values written into the
 * sbatch script are quoted (the script is run here by bash with `npm` replaced by a recorder),
 * names that become arguments are validated, folders with results but no run_meta.json are not
 * adopted, a missing dataset leaves nothing behind and a corrupt run_meta.json is named.
 * TEST DOUBLES only at the GPU boundary: the stand-in `vllm`/`lm_eval` of tests/stand-ins.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const FIX = join(ROOT, 'tests/fixtures/collect');

function setup(edit?: (yaml: string) => string): { dir: string; config: string; out: string; logs: string } {
  const dir = mkdtempSync(join(tmpdir(), 'evalsite-hostile-collect-'));
  cpSync(FIX, dir, { recursive: true });
  const config = join(dir, 'study.yaml');
  if (edit) writeFileSync(config, edit(readFileSync(config, 'utf8')));
  return { dir, config, out: join(dir, 'results'), logs: join(dir, 'standin-logs') };
}

function collect(args: string[], cwd: string, logs: string) {
  const env = { ...process.env, PATH: `${join(ROOT, 'tests/stand-ins')}:${process.env.PATH}`, STANDIN_LOG_DIR: logs, CI: '1' };
  return spawnSync(process.execPath, [join(ROOT, 'scripts/collect/cli.ts'), ...args], { cwd, encoding: 'utf8', env, timeout: 120_000 });
}

describe('the sbatch scripts quote every value', () => {
  it('run a hostile --config path as a plain word, never as commands, in the array and in the merge', () => {
    const s = setup();
    const evilConfig = join(s.dir, "my study; touch PWNED-config $(touch PWNED-sub) 'q'.yaml");
    cpSync(s.config, evilConfig);
    const r = collect(['--config', evilConfig, '--slurm', '--tasks', '2', '--out', s.out], s.dir, s.logs);
    expect(r.status, r.stderr).toBe(0);
    const slurmDir = join(s.out, 'standin-study', 'slurm');
    // Run each with `npm` replaced by a recorder of its arguments, one per line.
    const bin = join(s.dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'npm'), `#!/bin/bash\nprintf '%s\\n' "$@" > ${JSON.stringify(join(s.dir, 'npm-args'))}\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    const run = (file: string) => spawnSync('bash', [join(slurmDir, file)], { cwd: s.dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SLURM_ARRAY_TASK_ID: '1' } });
    const array = run('collect.sbatch');
    expect(array.status, array.stderr).toBe(0);
    expect(readFileSync(join(s.dir, 'npm-args'), 'utf8').split('\n').slice(0, -1)).toEqual(['run', 'collect', '--', '--config', evilConfig, '--out', s.out, '--shard', '1/2']);
    const merge = run('merge.sbatch');
    expect(merge.status, merge.stderr).toBe(0);
    expect(readFileSync(join(s.dir, 'npm-args'), 'utf8').split('\n').slice(0, -1)).toEqual(['run', 'collect', '--', 'merge', '--config', evilConfig, '--out', s.out]);
    for (const f of ['PWNED-config', 'PWNED-sub']) expect(existsSync(join(s.dir, f)), f).toBe(false);
  });

  it('refuses an output folder that cannot be an #SBATCH --output (quote, blank) or a script line (line break)', () => {
    const s = setup();
    const quoted = collect(['--config', s.config, '--slurm', '--out', "out dir'; touch PWNED-out; echo '"], s.dir, s.logs);
    expect(quoted.status).toBe(2);
    expect(quoted.stderr).toContain('holds a blank, quote or backslash; it cannot go into #SBATCH --output');
    const lb = setup((y) => `${y}\noutput: "results\\nid"\n`);
    const broken = collect(['--config', lb.config, '--slurm'], lb.dir, lb.logs);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/output folder "results\\nid" holds a line break or control character/);
    // Nothing written: no script, no log folder.
    expect(existsSync(join(s.dir, "out dir'; touch PWNED-out; echo '"))).toBe(false);
    expect(existsSync(join(lb.dir, 'results'))).toBe(false);
    expect(existsSync(join(s.dir, 'PWNED-out'))).toBe(false);
  });
});

describe('names that become arguments are values, not options', () => {
  it.each([
    ['a tokenizer that would add lm-eval model_args', (y: string) => y.replace('  name: org/tiny-model\n', '  name: org/tiny-model\n  tokenizer: "org/tok,trust_remote_code=True"\n'), /\/model\/tokenizer: "org\/tok,trust_remote_code=True" holds "," or "="/],
    ['a variant model that would be a vllm serve option', (y: string) => y.replace('  - name: fp8\n', '  - name: fp8\n    model: "--download-dir=/tmp/x"\n'), /\/variants\/1\/model: "--download-dir=\/tmp\/x" starts with "-" and would be read as an option/],
    ['a served name with a line break', (y: string) => y.replace('  name: org/tiny-model\n', '  name: org/tiny-model\n  served_name: "a\\nb"\n'), /\/model\/served_name: "a\\nb" holds a control character/],
  ])('%s is refused with its field', (_name, edit, message) => {
    const s = setup(edit);
    const r = collect(['--config', s.config, '--dry-run'], s.dir, s.logs);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('run directories', () => {
  it('a folder with result files but no run_meta.json is never adopted', () => {
    const s = setup();
    const foreign = join(s.out, 'standin-study', 'original', 'gsm8k');
    mkdirSync(foreign, { recursive: true });
    writeFileSync(join(foreign, 'gsm8k_results.jsonl'), '{"id": "mine"}\n');
    const r = collect(['--config', s.config, '--out', s.out], s.dir, s.logs);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/holds files \(gsm8k\) but no run_meta\.json, so it was not made by this collector; it is never written into/);
    expect(readFileSync(join(foreign, 'gsm8k_results.jsonl'), 'utf8')).toBe('{"id": "mine"}\n');
  });

  it('a corrupt run_meta.json is named', () => {
    const s = setup();
    const run = join(s.out, 'standin-study', 'original');
    mkdirSync(run, { recursive: true });
    writeFileSync(join(run, 'run_meta.json'), '{"model": "org/tiny-model", ');
    const r = collect(['--config', s.config, '--out', s.out], s.dir, s.logs);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(run, 'run_meta.json')} is not valid JSON`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(run, 'run_meta.json'), 'utf8')).toBe('{"model": "org/tiny-model", ');
  });

  it('a missing dataset leaves no run directory and no run_meta.json behind', () => {
    const s = setup((y) => y.replace('path: data/gsm8k.jsonl', 'path: data/not-there.jsonl'));
    const r = collect(['--config', s.config, '--out', s.out], s.dir, s.logs);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not-there\.jsonl/);
    expect(existsSync(join(s.out, 'standin-study', 'original', 'run_meta.json'))).toBe(false);
    expect(existsSync(join(s.out, 'standin-study', 'original'))).toBe(false);
  });
});

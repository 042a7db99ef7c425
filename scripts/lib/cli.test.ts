import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describeError, FailureError, UsageError } from './cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const run = (script: string, args: string[]) => spawnSync(process.execPath, [join(ROOT, script), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('CLI error convention', () => {
  it('a user error prints the message, its code and the usage; exit 2', () => {
    expect(describeError('ingest', 'usage: x', new UsageError('unknown dialect "foo"', 'EDIALECT'))).toEqual({ text: 'ingest: unknown dialect "foo" [EDIALECT]\nusage: x', exitCode: 2 });
  });

  it('a failure prints the message and code without a stack; exit 1, or 130 after Ctrl-C', () => {
    expect(describeError('collect', 'usage: x', new FailureError('vllm serve exited (1)', 'ESERVER'))).toEqual({ text: 'collect: vllm serve exited (1) [ESERVER]', exitCode: 1 });
    expect(describeError('collect', 'usage: x', new FailureError('stopped by the user', 'ECOLLECT'), true).exitCode).toBe(130);
  });

  it('anything else is a bug: the stack is printed; exit 1', () => {
    const { text, exitCode } = describeError('ingest', 'usage: x', new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(exitCode).toBe(1);
    expect(text).toMatch(/unexpected error \(a bug in evalsite/);
    expect(text).toMatch(/TypeError: Cannot read properties[^\n]*\n\s+at /);
  });

  it.each([
    ['ingest', 'scripts/ingest/cli.ts', ['--dialect', 'nope'], /ingest: unknown dialect "nope" \[EDIALECT\]\nusage: npm run ingest/],
    ['ingest', 'scripts/ingest/cli.ts', ['--no-such-flag'], /ingest: Unknown option '--no-such-flag'.* \[EARG\]\nusage: npm run ingest/],
    ['ingest', 'scripts/ingest/cli.ts', ['does/not/exist', '--out', 'test-output/never-written'], /ingest: no such file or directory: does\/not\/exist \[ENOINPUT\]/],
    ['collect', 'scripts/collect/cli.ts', [], /collect: --config is required \[EARG\]\nusage: npm run collect/],
    ['collect', 'scripts/collect/cli.ts', ['--bogus'], /collect: Unknown option '--bogus'.* \[EARG\]/],
    ['collect', 'scripts/collect/cli.ts', ['--config', 'does/not/exist.yaml'], /collect: cannot read config .*exist\.yaml.* \[ECONFIG\]/],
    ['sample-study', 'scripts/analysis/cli.ts', [], /sample-study: give the runs to replay .* \[EARG\]\nusage: npm run sample-study/],
    ['sample-study', 'scripts/analysis/cli.ts', ['examples', '--reps', 'many'], /sample-study: --reps must be a whole number, got "many" \[EARG\]/],
  ])('%s %s %j: exit 2 with code and usage', (_name, script, args, message) => {
    const r = run(script, args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

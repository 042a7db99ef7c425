/**
 * Publishing content never loses what the user wrote, is atomic under kill -9 at every step, and
 * lets one ingest at a time write a folder. Each case runs the real CLI in a child process.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_LINK, GENERATIONS_DIR, publishedDir } from '../../domain/content-layout.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'scripts', 'ingest', 'cli.ts');
const OLD = join(ROOT, 'examples', 'csv');
const NEW = join(ROOT, 'examples', 'variant-comparison');
const ingestCli = (args: string[], env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [CLI, ...args, '--quiet'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
const fresh = () => mkdtempSync(join(tmpdir(), 'evalsite-publish-'));

/** The published set is complete: a valid manifest whose run count matches the run files. */
function published(dir: string): { inputs: string[]; runs: number } {
  const root = publishedDir(dir);
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { inputs: string[]; runs: number };
  expect(readdirSync(join(root, 'runs')).length).toBe(manifest.runs);
  return manifest;
}

describe('ingest owns only what it wrote', () => {
  it('refuses a folder of someone else\'s files, writes beside them with --force, and never touches them', () => {
    const out = fresh();
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const refused = ingestCli([OLD, '--out', out]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/holds files ingest did not write \(notes\.txt\).*\[ENOTOWNED\]/s);
    expect(ingestCli([OLD, '--out', out, '--force']).status).toBe(0);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(published(out).runs).toBe(7);
  });

  it('never replaces a runs/ or examples/ it did not write, even with --force (--out . in the project)', () => {
    const out = fresh();
    mkdirSync(join(out, 'examples'));
    writeFileSync(join(out, 'examples', 'my-data.json'), '{}');
    const r = ingestCli([OLD, '--out', out, '--force']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds examples, which ingest did not write/);
    expect(readFileSync(join(out, 'examples', 'my-data.json'), 'utf8')).toBe('{}');
    const project = ingestCli([OLD, '--out', '.']);
    expect(project.status).toBe(2);
    expect(existsSync(join(ROOT, 'examples', 'csv', 'EXAMPLE.json'))).toBe(true);
  });

  it('takes over the top-level set an older ingest wrote (its manifest lists it), keeping the README', () => {
    const out = fresh();
    mkdirSync(join(out, 'runs'));
    writeFileSync(join(out, 'runs', 'old.json'), '{}');
    writeFileSync(join(out, 'README.md'), 'readme');
    writeFileSync(join(out, 'manifest.json'), JSON.stringify({ generatedAt: '2026-01-01T00:00:00Z', inputs: [], runs: 1, studies: 0, problems: { error: 0, warning: 0, info: 0 }, exampleData: false, onlyExampleData: false }));
    expect(ingestCli([OLD, '--out', out]).status).toBe(0);
    expect(existsSync(join(out, 'runs'))).toBe(false);
    expect(lstatSync(join(out, CURRENT_LINK)).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('readme');
  });
});

describe('publishing is atomic: kill -9 at every step', () => {
  it.each(['locked', 'staging', 'staged', 'linked-tmp', 'published', 'cleaned'])('killed at "%s": the old set or the new one, complete; the next run cleans up', (step) => {
    const out = fresh();
    expect(ingestCli([OLD, '--out', out]).status).toBe(0);
    const killed = ingestCli([NEW, '--out', out], { EVALSITE_FAULT_AT: step });
    expect(killed.signal).toBe('SIGKILL');
    const after = published(out);
    const isNew = ['published', 'cleaned'].includes(step);
    expect(after.inputs).toEqual([isNew ? NEW : OLD]);
    // The next ingest takes the dead process's lock and removes what it left.
    expect(ingestCli([NEW, '--out', out]).status).toBe(0);
    expect(published(out).inputs).toEqual([NEW]);
    const left = readdirSync(join(out, GENERATIONS_DIR));
    expect(left).toHaveLength(1);
    expect(left[0]).not.toMatch(/\.partial$|^lock$/);
    expect(readdirSync(out).filter((e) => e.startsWith(`.${CURRENT_LINK}-`))).toEqual([]);
  });
});

describe('one ingest at a time', () => {
  it('lets two ingests into one folder finish one after the other, leaving one complete set', async () => {
    const out = fresh();
    let stderr = '';
    const run = (input: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [CLI, input, '--out', out, '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
        child.stderr.on('data', (d: Buffer) => (stderr += d));
        child.on('exit', (code) => resolve(code));
      });
    const codes = await Promise.all([run(OLD), run(NEW), run(OLD), run(NEW), run(OLD), run(NEW)]);
    expect(codes, stderr).toEqual([0, 0, 0, 0, 0, 0]);
    expect([[OLD], [NEW]]).toContainEqual(published(out).inputs);
    expect(readdirSync(join(out, GENERATIONS_DIR))).toHaveLength(1);
  });
});

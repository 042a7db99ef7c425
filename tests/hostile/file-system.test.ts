/**
 * Hostile input, class 7: the file system cannot crash or hang ingest. Links that loop, dangle or
 * leave the input tree, FIFOs, devices, unreadable files and folders, an --out that is a file or a
 * dangling link: each is a located problem, the valid run beside them is still read, nothing hangs
 * (a FIFO read would block forever; a link to /dev/zero would never end).
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ingest } from '../../scripts/ingest/ingest.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const VALID_RUN = join(ROOT, 'scripts/ingest/__fixtures__/canonical-sampled-count/input/fp8-subset');
const isRoot = process.getuid?.() === 0;

/** A tree holding one valid run and one of each hostile entry. */
function hostileTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'evalsite-fs-'));
  cpSync(VALID_RUN, join(dir, 'good-run'), { recursive: true });
  mkdirSync(join(dir, 'nest'));
  symlinkSync('loop-b', join(dir, 'loop-a'));
  symlinkSync('loop-a', join(dir, 'loop-b'));
  symlinkSync('..', join(dir, 'nest', 'up')); // a link to an ancestor: a cycle for a naive walk
  symlinkSync('missing.json', join(dir, 'dangling.json'));
  symlinkSync('/etc/passwd', join(dir, 'passwd.csv'));
  symlinkSync('/etc', join(dir, 'etc-dir'));
  symlinkSync('/dev/zero', join(dir, 'zero.jsonl'));
  symlinkSync('/dev/urandom', join(dir, 'random.json'));
  symlinkSync('good-run', join(dir, 'good-run-again')); // inside the tree: not read twice
  execFileSync('mkfifo', [join(dir, 'pipe.jsonl')]);
  symlinkSync('pipe.jsonl', join(dir, 'pipe-link.json'));
  return dir;
}

function messagesFor(problems: { file: string; message: string }[], file: string): string[] {
  return problems.filter((p) => p.file === file || p.file.startsWith(`${file}/`)).map((p) => p.message);
}

describe('the file system cannot crash or hang ingest', () => {
  it('reads the valid run and reports each hostile entry with its path', () => {
    const dir = hostileTree();
    const r = ingest({ inputs: [dir], root: dir, analysis: false });
    expect(r.runs.map((x) => x.model)).toEqual(['org/model-7b']);
    const p = r.problems;
    expect(messagesFor(p, 'loop-a').join()).toMatch(/symbolic link loop/);
    expect(messagesFor(p, 'dangling.json').join()).toMatch(/dangling symbolic link/);
    expect(messagesFor(p, 'passwd.csv').join()).toMatch(/outside the input tree; not followed/);
    expect(messagesFor(p, 'etc-dir').join()).toMatch(/outside the input tree/);
    expect(messagesFor(p, 'zero.jsonl').join()).toMatch(/outside the input tree/);
    expect(messagesFor(p, 'pipe.jsonl').join()).toMatch(/not a regular file \(a FIFO\)/);
    expect(messagesFor(p, 'pipe-link.json').join()).toMatch(/not a regular file \(a FIFO\)/);
    expect(messagesFor(p, 'good-run-again').join()).toMatch(/not read twice/);
    expect(messagesFor(p, 'nest/up').join()).toMatch(/not read twice/);
    // Nothing from outside the tree, and no absolute path of this machine in any message.
    expect(JSON.stringify(r)).not.toContain('root:x:0:0');
    expect(p.map((x) => x.message).join('\n')).not.toContain(dir);
  });

  it('refuses devices and FIFOs named directly as inputs, without blocking', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-fs-'));
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    const r = ingest({ inputs: ['/dev/zero', join(dir, 'fifo.json')], root: dir, analysis: false });
    expect(r.runs).toEqual([]);
    expect(r.problems.map((x) => x.message)).toEqual([expect.stringMatching(/character device/), expect.stringMatching(/a FIFO/)]);
  });

  it('does not follow a run_dir written in a study summary out of the input tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-fs-'));
    const outside = mkdtempSync(join(tmpdir(), 'evalsite-outside-'));
    cpSync(VALID_RUN, join(outside, 'secret-run'), { recursive: true });
    writeFileSync(join(dir, 'study_summary.json'), JSON.stringify({ model: 'org/Model', variants: { original: { run_dir: join(outside, 'secret-run'), datasets: { gsm8k: { accuracy: 0.5 } } }, fp8: { run_dir: '../../../../../../..' + outside + '/secret-run', datasets: { gsm8k: { accuracy: 0.4 } } } } }));
    const r = ingest({ inputs: [dir], root: dir, analysis: false });
    const outsideProblems = r.problems.filter((p) => /leads outside the input tree/.test(p.message));
    expect(outsideProblems.map((p) => p.pointer)).toEqual(['/variants/original/run_dir', '/variants/fp8/run_dir']);
    expect(r.runs.flatMap((x) => x.sources.map((s) => s.path)).join()).not.toContain('secret-run');
  });

  it('stops at a very deep tree instead of overflowing the stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-fs-'));
    let deep = dir;
    for (let i = 0; i < 40; i++) deep = join(deep, 'd');
    mkdirSync(deep, { recursive: true });
    const r = ingest({ inputs: [dir], root: dir, analysis: false });
    expect(r.problems.map((x) => x.message)).toEqual([expect.stringMatching(/nested more than 32 levels/)]);
  });

  // Permissions do not bind root; as root the ingest runs as "nobody" in a child process.
  it('reports an unreadable file and an unreadable folder and reads the rest', () => {
    const dir = hostileTree();
    mkdirSync(join(dir, 'locked-dir'));
    writeFileSync(join(dir, 'locked-dir', 'results.json'), '{}');
    writeFileSync(join(dir, 'locked.json'), '{"results": {}}');
    chmodSync(join(dir, 'locked.json'), 0o000);
    chmodSync(join(dir, 'locked-dir'), 0o000);
    chmodSync(dir, 0o755);
    const script = `import { ingest } from ${JSON.stringify(join(ROOT, 'scripts/ingest/ingest.ts'))};
      const r = ingest({ inputs: [${JSON.stringify(dir)}], root: ${JSON.stringify(dir)}, analysis: false });
      console.log(JSON.stringify({ runs: r.runs.length, problems: r.problems }));`;
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000, ...(isRoot ? { uid: 65534, gid: 65534 } : {}) });
    expect(res.status, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout) as { runs: number; problems: { file: string; message: string }[] };
    expect(out.runs).toBe(1);
    expect(messagesFor(out.problems, 'locked.json').join()).toMatch(/cannot read file: permission denied/);
    expect(messagesFor(out.problems, 'locked-dir').join()).toMatch(/cannot list folder: permission denied/);
  });
});

describe('--out that is not a folder', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'scripts/ingest/cli.ts'), '--quiet', VALID_RUN, ...args], { encoding: 'utf8', timeout: 60_000 });

  it('a file: exit 2 with a message, the file untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-out-'));
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = cli(['--out', join(dir, 'notes.txt')]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/is not a folder/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('a dangling link: exit 2 with a message, nothing created through it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-out-'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'out'));
    const r = cli(['--out', join(dir, 'out')]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/dangling symbolic link/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(() => readFileSync(join(dir, 'nowhere'))).toThrow();
  });
});

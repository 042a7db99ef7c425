import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { running, spawnTracked, stillThatProcess, stopGroup, stopOrphans, type ProcessRecord } from './processes.ts';

const work = mkdtempSync(join(tmpdir(), 'evalsite-processes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A run folder inside a study folder, as the collector lays them out. */
function runFolder(name: string): string {
  const dir = join(work, name, 'study', 'variant');
  mkdirSync(dir, { recursive: true });
  return dir;
}
const recordsIn = (dir: string) => readdirSync(join(dir, '.processes')).map((e) => JSON.parse(readFileSync(join(dir, '.processes', e), 'utf8')) as ProcessRecord);
// A collector that is gone: the record says it was started by a pid that runs nothing.
const deadCollector = { pid: 2 ** 22 + 17, start_time: 1 };

describe('process records', () => {
  it('records a started program with its pid, group and command line, and drops the record when it ends', async () => {
    const dir = runFolder('record');
    const child = spawnTracked('sleep', ['30'], { folder: dir, role: 'server' });
    const [r] = recordsIn(dir);
    expect(r).toMatchObject({ role: 'server', pid: child.pid, pgid: child.pid, command: ['sleep', '30'], collector: { pid: process.pid } });
    expect(stillThatProcess({ ...r!, pid: r!.pid! })).toBe(true);
    // A reused pid runs another command, or started at another time: not ours.
    expect(stillThatProcess({ ...r!, pid: r!.pid!, command: ['sleep', '31'] })).toBe(false);
    expect(stillThatProcess({ ...r!, pid: r!.pid!, start_time: (r!.start_time ?? 0) + 1 })).toBe(false);
    await stopGroup(child.pid!);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(running(child.pid!)).toBe(false);
    expect(readdirSync(join(dir, '.processes'))).toEqual([]);
  });
});

describe('stopOrphans', () => {
  it('stops a program whose collector is gone, and leaves one whose collector runs', async () => {
    const dir = runFolder('orphans');
    const mine = spawnTracked('sleep', ['40'], { folder: dir, role: 'bench' });
    const orphan = spawnTracked('sleep', ['41'], { folder: dir, role: 'server' });
    const path = join(dir, '.processes', `server-${process.pid}.json`);
    writeFileSync(path, JSON.stringify({ ...recordsIn(dir).find((r) => r.role === 'server'), collector: deadCollector }));
    const stopped = await stopOrphans(join(work, 'orphans', 'study'));
    expect(stopped.map((r) => r.pid)).toEqual([orphan.pid]);
    expect(running(mine.pid!)).toBe(true);
    await stopGroup(mine.pid!);
  });

  it('finds a program by its command line when the collector died before recording its pid', async () => {
    const dir = runFolder('pending');
    const child = spawnTracked('sleep', ['42.5'], { folder: dir, role: 'server' });
    const r = recordsIn(dir)[0]!;
    writeFileSync(join(dir, '.processes', `server-${process.pid}.json`), JSON.stringify({ ...r, pid: null, pgid: null, start_time: null, collector: deadCollector }));
    const stopped = await stopOrphans(join(work, 'pending', 'study'));
    expect(stopped.map((x) => x.pid)).toEqual([child.pid]);
  });

  it('removes a stale record of a program that is gone and a temporary file of a dead writer, and nothing else', async () => {
    const dir = runFolder('stale');
    mkdirSync(join(dir, '.processes'));
    writeFileSync(join(dir, '.processes', 'server-1.json'), JSON.stringify({ role: 'server', pid: deadCollector.pid, pgid: deadCollector.pid, command: ['vllm', 'serve'], start_time: 5, started_utc: '', collector: deadCollector }));
    writeFileSync(join(dir, `run_meta.json.tmp-${deadCollector.pid}`), '{');
    writeFileSync(join(dir, 'notes.tmp'), 'the user wrote this');
    expect(await stopOrphans(join(work, 'stale', 'study'))).toEqual([]);
    expect(readdirSync(join(dir, '.processes'))).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['.processes', 'notes.tmp']);
  });
});

/** Whole commands as a user runs them, for the benches: wall time and peak RSS (GNU time's %M, in KiB). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** What package.json's ingest script sets: two malloc arenas (docs/architecture.md, step 5). */
export const INGEST_ENV: NodeJS.ProcessEnv = { ...process.env, MALLOC_ARENA_MAX: '2' };

export function timed(args: string[], env: NodeJS.ProcessEnv = process.env): { seconds: number; rssMb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', ...args], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr.slice(-4000)}`);
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr);
  return { seconds: Number(m?.[1]), rssMb: Number(m?.[2]) / 1024 };
}

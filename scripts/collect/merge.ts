/**
 * Joins the shards of a study (`shards/<i>-of-<n>/<variant>/`) into one run directory per variant,
 * then writes the study summary. Files are copied, never moved, and a file already in the target
 * is kept: merging twice changes nothing.
 */
import { cpSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { studyDir } from './plan.ts';
import { buildStudySummary, existingRunDirs } from './summary.ts';
import { writeJsonAtomic } from '../lib/atomic.ts';
import { UsageError } from '../lib/cli.ts';

export function merge(c: Config, out?: string, log: (line: string) => void = () => {}): string {
  const sDir = studyDir(c, out);
  const shardsDir = join(sDir, 'shards');
  if (!existsSync(shardsDir)) throw new UsageError(`no shards under ${shardsDir}`, 'ENOSHARDS');
  for (const shard of readdirSync(shardsDir).sort()) {
    for (const variant of readdirSync(join(shardsDir, shard))) {
      const from = join(shardsDir, shard, variant);
      if (!statSync(from).isDirectory()) continue;
      const to = join(sDir, variant);
      for (const entry of readdirSync(from)) {
        if (entry === '.collect.lock') continue;
        if (entry === 'run_meta.json' && existsSync(join(to, entry))) {
          mergeMeta(join(to, entry), join(from, entry));
          continue;
        }
        cpSync(join(from, entry), join(to, entry), { recursive: true, force: false, errorOnExist: false });
      }
      log(`merged ${shard}/${variant} -> ${to}`);
    }
  }
  writeJsonAtomic(join(sDir, 'study_summary.json'), buildStudySummary(c, sDir, existingRunDirs(c, sDir)));
  return sDir;
}

// Shards ran one after another or side by side: keep the earliest start, add the times, keep the peak.
function mergeMeta(target: string, other: string): void {
  const a = JSON.parse(readFileSync(target, 'utf8')) as Record<string, unknown>;
  const b = JSON.parse(readFileSync(other, 'utf8')) as Record<string, unknown>;
  const n = (x: unknown) => (typeof x === 'number' ? x : 0);
  writeJsonAtomic(target, {
    ...a,
    timestamp_utc: String(a.timestamp_utc) < String(b.timestamp_utc) ? a.timestamp_utc : b.timestamp_utc,
    total_time_s: Math.round((n(a.total_time_s) + n(b.total_time_s)) * 10) / 10,
    vram_peak_mb: Math.max(n(a.vram_peak_mb), n(b.vram_peak_mb)) || null,
    status: a.status === 'complete' && b.status === 'complete' ? 'complete' : (a.status ?? b.status),
  });
}

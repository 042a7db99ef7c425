/**
 * Joins the shards of a study (`shards/<i>-of-<n>/<variant>/`) into one run directory per variant,
 * then writes each variant's quality summary and the study summary. Files are copied, never moved:
 * a file already in the target is kept, and a different one of the same name (each shard's
 * server.log) is kept beside it as `<name>.<shard><ext>`. Merging twice changes nothing. The shards
 * folder is then marked, so that ingest reads the study once (the merged run folders), not again
 * through its shards.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { isAccuracyDataset, type Config } from './config.ts';
import { studyDir } from './plan.ts';
import { buildStudySummary, existingRunDirs, writeQualitySummary } from './summary.ts';
import { writeFileAtomic, writeJsonAtomic } from '../lib/atomic.ts';
import { UsageError } from '../lib/cli.ts';
import { PROCESS_RECORDS } from './processes.ts';
import { isObj } from '../../domain/guards.ts';

/** Written into `shards/` once merged; ingest does not read a folder that holds it (the name is repeated there: ingest does not import the collector). */
const MERGED_MARKER = '.evalsite-merged';

/**
 * Not copied: what a collector leaves in a run folder only while it runs, and a quantized
 * checkpoint (gigabytes, needed only to serve; it stays in its shard).
 */
const TRANSIENT = new Set(['.collect.lock', PROCESS_RECORDS, 'checkpoint', 'checkpoint.partial']);

export function merge(c: Config, out?: string, log: (line: string) => void = () => {}): string {
  const sDir = studyDir(c, out);
  const shardsDir = join(sDir, 'shards');
  if (!existsSync(shardsDir)) throw new UsageError(`no shards under ${shardsDir}`, 'ENOSHARDS');
  const merged = new Set<string>();
  for (const shard of readdirSync(shardsDir).sort()) {
    if (!statSync(join(shardsDir, shard)).isDirectory()) continue;
    for (const variant of readdirSync(join(shardsDir, shard))) {
      const from = join(shardsDir, shard, variant);
      if (!statSync(from).isDirectory()) continue;
      const to = join(sDir, variant);
      mergeTree(from, to, shard, true, log);
      merged.add(variant);
      log(`merged ${shard}/${variant} -> ${to}`);
    }
  }
  for (const v of c.variants.filter((x) => merged.has(x.name))) {
    const dir = join(sDir, v.name);
    const metrics = c.datasets.filter(isAccuracyDataset).flatMap((d) => {
      const m = readJson(join(dir, d.name, `${d.name}_metrics.json`));
      return m ? [m] : [];
    });
    if (metrics.length) writeQualitySummary(dir, v.model ?? c.model.name, v.name, metrics);
  }
  writeJsonAtomic(join(sDir, 'study_summary.json'), buildStudySummary(c, sDir, existingRunDirs(c, sDir)));
  writeFileAtomic(join(shardsDir, MERGED_MARKER), `merged into ${sDir} by collect merge; the run folders there hold these files\n`);
  return sDir;
}

function mergeTree(from: string, to: string, shard: string, top: boolean, log: (line: string) => void): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (top && TRANSIENT.has(entry)) continue;
    const src = join(from, entry);
    const dst = join(to, entry);
    if (statSync(src).isDirectory()) {
      mergeTree(src, dst, shard, false, log);
      continue;
    }
    if (top && entry === 'run_meta.json') {
      mergeMeta(dst, src, shard);
      continue;
    }
    if (!existsSync(dst)) {
      copyFileSync(src, dst);
      continue;
    }
    if (readFileSync(src).equals(readFileSync(dst))) continue;
    if (top && (entry === 'quality_summary.json' || entry === 'quality_summary.csv')) continue; // rebuilt from every shard's metrics
    const ext = extname(entry);
    const beside = join(to, `${entry.slice(0, entry.length - ext.length)}.${shard}${ext}`);
    if (!existsSync(beside)) {
      copyFileSync(src, beside);
      log(`kept ${src} as ${beside} (${dst} differs)`);
    }
  }
}

function readJson(path: string): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  const doc: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return isObj(doc) ? doc : undefined;
}

/**
 * Shards ran one after another or side by side: keep the earliest start, add the times, keep the
 * peak; complete only when every shard is. `shards` lists what was merged (each shard's job, time
 * and status), so merging a shard again adds nothing.
 */
function mergeMeta(target: string, other: string, shard: string): void {
  const b = readJson(other) ?? {};
  const entry = { shard, slurm_job_id: b.slurm_job_id ?? null, slurm_array_task_id: b.slurm_array_task_id ?? null, status: b.status ?? null, total_time_s: b.total_time_s ?? null };
  const a = readJson(target);
  if (!a) {
    writeJsonAtomic(target, { ...b, shards: [entry] });
    return;
  }
  const shards = Array.isArray(a.shards) ? a.shards.filter(isObj) : [];
  if (shards.some((s) => s.shard === shard)) return;
  const n = (x: unknown) => (typeof x === 'number' ? x : 0);
  writeJsonAtomic(target, {
    ...a,
    timestamp_utc: String(a.timestamp_utc) < String(b.timestamp_utc) ? a.timestamp_utc : b.timestamp_utc,
    total_time_s: Math.round((n(a.total_time_s) + n(b.total_time_s)) * 10) / 10,
    vram_peak_mb: Math.max(n(a.vram_peak_mb), n(b.vram_peak_mb)) || null,
    status: a.status === 'complete' && b.status === 'complete' ? 'complete' : a.status === 'complete' ? b.status : a.status,
    shards: [...shards, entry],
  });
}

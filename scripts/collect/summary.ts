/**
 * The study summary in seed 000's shape (model, config, variants{datasets{accuracy, invalid_rate,
 * latency...}}, summary{accuracies, best, worst, degradation}), with each variant's run_dir so
 * ingest reads the per-example results behind it.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../lib/atomic.ts';
import type { Config } from './config.ts';
import { baselineOf, isAccuracyDataset } from './config.ts';

interface DatasetSummary {
  accuracy: number | null;
  invalid_rate?: number;
  num_correct?: number;
  num_total?: number;
  latency_seconds?: number;
  questions_per_second?: number;
  num_shots?: number;
  max_tokens?: number;
}

export function buildStudySummary(c: Config, studyDir: string, runDirs: Map<string, string>): Record<string, unknown> {
  const variants: Record<string, unknown> = {};
  const acc = new Map<string, Map<string, number>>();
  for (const v of c.variants) {
    const dir = runDirs.get(v.name);
    if (!dir || !existsSync(dir)) continue;
    const datasets: Record<string, DatasetSummary> = {};
    for (const d of c.datasets.filter(isAccuracyDataset)) {
      const f = join(dir, d.name, `${d.name}_metrics.json`);
      if (!existsSync(f)) continue;
      const m = JSON.parse(readFileSync(f, 'utf8')) as Record<string, number | null>;
      const a = typeof m.accuracy_pct === 'number' ? m.accuracy_pct / 100 : null;
      datasets[d.name] = {
        accuracy: a,
        ...(m.num_total ? { invalid_rate: (m.unscorable_examples ?? 0) / m.num_total, num_total: m.num_total } : {}),
        ...(typeof m.num_correct === 'number' ? { num_correct: m.num_correct } : {}),
        ...(typeof m.latency_seconds === 'number' ? { latency_seconds: m.latency_seconds } : {}),
        ...(typeof m.questions_per_second === 'number' ? { questions_per_second: m.questions_per_second } : {}),
        ...(typeof m.num_shots === 'number' ? { num_shots: m.num_shots } : {}),
        ...(typeof m.max_tokens === 'number' ? { max_tokens: m.max_tokens } : {}),
      };
      if (a !== null) acc.set(d.name, (acc.get(d.name) ?? new Map()).set(v.name, a));
    }
    const meta = existsSync(join(dir, 'run_meta.json')) ? (JSON.parse(readFileSync(join(dir, 'run_meta.json'), 'utf8')) as { timestamp_utc?: string }) : {};
    variants[v.name] = {
      variant: v.name,
      ...(v.description ? { description: v.description } : {}),
      quantization: v.quantization ?? v.quantize?.method ?? null,
      run_dir: relative(studyDir, dir),
      datasets,
      ...(meta.timestamp_utc ? { timestamp: Date.parse(meta.timestamp_utc) / 1000 } : {}),
    };
  }
  const base = baselineOf(c).name;
  const summary: Record<string, unknown> = {};
  for (const [d, byVariant] of acc) {
    const sorted = [...byVariant].sort((a, b) => b[1] - a[1]);
    const b = byVariant.get(base);
    summary[d] = {
      accuracies: Object.fromEntries(byVariant),
      best: sorted[0]![0],
      worst: sorted.at(-1)![0],
      // Relative loss against the baseline, as seed 000 reports it (0.0085 = 0.85%).
      degradation: b ? Object.fromEntries([...byVariant].filter(([n]) => n !== base).map(([n, a]) => [n, Math.round(((b - a) / b) * 1e4) / 1e4])) : {},
    };
  }
  const ordered = Object.fromEntries([base, ...Object.keys(variants).filter((n) => n !== base)].filter((n) => n in variants).map((n) => [n, variants[n]]));
  return {
    model: c.model.name,
    config: { model: c.model, datasets: c.datasets.map((d) => d.name), server: { ...c.server, base_url: c.server.base_url ?? null }, generation: c.generation, benchmark: c.benchmark ?? null, report: c.report ?? { max_degradation_relative: 0.01 } },
    variants: ordered,
    summary,
  };
}

/** Variant run directories already present (after a run, or after `merge`). */
export function existingRunDirs(c: Config, studyDir: string): Map<string, string> {
  const out = new Map<string, string>();
  const names = existsSync(studyDir) ? readdirSync(studyDir) : [];
  for (const v of c.variants) if (names.includes(v.name)) out.set(v.name, join(studyDir, v.name));
  return out;
}

/** Seed 003's top-level quality_summary.json / .csv: every quality benchmark's headline numbers. */
const SUMMARY_FIELDS = ['benchmark', 'accuracy_pct', 'num_total', 'num_scorable', 'num_correct', 'unscorable_examples'];
export function writeQualitySummary(dir: string, model: string, variant: string, metrics: Record<string, unknown>[]): void {
  const rows = metrics.map((m) => Object.fromEntries(SUMMARY_FIELDS.filter((k) => m[k] !== undefined).map((k) => [k, m[k]])));
  writeJsonAtomic(join(dir, 'quality_summary.json'), { model, variant, benchmarks: rows });
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  writeFileAtomic(join(dir, 'quality_summary.csv'), `${SUMMARY_FIELDS.join(',')}\n${rows.map((r) => SUMMARY_FIELDS.map((k) => cell(r[k])).join(',')).join('\n')}\n`);
}

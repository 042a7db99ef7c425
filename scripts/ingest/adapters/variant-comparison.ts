/**
 * Seed 000's variant-comparison JSON: one model, variants {original, fp8, awq, ...} each with
 * per-dataset accuracy, invalid rate and speed, plus a summary (best, worst, degradation).
 * Becomes one run per variant and a study whose baseline is "original" (or the first variant).
 */
import { inconsistentCounts, markImpossible } from '../impossible-values.ts';
import { pointerSegment } from '../../../domain/json-source.ts';
import { dirname, resolve } from 'node:path';
import type { Adapter, RecordDraft, RunDraft, StudyDraft } from '../adapter.ts';
import { canonicalRunAdapter } from './canonical-run.ts';
import type { TaskResult } from '../../../schemas/types.gen.ts';
import { conformsOrReport } from '../../../domain/validate.ts';
import { isObj } from '../../../domain/guards.ts';


export const variantComparisonAdapter: Adapter = {
  dialect: 'variant-comparison',
  detect(probe, ctx) {
    if (probe.kind !== 'file' || !probe.name.endsWith('.json')) return 0;
    const v = ctx.readJson(probe.path)?.value;
    return isObj(v) && typeof v.model === 'string' && isObj(v.variants) ? 0.95 : 0;
  },
  read(probe, ctx) {
    const doc = ctx.readJson(probe.path, 'variant-comparison');
    if (!doc) return { runs: [] };
    const s = doc.value;
    if (!conformsOrReport('study-summary.schema.json', s, { file: probe.rel, text: doc.text, dialect: 'variant-comparison' }, ctx.problems)) return { runs: [] };
    const names = Object.keys(s.variants);
    const consumed: string[] = [];
    const records: RecordDraft[] = [];
    const runs: RunDraft[] = names.map((name, runIndex) => {
      const v = s.variants[name]!;
      // A collected study points each variant at its canonical run directory: read it for
      // per-example results and provenance, keeping the summary's figures where the run has none.
      const fromDir = v.run_dir ? readRunDir(resolve(dirname(probe.path), v.run_dir), ctx, probe.rel, name) : undefined;
      if (fromDir) {
        consumed.push(fromDir.dir);
        records.push(...fromDir.records.map((r) => ({ ...r, runIndex })));
        return { ...fromDir.run, variant: v.variant ?? name, idHint: `${s.model.split('/').pop()}-${name}`, ...(v.description ? { description: v.description } : {}), quantization: v.quantization ?? null };
      }
      const tasks: TaskResult[] = Object.entries(v.datasets).map(([task, d]) => {
        const t: TaskResult = {
          task,
          primary: 'accuracy',
          metrics: [{ name: 'accuracy', value: d.accuracy ?? null, higherIsBetter: true, scale: 'fraction', ...(d.accuracy_stderr !== undefined ? { stderr: d.accuracy_stderr } : {}) }],
        };
        const contradiction = inconsistentCounts(d);
        if (contradiction) {
          ctx.problems.warning(probe.rel, `${name} ${task}: ${contradiction.reason}; the accuracy is kept as raw, not ranked`, { pointer: `/variants/${pointerSegment(name)}/datasets/${pointerSegment(task)}/${contradiction.field}`, dialect: 'variant-comparison' });
          markImpossible(t.metrics[0]!, contradiction.reason);
          return t;
        }
        const n = d.num_total ?? d.num_samples;
        if (n !== undefined) t.numSamples = n;
        if (d.num_shots !== undefined) t.nShot = d.num_shots;
        if (d.invalid_rate !== undefined && n !== undefined) t.numUnscorable = Math.round(d.invalid_rate * n);
        const eff: NonNullable<TaskResult['efficiency']> = {};
        if (d.latency_seconds !== undefined) eff.latencySeconds = d.latency_seconds;
        if (d.questions_per_second !== undefined) eff.questionsPerSecond = d.questions_per_second;
        if (d.invalid_rate !== undefined) eff.invalidRate = d.invalid_rate;
        if (d.max_tokens !== undefined) eff.maxTokens = d.max_tokens;
        if (Object.keys(eff).length) t.efficiency = eff;
        return t;
      });
      const run: RunDraft = {
        model: s.model,
        variant: v.variant ?? name,
        idHint: `${s.model.split('/').pop()}-${name}`,
        dialect: 'variant-comparison',
        quantization: v.quantization ?? null,
        sources: [{ path: probe.rel }],
        tasks,
      };
      if (v.description) run.description = v.description;
      if (typeof v.timestamp === 'number') run.timestamp = new Date(v.timestamp * 1000).toISOString();
      if (isObj(s.config)) run.settings = s.config;
      return run;
    });
    const baselineIndex = Math.max(0, names.findIndex((n) => /^(original|baseline|bf16|fp16|base)$/i.test(n)));
    const study: StudyDraft = {
      title: `${s.model}: ${names.join(' vs ')}`,
      idHint: `${s.model.split('/').pop()}-variants`,
      model: s.model,
      baselineIndex,
      variants: names.map((name, runIndex) => ({ name, runIndex, ...(s.variants[name]!.description ? { description: s.variants[name]!.description! } : {}) })),
      sources: [{ path: probe.rel }],
    };
    if (s.summary) {
      study.reported = Object.fromEntries(Object.entries(s.summary).map(([task, r]) => [task, { ...(r.best ? { best: r.best } : {}), ...(r.worst ? { worst: r.worst } : {}), ...(r.degradation ? { degradation: r.degradation } : {}) }]));
    }
    const cfg = isObj(s.config) ? s.config : undefined;
    const maxDeg = cfg && isObj(cfg.report) ? cfg.report.max_degradation_relative : undefined;
    if (typeof maxDeg === 'number') study.maxDegradationRelative = maxDeg;
    return { runs, studies: [study], consumed, records };
  },
};

function readRunDir(dir: string, ctx: Parameters<Adapter['read']>[1], rel: string, variant: string): { dir: string; run: RunDraft; records: RecordDraft[] } | undefined {
  const pointer = `/variants/${pointerSegment(variant)}/run_dir`;
  if (!ctx.tree.isDir(dir)) {
    ctx.problems.error(rel, `run_dir of variant "${variant}" does not exist: ${ctx.rel(dir)}`, { pointer, dialect: 'variant-comparison' });
    return undefined;
  }
  // A path written in the file must not lead ingest out of the tree it was asked to read.
  if (!ctx.tree.inside(dir)) {
    ctx.problems.error(rel, `run_dir of variant "${variant}" leads outside the input tree; not read (name a folder holding both as the input)`, { pointer, dialect: 'variant-comparison' });
    return undefined;
  }
  const probe = { path: dir, rel: ctx.rel(dir), kind: 'dir' as const, name: dir.split('/').pop()!, entries: ctx.tree.list(dir).filter((e) => !e.startsWith('.')) };
  const read = canonicalRunAdapter.read(probe, ctx);
  const run = read.runs[0];
  return run ? { dir, run, records: read.records ?? [] } : undefined;
}

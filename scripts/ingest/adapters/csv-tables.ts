/**
 * CSV forms of the summaries, read standalone (inside a canonical run directory the canonical
 * adapter reads them): quality summaries and metrics (benchmark, accuracy_pct, ...), variant
 * comparisons (variant, dataset, accuracy, ...), and serving results (request_rate / throughput).
 */
import { basename } from 'node:path';
import type { Adapter, AdapterResult, Probe, ReadContext, RunDraft } from '../adapter.ts';
import type { ServingResult, TaskResult } from '../../../schemas/types.gen.ts';
import { csvDelimiter, parseCsvText } from '../lib/csv.ts';
import { canonicalServingMetrics, requestRate } from '../lib/serving-metrics.ts';

type Row = Record<string, unknown>;
type Shape = 'quality' | 'variants' | 'online' | 'throughput';

function shapeOf(header: string[]): Shape | undefined {
  const h = new Set(header.map((c) => c.trim().toLowerCase()));
  if (h.has('variant') && (h.has('dataset') || h.has('task')) && h.has('accuracy')) return 'variants';
  if (h.has('benchmark') && (h.has('accuracy_pct') || h.has('accuracy'))) return 'quality';
  if (h.has('request_rate')) return 'online';
  if (h.has('request_throughput_rps') || h.has('request_throughput')) return 'throughput';
  return undefined;
}

function headerOf(text: string): string[] {
  return (text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '').split(csvDelimiter(text)).map((c) => c.replace(/^"|"$/g, ''));
}

export const csvAdapter: Adapter = {
  dialect: 'csv',
  detect(probe, ctx) {
    if (probe.kind !== 'file' || !/\.csv$/i.test(probe.name)) return 0;
    const text = ctx.readText(probe.path)?.text;
    return text !== undefined && shapeOf(headerOf(text)) ? 0.8 : 0;
  },
  read(probe, ctx) {
    const text = ctx.readText(probe.path)?.text ?? '';
    const rows = parseCsvText(text, probe.rel, ctx);
    if (!rows) return { runs: [] };
    const shape = shapeOf(headerOf(text))!;
    const model = (rows.find((r) => typeof r.model === 'string')?.model as string | undefined) ?? basename(probe.name, '.csv');
    const base = { model, dialect: 'csv' as const, sources: [{ path: probe.rel }] };
    if (shape === 'variants') return readVariants(rows, base, probe, ctx);
    if (shape === 'quality') {
      // One run per model when the table has a model column (a leaderboard export).
      const models = [...new Set(rows.map((r) => (typeof r.model === 'string' ? r.model : model)))];
      return {
        runs: models.map((m) => {
          const mine = rows.map((r, i) => [r, i] as const).filter(([r]) => (typeof r.model === 'string' ? r.model : model) === m);
          const run: RunDraft = { ...base, model: m, tasks: mine.map(([r, i]) => qualityTask(r, i, probe, ctx)).filter((t): t is TaskResult => !!t) };
          const fraction = mine[0]?.[0].sampling_fraction;
          if (typeof fraction === 'number' && fraction > 0 && fraction <= 1) run.sampling = { fraction };
          return run;
        }),
      };
    }
    const serving: ServingResult[] = rows.map((r) => {
      const p: ServingResult = { mode: shape === 'online' ? 'online' : 'offline', metrics: canonicalServingMetrics(r) };
      const rate = requestRate(r.request_rate);
      if (rate !== undefined) p.requestRate = rate;
      return p;
    });
    return { runs: [{ ...base, idHint: `${model}-serving`, tasks: [], serving }] };
  },
};

function qualityTask(r: Row, i: number, probe: Probe, ctx: ReadContext): TaskResult | undefined {
  const pct = typeof r.accuracy_pct === 'number' ? r.accuracy_pct / 100 : typeof r.accuracy === 'number' ? r.accuracy : undefined;
  if (typeof r.benchmark !== 'string') {
    ctx.problems.error(probe.rel, 'row without a benchmark name skipped', { line: i + 2, pointer: `/${i}/benchmark`, dialect: 'csv' });
    return undefined;
  }
  if (pct === undefined || pct < 0 || pct > 1) {
    ctx.problems.error(probe.rel, 'accuracy must be a number (accuracy 0..1 or accuracy_pct 0..100)', { line: i + 2, pointer: `/${i}/accuracy_pct`, found: JSON.stringify(r.accuracy_pct ?? r.accuracy ?? null), dialect: 'csv' });
    return undefined;
  }
  const t: TaskResult = { task: r.benchmark, primary: 'accuracy', metrics: [{ name: 'accuracy', value: pct, higherIsBetter: true, scale: 'fraction' }] };
  if (typeof r.num_scorable === 'number') t.numSamples = r.num_scorable;
  if (typeof r.unscorable_examples === 'number') t.numUnscorable = r.unscorable_examples;
  return t;
}

function readVariants(rows: Row[], base: Omit<RunDraft, 'tasks'>, probe: Probe, ctx: ReadContext): AdapterResult {
  const byVariant = new Map<string, TaskResult[]>();
  rows.forEach((r, i) => {
    const variant = String(r.variant ?? '');
    const task = String(r.dataset ?? r.task ?? '');
    if (!variant || !task || typeof r.accuracy !== 'number') {
      ctx.problems.error(probe.rel, 'row needs variant, dataset and a numeric accuracy', { line: i + 2, dialect: 'csv' });
      return;
    }
    const t: TaskResult = { task, primary: 'accuracy', metrics: [{ name: 'accuracy', value: r.accuracy, higherIsBetter: true, scale: 'fraction' }] };
    if (typeof r.num_total === 'number') t.numSamples = r.num_total;
    const eff: NonNullable<TaskResult['efficiency']> = {};
    if (typeof r.latency_seconds === 'number') eff.latencySeconds = r.latency_seconds;
    if (typeof r.questions_per_second === 'number') eff.questionsPerSecond = r.questions_per_second;
    if (typeof r.invalid_rate === 'number') eff.invalidRate = r.invalid_rate;
    if (Object.keys(eff).length) t.efficiency = eff;
    byVariant.set(variant, [...(byVariant.get(variant) ?? []), t]);
  });
  const names = [...byVariant.keys()];
  const runs: RunDraft[] = names.map((v) => ({ ...base, variant: v, idHint: `${base.model.split('/').pop()}-${v}`, tasks: byVariant.get(v)! }));
  const baselineIndex = Math.max(0, names.findIndex((n) => /^(original|baseline|bf16|fp16|base)$/i.test(n)));
  return {
    runs,
    studies: runs.length > 1 ? [{ title: `${base.model}: ${names.join(' vs ')}`, model: base.model, baselineIndex, variants: names.map((name, runIndex) => ({ name, runIndex })), sources: base.sources }] : [],
  };
}

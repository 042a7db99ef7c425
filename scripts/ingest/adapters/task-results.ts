/**
 * Seed 004's per-model result JSON from base-vs-finetuned compare scripts:
 * `{model, results: {task: {metric: value, metric_stderr: value}}}`. Two or more such files in one
 * directory form a study; the baseline is the one whose model name says base/original.
 */
import { pointerSegment } from '../../../domain/json-source.ts';
import { join } from 'node:path';
import type { Adapter, AdapterResult, Probe, ReadContext, RunDraft } from '../adapter.ts';
import type { Metric, TaskResult } from '../../../schemas/types.gen.ts';
import { choosePrimary, defaultHigherIsBetter, guessScale, toMetricValueReported, toStderr } from '../../../domain/metrics.ts';
import { looksLikeLmEvalResults } from './lm-eval-results.ts';
import { conformsOrReport } from '../../../domain/validate.ts';
import { isObj } from '../../../domain/guards.ts';


function looksLikeTaskResults(v: unknown): boolean {
  return isObj(v) && typeof v.model === 'string' && isObj(v.results) && !looksLikeLmEvalResults(v) && !('variants' in v);
}

const BASELINE = /(^|[^a-z])(base|original|baseline|unfinetuned|pretrained)([^a-z]|$)/i;

export const taskResultsAdapter: Adapter = {
  dialect: 'task-results',
  detect(probe, ctx) {
    if (probe.kind === 'file') return probe.name.endsWith('.json') && looksLikeTaskResults(ctx.readJson(probe.path)?.value) ? 0.85 : 0;
    const files = (probe.entries ?? []).filter((e) => e.endsWith('.json')).map((e) => join(probe.path, e));
    return files.length >= 2 && files.every((f) => looksLikeTaskResults(ctx.readJson(f)?.value)) ? 0.8 : 0;
  },
  read(probe, ctx) {
    const files = probe.kind === 'file' ? [probe.path] : (probe.entries ?? []).filter((e) => e.endsWith('.json')).map((e) => join(probe.path, e));
    return readPair(files, probe, ctx);
  },
};

function readPair(files: string[], probe: Probe, ctx: ReadContext): AdapterResult {
  const runs: RunDraft[] = [];
  for (const file of files) {
    const doc = ctx.readJson(file, 'task-results');
    if (!doc) continue;
    const d = doc.value;
    if (!conformsOrReport('task-results.schema.json', d, { file: ctx.rel(file), text: doc.text, dialect: 'task-results' }, ctx.problems)) continue;
    const tasks: TaskResult[] = Object.entries(d.results).map(([task, row]) => {
      const metrics: Metric[] = [];
      for (const [key, raw] of Object.entries(row)) {
        if (key.endsWith('_stderr') || key.includes('_stderr,')) continue;
        const v = toMetricValueReported(raw, (message, found) =>
          ctx.problems.warning(ctx.rel(file), `metric "${key}": ${message}`, { pointer: `/results/${pointerSegment(task)}/${pointerSegment(key)}`, found, dialect: 'task-results' }),
        );
        if (!v) continue;
        const [name, filter] = key.split(',');
        const m: Metric = { name: name!, value: v.value, higherIsBetter: defaultHigherIsBetter(name!), scale: guessScale(name!, v.value) };
        if (filter) m.filter = filter;
        if (v.raw) m.raw = v.raw;
        const se = toStderr(row[filter ? `${name}_stderr,${filter}` : `${key}_stderr`]);
        if (se !== undefined) m.stderr = se;
        metrics.push(m);
      }
      const t: TaskResult = { task, metrics };
      const primary = choosePrimary(metrics);
      if (primary) t.primary = primary;
      return t;
    });
    runs.push({ model: d.model, variant: d.model, dialect: 'task-results', sources: [{ path: ctx.rel(file) }], tasks });
  }
  if (runs.length < 2) return { runs, consumed: files };
  const baselineIndex = Math.max(0, runs.findIndex((r) => BASELINE.test(r.model)));
  return {
    runs,
    consumed: files,
    studies: [
      {
        title: `${runs[baselineIndex]!.model} vs ${runs.filter((_, i) => i !== baselineIndex).map((r) => r.model).join(', ')}`,
        idHint: `${probe.name}-compare`,
        baselineIndex,
        variants: runs.map((r, runIndex) => ({ name: r.model, runIndex })),
        sources: runs.flatMap((r) => r.sources),
      },
    ],
  };
}

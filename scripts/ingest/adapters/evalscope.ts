/**
 * EvalScope reports: reports/<model>/<dataset>.json, one dataset's score per metric broken down by
 * category and subset, plus the latency / TTFT / TPOT measured while evaluating (perf_metrics, in
 * seconds). A folder of reports of one model is one run with a task per dataset; a report read on
 * its own is a run of one task. Subsets become tasks grouped under their dataset.
 */
import { basename, dirname, join } from 'node:path';
import type { Adapter, Probe, ReadContext, RunDraft } from '../adapter.ts';
import type { EvalscopeReport, ExampleRecord, Metric, ServingResult, TaskResult } from '../../../schemas/types.gen.ts';
import { choosePrimary, defaultHigherIsBetter, guessScale } from '../../../domain/metrics.ts';
import { conformsOrReport } from '../../../domain/validate.ts';
import { dict, isFiniteNumber, isObj } from '../../../domain/guards.ts';

const SCHEMA = 'evalscope-report.schema.json';

function looksLikeReport(v: unknown): boolean {
  return isObj(v) && typeof v.model_name === 'string' && typeof v.dataset_name === 'string' && Array.isArray(v.metrics);
}

function reportFiles(probe: Probe, ctx: ReadContext): string[] {
  if (probe.kind === 'file') return [probe.path];
  return (probe.entries ?? []).filter((e) => e.endsWith('.json')).map((e) => join(probe.path, e)).filter((f) => looksLikeReport(ctx.readJson(f)?.value));
}

export const evalscopeAdapter: Adapter = {
  dialect: 'evalscope',
  detect(probe, ctx) {
    if (probe.kind === 'file') return probe.name.endsWith('.json') && looksLikeReport(ctx.readJson(probe.path)?.value) ? 0.95 : 0;
    // reports/<model>/ holds nothing but reports of that model; a folder with anything else in it is
    // walked file by file, so no other file goes unread.
    const files = probe.entries ?? [];
    if (!files.length || !files.every((e) => e.endsWith('.json'))) return 0;
    const models = new Set(files.map((f) => ctx.readJson(join(probe.path, f))?.value).map((v) => (looksLikeReport(v) && isObj(v) ? v.model_name : undefined)));
    return models.size === 1 && !models.has(undefined) ? 0.9 : 0;
  },
  read(probe, ctx) {
    const files = reportFiles(probe, ctx);
    const consumed = [...files];
    const examples = dict<ExampleRecord[]>();
    const tasks: TaskResult[] = [];
    const serving: ServingResult[] = [];
    const sources: { path: string }[] = [];
    let model: string | undefined;
    for (const file of files) {
      const doc = ctx.readJson(file, 'evalscope');
      if (!doc || !conformsOrReport(SCHEMA, doc.value, { file: ctx.rel(file), text: doc.text, dialect: 'evalscope' }, ctx.problems)) continue;
      const report = doc.value;
      model ??= report.model_name;
      tasks.push(...reportTasks(report));
      const perf = perfPoint(report);
      if (perf) serving.push(perf);
      sources.push({ path: ctx.rel(file) });
      const subsetTasks = new Set(tasks.map((t) => t.task));
      for (const { path, subset } of reviewFiles(file, report, ctx)) {
        consumed.push(path);
        sources.push({ path: ctx.rel(path) });
        const task = subset === 'default' || !subsetTasks.has(`${report.dataset_name}/${subset}`) ? report.dataset_name : `${report.dataset_name}/${subset}`;
        examples[task] = [...(examples[task] ?? []), ...readReviews(path, ctx)];
      }
    }
    if (!model || !sources.length) return { runs: [], consumed };
    const run: RunDraft = { model, idHint: `${basename(model)}-evalscope`, dialect: 'evalscope', sources, tasks };
    if (serving.length) run.serving = serving;
    if (Object.keys(examples).length) run.examples = examples;
    return { runs: [run], consumed };
  },
};

// EvalScope writes accuracy-like scores as fractions under CamelCase or snake_case names
// (AverageAccuracy, mean_acc, Pass@1).
const FRACTION_NAME = /acc|pass|match|f1/i;

function metricOf(name: string, value: number): Metric {
  const scale = FRACTION_NAME.test(name) && value >= 0 && value <= 1 ? 'fraction' : guessScale(name, value);
  return { name, value, higherIsBetter: defaultHigherIsBetter(name), scale };
}

/** The dataset as a task (a group when it has several subsets), and each named subset as a task of its own. */
function reportTasks(r: EvalscopeReport): TaskResult[] {
  const metrics: Metric[] = [];
  for (const m of r.metrics) {
    metrics.push(metricOf(m.name, m.score));
    // macro_score (mean over subsets) differs from the micro mean only when subsets differ in size.
    if (isFiniteNumber(m.macro_score) && m.macro_score !== m.score) metrics.push(metricOf(`${m.name}_macro`, m.macro_score));
  }
  const first = r.metrics[0];
  const subsets = new Map<string, { score: number; num?: number }[]>();
  for (const cat of first?.categories ?? []) {
    for (const s of cat.subsets ?? []) subsets.set(s.name, [...(subsets.get(s.name) ?? []), { score: s.score, ...(s.num !== undefined ? { num: s.num } : {}) }]);
  }
  const named = [...subsets.keys()].filter((n) => n !== 'default');
  const dataset: TaskResult = { task: r.dataset_name, metrics };
  if (r.dataset_pretty_name && r.dataset_pretty_name !== r.dataset_name) dataset.alias = r.dataset_pretty_name;
  const n = first?.num ?? r.num;
  if (n !== undefined) dataset.numSamples = n;
  const primary = choosePrimary(metrics);
  if (primary) dataset.primary = primary;
  if (named.length < 2) return [dataset];
  dataset.isGroup = true;
  const parts = named.flatMap((name) => {
    const entries = subsets.get(name) ?? [];
    const only = entries.length === 1 ? entries[0] : undefined;
    if (!only || !first) return [];
    const t: TaskResult = { task: `${r.dataset_name}/${name}`, alias: name, group: r.dataset_name, metrics: [metricOf(first.name, only.score)], primary: first.name };
    if (only.num !== undefined) t.numSamples = only.num;
    return [t];
  });
  return [dataset, ...parts];
}

/**
 * Per-sample reviews of a report: reviews/<model>/<dataset>_<subset>.jsonl beside reports/<model>/,
 * or (a flattened copy) <dataset>_<subset>.jsonl beside the report.
 */
function reviewFiles(reportPath: string, r: EvalscopeReport, ctx: ReadContext): { path: string; subset: string }[] {
  const dir = dirname(reportPath);
  const upstream = join(dirname(dirname(dir)), 'reviews', basename(dir));
  const prefix = `${r.dataset_name}_`;
  return [dir, upstream].flatMap((d) =>
    d === upstream && basename(dirname(dir)) !== 'reports' ? [] : ctx.tree.isDir(d) ? ctx.tree.list(d).filter((e) => e.startsWith(prefix) && e.endsWith('.jsonl')).map((e) => ({ path: join(d, e), subset: e.slice(prefix.length, -'.jsonl'.length) })) : [],
  );
}

/** A review line: the prompt from the user messages, the prediction, its extracted answer, the target and the score. */
function readReviews(path: string, ctx: ReadContext): ExampleRecord[] {
  const out: ExampleRecord[] = [];
  for (const { value, line } of ctx.readJsonl(path, 'evalscope') ?? []) {
    const s = isObj(value) && isObj(value.sample_score) ? value.sample_score : undefined;
    const score = s && isObj(s.score) ? s.score : undefined;
    if (!isObj(value) || !score) {
      ctx.problems.warning(ctx.rel(path), 'review line without sample_score.score; skipped', { line, dialect: 'evalscope' });
      continue;
    }
    const values = isObj(score.value) ? Object.entries(score.value).filter((e): e is [string, number] => typeof e[1] === 'number') : [];
    const first = values[0]?.[1];
    const rec: ExampleRecord = { id: String(s?.sample_id ?? value.index ?? out.length), status: first === undefined ? 'unlabelled' : first >= 1 ? 'correct' : 'incorrect' };
    const messages = Array.isArray(value.messages) ? value.messages.filter(isObj) : [];
    const prompt = messages.filter((m) => m.role !== 'assistant' && typeof m.content === 'string').map((m) => String(m.content)).join('\n\n');
    if (prompt) rec.prompt = prompt;
    if (typeof score.prediction === 'string') rec.response = score.prediction;
    if (typeof score.extracted_prediction === 'string') rec.extracted = score.extracted_prediction;
    if (typeof value.target === 'string' || typeof value.target === 'number') rec.reference = String(value.target);
    if (values.length) rec.metrics = Object.assign(dict<number | null>(), Object.fromEntries(values));
    if (rec.response && rec.extracted) {
      const at = rec.response.lastIndexOf(rec.extracted);
      if (at !== -1) rec.extractedSpan = [at, at + rec.extracted.length];
    }
    out.push(rec);
  }
  return out;
}

/** perf_metrics.summary: seconds in, the canonical millisecond names out. */
function perfPoint(r: EvalscopeReport): ServingResult | undefined {
  const s = r.perf_metrics?.summary;
  if (!isObj(s)) return undefined;
  const metrics: ServingResult['metrics'] = {};
  const stat = (block: unknown, short: string) => {
    if (!isObj(block)) return;
    const put = (key: string, name: string) => {
      const v = block[key];
      if (isFiniteNumber(v) && v >= 0) metrics[name] = Number((v * 1000).toPrecision(12));
    };
    put('mean', `mean_${short}_ms`);
    put('std', `std_${short}_ms`);
    put('50%', `p50_${short}_ms`);
    put('90%', `p90_${short}_ms`);
    put('99%', `p99_${short}_ms`);
  };
  stat(s.latency, 'e2el');
  stat(s.ttft, 'ttft');
  stat(s.tpot, 'tpot');
  if (isObj(s.throughput)) {
    if (isFiniteNumber(s.throughput.avg_output_tps)) metrics.output_throughput_tps = s.throughput.avg_output_tps;
    if (isFiniteNumber(s.throughput.avg_req_ps)) metrics.request_throughput_rps = s.throughput.avg_req_ps;
  }
  if (!Object.keys(metrics).length) return undefined;
  const point: ServingResult = { mode: 'online', label: `${r.dataset_name} (measured while evaluating)`, dataset: r.dataset_name, metrics };
  if (isFiniteNumber(s.n_samples)) point.numPrompts = s.n_samples;
  return point;
}

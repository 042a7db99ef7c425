/**
 * OpenCompass outputs: `summary/summary_<time>.csv` (dataset, version, metric, mode, then one
 * column per model abbr, values in percent), the `.txt` of the same summary (tabulate, csv and
 * raw sections; its csv section also holds the group averages), and `results/<abbr>/<dataset>.json`
 * (`{"accuracy": 43.137...}`, the unrounded value). A summary and the results beside it are read
 * together: one run per model column, a task per dataset, the results file's value replacing the
 * summary's rounded one. A results file is claimed only next to a summary or under `results/`.
 */
import { basename, dirname, join } from 'node:path';
import type { Adapter, ReadContext, RunDraft } from '../adapter.ts';
import type { ExampleRecord, Metric, TaskResult } from '../../../schemas/types.gen.ts';
import { parseCsvText } from '../lib/csv.ts';
import { toMetricValue } from '../../../domain/metrics.ts';
import { isObj } from '../../../domain/guards.ts';

const HEADER = /^dataset,version,metric,mode(,|$)/;
const SUMMARY = /^summary_(\d{8}_\d{6})\.(csv|txt)$/;
// OpenCompass reports these in percent.
const PERCENT_METRIC = /accuracy|average|score|acc$|pass@|exact_match|em$|f1/i;

/** predictions/<abbr>/<dataset>.json: {"0": {origin_prompt, prediction, gold}, ...}. */
function isPredictions(v: unknown): boolean {
  if (!isObj(v)) return false;
  const entries = Object.entries(v);
  return entries.length > 0 && entries.every(([k, e]) => /^\d+$/.test(k) && isObj(e) && 'prediction' in e);
}

/** A subjective comparison's report.csv: header "<A>_vs_<B>,<category>...", rows win_both_<model>, half_draw_<model>. */
const SUBJECTIVE_HEADER = /^[^,\n]{1,200}_vs_[^,\n]{1,200},/;

function isResultsJson(v: unknown): boolean {
  return isObj(v) && Object.keys(v).length > 0 && Object.keys(v).length <= 8 && Object.values(v).every((x) => typeof x === 'number') && Object.keys(v).some((k) => PERCENT_METRIC.test(k));
}

/** The `csv format` section of a summary .txt: from its header line to the `$$$` rule. */
function csvSection(text: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l, i) => HEADER.test(l.trim()) && lines.slice(Math.max(0, i - 3), i).some((x) => x.trim() === 'csv format'));
  if (start === -1) return undefined;
  const end = lines.findIndex((l, i) => i > start && /^\${4,}/.test(l.trim()));
  return lines.slice(start, end === -1 ? undefined : end).join('\n');
}

function summaryText(path: string, ctx: ReadContext): string | undefined {
  const text = ctx.readText(path)?.text;
  if (text === undefined) return undefined;
  return path.endsWith('.txt') ? csvSection(text) : HEADER.test(text.replace(/^\uFEFF/, '').split('\n', 1)[0]?.trim() ?? '') ? text : undefined;
}

export const opencompassAdapter: Adapter = {
  dialect: 'opencompass',
  detect(probe, ctx) {
    if (probe.kind !== 'file') return 0;
    if (probe.name.endsWith('.csv') && SUBJECTIVE_HEADER.test(ctx.firstLine(probe.path).replace(/^\uFEFF/, ''))) return 0.9;
    if (probe.name.endsWith('.json') && isPredictions(ctx.readJson(probe.path)?.value)) return 0.85;
    if (SUMMARY.test(probe.name) || probe.name.endsWith('.csv')) {
      if (probe.name.endsWith('.csv') && HEADER.test(ctx.firstLine(probe.path).replace(/^\uFEFF/, '').trim())) return 0.9;
      if (probe.name.endsWith('.txt') && summaryText(probe.path, ctx)) return 0.9;
      return 0;
    }
    if (probe.name.endsWith('.json') && isResultsJson(ctx.readJson(probe.path)?.value)) {
      const dir = dirname(probe.path);
      if (basename(dirname(dir)) === 'results' || ctx.tree.list(dir).some((e) => SUMMARY.test(e))) return 0.85;
    }
    return 0;
  },
  read(probe, ctx) {
    if (probe.name.endsWith('.csv') && SUBJECTIVE_HEADER.test(ctx.firstLine(probe.path).replace(/^\uFEFF/, ''))) return { runs: readSubjective(probe.path, ctx) };
    if (probe.name.endsWith('.json')) {
      const v = ctx.readJson(probe.path)?.value;
      if (isPredictions(v) && isObj(v)) return { runs: [readPredictions(probe.path, v, ctx)] };
    }
    let dir = dirname(probe.path);
    const isSummary = SUMMARY.test(probe.name) || probe.name.endsWith('.csv') || probe.name.endsWith('.txt');
    // OpenCompass writes <time>/summary/ and <time>/results/<abbr>/: a results file is read with
    // the summary of its run when there is one.
    const underResults = basename(dirname(dir)) === 'results';
    if (!isSummary && underResults) {
      const summaryDir = join(dirname(dirname(dir)), 'summary');
      if (ctx.tree.isDir(summaryDir) && ctx.tree.list(summaryDir).some((e) => SUMMARY.test(e))) dir = summaryDir;
    }
    const siblings = ctx.tree.list(dir);
    // The summary this file belongs to: itself, or the folder's (the .txt first: it has the averages).
    const summaries = isSummary ? sameRun(probe.name, siblings) : siblings.filter((e) => SUMMARY.test(e)).sort(byTxtFirst);
    const consumed: string[] = [];
    let rows: Record<string, unknown>[] | undefined;
    const sources: { path: string }[] = [];
    for (const name of summaries) {
      const path = join(dir, name);
      consumed.push(path);
      sources.push({ path: ctx.rel(path) });
      if (rows) continue;
      const text = summaryText(path, ctx);
      if (text) rows = parseCsvText(text, ctx.rel(path), ctx);
    }
    const runs = new Map<string, RunDraft>();
    const models = rows?.[0] ? Object.keys(rows[0]).filter((k) => !['dataset', 'version', 'metric', 'mode'].includes(k)) : [];
    for (const model of models) {
      const tasks: TaskResult[] = [];
      for (const r of rows ?? []) {
        const value = toMetricValue(r[model]);
        if (typeof r.dataset !== 'string' || !value || value.value === null) continue;
        tasks.push(taskOf(r.dataset, String(r.metric ?? 'score'), value.value, r.version));
      }
      const mode = rows?.find((r) => typeof r.mode === 'string')?.mode;
      runs.set(model, { model, idHint: `${model.split('_').slice(1).join('_') || model}-opencompass`, dialect: 'opencompass', sources: [...sources], tasks, ...(typeof mode === 'string' ? { settings: { mode } } : {}) });
    }
    // Unrounded values from results/<abbr>/<dataset>.json, beside the summary folder or (flattened
    // copies) beside the summary itself when it has one model.
    const resultFiles: { abbr: string; path: string }[] = [];
    const resultsRoot = join(dirname(dir), 'results');
    if (basename(dir) === 'summary' && ctx.tree.isDir(resultsRoot)) {
      for (const abbr of ctx.tree.list(resultsRoot)) for (const e of ctx.tree.list(join(resultsRoot, abbr))) if (e.endsWith('.json')) resultFiles.push({ abbr, path: join(resultsRoot, abbr, e) });
    } else if (underResults && dir === dirname(probe.path)) {
      for (const e of siblings) if (e.endsWith('.json')) resultFiles.push({ abbr: basename(dir), path: join(dir, e) });
    } else if (models.length === 1) {
      for (const e of siblings) if (e.endsWith('.json')) resultFiles.push({ abbr: models[0]!, path: join(dir, e) });
    }
    for (const { abbr, path } of resultFiles) {
      const name = basename(path);
      const v = ctx.readJson(path)?.value;
      if (!isResultsJson(v) || !isObj(v)) continue;
      consumed.push(path);
      const run = runs.get(abbr) ?? { model: abbr, dialect: 'opencompass' as const, sources: [], tasks: [] };
      runs.set(abbr, run);
      run.sources.push({ path: ctx.rel(path) });
      const dataset = basename(name, '.json');
      for (const [metric, value] of Object.entries(v)) {
        if (typeof value !== 'number') continue;
        const fresh = taskOf(dataset, metric, value);
        const i = run.tasks.findIndex((t) => t.task === dataset && t.metrics[0]?.name === metric);
        if (i === -1) run.tasks.push(fresh);
        else run.tasks[i] = { ...run.tasks[i]!, metrics: fresh.metrics };
      }
    }
    return { runs: [...runs.values()], consumed };
  },
};

/** Pairwise win rates per capability: a run per model, a task per category, win_both and half_draw as fractions. */
function readSubjective(path: string, ctx: ReadContext): RunDraft[] {
  const text = ctx.readText(path)?.text ?? '';
  const rows = parseCsvText(text, ctx.rel(path), ctx) ?? [];
  const header = text.replace(/^\uFEFF/, '').split('\n', 1)[0]!.split(',').map((h) => h.trim());
  const key = header[0]!;
  const categories = header.slice(1);
  const runs = new Map<string, RunDraft>();
  for (const row of rows) {
    const label = row[key];
    const m = typeof label === 'string' ? /^(win_both|half_draw)_(.+)$/.exec(label) : null;
    if (!m) continue;
    const [, stat, model] = m;
    const run = runs.get(model!) ?? { model: model!, idHint: `${model}-${key}`, dialect: 'opencompass' as const, sources: [{ path: ctx.rel(path) }], tasks: [], settings: { comparison: key } };
    runs.set(model!, run);
    for (const c of categories) {
      const v = toMetricValue(row[c]);
      if (!v || v.value === null) continue;
      let task = run.tasks.find((t) => t.task === c);
      if (!task) run.tasks.push((task = { task: c, metrics: [], primary: 'win_both' }));
      task.metrics.push({ name: stat!, value: v.value / 100, higherIsBetter: true, scale: 'fraction' });
    }
  }
  return [...runs.values()];
}

/** Predictions without scores (a subjective evaluation's judge scores them later): unlabelled examples. */
function readPredictions(path: string, v: Record<string, unknown>, ctx: ReadContext): RunDraft {
  // predictions/<abbr>/<dataset>.json: the folder is the model's abbr (a flattened copy: its folder).
  const model = basename(dirname(path));
  const task = basename(path, '.json');
  const examples = Object.entries(v).flatMap(([id, e]) => {
    if (!isObj(e)) return [];
    const rec: ExampleRecord = { id, status: 'unlabelled' };
    if (typeof e.origin_prompt === 'string') rec.prompt = e.origin_prompt;
    if (typeof e.prediction === 'string') rec.response = e.prediction;
    if (typeof e.gold === 'string') rec.reference = e.gold;
    else if (isObj(e.gold) && typeof e.gold.capability === 'string') rec.subject = e.gold.capability;
    return [rec];
  });
  return { model, idHint: `${model}-${task}-predictions`, dialect: 'opencompass', sources: [{ path: ctx.rel(path) }], tasks: [{ task, metrics: [] }], examples: { [task]: examples } };
}

function sameRun(name: string, siblings: string[]): string[] {
  const stamp = SUMMARY.exec(name)?.[1];
  if (!stamp) return [name];
  return siblings.filter((e) => SUMMARY.exec(e)?.[1] === stamp).sort(byTxtFirst);
}

function byTxtFirst(a: string, b: string): number {
  return Number(b.endsWith('.txt')) - Number(a.endsWith('.txt')) || a.localeCompare(b);
}

function taskOf(dataset: string, metricName: string, value: number, version?: unknown): TaskResult {
  const percent = PERCENT_METRIC.test(metricName);
  const metric: Metric = { name: metricName, value: percent ? value / 100 : value, higherIsBetter: true, scale: percent ? 'fraction' : 'raw' };
  const task: TaskResult = { task: dataset, metrics: [metric], primary: metricName };
  if (typeof version === 'string' && version !== '-') task.version = version;
  if (/average$/.test(metricName)) task.isGroup = true;
  return task;
}


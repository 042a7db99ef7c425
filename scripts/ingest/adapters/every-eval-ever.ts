/**
 * Every Eval Ever (the EvalEval Coalition's shared schema): aggregate records (eval.schema.json:
 * one model, a list of evaluation results each with its metric config and score) and
 * instance-level JSONL (instance_level_eval.schema.json: one sample per line). An aggregate file
 * is one run, each result a task; results named "<parent> - <part>" are grouped under the parent.
 * The record's identity is its evaluation_id, not its model: the display name tells apart runs of
 * one model id at several settings (o4-mini Low / High).
 */
import { basename } from 'node:path';
import type { Adapter, Probe, ReadContext, RunDraft } from '../adapter.ts';
import type { EeeAggregate, ExampleRecord, Metric, TaskResult } from '../../../schemas/types.gen.ts';
import { conformsOrReport } from '../../../domain/validate.ts';
import { dict, isObj } from '../../../domain/guards.ts';

function looksLikeAggregate(v: unknown): boolean {
  return isObj(v) && typeof v.schema_version === 'string' && typeof v.evaluation_id === 'string' && isObj(v.model_info) && Array.isArray(v.evaluation_results);
}

function looksLikeInstanceLine(line: string): boolean {
  try {
    const v: unknown = JSON.parse(line);
    return isObj(v) && typeof v.evaluation_id === 'string' && typeof v.model_id === 'string' && 'sample_id' in v && (isObj(v.evaluation) || 'schema_version' in v);
  } catch {
    return false;
  }
}

export const everyEvalEverAdapter: Adapter = {
  dialect: 'eee',
  detect(probe, ctx) {
    if (probe.kind !== 'file') return 0;
    if (probe.name.endsWith('.json')) return looksLikeAggregate(ctx.readJson(probe.path)?.value) ? 0.95 : 0;
    if (probe.name.endsWith('.jsonl')) return looksLikeInstanceLine(ctx.firstLine(probe.path)) ? 0.9 : 0;
    return 0;
  },
  read(probe, ctx) {
    return { runs: probe.name.endsWith('.jsonl') ? readInstances(probe, ctx) : readAggregate(probe, ctx) };
  },
};

function readAggregate(probe: Probe, ctx: ReadContext): RunDraft[] {
  const doc = ctx.readJson(probe.path, 'eee');
  if (!doc || !conformsOrReport('eee-aggregate.schema.json', doc.value, { file: probe.rel, text: doc.text, dialect: 'eee' }, ctx.problems)) return [];
  const rec = doc.value;
  const names = new Set(rec.evaluation_results.map((r) => r.evaluation_name));
  const tasks = rec.evaluation_results.map((r) => taskOf(r, names));
  const model = rec.model_info.id;
  const run: RunDraft = { model, dialect: 'eee', sources: [{ path: probe.rel }], tasks };
  const display = rec.model_info.name;
  if (display && display !== model && display !== basename(model)) run.variant = display;
  run.idHint = [basename(model), run.variant, rec.evaluation_results[0]?.evaluation_name].filter(Boolean).join('-');
  const when = rec.evaluation_timestamp ?? rec.retrieved_timestamp;
  const iso = when ? timestampOf(when) : undefined;
  if (iso) run.timestamp = iso;
  const settings = dict<unknown>();
  settings.evaluation_id = rec.evaluation_id;
  if (rec.source_metadata) settings.source_metadata = rec.source_metadata;
  if (rec.model_info.additional_details) settings.model_details = rec.model_info.additional_details;
  const generation = rec.evaluation_results.find((r) => r.generation_config)?.generation_config;
  if (generation) settings.generation_config = generation;
  run.settings = settings;
  const lib = rec.eval_library;
  if (lib?.name && lib.version && lib.version !== 'unknown') run.environment = { packages: { [lib.name]: lib.version } };
  return [run];
}

type Result = EeeAggregate['evaluation_results'][number];

function taskOf(r: Result, names: Set<string>): TaskResult {
  const cfg = r.metric_config ?? {};
  const name = cfg.metric_name ?? 'score';
  const value = r.score_details.score ?? null;
  const scale: Metric['scale'] = cfg.min_score === 0 && cfg.max_score === 1 ? 'fraction' : cfg.min_score === 0 && cfg.max_score === 100 ? 'percent' : 'raw';
  const metric: Metric = { name, value, higherIsBetter: cfg.lower_is_better !== true, scale };
  const se = r.score_details.uncertainty?.standard_error?.value;
  if (typeof se === 'number') metric.stderr = se;
  const task: TaskResult = { task: r.evaluation_name, metrics: [metric], primary: name };
  const n = r.score_details.uncertainty?.num_samples;
  if (typeof n === 'number') task.numSamples = n;
  // "GAIA - GAIA Level 1" is a part of "GAIA" when that result exists too.
  const dash = r.evaluation_name.indexOf(' - ');
  const parent = dash > 0 ? r.evaluation_name.slice(0, dash) : undefined;
  if (parent && names.has(parent)) {
    task.group = parent;
    task.alias = r.evaluation_name.slice(dash + 3);
  }
  if (names.has(r.evaluation_name) && [...names].some((x) => x.startsWith(`${r.evaluation_name} - `))) task.isGroup = true;
  return task;
}

/** Instance-level JSONL: one run per model and evaluation, accuracy the mean score, each line an example. */
function readInstances(probe: Probe, ctx: ReadContext): RunDraft[] {
  const lines = ctx.readJsonl(probe.path, 'eee') ?? [];
  const runs = new Map<string, { model: string; task: string; examples: ExampleRecord[]; scores: number[] }>();
  for (const { value, line, text } of lines) {
    if (!conformsOrReport('eee-instance.schema.json', value, { file: probe.rel, text, line, dialect: 'eee' }, ctx.problems)) continue;
    const task = value.evaluation_name ?? basename(probe.name, '.jsonl');
    const key = `${value.model_id}\u0000${task}`;
    const entry = runs.get(key) ?? { model: value.model_id, task, examples: [], scores: [] };
    runs.set(key, entry);
    const score = value.evaluation?.score;
    const numeric = typeof score === 'number' ? score : typeof score === 'boolean' ? Number(score) : undefined;
    const correct = value.evaluation?.is_correct ?? (numeric === undefined ? undefined : numeric >= 1);
    const rec: ExampleRecord = { id: String(value.sample_id), status: correct === undefined || correct === null ? 'unlabelled' : correct ? 'correct' : 'incorrect' };
    const input = value.input;
    if (typeof input?.raw === 'string') rec.prompt = input.raw;
    const refs = Array.isArray(input?.reference) ? input.reference.filter((x): x is string => typeof x === 'string') : typeof input?.reference === 'string' ? [input.reference] : [];
    if (refs.length) rec.reference = refs.join(' | ');
    const out = value.output?.raw;
    const response = Array.isArray(out) ? out.filter((x): x is string => typeof x === 'string').join('\n') : typeof out === 'string' ? out : undefined;
    if (response) rec.response = response;
    if (numeric !== undefined) {
      rec.metrics = Object.assign(dict<number | null>(), { score: numeric });
      entry.scores.push(numeric);
    }
    entry.examples.push(rec);
  }
  return [...runs.values()].map((e) => {
    const value = e.scores.length ? e.scores.reduce((s, x) => s + x, 0) / e.scores.length : null;
    const task: TaskResult = { task: e.task, primary: 'score', metrics: [{ name: 'score', value, higherIsBetter: true, scale: e.scores.every((s) => s >= 0 && s <= 1) ? 'fraction' : 'raw' }], numSamples: e.scores.length };
    return { model: e.model, idHint: `${basename(e.model)}-${e.task}-eee`, dialect: 'eee', sources: [{ path: probe.rel }], tasks: [task], examples: { [e.task]: e.examples } };
  });
}

function timestampOf(v: string): string | undefined {
  // Unix epoch seconds as a string ("1777366846.636041"), or an ISO date.
  const n = Number(v);
  const d = Number.isFinite(n) && /^\d+(\.\d+)?$/.test(v) ? new Date(n * 1000) : new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}


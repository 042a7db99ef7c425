/**
 * Inspect AI eval logs: the `.eval` zip (header.json, samples/<id>_epoch_<n>.json, summaries.json,
 * reductions.json; `_journal/start.json` while a run is still streaming) and the `.json` log with
 * samples inline. One log is one run of one task: its scorers' metrics (accuracy, mean, ... with
 * the stderr metric attached), its status (success, cancelled, error, started: shown when not a
 * success) and every sample as an example record (input, output, target, score, explanation).
 */
import { basename } from 'node:path';
import { unzipSync } from 'fflate';
import type { Adapter, Probe, ReadContext, RunDraft } from '../adapter.ts';
import type { ExampleRecord, InspectLog, InspectSample, Metric, RunOutcome, TaskResult } from '../../../schemas/types.gen.ts';
import { choosePrimary, defaultHigherIsBetter, guessScale } from '../../../domain/metrics.ts';
import { conformsOrReport } from '../../../domain/validate.ts';
import { parseJson } from '../../../domain/json-source.ts';
import { dict, isObj } from '../../../domain/guards.ts';
import { formatBytes } from '../lib/input-files.ts';

const SCHEMA = 'inspect-log.schema.json';
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** A .eval member larger than this is not unpacked: a zip bomb must not exhaust memory. */
const MAX_MEMBER_BYTES = 256 * (1 << 20);
const MAX_TOTAL_BYTES = 1 << 30;

function looksLikeJsonLog(v: unknown): boolean {
  return isObj(v) && isObj(v.eval) && 'version' in v && ('results' in v || 'status' in v);
}

export const inspectAdapter: Adapter = {
  dialect: 'inspect',
  detect(probe, ctx) {
    if (probe.kind !== 'file') return 0;
    if (probe.name.endsWith('.eval')) {
      const head = ctx.readHead(probe.path, 4);
      return head && ZIP_MAGIC.every((b, i) => head[i] === b) ? 0.95 : 0;
    }
    return probe.name.endsWith('.json') && looksLikeJsonLog(ctx.readJson(probe.path)?.value) ? 0.95 : 0;
  },
  read(probe, ctx) {
    const log = probe.name.endsWith('.eval') ? readEvalZip(probe, ctx) : readJsonLog(probe, ctx);
    if (!log) return { runs: [] };
    return { runs: [toRun(log.header, log.samples, probe, ctx)] };
  },
};

interface LogParts {
  header: InspectLog;
  samples: InspectSample[];
}

function readJsonLog(probe: Probe, ctx: ReadContext): LogParts | undefined {
  const doc = ctx.readJson(probe.path, 'inspect');
  if (!doc || !conformsOrReport(SCHEMA, doc.value, { file: probe.rel, text: doc.text, dialect: 'inspect' }, ctx.problems)) return undefined;
  return { header: doc.value, samples: doc.value.samples ?? [] };
}

/** The zip's JSON members by name; header.json (or the journal's start.json of a running log) validated. */
function readEvalZip(probe: Probe, ctx: ReadContext): LogParts | undefined {
  const bytes = ctx.readBytes(probe.path);
  if (!bytes) return undefined;
  let members: Record<string, Uint8Array>;
  let total = 0;
  const tooBig: string[] = [];
  try {
    members = unzipSync(bytes, {
      filter: (f) => {
        const wanted = f.name === 'header.json' || f.name === '_journal/start.json' || /^samples\/[^/]+\.json$/.test(f.name);
        if (!wanted) return false;
        total += f.originalSize;
        if (f.originalSize > MAX_MEMBER_BYTES || total > MAX_TOTAL_BYTES) {
          tooBig.push(`${f.name} (${formatBytes(f.originalSize)})`);
          return false;
        }
        return true;
      },
    });
  } catch (err) {
    ctx.problems.error(probe.rel, `not a readable .eval zip: ${err instanceof Error ? err.message : String(err)}`, { dialect: 'inspect' });
    return undefined;
  }
  if (tooBig.length) ctx.problems.warning(probe.rel, `zip members too large to unpack were left out: ${tooBig.slice(0, 3).join(', ')}${tooBig.length > 3 ? ', …' : ''}`, { dialect: 'inspect' });
  const json = (name: string): { value: unknown; text: string } | undefined => {
    const m = members[name];
    if (!m) return undefined;
    const text = new TextDecoder().decode(m);
    const parsed = parseJson(text);
    if (!parsed.ok) {
      ctx.problems.error(`${probe.rel}:${name}`, `invalid JSON in the zip: ${parsed.message}`, { line: parsed.position.line, column: parsed.position.column, dialect: 'inspect' });
      return undefined;
    }
    return { value: parsed.value, text };
  };
  // A log still being written has only the journal: its spec, and status "started".
  const headerName = members['header.json'] ? 'header.json' : '_journal/start.json';
  const header = json(headerName);
  if (!header) {
    ctx.problems.error(probe.rel, 'a .eval zip without header.json or _journal/start.json', { dialect: 'inspect' });
    return undefined;
  }
  const headerValue = isObj(header.value) && headerName !== 'header.json' && !('status' in header.value) ? { ...header.value, status: 'started' } : header.value;
  if (!conformsOrReport(SCHEMA, headerValue, { file: `${probe.rel}:${headerName}`, text: header.text, dialect: 'inspect' }, ctx.problems)) return undefined;
  const samples: InspectSample[] = [];
  for (const name of Object.keys(members).filter((n) => n.startsWith('samples/')).sort(bySampleOrder)) {
    const s = json(name);
    if (s && conformsOrReport('inspect-sample.schema.json', s.value, { file: `${probe.rel}:${name}`, text: s.text, dialect: 'inspect' }, ctx.problems)) samples.push(s.value);
  }
  return { header: headerValue, samples };
}

// samples/<id>_epoch_<n>.json are stored in no particular order: id, then epoch.
function bySampleOrder(a: string, b: string): number {
  const key = (n: string) => /^samples\/(.+)_epoch_(\d+)\.json$/.exec(n);
  const [ka, kb] = [key(a), key(b)];
  if (!ka || !kb) return a.localeCompare(b);
  return ka[1]!.localeCompare(kb[1]!, undefined, { numeric: true }) || Number(ka[2]) - Number(kb[2]);
}

const OUTCOME = new Map<string, RunOutcome>([
  ['success', 'complete'],
  ['started', 'running'],
  ['cancelled', 'cancelled'],
  ['error', 'error'],
]);

function toRun(log: InspectLog, samples: InspectSample[], probe: Probe, ctx: ReadContext): RunDraft {
  const e = log.eval;
  const epochs = e.config?.epochs ?? 1;
  const task: TaskResult = { task: e.task, metrics: metricsOf(log) };
  const primary = choosePrimary(task.metrics);
  if (primary) task.primary = primary;
  const completed = log.results?.completed_samples;
  // Samples are counted once per epoch; the score is over distinct samples (epochs reduced).
  if (completed !== undefined) task.numSamples = Math.round(completed / Math.max(1, epochs));
  const full = e.dataset?.samples;
  if (typeof full === 'number' && task.numSamples !== undefined && full > task.numSamples) task.numSamplesOriginal = full;
  const run: RunDraft = { model: e.model, idHint: `${basename(e.model)}-${basename(e.task)}-inspect`, dialect: 'inspect', sources: [{ path: probe.rel }], tasks: [task] };
  if (e.created) run.timestamp = e.created;
  const outcome = log.status ? OUTCOME.get(log.status) : undefined;
  if (outcome) run.status = outcome;
  if (log.status && log.status !== 'success') {
    ctx.problems.warning(probe.rel, `Inspect log status "${log.status}"${log.error?.message ? `: ${log.error.message.split('\n')[0]}` : ''}; its scores cover ${completed ?? '?'} of ${log.results?.total_samples ?? '?'} samples`, { pointer: '/status', dialect: 'inspect' });
  }
  const limit = e.config?.limit;
  if (typeof limit === 'number') run.sampling = { limit };
  const settings = dict<unknown>();
  for (const key of ['config', 'model_args', 'task_args'] as const) if (isObj(e[key]) && Object.keys(e[key]).length) settings[key] = e[key];
  if (isObj(log.plan) && isObj(log.plan.config) && Object.keys(log.plan.config).length) settings.generate_config = log.plan.config;
  if (Object.keys(settings).length) run.settings = settings;
  const env: NonNullable<RunDraft['environment']> = {};
  const version = e.packages?.inspect_ai;
  if (version) env.packages = { inspect_ai: version };
  if (e.revision?.commit) env.gitCommit = e.revision.commit;
  if (log.stats?.started_at) env.startedAt = log.stats.started_at;
  if (Object.keys(env).length) run.environment = env;
  const seconds = log.stats?.started_at && log.stats.completed_at ? (Date.parse(log.stats.completed_at) - Date.parse(log.stats.started_at)) / 1000 : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) run.system = { totalTimeSeconds: seconds };
  const examples = samples.map((s) => exampleOf(s, epochs));
  if (examples.length) run.examples = { [e.task]: examples };
  return run;
}

/** Each scorer's metrics; "stderr"/"std" are attached to the scorer's mean-like metric. */
function metricsOf(log: InspectLog): Metric[] {
  const scores = log.results?.scores ?? [];
  const out: Metric[] = [];
  for (const s of scores) {
    const entries = Object.entries(s.metrics);
    const stderr = entries.find(([k]) => k === 'stderr')?.[1].value;
    for (const [key, m] of entries) {
      if (key === 'stderr' || key === 'std' || key === 'var') continue;
      const name = m.name ?? key;
      const metric: Metric = { name, value: m.value ?? null, higherIsBetter: defaultHigherIsBetter(name), scale: guessScale(name, m.value ?? null) };
      // Several scorers may report the same metric: the scorer tells them apart, like lm-eval's filter.
      if (scores.length > 1 || s.name !== name) metric.filter = s.name;
      if ((name === 'accuracy' || name === 'mean') && typeof stderr === 'number') metric.stderr = stderr;
      out.push(metric);
    }
  }
  return out;
}

// Inspect's value_to_float: C(orrect) 1, I(ncorrect) 0, P(artial) 0.5, N(o answer) 0.
const LETTER = new Map([['C', 1], ['I', 0], ['P', 0.5], ['N', 0]]);

function exampleOf(s: InspectSample, epochs: number): ExampleRecord {
  const id = epochs > 1 ? `${s.id}#${s.epoch ?? 1}` : String(s.id);
  const [scorer] = Object.entries(s.scores ?? {});
  const score = scorer?.[1];
  const raw = score?.value;
  const value = typeof raw === 'number' ? raw : typeof raw === 'boolean' ? Number(raw) : typeof raw === 'string' ? LETTER.get(raw) : undefined;
  const status: ExampleRecord['status'] = raw === 'N' ? 'unscorable' : value === undefined ? 'unlabelled' : value >= 1 ? 'correct' : 'incorrect';
  const rec: ExampleRecord = { id, status };
  const prompt = textOf(s.input);
  if (prompt) rec.prompt = prompt;
  const response = isObj(s.output) && Array.isArray(s.output.choices) ? textOf(isObj(s.output.choices[0]) ? s.output.choices[0].message : undefined) : '';
  if (response) rec.response = response;
  const target = Array.isArray(s.target) ? s.target.filter((t) => typeof t === 'string').join(' | ') : typeof s.target === 'string' ? s.target.trim() : '';
  if (target) rec.reference = target;
  if (typeof score?.answer === 'string') rec.extracted = score.answer;
  if (typeof score?.explanation === 'string' && score.explanation !== score.answer) rec.explanation = score.explanation;
  if (status === 'unscorable') rec.reason = 'the scorer found no answer (N)';
  if (value !== undefined && scorer) rec.metrics = Object.assign(dict<number | null>(), { [scorer[0]]: value });
  if (rec.response && rec.extracted) {
    const at = rec.response.lastIndexOf(rec.extracted);
    if (at !== -1) rec.extractedSpan = [at, at + rec.extracted.length];
  }
  return rec;
}

/** Text of an input or message: a string, a message, or a list of messages / content parts. */
function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    return v
      .map((m) => (isObj(m) && typeof m.role === 'string' ? `${m.role}: ${textOf(m.content)}` : textOf(m)))
      .filter(Boolean)
      .join('\n\n');
  }
  if (isObj(v)) {
    if (typeof v.text === 'string') return v.text;
    if ('content' in v) return textOf(v.content);
  }
  return '';
}


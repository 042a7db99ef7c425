/**
 * lm-evaluation-harness results files: v0.3 (`acc`, `acc_stderr`, config.num_fewshot) and 0.4.x
 * (`acc,none`, `acc_stderr,none`, groups, group_subtasks, n-shot, n-samples, higher_is_better,
 * versions, configs, environment). Reads sibling `samples_<task>_<timestamp>.jsonl` too.
 */
import { pointerSegment } from '../../../domain/json-source.ts';
import { basename, dirname, join } from 'node:path';
import type { Adapter, AdapterResult, Probe, ReadContext, RunDraft, SpooledExamples } from '../adapter.ts';
import type { Environment, ExampleRecord, Metric, TaskResult } from '../../../schemas/types.gen.ts';
import { choosePrimary, defaultHigherIsBetter, guessScale, toMetricValue, toMetricValueReported, toStderr } from '../../../domain/metrics.ts';
import { redactValue } from '../lib/redact.ts';
import { parseSamplesName, readSamplesFile } from './lm-eval-samples.ts';
import { parseEnvInfo } from '../lib/env-info.ts';
import { type Obj, dict, isObj } from '../../../domain/guards.ts';


/** True for the shape of an lm-eval results object. */
export function looksLikeLmEvalResults(v: unknown): v is Obj {
  if (!isObj(v) || !isObj(v.results)) return false;
  if (!('versions' in v || 'config' in v || 'configs' in v || 'n-shot' in v)) return false;
  return Object.values(v.results).every(isObj);
}

const SKIP_KEYS = new Set(['alias', 'name', 'sample_len', 'sample_count', 'samples', ' ', '']);

export const lmEvalResultsAdapter: Adapter = {
  dialect: 'lm-eval',
  detect(probe, ctx) {
    if (probe.kind !== 'file' || !probe.name.endsWith('.json')) return 0;
    const doc = ctx.readJson(probe.path);
    return doc && looksLikeLmEvalResults(doc.value) ? 0.95 : 0;
  },
  read(probe, ctx) {
    const doc = ctx.readJson(probe.path, 'lm-eval');
    if (!doc || !isObj(doc.value)) return { runs: [] };
    return readLmEvalResults(doc.value, probe, ctx);
  },
};

export function readLmEvalResults(d: Obj, probe: Probe, ctx: ReadContext): AdapterResult {
  const results = d.results as Record<string, Obj>;
  const config = isObj(d.config) ? d.config : {};
  const nShot = isObj(d['n-shot']) ? d['n-shot'] : {};
  const versions = isObj(d.versions) ? d.versions : {};
  const hib = isObj(d.higher_is_better) ? d.higher_is_better : {};
  const nSamples = isObj(d['n-samples']) ? d['n-samples'] : {};
  const groupNames = new Set(isObj(d.groups) ? Object.keys(d.groups) : []);
  const parentOf = new Map<string, string>();
  if (isObj(d.group_subtasks)) {
    for (const [group, children] of Object.entries(d.group_subtasks)) {
      if (Array.isArray(children) && children.length) {
        groupNames.add(group);
        for (const c of children) if (typeof c === 'string') parentOf.set(c, group);
      }
    }
  }
  const v03FewShot = toMetricValue(config.num_fewshot)?.value ?? null;

  const tasks: TaskResult[] = [];
  for (const [task, row] of Object.entries(results)) {
    const metrics = readMetricRow(row, isObj(hib[task]) ? hib[task] : {}, (key, message, found) =>
      ctx.problems.warning(probe.rel, message, { pointer: `/results/${pointerSegment(task)}/${pointerSegment(key)}`, found, dialect: 'lm-eval' }),
    );
    const t: TaskResult = { task, metrics };
    if (typeof row.alias === 'string' && row.alias.trim() !== task) t.alias = row.alias.trim().replace(/^-\s*/, '');
    const parent = parentOf.get(task) ?? aliasParent(task, results);
    if (parent) t.group = parent;
    if (groupNames.has(task)) t.isGroup = true;
    const shots = task in nShot ? toMetricValue(nShot[task])?.value : v03FewShot;
    if (shots !== undefined && shots !== null) t.nShot = Math.round(shots);
    const version = versions[task];
    if (typeof version === 'string' || typeof version === 'number') t.version = version;
    const ns = nSamples[task];
    if (isObj(ns)) {
      if (typeof ns.effective === 'number') t.numSamples = ns.effective;
      if (typeof ns.original === 'number' && ns.original !== ns.effective) t.numSamplesOriginal = ns.original;
    } else if (typeof row.sample_len === 'number') t.numSamples = row.sample_len;
    const primary = choosePrimary(metrics);
    if (primary) t.primary = primary;
    tasks.push(t);
  }

  // Per-example logs: sibling samples files with the same timestamp, or an embedded "samples" key.
  const examples = dict<ExampleRecord[]>();
  const spooled = dict<SpooledExamples>();
  const consumed: string[] = [];
  const stamp = /(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d+)/.exec(probe.name)?.[1];
  if (stamp) {
    const dir = dirname(probe.path);
    for (const name of ctx.tree.list(dir)) {
      const parsed = parseSamplesName(name);
      if (!parsed || parsed.timestamp !== stamp) continue;
      const task = tasks.find((t) => t.task === parsed.task);
      const filter = task?.primary?.split(',')[1];
      const read = readSamplesFile(join(dir, name), ctx, filter);
      consumed.push(join(dir, name));
      if (read?.spooled) spooled[read.task] = read.spooled;
      else if (read) examples[read.task] = read.examples;
    }
  }
  if (isObj(d.samples)) {
    for (const [task, lines] of Object.entries(d.samples)) {
      if (Array.isArray(lines)) examples[task] = embeddedSamples(lines, task, ctx, probe.rel);
    }
  }

  const limit = toMetricValue(config.limit)?.value;
  const run: RunDraft = {
    model: modelName(d, config, probe),
    dialect: 'lm-eval',
    sources: [{ path: probe.rel }],
    tasks,
    settings: redactValue({ ...pickSettings(config), ...provenanceSettings(d) }),
    environment: environment(d, config),
  };
  if (typeof d.date === 'number') run.timestamp = new Date(d.date * 1000).toISOString();
  if (typeof limit === 'number' && limit > 0) run.sampling = { limit, ...(limit < 1 ? { fraction: limit } : {}) };
  else {
    // --samples (explicit document indices) leaves config.limit null: the task counts tell.
    const partial = tasks.filter((t) => !t.isGroup && t.numSamples !== undefined && t.numSamplesOriginal !== undefined && t.numSamples < t.numSamplesOriginal);
    if (partial.length) {
      const share = partial.reduce((s, t) => s + t.numSamples!, 0) / partial.reduce((s, t) => s + t.numSamplesOriginal!, 0);
      run.sampling = { fraction: Math.round(share * 10000) / 10000 };
    }
  }
  const total = toMetricValue(d.total_evaluation_time_seconds)?.value;
  if (typeof total === 'number') run.system = { totalTimeSeconds: total };
  if (Object.keys(examples).length) run.examples = examples;
  if (Object.keys(spooled).length) run.spooled = spooled;
  return { runs: [run], consumed };
}

/** Splits `metric,filter` keys; `metric_stderr,filter` becomes the stderr of `metric,filter`. */
/** `report` hears of fields that are not plain numbers, by key. */
export function readMetricRow(row: Obj, higher: Obj, report: (key: string, message: string, found: string) => void = () => {}): Metric[] {
  const byKey = new Map<string, Metric>();
  const stderrs = new Map<string, number | null>();
  for (const [key, raw] of Object.entries(row)) {
    if (SKIP_KEYS.has(key)) continue;
    if (isObj(raw) || Array.isArray(raw) || typeof raw === 'boolean') {
      report(key, `metric "${key}" is ${Array.isArray(raw) ? 'an array' : isObj(raw) ? 'an object' : 'a boolean'}, not a number; not read`, JSON.stringify(raw).slice(0, 60));
      continue;
    }
    const comma = key.indexOf(',');
    const name = comma === -1 ? key : key.slice(0, comma);
    const filter = comma === -1 ? 'none' : key.slice(comma + 1);
    if (name.endsWith('_stderr')) {
      const se = toStderr(raw);
      stderrs.set(`${name.slice(0, -7)},${filter}`, se === undefined ? null : se);
      continue;
    }
    const v = toMetricValueReported(raw, (message, found) => report(key, `metric "${key}": ${message}`, found));
    if (!v) continue;
    const hb = typeof higher[name] === 'boolean' ? (higher[name] as boolean) : defaultHigherIsBetter(name);
    // RULER-style per-length metrics ("4096,none") write -1 for a length that was not evaluated.
    const notEvaluated = /^\d+$/.test(name) && v.value === -1;
    const m: Metric = { name, filter, value: notEvaluated ? null : v.value, higherIsBetter: hb, scale: guessScale(name, notEvaluated ? null : v.value) };
    if (notEvaluated) m.raw = 'not evaluated (-1)';
    else if (v.raw !== undefined) m.raw = v.raw;
    byKey.set(`${name},${filter}`, m);
  }
  for (const [key, se] of stderrs) {
    const m = byKey.get(key);
    if (m) m.stderr = se;
  }
  return [...byKey.values()];
}

// v0.4 aliases indent subtasks (" - humanities", "  - formal_logic"); without group_subtasks the
// nearest preceding row with less indentation is the parent.
function aliasParent(task: string, results: Record<string, Obj>): string | undefined {
  const depth = (t: string): number => {
    const a = results[t]?.alias;
    if (typeof a !== 'string') return 0;
    const m = /^(\s*)-\s/.exec(a);
    return m ? m[1]!.length + 1 : 0;
  };
  const mine = depth(task);
  if (mine === 0) return undefined;
  const order = Object.keys(results);
  for (let i = order.indexOf(task) - 1; i >= 0; i--) if (depth(order[i]!) < mine) return order[i];
  return undefined;
}

function modelName(d: Obj, config: Obj, probe: Probe): string {
  if (typeof d.model_name === 'string' && d.model_name) return d.model_name;
  const args = config.model_args;
  if (isObj(args)) {
    for (const k of ['pretrained', 'model', 'model_name', 'path']) if (typeof args[k] === 'string') return args[k] as string;
  } else if (typeof args === 'string') {
    const m = /(?:^|,)\s*(?:pretrained|model|path)=([^,]+)/.exec(args);
    if (m) return m[1]!;
  }
  // Fall back to the file name without its timestamp: pythia-1.4b-0shot-global_step11500.
  return basename(probe.name, '.json').replace(/(_eval_results)?[_-]\d{2,4}-\d{2}-\d{2,4}[T_-][\d.-]+$/, '').replace(/^results_?/, '') || basename(dirname(probe.path));
}

// What lm-eval 0.4.x records beside config that decides what was measured: hashes of each task's
// documents and prompts, the chat template and system instruction, few-shot as multi-turn.
const PROVENANCE_KEYS = ['task_hashes', 'chat_template_sha', 'system_instruction_sha', 'fewshot_as_multiturn'];

function provenanceSettings(d: Obj): Obj {
  const out: Obj = {};
  for (const k of PROVENANCE_KEYS) {
    const v = d[k];
    if (v === undefined || v === null || (isObj(v) && !Object.keys(v).length)) continue;
    out[k] = v;
  }
  return out;
}

function pickSettings(config: Obj): Obj {
  const out = dict<unknown>();
  for (const [k, v] of Object.entries(config)) {
    // The neox wrapper puts its whole training config in model_args; keep a pointer, not 40 KB.
    if (k === 'model_args' && isObj(v) && Object.keys(v).length > 40) out[k] = `(${Object.keys(v).length} keys)`;
    else out[k] = v;
  }
  return out;
}

function environment(d: Obj, config: Obj): Environment {
  const env: Environment = typeof d.pretty_env_info === 'string' ? parseEnvInfo(d.pretty_env_info) : {};
  const packages: Record<string, string> = { ...(env.packages ?? {}) };
  if (typeof d.transformers_version === 'string') packages.transformers = d.transformers_version;
  if (typeof d.lm_eval_version === 'string') packages['lm-eval'] = d.lm_eval_version;
  if (Object.keys(packages).length) env.packages = packages;
  if (typeof d.git_hash === 'string') env.gitCommit = d.git_hash;
  const seed = toMetricValue(config.random_seed)?.value;
  if (typeof seed === 'number') env.seed = seed;
  return env;
}

function embeddedSamples(lines: unknown[], task: string, ctx: ReadContext, rel: string): ExampleRecord[] {
  return lines.filter(isObj).map((s, i) => {
    const rec: ExampleRecord = { id: String(s.doc_id ?? i), status: 'unlabelled' };
    const target = s.target;
    if (target !== undefined) rec.reference = typeof target === 'string' ? target : JSON.stringify(target);
    const resp = Array.isArray(s.filtered_resps) ? s.filtered_resps[0] : undefined;
    if (typeof resp === 'string') rec.response = resp;
    const em = toMetricValue(s.exact_match)?.value ?? toMetricValue(s.acc)?.value;
    if (em === 1 || em === 0) rec.status = em === 1 ? 'correct' : 'incorrect';
    return rec;
  }).filter((r) => {
    if (!r.id) ctx.problems.warning(rel, `embedded sample without doc_id in ${task}`);
    return true;
  });
}

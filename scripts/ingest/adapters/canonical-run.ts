/**
 * Canonical run directories (seed 003's layout, and what `collect` writes): run_meta.json,
 * quality_summary.json/csv, <bench>/<bench>_results.jsonl + _metrics.json/csv + _unscorable.jsonl,
 * throughput_results.json/csv, online_results.json/csv with rate_<N>/summary.json, and config
 * snapshots (*.yaml). Any JSON summary may be replaced by its CSV form.
 */
import { inconsistentCounts, markImpossible } from '../impossible-values.ts';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Adapter, InputTree, Probe, ReadContext, RecordDraft, RunDraft, SpooledExamples } from '../adapter.ts';
import { ListedExamples } from '../lib/listed-examples.ts';
import type { BenchMetrics, ConfigFile, Environment, ExampleRecord, ResultLine, RunMeta, RunSampling, ServingResult, TaskResult } from '../../../schemas/types.gen.ts';
import { conformsOrReport, isValid, validate } from '../../../domain/validate.ts';
import { readCsvRecords } from '../lib/csv.ts';
import { canonicalServingMetrics, requestRate } from '../lib/serving-metrics.ts';
import { redactText, redactValue } from '../lib/redact.ts';
import { looksLikeLmEvalResults, readLmEvalResults } from './lm-eval-results.ts';
import { type Obj, dict, isObj } from '../../../domain/guards.ts';


const MARKERS = ['run_meta.json', 'quality_summary.json', 'quality_summary.csv', 'throughput_results.json', 'throughput_results.csv', 'online_results.json', 'online_results.csv'];
const KNOWN_META_KEYS = new Set(['timestamp_utc', 'hostname', 'seed', 'git_commit', 'python_version', 'torch_version', 'vllm_version', 'transformers_version', 'datasets_version', 'slurm_job_id', 'slurm_array_job_id', 'slurm_array_task_id', 'gpus', 'config_hash', 'model', 'variant', 'description', 'quantization', 'os', 'driver_version', 'cuda_version', 'cudnn_version', 'packages', 'command', 'vram_peak_mb', 'total_time_s', 'sampling', 'lm_eval_version', 'status', 'baseline', 'serve_command', 'sequential', 'failure', 'quantize', 'shards']);

function benchDirs(dir: string, entries: string[], tree: InputTree): string[] {
  return entries.filter((e) => {
    const p = join(dir, e);
    return tree.isDir(p) && (tree.isFile(join(p, `${e}_results.jsonl`)) || tree.isFile(join(p, `${e}_metrics.json`)) || tree.isFile(join(p, `${e}_metrics.csv`)));
  });
}

export const canonicalRunAdapter: Adapter = {
  dialect: 'canonical',
  detect(probe, ctx) {
    if (probe.kind !== 'dir') return 0;
    const entries = probe.entries ?? [];
    if (entries.some((e) => MARKERS.includes(e))) return 0.95;
    return benchDirs(probe.path, entries, ctx.tree).length ? 0.8 : 0;
  },
  read(probe, ctx) {
    const run = readCanonicalRun(probe, ctx);
    if (run.tasks.length === 0 && !run.serving?.length) {
      // A run that crashed before writing results: said once, not shown as an empty run.
      ctx.problems.warning(probe.rel, `run directory holds no results (${probe.entries?.includes('run_meta.json') ? 'run_meta.json but ' : ''}no <bench>/<bench>_results.jsonl or _metrics.json, no quality summary, no serving results); not shown`, { dialect: 'canonical' });
      return { runs: [] };
    }
    return { runs: [run], records: recordsOf(probe, ctx) };
  },
};

/**
 * The collector's experiment records of the run (record.zh.md, record.en.md, seed 001's shape):
 * attached to the run, so its page links the record in the page's language.
 */
function recordsOf(probe: Probe, ctx: ReadContext): RecordDraft[] {
  return (['zh', 'en'] as const).flatMap((lang) => {
    const path = join(probe.path, `record.${lang}.md`);
    if (!probe.entries?.includes(`record.${lang}.md`)) return [];
    const text = ctx.readText(path)?.text;
    if (text === undefined) return [];
    const heading = text.split('\n').find((l) => l.startsWith('# '));
    const title = heading?.slice(2).trim() || `record.${lang}.md`;
    return [{ runIndex: 0, title, markdown: redactText(text), lang, source: ctx.rel(path) }];
  });
}

function readCanonicalRun(probe: Probe, ctx: ReadContext): RunDraft {
  const dir = probe.path;
  const entries = probe.entries ?? ctx.tree.list(dir);
  const file = (name: string) => join(dir, name);
  const sources: { path: string }[] = [];
  const use = (name: string) => sources.push({ path: ctx.rel(file(name)) });

  const meta = readMeta(dir, entries, ctx);
  if (meta) use('run_meta.json');
  const configFiles = readConfigs(dir, entries, ctx);
  const model = meta?.model ?? modelFromConfigs(configFiles) ?? basename(dir);

  const tasks: TaskResult[] = [];
  // Per-example records by task: listed, or spooled to shards as they were read (ReadContext.spool).
  const examples = dict<ExampleRecord[]>();
  const spooled = dict<SpooledExamples>();
  const keep = (task: string, records: SpooledExamples) => {
    if (!records.count) records.discard();
    else if (records instanceof ListedExamples) examples[task] = records.records;
    else spooled[task] = records;
  };
  let sampled: NonNullable<BenchMetrics['sampling']> | undefined;
  for (const bench of benchDirs(dir, entries, ctx.tree)) {
    const read = readBench(join(dir, bench), bench, ctx);
    if (read) {
      tasks.push(read.task);
      if (read.sampling) sampled = read.sampling;
      keep(bench, read.examples);
      sources.push(...read.sources.map((path) => ({ path })));
    }
  }
  // Without bench folders, quality_summary is the only source of accuracy.
  if (!tasks.length) tasks.push(...readQualitySummary(dir, entries, ctx, use));
  // lm-evaluation-harness output the collector put in lm_eval/ (loglikelihood tasks, perplexity).
  const lmEval = entries.includes('lm_eval') ? readLmEvalDir(join(dir, 'lm_eval'), ctx) : undefined;
  if (lmEval) {
    for (const r of lmEval) {
      // A task a bench folder (or an earlier results file) already gave keeps its own examples too.
      const added = new Set(r.run.tasks.filter((t) => !tasks.some((x) => x.task === t.task)).map((t) => t.task));
      tasks.push(...r.run.tasks.filter((t) => added.has(t.task)));
      for (const [task, records] of Object.entries(r.run.examples ?? {})) if (added.has(task)) examples[task] = records;
      for (const [task, records] of Object.entries(r.run.spooled ?? {})) {
        if (added.has(task)) spooled[task] = records;
        else records.discard();
      }
      sources.push(...r.run.sources);
    }
  }

  const serving: ServingResult[] = [];
  const throughput = readSummary(dir, entries, 'throughput_results', ctx);
  if (throughput) {
    use(throughput.name);
    for (const row of throughput.rows) serving.push({ mode: 'offline', metrics: canonicalServingMetrics(row), ...(typeof row.num_prompts === 'number' ? { numPrompts: row.num_prompts } : {}) });
  }
  const online = readSummary(dir, entries, 'online_results', ctx);
  if (online) {
    use(online.name);
    for (const row of online.rows) serving.push(onlinePoint(row));
  } else {
    for (const rateDir of entries.filter((e) => /^rate_[\d.]+|rate_inf$/.test(e)).sort((a, b) => parseFloat(a.slice(5)) - parseFloat(b.slice(5)))) {
      const summary = ctx.readJson(join(dir, rateDir, 'summary.json'), 'canonical');
      if (summary && isObj(summary.value)) {
        sources.push({ path: ctx.rel(join(dir, rateDir, 'summary.json')) });
        serving.push(onlinePoint({ request_rate: rateDir.slice(5), ...summary.value }));
      }
    }
  }

  const run: RunDraft = { model, idHint: `${model.split('/').pop()}-${basename(dir)}`, dialect: 'canonical', sources: sources.length ? sources : [{ path: probe.rel }], tasks };
  if (meta) {
    if (typeof meta.variant === 'string') run.variant = meta.variant;
    if (typeof meta.description === 'string') run.description = meta.description;
    if (meta.quantization !== undefined) run.quantization = meta.quantization;
    // The collector quantized this variant itself (seed 001's parameters): method and parameters.
    if (isObj(meta.quantize)) {
      if (typeof meta.quantize.method === 'string' && !run.quantization) run.quantization = meta.quantize.method;
      run.quantizationParams = redactValue(meta.quantize);
    }
    run.timestamp = meta.timestamp_utc;
    // A collector still running (or stopped with Ctrl-C) says so; the run is shown with that mark.
    if (meta.status === 'failed') {
      // The collector stopped it: the server died or requests kept failing. Shown as an error run.
      run.status = 'error';
      ctx.problems.warning(ctx.rel(file('run_meta.json')), `the collector stopped this run as failed: ${meta.failure ?? 'no reason recorded'}; its scores cover only the examples answered before`, { pointer: '/status', dialect: 'canonical' });
    } else if (meta.status) run.status = meta.status;
    run.environment = environmentOf(meta);
    const system: NonNullable<RunDraft['system']> = {};
    if (typeof meta.vram_peak_mb === 'number') system.vramPeakMb = meta.vram_peak_mb;
    if (typeof meta.total_time_s === 'number') system.totalTimeSeconds = meta.total_time_s;
    if (Object.keys(system).length) run.system = system;
  }
  const sampling = runSampling(meta?.sampling, sampled, lmEval?.map((r) => r.run.sampling));
  if (sampling) run.sampling = sampling;
  if (serving.length) run.serving = serving;
  if (configFiles.length) run.configFiles = configFiles;
  if (Object.keys(examples).length) run.examples = examples;
  if (Object.keys(spooled).length) run.spooled = spooled;
  return run;
}

/**
 * A run is sampled when run_meta says so (fraction or count), when a bench evaluated a subset, or
 * when its lm-eval output used --limit; every source of the fact is kept, none wins silently.
 */
function runSampling(meta: RunMeta['sampling'], bench: BenchMetrics['sampling'], lmEval: (RunSampling | undefined)[] = []): RunSampling | undefined {
  const out: RunSampling = {};
  for (const s of [meta, bench]) {
    if (!s) continue;
    if (out.fraction === undefined && s.fraction !== undefined) out.fraction = s.fraction;
    if (out.count === undefined && s.count !== undefined) out.count = s.count;
    if (out.seed === undefined && s.seed !== undefined) out.seed = s.seed;
  }
  if (meta?.plan !== undefined) out.plan = meta.plan;
  if (out.fraction === undefined && bench?.count && bench.of) out.fraction = Math.min(1, bench.count / bench.of);
  const limited = lmEval.find((s) => s?.limit !== undefined);
  if (limited?.limit !== undefined) out.limit = limited.limit;
  return Object.keys(out).length ? out : undefined;
}

function findFiles(dir: string, pattern: RegExp, tree: InputTree, depth = 0): string[] {
  if (depth > 8) return [];
  return tree.list(dir).flatMap((e) => {
    const p = join(dir, e);
    return tree.isDir(p) ? findFiles(p, pattern, tree, depth + 1) : pattern.test(e) && tree.isFile(p) ? [p] : [];
  });
}

function readLmEvalDir(dir: string, ctx: ReadContext): { run: RunDraft }[] {
  return findFiles(dir, /^results_.*\.json$/, ctx.tree).flatMap((path) => {
    const doc = ctx.readJson(path, 'lm-eval');
    if (!doc || !looksLikeLmEvalResults(doc.value)) return [];
    const probe: Probe = { path, rel: ctx.rel(path), kind: 'file', name: basename(path) };
    const run = readLmEvalResults(doc.value as Record<string, unknown>, probe, ctx).runs[0];
    return run ? [{ run }] : [];
  });
}

function readMeta(dir: string, entries: string[], ctx: ReadContext): RunMeta | undefined {
  if (!entries.includes('run_meta.json')) return undefined;
  const path = join(dir, 'run_meta.json');
  const doc = ctx.readJson(path, 'canonical');
  if (!doc) return undefined;
  if (!isObj(doc.value)) {
    ctx.problems.error(ctx.rel(path), 'run_meta.json must be a JSON object; ignored', { pointer: '', dialect: 'canonical' });
    return undefined;
  }
  // Keep what is valid: an invalid field is dropped (and reported), not the whole provenance.
  const meta: Obj = { ...doc.value };
  const problems = validate('run-meta.schema.json', meta, { file: ctx.rel(path), text: doc.text, dialect: 'canonical' });
  for (const p of problems) {
    const top = p.pointer?.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
    ctx.problems.add({ ...p, severity: 'warning', message: `${p.message}; field ignored` });
    if (top) delete meta[top];
  }
  // Still invalid without the bad fields (a required one is missing): no provenance at all.
  if (problems.length && !isValid('run-meta.schema.json', meta)) return undefined;
  const unknown = Object.keys(meta).filter((k) => !KNOWN_META_KEYS.has(k));
  if (unknown.length) ctx.problems.add({ severity: 'info', file: ctx.rel(path), pointer: `/${unknown[0]}`, dialect: 'canonical', message: `unknown field(s) ignored: ${unknown.join(', ')}` });
  return meta as unknown as RunMeta;
}

function environmentOf(m: RunMeta): Environment {
  const env: Environment = {};
  if (m.hostname) env.hostname = m.hostname;
  if (m.os) env.os = m.os;
  if (m.python_version) env.python = m.python_version;
  if (m.gpus?.length) env.gpus = m.gpus.map((g, i) => ({ index: g.index ?? i, name: g.name, ...(g.memory_mb ?? g.vram_mb ? { memoryMb: (g.memory_mb ?? g.vram_mb)! } : {}) }));
  if (m.driver_version) env.driver = m.driver_version;
  if (m.cuda_version) env.cuda = m.cuda_version;
  if (m.cudnn_version !== undefined && m.cudnn_version !== null) env.cudnn = String(m.cudnn_version);
  const packages: Record<string, string> = { ...(m.packages ?? {}) };
  for (const [k, name] of [['torch_version', 'torch'], ['vllm_version', 'vllm'], ['transformers_version', 'transformers'], ['datasets_version', 'datasets']] as const) {
    const v = m[k];
    if (typeof v === 'string') packages[name] = v;
  }
  if (Object.keys(packages).length) env.packages = packages;
  if (m.git_commit !== undefined) env.gitCommit = m.git_commit;
  if (m.seed !== undefined) env.seed = m.seed;
  if (m.config_hash) env.configHash = m.config_hash;
  if (m.slurm_job_id !== undefined && m.slurm_job_id !== null) env.slurmJobId = String(m.slurm_job_id);
  if (m.command) env.command = redactText(m.command);
  env.startedAt = m.timestamp_utc;
  return env;
}

function readConfigs(dir: string, entries: string[], ctx: ReadContext): ConfigFile[] {
  return entries
    .filter((e) => /\.(ya?ml|toml)$/.test(e))
    .map((e) => {
      const text = ctx.readText(join(dir, e))?.text ?? '';
      return { name: e, language: e.endsWith('.toml') ? 'toml' : 'yaml', text: redactText(text) } as ConfigFile;
    });
}

function modelFromConfigs(configs: ConfigFile[]): string | undefined {
  for (const c of configs.filter((f) => f.language === 'yaml')) {
    try {
      const y = parseYaml(c.text) as unknown;
      const found = findModel(y);
      if (found) return found;
    } catch {
      // A config that is not valid YAML is still shown; it just does not name the model.
    }
  }
  return undefined;
}

function findModel(y: unknown): string | undefined {
  if (!isObj(y)) return undefined;
  for (const k of ['model', 'model_name', 'served_model_name', 'model_id']) {
    const v = y[k];
    if (typeof v === 'string') return v;
    if (isObj(v)) {
      const inner = findModel(v) ?? (typeof v.name === 'string' ? v.name : typeof v.path === 'string' ? v.path : undefined);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** A JSON summary, or its CSV form, as a list of flat rows. */
function readSummary(dir: string, entries: string[], stem: string, ctx: ReadContext): { name: string; rows: Obj[] } | undefined {
  if (entries.includes(`${stem}.json`)) {
    const path = join(dir, `${stem}.json`);
    const doc = ctx.readJson(path, 'canonical');
    if (!doc) return undefined;
    const bad = validate('serving-results.schema.json', doc.value, { file: ctx.rel(path), text: doc.text, dialect: 'canonical' });
    if (bad.length) {
      bad.forEach((p) => ctx.problems.add(p));
      return undefined;
    }
    const v = doc.value as Obj;
    return { name: `${stem}.json`, rows: Array.isArray(v.results) ? (v.results as Obj[]) : [v] };
  }
  if (entries.includes(`${stem}.csv`)) {
    const rows = readCsvRecords(join(dir, `${stem}.csv`), ctx);
    return rows ? { name: `${stem}.csv`, rows } : undefined;
  }
  return undefined;
}

function onlinePoint(row: Obj): ServingResult {
  const p: ServingResult = { mode: 'online', metrics: canonicalServingMetrics(row) };
  const rate = requestRate(row.request_rate);
  if (rate !== undefined) p.requestRate = rate;
  return p;
}

function readQualitySummary(dir: string, entries: string[], ctx: ReadContext, use: (n: string) => void): TaskResult[] {
  let rows: Obj[] | undefined;
  if (entries.includes('quality_summary.json')) {
    const path = join(dir, 'quality_summary.json');
    const doc = ctx.readJson(path, 'canonical');
    if (doc) {
      const bad = validate('quality-summary.schema.json', doc.value, { file: ctx.rel(path), text: doc.text, dialect: 'canonical' });
      if (bad.length) bad.forEach((p) => ctx.problems.add(p));
      else {
        rows = (doc.value as { benchmarks: Obj[] }).benchmarks;
        use('quality_summary.json');
      }
    }
  } else if (entries.includes('quality_summary.csv')) {
    rows = readCsvRecords(join(dir, 'quality_summary.csv'), ctx);
    if (rows) use('quality_summary.csv');
  }
  return (rows ?? []).filter((r) => typeof r.benchmark === 'string').map((r) => taskFromMetrics(r as unknown as BenchMetrics));
}

function taskFromMetrics(m: BenchMetrics): TaskResult {
  if (m.type === 'perplexity') return perplexityTask(m);
  const value = typeof m.accuracy_pct === 'number' ? m.accuracy_pct / 100 : null;
  const t: TaskResult = { task: m.benchmark, primary: 'accuracy', metrics: [{ name: 'accuracy', value, higherIsBetter: true, scale: 'fraction', ...(value === null ? { raw: m.note ?? 'no labels' } : {}) }] };
  if (m.num_scorable !== undefined) t.numSamples = m.num_scorable;
  if (m.unscorable_examples !== undefined) t.numUnscorable = m.unscorable_examples;
  if (m.num_shots !== undefined) t.nShot = m.num_shots;
  const eff: NonNullable<TaskResult['efficiency']> = {};
  if (m.latency_seconds !== undefined) eff.latencySeconds = m.latency_seconds;
  if (m.questions_per_second !== undefined) eff.questionsPerSecond = m.questions_per_second;
  if (m.max_tokens !== undefined) eff.maxTokens = m.max_tokens;
  if (m.num_total && m.unscorable_examples !== undefined) eff.invalidRate = m.unscorable_examples / m.num_total;
  if (Object.keys(eff).length) t.efficiency = eff;
  return t;
}

/**
 * A perplexity run of the collector: PPL (primary) and mean NLL, and for a variant the KL of its
 * next-token distributions from the baseline's (mean, median, p99) and the share of positions
 * whose top token agrees.
 */
function perplexityTask(m: BenchMetrics): TaskResult {
  const raw = (name: string, value: number | undefined) => (value === undefined ? [] : [{ name, value, higherIsBetter: false, scale: 'raw' as const }]);
  const kl = m.kl ?? undefined;
  const t: TaskResult = {
    task: m.benchmark,
    primary: 'ppl',
    metrics: [
      ...raw('ppl', m.ppl),
      ...raw('nll', m.nll),
      ...(kl
        ? [
            ...raw('kl_mean', kl.mean).map((m) => (kl.mean_se !== undefined ? { ...m, stderr: kl.mean_se } : m)),
            ...raw('kl_median', kl.median),
            ...raw('kl_p99', kl.p99),
            { name: 'same_top_token', value: kl.same_top_token_pct / 100, higherIsBetter: true, scale: 'fraction' as const, ...(kl.same_top_token_se_pct !== undefined ? { stderr: kl.same_top_token_se_pct / 100 } : {}) },
          ]
        : []),
    ],
  };
  if (m.num_tokens !== undefined) t.numSamples = m.num_tokens;
  return t;
}

function readBench(dir: string, bench: string, ctx: ReadContext): { task: TaskResult; examples: SpooledExamples; sources: string[]; sampling?: NonNullable<BenchMetrics['sampling']> } | undefined {
  const sources: string[] = [];
  // One record per example id, where the id first appears. Where the context spools, records go
  // to shards as the lines are read: a results file of any size, with only each id's position kept.
  const examples = ctx.spool?.() ?? new ListedExamples();
  const position = new Map<string, number>();
  const resultsPath = join(dir, `${bench}_results.jsonl`);
  const unscorablePath = join(dir, `${bench}_unscorable.jsonl`);
  for (const path of [resultsPath, unscorablePath]) {
    if (!ctx.tree.isFile(path)) continue;
    const fromUnscorable = path === unscorablePath;
    const read = ctx.eachJsonl(
      path,
      (line) => {
        const value = line.value;
        if (!conformsOrReport('result-line.schema.json', value, { file: ctx.rel(path), text: line.text, line: line.line, dialect: 'canonical' }, ctx.problems)) return;
        const rec = toExample(value, fromUnscorable);
        const at = position.get(rec.id);
        if (at === undefined) {
          position.set(rec.id, examples.count);
          examples.push(rec);
        } else if (!fromUnscorable) {
          // In the results file a later line of an id replaces the earlier one (a resumed collector
          // asks a failed request again).
          examples.update(at, rec.status, () => rec);
        } else {
          // The unscorable file only adds what it knows to the result line.
          examples.update(at, 'unscorable', (prev) => ({ ...prev, ...Object.fromEntries(Object.entries(rec).filter(([k]) => !(k in prev) || k === 'reason')), status: 'unscorable' }));
        }
      },
      'canonical',
    );
    if (read) sources.push(ctx.rel(path));
  }
  let metrics: BenchMetrics | undefined;
  const metricsJson = join(dir, `${bench}_metrics.json`);
  if (ctx.tree.isFile(metricsJson)) {
    const doc = ctx.readJson(metricsJson, 'canonical');
    if (doc) {
      const value = doc.value;
      if (conformsOrReport('bench-metrics.schema.json', value, { file: ctx.rel(metricsJson), text: doc.text, dialect: 'canonical' }, ctx.problems)) {
        metrics = value;
        sources.push(ctx.rel(metricsJson));
      }
    }
  } else if (ctx.tree.isFile(join(dir, `${bench}_metrics.csv`))) {
    const rows = readCsvRecords(join(dir, `${bench}_metrics.csv`), ctx);
    const row = rows?.[0] ? { benchmark: bench, ...rows[0] } : undefined;
    // A CSV row is checked like the JSON form: line 2 is its first data row.
    if (row && conformsOrReport('bench-metrics.schema.json', row, { file: ctx.rel(join(dir, `${bench}_metrics.csv`)), line: 2, dialect: 'canonical' }, ctx.problems)) {
      metrics = row;
      sources.push(ctx.rel(join(dir, `${bench}_metrics.csv`)));
    }
  }
  if (!metrics && !examples.count) {
    examples.discard();
    return undefined;
  }
  // Without a metrics file the score is recomputed from the per-example lines.
  metrics ??= metricsFromExamples(bench, examples.outcomes());
  const task = taskFromMetrics({ ...metrics, benchmark: bench });
  const contradiction = inconsistentCounts(metrics);
  if (contradiction && task.metrics[0]) {
    ctx.problems.warning(sources.find((s) => /_metrics\.(json|csv)$/.test(s)) ?? ctx.rel(dir), `${contradiction.reason}; the accuracy is kept as raw, not ranked`, { pointer: `/${contradiction.field}`, dialect: 'canonical' });
    markImpossible(task.metrics[0], contradiction.reason);
    delete task.numSamples;
    delete task.numUnscorable;
    delete task.efficiency?.invalidRate;
  }
  if (metrics.sampling?.of) task.numSamplesOriginal = metrics.sampling.of;
  const q = metrics.sequential;
  if (q) {
    // collect --until-decided stopped this variant once non-inferiority was decided: keep how.
    task.sequential = { margin: q.margin, alpha: q.alpha, call: q.call, n: q.n_used, of: q.n_total, ...(q.decided_at ? { decidedAt: q.decided_at } : {}), interval: q.interval, ...(q.discordant ? { discordant: [q.discordant.lost, q.discordant.gained] } : {}), ...(q.baseline ? { baseline: q.baseline } : {}) };
  }
  return { task, examples, sources, ...(metrics.sampling ? { sampling: metrics.sampling } : {}) };
}

export function metricsFromExamples(bench: string, examples: ExampleRecord[]): BenchMetrics {
  const correct = examples.filter((e) => e.status === 'correct').length;
  const scorable = examples.filter((e) => e.status === 'correct' || e.status === 'incorrect').length;
  const unscorable = examples.filter((e) => e.status === 'unscorable').length;
  return { benchmark: bench, num_total: examples.length, num_scorable: scorable, num_correct: correct, unscorable_examples: unscorable, accuracy_pct: scorable ? (100 * correct) / scorable : null };
}

function toExample(l: ResultLine, fromUnscorableFile: boolean): ExampleRecord {
  const unscorable = fromUnscorableFile || l.scorable === false || (l.correct === null && (l.unscorable_reason || l.ambiguity_reason || l.error));
  const status: ExampleRecord['status'] = unscorable ? 'unscorable' : l.correct === true ? 'correct' : l.correct === false ? 'incorrect' : 'unlabelled';
  const rec: ExampleRecord = { id: String(l.id), status };
  const prompt = l.prompt ?? l.question;
  if (prompt !== undefined) rec.prompt = prompt;
  if (typeof l.response === 'string') rec.response = l.response;
  if (l.reference !== undefined && l.reference !== null) rec.reference = String(l.reference);
  if (l.extracted !== undefined) rec.extracted = l.extracted === null ? null : String(l.extracted);
  const reason = l.unscorable_reason ?? l.ambiguity_reason ?? l.error ?? undefined;
  if (reason && status === 'unscorable') rec.reason = reason;
  if (l.subject) rec.subject = l.subject;
  if (rec.response && rec.extracted) {
    const at = rec.response.lastIndexOf(rec.extracted);
    if (at !== -1) rec.extractedSpan = [at, at + rec.extracted.length];
  }
  return rec;
}

/**
 * GuideLLM benchmark reports (benchmarks.json), both generations: the older `{benchmarks}` with
 * `args.strategy` / `worker` per benchmark, and the newer `{metadata, args, benchmarks}` with
 * `config.strategy`. One report is one run; each benchmark (one strategy of a sweep: synchronous,
 * concurrent, throughput, constant or poisson rate) is one online serving point, keyed by its rate
 * and concurrency so no point of a sweep replaces another. Metrics are the successful requests'
 * distributions (GuideLLM excludes warmup and cooldown from them).
 */
import { basename } from 'node:path';
import type { Adapter, RunDraft } from '../adapter.ts';
import type { GuidellmReport, ServingResult, Strategy, Totals } from '../../../schemas/types.gen.ts';
import { conformsOrReport } from '../../../domain/validate.ts';
import { type Obj, dict, isObj } from '../../../domain/guards.ts';

const SCHEMA = 'guidellm-report.schema.json';

function looksLikeReport(v: unknown): boolean {
  if (!isObj(v) || !Array.isArray(v.benchmarks) || !isObj(v.benchmarks[0])) return false;
  const b = v.benchmarks[0];
  return isObj(b.metrics) && ('time_to_first_token_ms' in b.metrics || 'requests_per_second' in b.metrics) && (typeof b.type_ === 'string' || 'scheduler_state' in b || 'run_stats' in b);
}

export const guidellmAdapter: Adapter = {
  dialect: 'guidellm',
  detect(probe, ctx) {
    return probe.kind === 'file' && probe.name.endsWith('.json') && looksLikeReport(ctx.readJson(probe.path)?.value) ? 0.95 : 0;
  },
  read(probe, ctx) {
    const doc = ctx.readJson(probe.path, 'guidellm');
    if (!doc || !conformsOrReport(SCHEMA, doc.value, { file: probe.rel, text: doc.text, dialect: 'guidellm' }, ctx.problems)) return { runs: [] };
    const report = doc.value;
    const first = report.benchmarks[0]!;
    const model = report.args?.model ?? first.worker?.backend_model ?? basename(probe.name, '.json');
    const serving = report.benchmarks.map((b, i) => pointOf(b, i));
    const run: RunDraft = { model, idHint: `${basename(model)}-guidellm`, dialect: 'guidellm', sources: [{ path: probe.rel }], tasks: [], serving };
    // Reports of one model at several settings are named <org>_<model>_<settings>_benchmarks.json:
    // the settings part tells the runs apart.
    const variant = variantFromName(basename(probe.name, '.json'), model);
    if (variant) {
      run.variant = variant;
      run.idHint = `${basename(model)}-${variant}-guidellm`;
    }
    if (typeof first.start_time === 'number') run.timestamp = new Date(first.start_time * 1000).toISOString();
    const settings = dict<unknown>();
    const target = report.args?.target ?? first.worker?.backend_target;
    if (target) settings.target = target;
    const data = report.args?.data ?? first.request_loader?.data;
    if (data !== undefined && data !== null) settings.data = data;
    if (Object.keys(settings).length) run.settings = settings;
    const version = report.metadata?.guidellm_version;
    if (version) run.environment = { packages: { guidellm: version } };
    const incomplete = report.benchmarks.reduce((n, b) => n + (totalsOf(b)?.errored ?? 0), 0);
    if (incomplete) ctx.problems.warning(probe.rel, `${incomplete} request(s) errored across the benchmarks; the metrics are over the successful ones`, { dialect: 'guidellm' });
    return { runs: [run] };
  },
};

type Benchmark = GuidellmReport['benchmarks'][number];

function totalsOf(b: Benchmark): Totals | undefined {
  const inMetrics = b.metrics.request_totals;
  if (isObj(inMetrics) && typeof inMetrics.successful !== 'object') return inMetrics;
  return b.request_totals ?? undefined;
}

function strategyOf(b: Benchmark): Strategy | undefined {
  return b.config?.strategy ?? b.args?.strategy;
}

/** The successful requests' distribution of a metric (request_totals, a count, is not one). */
function successful(b: Benchmark, name: string): Obj | undefined {
  const m = b.metrics[name];
  const d = isObj(m) ? m.successful : undefined;
  return isObj(d) ? d : undefined;
}

const percentile = (d: Obj | undefined, p: string): unknown => (d && isObj(d.percentiles) ? d.percentiles[p] : undefined);

function pointOf(b: Benchmark, index: number): ServingResult {
  const metrics = dict<number | null>();
  const put = (key: string, v: unknown, scale = 1) => {
    if (typeof v === 'number' && Number.isFinite(v)) metrics[key] = v * scale;
  };
  // Latency distributions: TTFT, TPOT and ITL in ms; request latency in seconds -> e2el in ms.
  for (const [source, stat, scale] of [
    ['time_to_first_token_ms', 'ttft', 1],
    ['time_per_output_token_ms', 'tpot', 1],
    ['inter_token_latency_ms', 'itl', 1],
    ['request_latency', 'e2el', 1000],
  ] as const) {
    const d = successful(b, source);
    if (!d) continue;
    put(`mean_${stat}_ms`, d.mean, scale);
    put(`p50_${stat}_ms`, d.median ?? percentile(d, 'p50'), scale);
    put(`std_${stat}_ms`, d.std_dev, scale);
    for (const p of ['p90', 'p95', 'p99']) put(`${p}_${stat}_ms`, percentile(d, p), scale);
  }
  put('request_throughput_rps', successful(b, 'requests_per_second')?.mean);
  put('output_throughput_tps', successful(b, 'output_tokens_per_second')?.mean);
  put('total_throughput_tps', successful(b, 'tokens_per_second')?.mean);
  put('total_input_tokens', successful(b, 'prompt_token_count')?.total_sum);
  put('total_output_tokens', successful(b, 'output_token_count')?.total_sum);
  put('mean_concurrency', successful(b, 'request_concurrency')?.mean);
  const totals = totalsOf(b);
  put('completed', totals?.successful);
  put('failed', totals?.errored);
  put('total_time_s', b.duration ?? (typeof b.start_time === 'number' && typeof b.end_time === 'number' ? b.end_time - b.start_time : undefined));
  const s = strategyOf(b);
  const point: ServingResult = { mode: 'online', metrics, label: strategyLabel(s, index) };
  if (s?.type_ === 'synchronous') point.maxConcurrency = 1;
  else if (s?.type_ === 'concurrent' && typeof s.streams === 'number') point.maxConcurrency = s.streams;
  else if (typeof s?.max_concurrency === 'number') point.maxConcurrency = s.max_concurrency;
  if ((s?.type_ === 'constant' || s?.type_ === 'poisson') && typeof s.rate === 'number' && s.rate > 0) point.requestRate = s.rate;
  // The throughput strategy sends as fast as the server takes them: an unlimited rate.
  if (s?.type_ === 'throughput') point.requestRate = null;
  if (typeof totals?.total === 'number') point.numPrompts = totals.total;
  return point;
}

function variantFromName(name: string, model: string): string | undefined {
  let rest = name.replace(/[_-]?benchmarks?$/i, '');
  const prefix = model.replace(/\//g, '_');
  if (rest.startsWith(prefix)) rest = rest.slice(prefix.length);
  rest = rest.replace(/^[_-]+/, '');
  return rest && rest !== name ? rest : undefined;
}

function strategyLabel(s: Strategy | undefined, index: number): string {
  if (!s) return `benchmark ${index + 1}`;
  if ((s.type_ === 'constant' || s.type_ === 'poisson') && typeof s.rate === 'number') return `${s.type_} ${Number(s.rate.toPrecision(4))} req/s`;
  if (s.type_ === 'concurrent' && typeof s.streams === 'number') return `concurrent ${s.streams}`;
  return s.type_;
}

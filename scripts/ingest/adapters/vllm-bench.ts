/**
 * vLLM serving benchmarks: `vllm bench serve --save-result` JSON (old benchmark_serving.py keys too:
 * "request_goodput:", best_of, request_rate "inf"), `vllm bench sweep` run and summary files, the
 * nightly-benchmarks summary (rows keyed by display names), benchmark_throughput.py and
 * benchmark_latency.py JSON. A directory of such files becomes one run per model, one point per rate.
 */
import { basename, dirname, join } from 'node:path';
import type { Adapter, AdapterResult, Probe, ReadContext, RunDraft } from '../adapter.ts';
import type { ServingResult } from '../../../schemas/types.gen.ts';
import { benchDate, canonicalServingMetrics, requestRate } from '../lib/serving-metrics.ts';
import { isObj, type Obj } from '../../../domain/guards.ts';


type Kind = 'serve' | 'sweep-summary' | 'nightly' | 'throughput' | 'latency';

export function vllmKind(v: unknown): Kind | undefined {
  if (Array.isArray(v) && v.length) {
    if (v.every((r) => isObj(r) && ('Tput (req/s)' in r || 'Test name' in r))) return 'nightly';
    if (v.every((r) => vllmKind(r) === 'serve')) return 'sweep-summary';
    return undefined;
  }
  if (!isObj(v)) return undefined;
  if (('request_throughput' in v || 'mean_ttft_ms' in v) && ('num_prompts' in v || 'completed' in v || 'duration' in v)) return 'serve';
  if ('requests_per_second' in v && 'elapsed_time' in v) return 'throughput';
  if ('avg_latency' in v && 'percentiles' in v) return 'latency';
  return undefined;
}

const NIGHTLY: Record<string, string> = {
  'Tput (req/s)': 'request_throughput_rps',
  'Output Tput (tok/s)': 'output_throughput_tps',
  'Total Tput (tok/s)': 'total_throughput_tps',
};

interface Point extends ServingResult {
  model?: string;
  /** When the file says it was written. */
  date?: string;
}

function servePoint(r: Obj): Point {
  const p: Point = { mode: 'online', metrics: canonicalServingMetrics(r) };
  const rate = requestRate(r.request_rate);
  if (rate !== undefined) p.requestRate = rate;
  if (typeof r.max_concurrency === 'number') p.maxConcurrency = r.max_concurrency;
  else if (r.max_concurrency === null) p.maxConcurrency = null;
  // The Rust vllm-bench's multi-turn mode caps concurrent conversations instead.
  else if (typeof r.multi_turn_concurrency === 'number') p.maxConcurrency = r.multi_turn_concurrency;
  if (typeof r.num_prompts === 'number') p.numPrompts = r.num_prompts;
  if (typeof r.backend === 'string') p.backend = r.backend;
  if (typeof r.label === 'string' && r.label) p.label = r.label;
  if (typeof r.model_id === 'string') p.model = r.model_id;
  // `--label` names the point; the Rust bench's `--metadata workload=...` is the next best name.
  if (!p.label && typeof r.workload === 'string' && r.workload) p.label = r.workload;
  return p;
}

function pointsOf(kind: Kind, v: unknown): Point[] {
  switch (kind) {
    case 'serve':
      return [servePoint(v as Obj)];
    case 'sweep-summary':
      return (v as Obj[]).map(servePoint);
    case 'nightly':
      return (v as Obj[]).map((row) => {
        const metrics: ServingResult['metrics'] = {};
        for (const [k, val] of Object.entries(row)) {
          if (typeof val !== 'number') continue;
          const m = /^(Mean|Median|P(\d+)) (TTFT|TPOT|ITL|E2EL) \(ms\)$/.exec(k);
          const name = NIGHTLY[k] ?? (m ? `${m[1] === 'Mean' ? 'mean' : m[1] === 'Median' ? 'p50' : `p${m[2]}`}_${m[3]!.toLowerCase()}_ms` : undefined);
          if (name) metrics[name] = val;
        }
        const test = String(row['Test name'] ?? '');
        const qps = /qps_(inf|[\d.]+)/.exec(test)?.[1];
        const p: Point = { mode: 'online', metrics, label: test };
        if (qps !== undefined) p.requestRate = qps === 'inf' ? null : Number(qps);
        if (typeof row['# of req.'] === 'number') p.numPrompts = row['# of req.'] as number;
        return p;
      });
    case 'throughput':
      return [{ mode: 'throughput', metrics: canonicalServingMetrics(v as Obj), ...(typeof (v as Obj).num_requests === 'number' ? { numPrompts: (v as Obj).num_requests as number } : {}) }];
    case 'latency': {
      const o = v as Obj;
      const metrics: ServingResult['metrics'] = {};
      if (typeof o.avg_latency === 'number') metrics.mean_e2el_ms = o.avg_latency * 1000;
      if (isObj(o.percentiles)) for (const [q, s] of Object.entries(o.percentiles)) if (typeof s === 'number') metrics[`p${q}_e2el_ms`] = s * 1000;
      return [{ mode: 'latency', metrics }];
    }
  }
}

function pointKey(p: Point, dirModel: string): string {
  return JSON.stringify([p.model ?? dirModel, p.mode, p.requestRate ?? null, p.maxConcurrency ?? null]);
}

function jsonFiles(dir: string, entries: string[]): string[] {
  return entries.filter((e) => e.endsWith('.json')).map((e) => join(dir, e));
}

export const vllmBenchAdapter: Adapter = {
  dialect: 'vllm-bench',
  detect(probe, ctx) {
    if (probe.kind === 'file') {
      if (!probe.name.endsWith('.json')) return 0;
      const doc = ctx.readJson(probe.path);
      return doc && vllmKind(doc.value) ? 0.9 : 0;
    }
    // A directory whose JSON files are all benchmark results: one run per model across rates.
    const files = jsonFiles(probe.path, probe.entries ?? []);
    if (files.length < 2 || (probe.entries ?? []).some((e) => e === 'run_meta.json')) return 0;
    return files.every((f) => vllmKind(ctx.readJson(f)?.value)) ? 0.7 : 0;
  },
  read(probe, ctx) {
    const files = probe.kind === 'file' ? [probe.path] : jsonFiles(probe.path, probe.entries ?? []);
    return readBenchFiles(files, probe, ctx);
  },
};

function readBenchFiles(files: string[], probe: Probe, ctx: ReadContext): AdapterResult {
  const byModel = new Map<string, { points: Point[]; sources: string[] }>();
  let fallbackModel: string | undefined;
  const collected: { file: string; kind: Kind; points: Point[] }[] = [];
  for (const file of files) {
    const doc = ctx.readJson(file, 'vllm-bench');
    const kind = doc && vllmKind(doc.value);
    if (!doc || !kind) continue;
    const points = pointsOf(kind, doc.value);
    const date = benchDate(isObj(doc.value) ? doc.value.date : undefined, basename(file));
    if (date) for (const p of points) p.date = date;
    // Points of one sweep differ by file: the file's stem labels an unlabelled point.
    if (kind === 'serve') for (const p of points) p.label ??= basename(file, '.json');
    if (kind === 'serve' && (doc.value as Obj).completed === 0) {
      ctx.problems.warning(ctx.rel(file), `every request failed (completed 0, failed ${String((doc.value as Obj).failed ?? '?')}); latency figures are 0 and mean nothing`, { dialect: 'vllm-bench', pointer: '/completed' });
    }
    fallbackModel ??= points.find((p) => p.model)?.model;
    collected.push({ file, kind, points });
  }
  // Files without a model id (nightly summary, throughput/latency JSON) take their neighbours' model,
  // else the directory name.
  const dirModel = fallbackModel ?? basename(probe.kind === 'dir' ? probe.path : dirname(probe.path));
  // A sweep's summary repeats its per-run files: a summary row is dropped only where a per-run file
  // has the same rate and concurrency. Every per-run point is kept.
  const isSummary = (kind: Kind) => kind === 'sweep-summary' || kind === 'nightly';
  const rawKeys = new Set(collected.filter(({ kind }) => !isSummary(kind)).flatMap(({ points }) => points.map((p) => pointKey(p, dirModel))));
  for (const { file, kind, points } of collected) {
    const summary = isSummary(kind);
    for (const p of points) {
      const model = p.model ?? dirModel;
      if (summary && rawKeys.has(pointKey(p, dirModel))) {
        // Its figures are the per-run file's; it is still a source of the run.
        const entry = byModel.get(model) ?? { points: [], sources: [] };
        if (!entry.sources.includes(ctx.rel(file))) entry.sources.push(ctx.rel(file));
        byModel.set(model, entry);
        continue;
      }
      delete p.model;
      const entry = byModel.get(model) ?? { points: [], sources: [] };
      entry.points.push(p);
      const rel = ctx.rel(file);
      if (!entry.sources.includes(rel)) entry.sources.push(rel);
      byModel.set(model, entry);
    }
  }
  const runs: RunDraft[] = [...byModel].map(([model, { points, sources }]) => {
    const dates = points.map((p) => p.date).filter((d): d is string => !!d).sort();
    for (const p of points) delete p.date;
    const run: RunDraft = {
      model,
      idHint: `${model.split('/').pop()}-serving`,
      dialect: 'vllm-bench',
      sources: sources.map((path) => ({ path })),
      tasks: [],
      serving: points.sort((a, b) => (a.requestRate ?? Infinity) - (b.requestRate ?? Infinity) || (a.maxConcurrency ?? Infinity) - (b.maxConcurrency ?? Infinity)),
    };
    if (dates[0]) run.timestamp = dates[0];
    return run;
  });
  return { runs, consumed: files };
}

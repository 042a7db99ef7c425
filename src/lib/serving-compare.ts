/**
 * Serving across runs, as vLLM's and GuideLLM's reports draw a sweep: each latency (TTFT, TPOT,
 * ITL, end-to-end) at a percentile against the request rate and against the output throughput the
 * server achieved, one line per run. Throughput per GPU where the run says how many GPUs served it.
 */
import type { NormalizedRun, ServingResult } from '../../schemas/types.gen.ts';
import { lines, type LineChart } from './charts.ts';
import { t, type Locale } from '../i18n/index.ts';
import { formatNumber } from './format.ts';
import { servingMetricLabel } from './serving-labels.ts';

export const STATS = ['p50', 'p95', 'p99'] as const;
export type Stat = (typeof STATS)[number];
const LATENCIES = ['ttft', 'tpot', 'itl', 'e2el'] as const;
const AXES = ['rate', 'throughput'] as const;

export interface CrossRunChart {
  stat: Stat;
  latency: (typeof LATENCIES)[number];
  against: (typeof AXES)[number];
  chart: LineChart;
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
}

const online = (run: NormalizedRun): ServingResult[] => (run.serving ?? []).filter((s) => s.mode === 'online');
const num = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * GPUs that served a run: tensor × pipeline parallel size from its settings or a serving config it
 * carries (`tensor_parallel_size: 4`, `--tensor-parallel-size 4`, `tensor_parallel_size=4` in
 * model_args), else the GPUs its environment lists. Undefined when nothing says.
 */
export function gpuCount(run: Pick<NormalizedRun, 'settings' | 'configFiles' | 'environment'>): { count: number; basis: 'parallel' | 'host' } | undefined {
  // Word by word (`name: 4`, `--name 4`, `name=4`), each word matched whole: no backtracking over file data.
  const fromText = (text: string, name: string): number | undefined => {
    const names = new Set([name, name.replaceAll('_', '-')]);
    const words = text.split(/[\s,]+/);
    for (const [i, word] of words.entries()) {
      const m = /^-{0,2}([a-z_-]{1,40})([:=](\d{1,3})?)?$/.exec(word);
      if (!m || !names.has(m[1]!)) continue;
      const value = m[3] ?? words[i + 1];
      if (value && /^\d{1,3}$/.test(value) && Number(value) > 0) return Number(value);
    }
    return undefined;
  };
  const fromSettings = (name: string): number | undefined => {
    const s = run.settings;
    if (!s) return undefined;
    if (Object.hasOwn(s, name)) {
      const v = s[name];
      if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
    }
    const args = Object.hasOwn(s, 'model_args') ? s.model_args : undefined;
    return typeof args === 'string' ? fromText(args, name) : undefined;
  };
  const read = (name: string) => fromSettings(name) ?? (run.configFiles ?? []).map((f) => fromText(f.text, name)).find((v) => v !== undefined);
  const tp = read('tensor_parallel_size');
  const pp = read('pipeline_parallel_size');
  if (tp !== undefined || pp !== undefined) return { count: (tp ?? 1) * (pp ?? 1), basis: 'parallel' };
  const host = run.environment?.gpus?.length;
  return host ? { count: host, basis: 'host' } : undefined;
}

/** Charts with at least two runs' lines, for each percentile, latency and x axis some run measured. */
export function crossRunCharts(runs: NormalizedRun[], nameOf: (run: NormalizedRun) => string, locale: Locale): CrossRunChart[] {
  const fmt = (v: number) => formatNumber(locale, v);
  const out: CrossRunChart[] = [];
  for (const stat of STATS) {
    for (const latency of LATENCIES) {
      for (const against of AXES) {
        const key = `${stat}_${latency}_ms`;
        const series = runs
          .map((run) => {
            // In the order of the sweep: past saturation the achieved throughput can fall back.
            const points = online(run)
              .filter((s) => num(s.metrics[key]) && (against === 'rate' ? num(s.requestRate) : num(s.metrics.output_throughput_tps)))
              .sort((a, b) => (a.requestRate ?? Infinity) - (b.requestRate ?? Infinity));
            const values = points.map((s) => ({ x: against === 'rate' ? (s.requestRate as number) : (s.metrics.output_throughput_tps as number), y: s.metrics[key] as number }));
            return { name: nameOf(run), values };
          })
          .filter((s) => s.values.length >= 2);
        if (series.length < 2) continue;
        const xLabel = against === 'rate' ? t(locale, 'col.rate') : servingMetricLabel(locale, 'output_throughput_tps');
        const yLabel = servingMetricLabel(locale, key);
        const unit = against === 'rate' ? ' req/s' : ' tok/s';
        out.push({
          stat,
          latency,
          against,
          chart: lines(series, fmt, fmt, { keepOrder: against === 'throughput' }),
          title: t(locale, against === 'rate' ? 'serving.cross.byRate' : 'serving.cross.byThroughput', { what: yLabel }),
          description: series.map((s) => `${s.name}: ${s.values.map((v) => `${fmt(v.x)}${unit} → ${fmt(v.y)} ms`).join(', ')}`).join('; '),
          xLabel,
          yLabel,
        });
      }
    }
  }
  return out;
}

/** Goodput (requests/s that met the SLOs the benchmark was given) against request rate, when two runs measured it. */
export function goodputChart(runs: NormalizedRun[], nameOf: (run: NormalizedRun) => string, locale: Locale): Omit<CrossRunChart, 'stat' | 'latency' | 'against'> | undefined {
  const fmt = (v: number) => formatNumber(locale, v);
  const series = runs
    .map((run) => ({ name: nameOf(run), values: online(run).flatMap((s) => (num(s.requestRate) && num(s.metrics.request_goodput_rps) ? [{ x: s.requestRate, y: s.metrics.request_goodput_rps }] : [])) }))
    .filter((s) => s.values.length >= 2);
  if (series.length < 2) return undefined;
  return {
    chart: lines(series, fmt, fmt),
    title: t(locale, 'serving.cross.goodput'),
    description: series.map((s) => `${s.name}: ${s.values.map((v) => `${fmt(v.x)} → ${fmt(v.y)} req/s`).join(', ')}`).join('; '),
    xLabel: t(locale, 'col.rate'),
    yLabel: servingMetricLabel(locale, 'request_goodput_rps'),
  };
}

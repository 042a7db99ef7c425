import { describe, expect, it } from 'vitest';
import type { NormalizedRun, ServingResult } from '../../schemas/types.gen.ts';
import { crossRunCharts, goodputChart, gpuCount } from './serving-compare.ts';

const run = (id: string, serving: ServingResult[], extra: Partial<NormalizedRun> = {}): NormalizedRun => ({ id, model: id, dialect: 'vllm-bench', sources: [{ path: `${id}.json`, sha256: 'x' }], tasks: [], serving, ...extra });
const point = (rate: number, metrics: Record<string, number | null>): ServingResult => ({ mode: 'online', requestRate: rate, metrics });

describe('gpuCount', () => {
  it('reads tensor × pipeline parallel size from settings, model_args, a YAML config or a command line', () => {
    expect(gpuCount({ settings: { tensor_parallel_size: 2 } })).toEqual({ count: 2, basis: 'parallel' });
    expect(gpuCount({ settings: { model_args: 'pretrained=x,tensor_parallel_size=4,dtype=auto' } })).toEqual({ count: 4, basis: 'parallel' });
    expect(gpuCount({ configFiles: [{ name: 'serving.yaml', language: 'yaml', text: 'model: m\ntensor_parallel_size: 4\npipeline_parallel_size: 2\n' }] })).toEqual({ count: 8, basis: 'parallel' });
    expect(gpuCount({ configFiles: [{ name: 'serve.sh', language: 'shell', text: 'vllm serve m --tensor-parallel-size 8 --port 8000' }] })).toEqual({ count: 8, basis: 'parallel' });
  });

  it('falls back to the GPUs of the environment, and says so; nothing when nothing says', () => {
    expect(gpuCount({ environment: { gpus: [{ name: 'H100' }, { name: 'H100' }] } })).toEqual({ count: 2, basis: 'host' });
    expect(gpuCount({ settings: { tensor_parallel_size: 'four' } })).toBeUndefined();
    expect(gpuCount({})).toBeUndefined();
  });
});

describe('crossRunCharts', () => {
  const a = run('a', [point(1, { p99_e2el_ms: 100, output_throughput_tps: 500 }), point(4, { p99_e2el_ms: 300, output_throughput_tps: 900 }), point(8, { p99_e2el_ms: 900, output_throughput_tps: 800 })]);
  const b = run('b', [point(1, { p99_e2el_ms: 80, output_throughput_tps: 600 }), point(4, { p99_e2el_ms: 120, output_throughput_tps: 1500 })]);

  it('draws one line per run for each percentile and latency two runs measured, against rate and throughput', () => {
    const charts = crossRunCharts([a, b], (r) => r.id, 'en');
    expect(charts.map((c) => `${c.stat}-${c.latency}-${c.against}`)).toEqual(['p99-e2el-rate', 'p99-e2el-throughput']);
    expect(charts[0]!.chart.series.map((s) => s.name)).toEqual(['a', 'b']);
    expect(charts[0]!.title).toBe('P99 end-to-end latency (ms) against request rate');
    // Against throughput the sweep keeps its rate order: past saturation throughput falls back (900 -> 800).
    expect(charts[1]!.chart.series[0]!.dots.map((d) => d.x)).toEqual([500, 900, 800]);
  });

  it('needs two runs with a sweep: one run is already charted on its own', () => {
    expect(crossRunCharts([a], (r) => r.id, 'en')).toEqual([]);
    expect(crossRunCharts([a, run('c', [point(1, { p99_e2el_ms: 1 })])], (r) => r.id, 'en')).toEqual([]);
  });

  it('charts goodput only when two runs measured it (vLLM writes null without SLOs)', () => {
    const g = (id: string, v: number | null) => run(id, [point(1, { request_goodput_rps: v }), point(2, { request_goodput_rps: v })]);
    expect(goodputChart([g('a', 0.9), g('b', null)], (r) => r.id, 'en')).toBeUndefined();
    expect(goodputChart([g('a', 0.9), g('b', 0.5)], (r) => r.id, 'zh')?.title).toBe('有效吞吐（goodput）随请求速率的变化');
  });
});

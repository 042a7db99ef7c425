/**
 * Values that real, unseen files got wrong before (issue 12): a class of input each, not one file.
 */
import { describe, expect, it } from 'vitest';
import { writeTree } from '../../../tests/helpers/tree.ts';
import { ingest } from '../ingest.ts';
import { leaderboards } from '../../../src/lib/leaderboard.ts';

function read(files: Record<string, string>) {
  const dir = writeTree(files, 'evalsite-values-');
  return ingest({ inputs: [dir], root: dir, analysis: false });
}

const results = (model: string, row: string) => `{"results": {"niah": {"alias": "niah", ${row}}}, "config": {"model": "hf", "model_args": "pretrained=${model}"}, "versions": {"niah": 1}}`;

describe('values from real files', () => {
  it('a per-length metric of -1 (RULER: not evaluated at that length) is no score and never primary', () => {
    const r = read({ 'a/results.json': results('org/a', '"8192,none": -1, "4096,none": 0.9'), 'b/results.json': results('org/b', '"8192,none": -1, "4096,none": 0.8') });
    const task = r.runs[0]!.tasks[0]!;
    expect(task.primary).toBe('4096');
    expect(task.metrics.find((m) => m.name === '8192')).toMatchObject({ value: null, raw: 'not evaluated (-1)' });
    expect(leaderboards(r.runs).tasks[0]?.metric).toBe('4096');
  });

  it('a per-sample Infinity makes the aggregate Infinity, with or without its results file', () => {
    const lines = [1, 2, Infinity].map((v, i) => `{"doc_id": ${i}, "filter": "none", "metrics": ["perplexity"], "perplexity": ${v === Infinity ? 'Infinity' : v}}`).join('\n');
    const alone = read({ 'm/samples_wiki_2024-01-01T00-00-00.000.jsonl': lines });
    expect(alone.runs[0]!.tasks[0]!.metrics[0]).toMatchObject({ name: 'perplexity', value: null, raw: 'Infinity' });
    const withResults = read({ 'm/samples_wiki_2024-01-01T00-00-00.000.jsonl': lines, 'm/results_2024-01-01T00-00-00.000.json': '{"results": {"wiki": {"perplexity,none": Infinity}}, "config": {"model": "hf", "model_args": "pretrained=org/m"}}' });
    expect(withResults.runs[0]!.tasks[0]!.metrics[0]).toMatchObject({ name: 'perplexity', value: null, raw: 'Infinity' });
  });

  it('older vLLM <stat>_latency_ms keys are end-to-end latency and are kept', () => {
    const r = read({ 'bench.json': JSON.stringify({ backend: 'vllm', model_id: 'org/m', request_rate: 'inf', num_prompts: 10, completed: 10, duration: 5, request_throughput: 2, mean_latency_ms: 120, median_latency_ms: 110, p99_latency_ms: 300, mean_ttft_ms: 20, date: '20240520-101010' }) });
    const run = r.runs[0]!;
    expect(run.serving?.[0]).toMatchObject({ mode: 'online', requestRate: null, metrics: { mean_e2el_ms: 120, p50_e2el_ms: 110, p99_e2el_ms: 300 } });
    expect(run.timestamp).toBe('2024-05-20T10:10:10');
  });

  it('two files of one sweep (concurrency 1 and 8, same model) keep both points', () => {
    const point = (c: number) => JSON.stringify({ backend: 'vllm', model_id: 'org/m', request_rate: 'inf', max_concurrency: c, num_prompts: 10, completed: 10, duration: 5, request_throughput: c, mean_ttft_ms: 10 * c });
    const r = read({ 'sweep/c1.json': point(1), 'sweep/c8.json': point(8) });
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0]!.serving?.map((s) => [s.maxConcurrency, s.label])).toEqual([[1, 'c1'], [8, 'c8']]);
  });
});

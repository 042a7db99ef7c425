import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingest } from '../../scripts/ingest/ingest.ts';
import { servingMetricLabel, servingValue } from './serving-labels.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FIX = join(ROOT, 'scripts', 'ingest', '__fixtures__');

describe('serving metric labels', () => {
  it('label every serving metric the readers produce, in both languages, never the raw key', () => {
    const inputs = [join(ROOT, 'examples'), ...['vllm-old', 'guidellm', 'evalscope'].map((c) => join(FIX, c, 'input'))];
    const r = ingest({ inputs, root: ROOT, analysis: false });
    const keys = new Set(r.runs.flatMap((run) => (run.serving ?? []).flatMap((s) => Object.keys(s.metrics))));
    expect(keys.size).toBeGreaterThan(20);
    const unlabelled = [...keys].filter((k) => servingMetricLabel('en', k) === k || servingMetricLabel('zh', k) === k || servingMetricLabel('en', k) === servingMetricLabel('zh', k));
    expect(unlabelled).toEqual([]);
  });

  it('builds latency labels with their unit and statistic', () => {
    expect(servingMetricLabel('en', 'p99_ttft_ms')).toBe('P99 time to first token (ms)');
    expect(servingMetricLabel('en', 'p50_e2el_ms')).toBe('Median end-to-end latency (ms)');
    expect(servingMetricLabel('zh', 'mean_itl_ms')).toBe('平均相邻 token 间延迟（毫秒）');
    expect(servingMetricLabel('en', 'spec_acceptance_rate_pos3')).toBe('Acceptance rate at draft position 3');
    expect(servingMetricLabel('en', 'some_future_key')).toBe('some_future_key');
    expect(servingValue('en', 'spec_acceptance_rate', 0.642)).toBe('64.2%');
  });
});

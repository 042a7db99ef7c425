/**
 * One vocabulary for serving metrics. vLLM's benchmark scripts renamed keys across versions and
 * seed 003's canonical files use their own names; everything maps to the names below.
 */
import type { ServingResult } from '../../../schemas/types.gen.ts';

// source key -> canonical key
const ALIASES: Readonly<Record<string, string>> = {
  request_throughput: 'request_throughput_rps',
  requests_per_second: 'request_throughput_rps',
  request_throughput_rps: 'request_throughput_rps',
  output_throughput: 'output_throughput_tps',
  output_throughput_tps: 'output_throughput_tps',
  effective_throughput_tps: 'output_throughput_tps',
  input_throughput: 'input_throughput_tps',
  input_throughput_tps: 'input_throughput_tps',
  total_token_throughput: 'total_throughput_tps',
  tokens_per_second: 'total_throughput_tps',
  max_output_tokens_per_s: 'max_output_throughput_tps',
  duration: 'total_time_s',
  elapsed_time: 'total_time_s',
  total_time_s: 'total_time_s',
  completed: 'completed',
  failed: 'failed',
  num_requests: 'num_requests',
  total_input_tokens: 'total_input_tokens',
  total_output_tokens: 'total_output_tokens',
  total_num_tokens: 'total_tokens',
  request_goodput: 'request_goodput_rps',
  'request_goodput:': 'request_goodput_rps',
  max_concurrent_requests: 'max_concurrent_requests',
  avg_latency: 'mean_e2el_ms',
  latency_p50_ms: 'p50_e2el_ms',
  latency_p95_ms: 'p95_e2el_ms',
  latency_p99_ms: 'p99_e2el_ms',
  ttfb_p50_ms: 'p50_ttft_ms',
  // Speculative decoding (vllm bench serve and the Rust vllm-bench).
  spec_decode_acceptance_length: 'spec_acceptance_length',
  spec_decode_num_drafts: 'spec_num_drafts',
  spec_decode_draft_tokens: 'spec_draft_tokens',
  spec_decode_accepted_tokens: 'spec_accepted_tokens',
};

// Older benchmark_serving.py wrote end-to-end latency as <stat>_latency_ms.
const OLD_LATENCY = /^(mean|median|std|p\d+(?:\.\d+)?)_latency_ms$/;

const STAT = /^(mean|median|std|p\d+(?:\.\d+)?)_(ttft|tpot|itl|e2el)_ms$/;

/** Maps a flat object of benchmark numbers to canonical metric names; drops everything else. */
export function canonicalServingMetrics(src: Record<string, unknown>, secondsToMs = false): ServingResult['metrics'] {
  const out: ServingResult['metrics'] = {};
  for (const [key, v] of Object.entries(src)) {
    // null is kept: vLLM writes it for metrics it did not measure (goodput without SLOs).
    if (typeof v !== 'number' && v !== null) continue;
    const value = typeof v === 'number' && Number.isFinite(v) ? v : null;
    const old = OLD_LATENCY.exec(key);
    const name = Object.hasOwn(ALIASES, key) ? ALIASES[key] : STAT.test(key) ? key.replace(/^median_/, 'p50_') : old ? `${old[1] === 'median' ? 'p50' : old[1]}_e2el_ms` : undefined;
    if (!name) continue;
    // A newer key for the same figure wins over the old name.
    if (old && Object.hasOwn(out, name)) continue;
    out[name] = secondsToMs && name === 'mean_e2el_ms' && value !== null ? value * 1000 : value;
  }
  // vLLM reports the acceptance rate in percent; the per-position rates are fractions.
  const rate = src.spec_decode_acceptance_rate;
  if (typeof rate === 'number' && Number.isFinite(rate)) out.spec_acceptance_rate = Number((rate / 100).toPrecision(12));
  const perPosition = src.spec_decode_per_position_acceptance_rates;
  if (Array.isArray(perPosition)) perPosition.forEach((v, i) => typeof v === 'number' && Number.isFinite(v) && (out[`spec_acceptance_rate_pos${i + 1}`] = v));
  return out;
}

/**
 * When a benchmark file was written: its `date` (vLLM writes 20240520-101010, the Rust bench ISO
 * 8601), else a <yyyymmdd>-<hhmmss> stamp in its name. Local times stay without a zone.
 */
export function benchDate(date: unknown, fileName: string): string | undefined {
  const compact = (s: string) => {
    const m = /(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(s);
    return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` : undefined;
  };
  if (typeof date === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T/.test(date) && !Number.isNaN(Date.parse(date))) return date;
    const c = compact(date);
    if (c) return c;
  }
  return compact(fileName);
}

/** "inf" (string or Infinity) means unlimited: stored as null. */
export function requestRate(v: unknown): number | null | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    if (/^inf/i.test(v.trim())) return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Serving metrics in reading order: throughput first, then TTFT, TPOT, ITL, E2EL by statistic. */
const GROUPS = ['request_throughput_rps', 'request_goodput_rps', 'output_throughput_tps', 'input_throughput_tps', 'total_throughput_tps', 'max_output_throughput_tps', 'completed', 'failed', 'num_requests', 'total_input_tokens', 'total_output_tokens', 'total_tokens', 'max_concurrent_requests', 'total_time_s'];
const LATENCY = ['ttft', 'tpot', 'itl', 'e2el'];

function rank(key: string): number {
  const g = GROUPS.indexOf(key);
  if (g !== -1) return g;
  const m = /^(mean|median|std|p(\d+(?:\.\d+)?))_(ttft|tpot|itl|e2el)_ms$/.exec(key);
  if (!m) return 10_000;
  const stat = m[1] === 'mean' ? 0 : m[1] === 'median' ? 50 : m[1] === 'std' ? 1000 : Number(m[2]);
  return 100 + LATENCY.indexOf(m[3]!) * 2000 + stat;
}

export function servingMetricOrder(keys: string[]): string[] {
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

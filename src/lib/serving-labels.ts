/**
 * Serving metrics as people read them: a label with its unit in the page's language for every
 * canonical key (scripts/ingest/lib/serving-metrics.ts), never the raw key. An unknown key (a
 * future benchmark field) is shown as written.
 */
import { t, type Locale, type UiKey } from '../i18n/index.ts';
import { formatNumber, formatPercent } from './format.ts';

const NAMED = new Map<string, UiKey>([
  ['request_throughput_rps', 'sm.request_throughput_rps'],
  ['request_goodput_rps', 'sm.request_goodput_rps'],
  ['output_throughput_tps', 'sm.output_throughput_tps'],
  ['input_throughput_tps', 'sm.input_throughput_tps'],
  ['total_throughput_tps', 'sm.total_throughput_tps'],
  ['max_output_throughput_tps', 'sm.max_output_throughput_tps'],
  ['completed', 'sm.completed'],
  ['failed', 'sm.failed'],
  ['num_requests', 'sm.num_requests'],
  ['total_input_tokens', 'sm.total_input_tokens'],
  ['total_output_tokens', 'sm.total_output_tokens'],
  ['total_tokens', 'sm.total_tokens'],
  ['max_concurrent_requests', 'sm.max_concurrent_requests'],
  ['mean_concurrency', 'sm.mean_concurrency'],
  ['total_time_s', 'sm.total_time_s'],
  ['spec_acceptance_rate', 'sm.spec_acceptance_rate'],
  ['spec_acceptance_length', 'sm.spec_acceptance_length'],
  ['spec_num_drafts', 'sm.spec_num_drafts'],
  ['spec_draft_tokens', 'sm.spec_draft_tokens'],
  ['spec_accepted_tokens', 'sm.spec_accepted_tokens'],
]);

const WHAT = new Map<string, UiKey>([
  ['ttft', 'sm.what.ttft'],
  ['tpot', 'sm.what.tpot'],
  ['itl', 'sm.what.itl'],
  ['e2el', 'sm.what.e2el'],
]);

export function servingMetricLabel(locale: Locale, key: string): string {
  const named = NAMED.get(key);
  if (named) return t(locale, named);
  const position = /^spec_acceptance_rate_pos(\d{1,3})$/.exec(key);
  if (position) return t(locale, 'sm.spec_position', { n: position[1]! });
  const m = /^(mean|median|std|p(\d{1,2}(?:\.\d{1,3})?))_(ttft|tpot|itl|e2el)_ms$/.exec(key);
  const what = m ? WHAT.get(m[3]!) : undefined;
  if (!m || !what) return key;
  const stat = m[1] === 'mean' ? t(locale, 'sm.stat.mean') : m[1] === 'std' ? t(locale, 'sm.stat.std') : m[1] === 'median' || m[2] === '50' ? t(locale, 'sm.stat.median') : t(locale, 'sm.stat.p', { p: m[2]! });
  return t(locale, 'sm.latency', { stat, what: t(locale, what) });
}

/** True when the key has a label (tests check every canonical key has one). */
export function hasServingLabel(key: string): boolean {
  return servingMetricLabel('en', key) !== key;
}

/** A serving value in the page's locale: rates that are fractions as percentages. */
export function servingValue(locale: Locale, key: string, v: number | null | undefined): string {
  return key.startsWith('spec_acceptance_rate') ? formatPercent(locale, v, 1) : formatNumber(locale, v);
}

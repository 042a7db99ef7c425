/** What evalsite knows about metric names: direction, scale, and which one a comparison shows. */
import type { Metric, TaskResult } from '../schemas/types.gen.ts';

const LOWER_IS_BETTER = /(^|_)(ppl|perplexity|word_perplexity|byte_perplexity|bits_per_byte|mae|mse|rmse|loss|nll|ter|likelihood_difference|latency|ttft|tpot|itl|e2el|error|invalid_rate)(_|$)/i;

/** Direction of a metric when the source does not say. */
export function defaultHigherIsBetter(name: string): boolean {
  return !LOWER_IS_BETTER.test(name);
}

// Preference for the metric a comparison table shows; earlier wins.
const PRIMARY_ORDER = ['accuracy', 'acc', 'exact_match', 'acc_norm', 'f1', 'em', 'mc2', 'mc1', 'math_verify', 'pass@1', 'word_perplexity', 'perplexity', 'ppl'];
const FILTER_ORDER = ['strict-match', 'none', 'flexible-extract'];

export function metricKey(m: Pick<Metric, 'name' | 'filter'>): string {
  return m.filter && m.filter !== 'none' ? `${m.name},${m.filter}` : m.name;
}

/** Chooses the metric a comparison shows for a task: by a fixed preference, else the first one. */
export function choosePrimary(metrics: Metric[]): string | undefined {
  const usable = metrics.filter((m) => m.value !== null);
  const pool = usable.length ? usable : metrics;
  const rank = (m: Metric) => {
    const i = PRIMARY_ORDER.indexOf(m.name);
    const f = FILTER_ORDER.indexOf(m.filter ?? 'none');
    return (i === -1 ? 100 : i) * 10 + (f === -1 ? 5 : f);
  };
  const best = [...pool].sort((a, b) => rank(a) - rank(b))[0];
  return best && metricKey(best);
}

export function primaryMetric(task: TaskResult): Metric | undefined {
  return task.metrics.find((m) => metricKey(m) === task.primary) ?? task.metrics[0];
}

/** A metric value from the wild: number, numeric string, "N/A", NaN/Infinity. */
export function toMetricValue(v: unknown): { value: number | null; raw?: string } | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { value: null, raw: String(v) };
  if (typeof v === 'string') {
    const t = v.trim();
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?%?$/i.test(t)) return { value: Number(t.replace('%', '')) };
    if (/^(nan|[-+]?inf(inity)?)$/i.test(t)) return { value: null, raw: t };
    if (/^(n\/a|none|null|-)$/i.test(t)) return { value: null, raw: t };
  }
  return undefined;
}

/**
 * `toMetricValue` for a field of a results file, with a word for what is not a plain number: a
 * number written as a string is read (and said), an object, array, boolean or unparseable
 * number-like string is not read (and said). Descriptive strings without digits pass silently.
 */
export function toMetricValueReported(raw: unknown, report: (message: string, found: string) => void): { value: number | null; raw?: string } | undefined {
  const v = toMetricValue(raw);
  if (raw === null || raw === undefined || typeof raw === 'number') return v;
  if (typeof raw === 'string') {
    if (v?.value !== undefined && v.value !== null) report(`number written as a string; read as ${v.value}`, JSON.stringify(raw.slice(0, 40)));
    else if (!v && /\d/.test(raw)) report('not a number; not read', JSON.stringify(raw.slice(0, 40)));
    return v;
  }
  report(`${Array.isArray(raw) ? 'an array' : typeof raw === 'object' ? 'an object' : `a ${typeof raw}`} where a number belongs; not read`, JSON.stringify(raw)?.slice(0, 60) ?? typeof raw);
  return undefined;
}

/** A standard error from the wild; "N/A" and NaN become null. */
export function toStderr(v: unknown): number | null | undefined {
  const m = toMetricValue(v);
  if (!m) return undefined;
  return m.value;
}

/** Scale of an accuracy-like value: fractions in [0, 1] are 'fraction'. */
export function guessScale(name: string, value: number | null): Metric['scale'] {
  if (!defaultHigherIsBetter(name)) return 'raw';
  if (/(^|_)(acc|accuracy|exact_match|em|f1|mc1|mc2|pass@\d+|match|correct)(_|$)/i.test(name) && (value === null || (value >= 0 && value <= 1))) return 'fraction';
  return 'raw';
}

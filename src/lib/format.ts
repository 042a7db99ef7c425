/** Numbers, percentages and dates through Intl for the page's locale. */
import { INTL_LOCALE, t, type Locale } from '../i18n/index.ts';
import type { Metric } from '../../schemas/types.gen.ts';

// Intl formatters are costly to make and a page of 500 runs formats thousands of values: one each.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let f = cache.get(key);
  if (f === undefined) cache.set(key, (f = make()));
  return f;
}
const nf = (locale: Locale, opts: Intl.NumberFormatOptions) => memo(numberFormats, `${locale}|${JSON.stringify(opts)}`, () => new Intl.NumberFormat(INTL_LOCALE[locale], opts));
const df = (locale: Locale, opts: Intl.DateTimeFormatOptions) => memo(dateFormats, `${locale}|${JSON.stringify(opts)}`, () => new Intl.DateTimeFormat(INTL_LOCALE[locale], opts));

export function formatNumber(locale: Locale, v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  const max = abs !== 0 && abs < 0.01 ? 4 : abs >= 1000 ? 0 : digits;
  return nf(locale, { maximumFractionDigits: max, minimumFractionDigits: 0 }).format(v);
}

export function formatPercent(locale: Locale, fraction: number | null | undefined, digits = 2): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return nf(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction);
}

/** A relative change with its sign ("+4.2%", "−1.0%"). */
export function formatSignedPercent(locale: Locale, fraction: number, digits = 1): string {
  return nf(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(fraction);
}

/** A metric value as people read it: fractions as percent, everything else as a number. */
export function formatMetric(locale: Locale, m: Pick<Metric, 'value' | 'scale' | 'raw'>): string {
  // Short tokens (NaN, Infinity, N/A) are shown; long notes stay out of the table.
  if (m.value === null) return m.raw && m.raw.length <= 12 ? m.raw : '—';
  return m.scale === 'fraction' ? formatPercent(locale, m.value) : formatNumber(locale, m.value, 4);
}

/** Standard error in the metric's unit: points for fractions. */
export function formatStderr(locale: Locale, m: Pick<Metric, 'stderr' | 'scale'>): string {
  if (m.stderr === null || m.stderr === undefined) return '';
  return m.scale === 'fraction' ? `±${formatNumber(locale, m.stderr * 100, 2)}` : `±${formatNumber(locale, m.stderr, 4)}`;
}

/**
 * The standard error of an accuracy-like score from its sample count when the source gave none:
 * sqrt(p (1 - p) / n), the binomial standard error the leaderboard's Wilson intervals rest on.
 */
export function stderrFromN(m: Pick<Metric, 'value' | 'scale' | 'stderr'>, n: number | undefined): number | undefined {
  if (typeof m.stderr === 'number' || m.scale !== 'fraction' || m.value === null || !n || n < 1) return undefined;
  return Math.sqrt((m.value * (1 - m.value)) / n);
}

/** Signed difference; fractions as percentage points. */
export function formatDelta(locale: Locale, delta: number, scale: Metric['scale']): string {
  return formatChange(locale, delta, scale, t(locale, 'unit.pp'));
}

/** formatDelta with the points unit given: page scripts pass it in rather than bundle every UI string. */
export function formatChange(locale: Locale, delta: number, scale: Metric['scale'], pp: string): string {
  const v = scale === 'fraction' ? delta * 100 : delta;
  const s = nf(locale, { maximumFractionDigits: 2, minimumFractionDigits: 2, signDisplay: 'exceptZero' }).format(v);
  return scale === 'fraction' ? `${s} ${pp}` : s;
}

/** Percentage points in the page's language: "pp" in English, "个百分点" in Chinese. */
export function formatPoints(locale: Locale, formatted: string): string {
  return `${formatted} ${t(locale, 'unit.pp')}`;
}

export function formatDate(locale: Locale, iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return df(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d) + ' UTC';
}

export function formatBytesMb(locale: Locale, mb: number): string {
  return mb >= 1024 ? `${formatNumber(locale, mb / 1024, 1)} GiB` : `${formatNumber(locale, mb, 0)} MiB`;
}

export function formatDay(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return df(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

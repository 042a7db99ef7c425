/** How much of the data a sampled run evaluated, in words for the page's language. */
import type { RunSampling } from '../../schemas/types.gen.ts';
import { t, type Locale } from '../i18n/index.ts';
import { formatNumber, formatPercent } from './format.ts';

export function samplingText(locale: Locale, s: RunSampling): string {
  const parts: string[] = [];
  if (s.count !== undefined) parts.push(t(locale, 'sampling.count', { n: formatNumber(locale, s.count) }));
  if (s.fraction !== undefined) parts.push(formatPercent(locale, s.fraction, 1));
  if (s.limit !== undefined) parts.push(t(locale, 'sampling.limit', { n: formatNumber(locale, s.limit) }));
  if (s.seed !== undefined) parts.push(t(locale, 'sampling.seed', { n: String(s.seed) }));
  return parts.join(' · ');
}

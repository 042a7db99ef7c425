/** Links that respect the configured base path and the page's locale. */
import type { Locale } from '../i18n/index.ts';

const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

export function href(locale: Locale, path = ''): string {
  return `${BASE}/${locale}/${path.replace(/^\//, '')}`;
}

/** The same page in another locale: swaps the locale segment after the base path. */
export function switchLocale(pathname: string, to: Locale): string {
  const rest = pathname.slice(BASE.length).replace(/^\/(en|zh)(?=\/|$)/, '');
  return `${BASE}/${to}${rest || '/'}`;
}

/** URL of a generated data file (per-example shards) under the base path. */
export function dataUrl(path: string): string {
  return `${BASE}/data/${path.replace(/^\//, '')}`;
}

/** UI strings per locale (flat dotted keys) and Intl formatting for the page's locale. */
import en from './en.json' with { type: 'json' };
import zh from './zh.json' with { type: 'json' };

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export type UiKey = keyof typeof en;

const DICTS: Record<Locale, Record<UiKey, string>> = { en, zh };
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', zh: 'zh-CN' };
export const HTML_LANG: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

export function isLocale(s: string | undefined): s is Locale {
  return !!s && (LOCALES as readonly string[]).includes(s);
}

/**
 * The string for a key, with {name} placeholders filled. An unknown key throws rather than showing
 * the key on a page: keys are typed, so only a cast or a stale dictionary can get here, and the
 * build should fail then.
 */
export function t(locale: Locale, key: UiKey, params: Record<string, string | number> = {}): string {
  const s: string | undefined = DICTS[locale][key];
  if (s === undefined) throw new Error(`no UI string "${key}" in ${locale}.json`);
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(params, k) ? String(params[k]) : m));
}

export function dictionaries(): Record<Locale, Record<string, string>> {
  return DICTS;
}

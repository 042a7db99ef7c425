/**
 * What every page needs from its URL: the locale, a translator bound to it, and links under the
 * base path in that locale. Pages call `localePaths()` / `perLocale()` in getStaticPaths and
 * `pageContext(Astro.params)` in their frontmatter.
 */
import { isLocale, LOCALES, t, type Locale, type UiKey } from '../i18n/index.ts';
import { href } from './paths.ts';

export interface PageContext {
  locale: Locale;
  /** The UI string for a key in the page's language, placeholders filled. */
  t(key: UiKey, params?: Record<string, string | number>): string;
  /** A site path in the page's language, under the base path. */
  href(path?: string): string;
}

export function pageContext(params: { lang?: string | undefined }): PageContext {
  const locale = params.lang;
  if (!isLocale(locale)) throw new Error(`page built for an unknown locale: ${String(locale)}`);
  return {
    locale,
    t: (key, p) => t(locale, key, p),
    href: (path) => href(locale, path),
  };
}

/** getStaticPaths of a page that exists once per language. */
export function localePaths(): { params: { lang: Locale } }[] {
  return LOCALES.map((lang) => ({ params: { lang } }));
}

/** getStaticPaths of a page per language and per item: `each` gives an item's params and props. */
export function perLocale<T, P extends Record<string, string>, Props>(items: readonly T[], each: (item: T) => { params: P; props: Props }): { params: P & { lang: Locale }; props: Props }[] {
  return LOCALES.flatMap((lang) => items.map((item) => {
    const { params, props } = each(item);
    return { params: { ...params, lang }, props };
  }));
}

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dictionaries, LOCALES, t } from './index.ts';
import { DIALECT_LABEL, EXAMPLE_STATUS_LABEL, METHOD_LABEL, SERVING_MODE_LABEL, SEVERITY_LABEL, VERDICT_LABEL } from './labels.ts';
import { COMPARISON_METHOD_VALUES, DIALECT_VALUES, EXAMPLE_STATUS_VALUES, SERVING_MODE_VALUES, SEVERITY_VALUES, VERDICT_VALUES } from '../../schemas/types.gen.ts';

const SRC = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(astro|ts)$/.test(e) && !e.endsWith('.test.ts') ? [p] : [];
  });
}

describe('UI strings', () => {
  const dicts = dictionaries();

  it('exist in every language with the same keys and placeholders', () => {
    const keys = Object.keys(dicts.en).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(dicts[locale]).sort(), locale).toEqual(keys);
      for (const k of keys) {
        expect(dicts[locale][k]!.trim(), `${locale} ${k}`).not.toBe('');
        const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        expect(ph(dicts[locale][k]!), `${locale} ${k}`).toEqual(ph(dicts.en[k]!));
      }
    }
  });

  it('every key the pages use is defined', () => {
    const used = new Set<string>();
    for (const f of sourceFiles(SRC)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\btt?\((?:locale, )?'([a-z][\w.-]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(30);
    for (const k of used) expect(dicts.en, k).toHaveProperty([k]);
  });

  // Each label map is typed Record<Enum, UiKey>; this checks the same at run time, in every language,
  // iterating the schema's own lists (a new enum value fails here and in tsc until it has labels).
  it.each([
    ['dialect', DIALECT_VALUES, DIALECT_LABEL],
    ['serving mode', SERVING_MODE_VALUES, SERVING_MODE_LABEL],
    ['severity', SEVERITY_VALUES, SEVERITY_LABEL],
    ['verdict', VERDICT_VALUES, VERDICT_LABEL],
    ['comparison method', COMPARISON_METHOD_VALUES, METHOD_LABEL],
    ['example status', EXAMPLE_STATUS_VALUES, EXAMPLE_STATUS_LABEL],
  ] as const)('every %s has a label in every language', (_name, values, labels) => {
    expect(values.length).toBeGreaterThan(1);
    const map = new Map<string, string>(Object.entries(labels));
    expect([...map.keys()].sort()).toEqual([...values].sort());
    for (const v of values) {
      const key = map.get(v);
      for (const locale of LOCALES) expect(dicts[locale][String(key)]?.trim(), `${locale} ${String(key)}`).toBeTruthy();
    }
  });

  it('refuses an unknown key instead of printing it on a page', () => {
    expect(Object.keys(dicts.en)).not.toContain('no.such.key');
    // Only an untyped value (here JSON.parse's any) can pass an unknown key; t() then fails the build.
    expect(() => t('en', JSON.parse('"no.such.key"'))).toThrow(/no UI string "no.such.key" in en.json/);
  });

  it('fills placeholders', () => {
    expect(t('zh', 'study.baseline', { name: 'bf16' })).toBe('基线：bf16');
  });
});

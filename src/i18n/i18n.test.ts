import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dictionaries, LOCALES, t } from './index.ts';
import { dialectLabel, exampleStatusLabel, methodLabel, servingModeLabel, severityLabel, verdictLabel } from './labels.ts';
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

  // tsc checks each label function against en.json; this checks every value in every language,
  // iterating the schema's own lists (a new enum value fails here until both languages label it).
  it.each([
    ['dialect', DIALECT_VALUES.map(dialectLabel)],
    ['serving mode', SERVING_MODE_VALUES.map(servingModeLabel)],
    ['severity', SEVERITY_VALUES.map(severityLabel)],
    ['verdict', VERDICT_VALUES.map(verdictLabel)],
    ['comparison method', COMPARISON_METHOD_VALUES.map(methodLabel)],
    ['example status', EXAMPLE_STATUS_VALUES.map(exampleStatusLabel)],
  ])('every %s has a label in every language', (_name, keys) => {
    expect(keys.length).toBeGreaterThan(1);
    for (const key of keys) for (const locale of LOCALES) expect(dicts[locale][key]?.trim(), `${locale} ${key}`).toBeTruthy();
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

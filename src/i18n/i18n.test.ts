import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dictionaries, LOCALES, t } from './index.ts';

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

  it('every dialect, severity and serving mode has a label', () => {
    for (const d of ['canonical', 'variant-comparison', 'lm-eval', 'lm-eval-samples', 'task-results', 'vllm-bench', 'markdown-record', 'lm-eval-table', 'csv', 'compare-printout', 'per-model-jsonl']) expect(dicts.en).toHaveProperty([`dialect.${d}`]);
    for (const s of ['error', 'warning', 'info']) expect(dicts.zh).toHaveProperty([`severity.${s}`]);
  });

  it('fills placeholders', () => {
    expect(t('zh', 'study.baseline', { name: 'bf16' })).toBe('基线：bf16');
  });
});

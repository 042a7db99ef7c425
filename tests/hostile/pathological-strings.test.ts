/**
 * Hostile input, class 6: every parser, extractor and redactor that sees text from files runs in
 * linear time. Each gets 1 MB of runs of spaces, digits, letters, newlines, #, braces, backslashes,
 * pipes and the shapes that made the old patterns blow up (a heading then spaces, "sk-" then
 * letters), and must finish each in a second; a quadratic or cubic pattern takes minutes here.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redactText, redactValue } from '../../scripts/ingest/lib/redact.ts';
import { markdownTables } from '../../scripts/ingest/lib/markdown-tables.ts';
import { parseEnvInfo } from '../../scripts/ingest/lib/env-info.ts';
import { decodeText } from '../../scripts/ingest/lib/decode-text.ts';
import { parseMarkdown } from '../../src/lib/markdown.ts';
import { slug } from '../../domain/ids.ts';
import { toMetricValue } from '../../domain/metrics.ts';
import { locatePointer, parseJson } from '../../domain/json-source.ts';
import { ingest } from '../../scripts/ingest/ingest.ts';

const N = 1_000_000;
const INPUTS: Record<string, string> = {
  spaces: ' '.repeat(N),
  digits: '7'.repeat(N),
  letters: 'a'.repeat(N),
  newlines: '\n'.repeat(N),
  hashes: '#'.repeat(N),
  braces: '{'.repeat(N),
  backslashes: '\\'.repeat(N),
  pipes: '|'.repeat(N),
  'heading then spaces': `## a${' '.repeat(N)}b`,
  'sk- then letters': `sk-${'a'.repeat(N)}`,
  'key= then equals': `api_key${'='.repeat(N)}`,
  'Base: lines': 'x\n   Base: '.repeat(N / 12),
  'title then spaces': `# a${' '.repeat(N)}b`,
  'record title then spaces': `# Experiment results: a + awq${' '.repeat(N)}b`,
  'GPU line then spaces': `- **GPU 0**: a${' '.repeat(N)}b`,
  'field then spaces': `- **Method**: a${' '.repeat(N)}b`,
  'lm-eval header then spaces': `hf (pretrained=a${' '.repeat(N)}), limit: 1, batch_size: 4`,
  'password flag then spaces': `-p${' '.repeat(N)}`,
  'password flags': ' -p'.repeat(N / 3),
  'semicolons': ';'.repeat(N),
  'decimal commas': `a;b\n${'1,'.repeat(N / 2)}`,
  'UTF-8 lead bytes as text': '\u00c3'.repeat(N / 2),
};

function ingestFile(name: string, text: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'evalsite-patho-'));
  writeFileSync(join(dir, name), text);
  return ingest({ inputs: [dir], root: dir, analysis: false });
}

const FUNCTIONS: Record<string, (s: string) => unknown> = {
  redactText,
  redactValue: (s) => redactValue({ model_args: s, [s.slice(0, 1000)]: s }),
  markdownTables,
  parseEnvInfo,
  decodeText: (s) => decodeText(Buffer.from(s)),
  parseMarkdown,
  slug,
  toMetricValue,
  parseJson,
  locatePointer: (s) => locatePointer(s, '/a/0/b'),
  'ingest .md (records, lm-eval tables, printouts)': (s) => ingestFile('r.md', s),
  // A record table makes the markdown reader read the whole file (titles, fields, GPU lines).
  'ingest a markdown record holding it': (s) => ingestFile('r.md', `${s}\n\n| task | metric | score |\n|---|---|---|\n| gsm8k | acc | 0.5 |\n`),
  'ingest an lm-eval table holding it': (s) => ingestFile('t.md', `${s}\n|Tasks|Version|Filter|n-shot|Metric| |Value| |Stderr|\n|---|---:|---|---:|---|---|---:|---|---:|\n|gsm8k|1|none|0|acc|↑|0.5|±|0.01|\n`),
  'ingest .txt': (s) => ingestFile('r.txt', s),
  'ingest .jsonl': (s) => ingestFile('r.jsonl', s),
  'ingest .csv': (s) => ingestFile('r.csv', s),
  'ingest semicolon CSV holding it': (s) => ingestFile('r.csv', `model;benchmark;accuracy_pct\nm;${s.slice(0, N / 2)};78,5\n`),
};

describe('linear time on 1 MB of pathological text', () => {
  it.each(Object.keys(FUNCTIONS))('%s', (fn) => {
    const slow: string[] = [];
    for (const [name, text] of Object.entries(INPUTS)) {
      const started = performance.now();
      try {
        FUNCTIONS[fn]!(text);
      } catch {
        // Rejecting the input is fine; taking minutes is not.
      }
      const ms = performance.now() - started;
      if (ms > 1000) slow.push(`${name}: ${Math.round(ms)} ms`);
    }
    expect(slow).toEqual([]);
  }, 120_000);
});

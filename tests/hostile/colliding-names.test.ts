/**
 * Hostile input, class 9: names that collide once made URL-safe (gsm8k and GSM8K, "fp8" and "FP8")
 * never share files or pages, and no example is orphaned.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExampleRecord, NormalizedRun } from '../../schemas/types.gen.ts';
import { writeContent } from '../../scripts/ingest/write-content.ts';
import type { IngestResult } from '../../scripts/ingest/ingest.ts';
import { exampleSlugOf, slug, uniqueSlugs } from '../../domain/ids.ts';

const records = (n: number, prefix: string): ExampleRecord[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, status: i % 2 ? 'correct' : 'incorrect' }));

describe('colliding names', () => {
  it('give each task of a run its own examples folder (gsm8k, GSM8K, gsm8k!)', () => {
    const run: NormalizedRun = { id: 'r', model: 'm', dialect: 'lm-eval', sources: [{ path: 'x' }], tasks: ['gsm8k', 'GSM8K', 'gsm8k!'].map((task) => ({ task, metrics: [{ name: 'acc', value: 0.5 }] })) };
    const result: IngestResult = { runs: [run], studies: [], records: [], analyses: [], problems: [], stats: { inputs: 1, filesRead: 1, bytesRead: 1, skipped: 0, cached: 0 }, examples: new Map([['r', { gsm8k: records(5, 'a'), GSM8K: records(3, 'b'), 'gsm8k!': records(2, 'c') }]]) };
    const out = mkdtempSync(join(tmpdir(), 'evalsite-collide-'));
    writeContent(result, out, []);
    const indexes = run.tasks.map((t) => t.examples!.index);
    expect(new Set(indexes).size).toBe(3);
    expect(new Set(indexes.map(exampleSlugOf)).size).toBe(3);
    const counts = indexes.map((i) => (JSON.parse(readFileSync(join(out, 'current', 'examples', i), 'utf8')) as { count: number }).count);
    expect(counts).toEqual([5, 3, 2]);
  });

  it('keeps the first slug plain and suffixes the others stably', () => {
    const s = uniqueSlugs(['fp8', 'FP8', 'Fp8', 'fp8']);
    expect(s.get('fp8')).toBe('fp8');
    expect(new Set(s.values()).size).toBe(3);
    expect(uniqueSlugs(['FP8', 'fp8']).get('FP8')).toBe('fp8');
    expect(slug('-'.repeat(100_000) + 'x')).toBe('x');
    expect(slug('a' + '-'.repeat(100_000))).toBe('a');
  });
});

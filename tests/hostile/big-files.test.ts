/**
 * Hostile input, class 4: big files are read, not dropped. JSON Lines stream line by line at any
 * size; a single JSON document larger than the engine's string limit (about 512 MiB) is refused
 * with that reason. The limit is lowered here so the suite stays fast; the real-size case runs
 * with EVALSITE_BIG_FILES=1 (it writes a 600 MiB file).
 */
import { describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../../scripts/ingest/ingest.ts';
import { MAX_WHOLE_FILE_BYTES } from '../../scripts/ingest/lib/input-files.ts';

const STAMP = '2024-01-01T00-00-00.000';
const results = JSON.stringify({ results: { gsm8k: { 'exact_match,strict-match': 0.5 } }, versions: { gsm8k: 3 }, config: { model: 'hf', model_args: 'pretrained=org/m' } });
const sampleLine = (i: number, pad = 0) => JSON.stringify({ doc_id: i, doc: { question: `q${i} ${'x'.repeat(pad)}` }, target: '4', filter: 'strict-match', metrics: ['exact_match'], exact_match: i % 2, resps: [['4']], filtered_resps: ['4'] });

function writeSamples(path: string, lines: number, pad: number): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    let chunk = '';
    for (let i = 0; i < lines; i++) {
      chunk += sampleLine(i, pad) + '\n';
      if (chunk.length > 1 << 20) {
        bytes += writeSync(fd, chunk);
        chunk = '';
      }
    }
    bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

describe('big files are read, not dropped', () => {
  it('streams a samples file many times larger than the whole-file limit, line by line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-big-'));
    writeFileSync(join(dir, `results_${STAMP}.json`), results);
    const bytes = writeSamples(join(dir, `samples_gsm8k_${STAMP}.jsonl`), 2000, 200);
    const limit = 16 * 1024;
    expect(bytes).toBeGreaterThan(20 * limit);
    const r = ingest({ inputs: [dir], root: dir, analysis: false, maxWholeFileBytes: limit });
    expect(r.problems).toEqual([]);
    expect(r.examples.get(r.runs[0]!.id)?.gsm8k).toHaveLength(2000);
    expect(r.stats.bytesRead).toBeGreaterThan(bytes);
  });

  it('refuses a JSON document over the limit with its size and the reason, not an encoding error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-big-'));
    writeFileSync(join(dir, 'results.json'), JSON.stringify({ results: { gsm8k: { 'exact_match,strict-match': 0.5 } }, pad: 'x'.repeat(40_000), config: { model: 'hf' } }));
    const r = ingest({ inputs: [dir], root: dir, analysis: false, maxWholeFileBytes: 16 * 1024 });
    expect(r.problems.map((p) => `${p.severity} ${p.file}: ${p.message}`)).toEqual([
      'error results.json: file is 39.1 KiB, larger than the 16.0 KiB a single document can be read whole; not read (JSON Lines files are read line by line at any size)',
    ]);
  });

  it('the default limit is the engine string limit', () => {
    expect(MAX_WHOLE_FILE_BYTES).toBeGreaterThanOrEqual(2 ** 28);
  });

  it.skipIf(!process.env.EVALSITE_BIG_FILES)('reads a 600 MiB samples file whole (EVALSITE_BIG_FILES=1)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalsite-big-'));
    writeFileSync(join(dir, `results_${STAMP}.json`), results);
    const lines = 300_000;
    const bytes = writeSamples(join(dir, `samples_gsm8k_${STAMP}.jsonl`), lines, 1900);
    expect(bytes).toBeGreaterThan(MAX_WHOLE_FILE_BYTES);
    const r = ingest({ inputs: [dir], root: dir, analysis: false });
    expect(r.problems).toEqual([]);
    expect(r.examples.get(r.runs[0]!.id)?.gsm8k).toHaveLength(lines);
  }, 600_000);
});

/** Ingest straight into a content set (examples written as each run is read) against ingest, then write. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from './ingest.ts';
import { ingestInto, writeContent } from './write-content.ts';
import { writeScaleFixture } from '../../tests/helpers/scale-fixture.ts';
import { contentBytes } from '../../tests/helpers/tree.ts';
import { readShardFile } from '../../domain/shard-file.ts';
import { writeResumedRun, writeSyntheticRun } from '../../tests/helpers/synthetic-run.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'evalsite-write-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('ingestInto', () => {
  const inputs = [join(ROOT, 'examples'), ...writeScaleFixture(join(work, 'scale'), { runs: 6, examples: 30, models: 3 }), writeSyntheticRun(join(work, 'big'), 1200), writeResumedRun(join(work, 'resumed'))];

  it('writes the same content set, byte for byte, as ingest followed by writeContent', () => {
    writeContent(ingest({ inputs, root: ROOT }), join(work, 'two-steps'), inputs);
    const { result } = ingestInto(join(work, 'one-pass'), { inputs, root: ROOT }, inputs);
    const a = contentBytes(join(work, 'two-steps', 'current'));
    const b = contentBytes(join(work, 'one-pass', 'current'));
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    expect([...b.keys()].filter((k) => a.get(k) !== b.get(k))).toEqual([]);
    expect([...b.keys()].filter((k) => k.endsWith('.json.gz')).length).toBeGreaterThan(20);
    // The replay had what it needs; the result kept only ids and outcomes of the examples.
    expect(result.analyses.length).toBeGreaterThan(0);
    const kept = [...result.examples.values()].flatMap((perTask) => Object.values(perTask).flat());
    expect(kept.length).toBeGreaterThan(1200);
    expect(kept.every((r) => Object.keys(r).sort().join() === 'id,status')).toBe(true);
    // The resumed canonical run: one record per id, later lines and the unscorable file applied
    // (to shards already written too), and its lm_eval/ samples kept beside its bench.
    const resumed = result.runs.find((r) => r.model === 'synthetic/resumed')!;
    const gsm8k = resumed.tasks.find((t) => t.task === 'gsm8k')!;
    expect(gsm8k.examples).toMatchObject({ count: 1301, unscorable: 4 });
    const dir = join(work, 'one-pass', 'current', 'examples', resumed.id, 'gsm8k');
    const records = readdirSync(dir).filter((f) => f.endsWith('.json.gz')).sort().flatMap((f) => readShardFile(join(dir, f)) ?? []);
    expect(records.map((r) => (r as { id: string }).id).slice(0, 3)).toEqual(['q-0', 'q-1', 'q-2']);
    expect(records[22]).toMatchObject({ id: 'q-22', status: 'correct', response: expect.stringContaining('attempt 3') });
    expect(records[7]).toMatchObject({ id: 'q-7', status: 'correct', response: expect.stringContaining('attempt 3009:') });
    expect(records[1287]).toMatchObject({ id: 'q-1287', status: 'correct', response: expect.stringContaining('attempt 2') });
    expect(records[600]).toMatchObject({ id: 'q-600', status: 'unscorable', reason: 'repeat 49' });
    expect(records[1300]).toMatchObject({ id: 'q-only-unscorable', status: 'unscorable' });
    expect(JSON.stringify(records)).not.toMatch(/hunter\d|pw-\d|abc123secret|zzzz/);
    expect(resumed.tasks.find((t) => t.task === 'squadv2')?.examples).toMatchObject({ count: 30 });
  });

  it('streams a samples file to shards: the results\' filter kept (or the file\'s first), no spool folder left behind', () => {
    const dir = join(work, 'filters', 'org__m');
    mkdirSync(dir, { recursive: true });
    const stamp = '2026-01-02T03-04-05.678901';
    // Each document has a flexible-extract line first, then strict-match; the results name strict-match.
    const lines = Array.from({ length: 1203 }, (_, i) => i).flatMap((i) => ['flexible-extract', 'strict-match'].map((filter) => JSON.stringify({ doc_id: i, filter, target: '1', arguments: [[`shots\n\nQ${i}`, {}]], resps: [[`r${i}`]], filtered_resps: [filter === 'strict-match' ? (i % 2 ? '1' : '0') : '1'], metrics: ['exact_match'], exact_match: filter === 'strict-match' ? i % 2 : 1 })));
    writeFileSync(join(dir, `samples_gsm8k_${stamp}.jsonl`), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, `results_${stamp}.json`), JSON.stringify({ results: { gsm8k: { alias: 'gsm8k', 'exact_match,strict-match': 601 / 1203 } }, config: { model: 'hf', model_args: 'pretrained=org/m' }, model_name: 'org/m' }));
    // A samples file on its own (no results): its first filter is kept.
    const alone = join(work, 'filters-alone', 'org__n');
    mkdirSync(alone, { recursive: true });
    writeFileSync(join(alone, `samples_gsm8k_${stamp}.jsonl`), `${lines.slice(0, 20).join('\n')}\n`);
    const ins = [join(work, 'filters'), join(work, 'filters-alone')];
    const { result } = ingestInto(join(work, 'filters-out'), { inputs: ins, root: ROOT }, ins);
    const listed = ingest({ inputs: ins, root: ROOT });
    const set = join(work, 'filters-out', 'current');
    const strict = result.runs.find((r) => r.model === 'org/m')!;
    const t = strict.tasks.find((x) => x.task === 'gsm8k')!;
    expect(t.examples).toMatchObject({ count: 1203, correct: 601, incorrect: 602 });
    const records = readdirSync(join(set, 'examples', strict.id, 'gsm8k')).filter((f) => f.endsWith('.json.gz')).sort().flatMap((f) => readShardFile(join(set, 'examples', strict.id, 'gsm8k', f)) ?? []);
    expect(records).toEqual(listed.examples.get(strict.id)!.gsm8k);
    expect(records.length).toBe(1203);
    const first = result.runs.find((r) => r.model !== 'org/m')!.tasks[0]!;
    expect(first.examples).toMatchObject({ count: 10, correct: 10 });
    // No spool folder of either read is left in the published set.
    expect(readdirSync(join(set, 'examples')).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

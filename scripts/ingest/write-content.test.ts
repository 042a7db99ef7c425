/** Ingest straight into a content set (examples written as each run is read) against ingest, then write. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from './ingest.ts';
import { ingestInto, writeContent } from './write-content.ts';
import { writeScaleFixture } from '../../tests/helpers/scale-fixture.ts';
import { contentBytes } from '../../tests/helpers/tree.ts';
import { writeSyntheticRun } from '../../tests/helpers/synthetic-run.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'evalsite-write-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('ingestInto', () => {
  const inputs = [join(ROOT, 'examples'), ...writeScaleFixture(join(work, 'scale'), { runs: 6, examples: 30, models: 3 }), writeSyntheticRun(join(work, 'big'), 1200)];

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
  });
});

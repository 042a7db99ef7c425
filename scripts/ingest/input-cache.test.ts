/**
 * Incremental ingest: an unchanged input is not read again and its shards keep their bytes (the
 * same inode: linked, not rewritten); a changed, added or removed input is seen; and after every
 * change the content set is the one a fresh ingest writes, byte for byte.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestInto } from './write-content.ts';
import { writeScaleFixture } from '../../tests/helpers/scale-fixture.ts';
import { contentBytes } from '../../tests/helpers/tree.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'evalsite-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const inputs = join(work, 'inputs');
cpSync(join(ROOT, 'examples'), join(inputs, 'examples'), { recursive: true });
cpSync(join(ROOT, 'tests/fixtures/impossible'), join(inputs, 'impossible'), { recursive: true });
writeScaleFixture(join(inputs, 'scale'), { runs: 8, examples: 40, models: 4 });

/** Ingests incrementally into `inc` and from nothing into `fresh`; the two sets must be identical. */
function ingestBoth() {
  const inc = ingestInto(join(work, 'inc'), { inputs: [inputs], root: inputs }, [inputs]);
  ingestInto(join(work, 'fresh'), { inputs: [inputs], root: inputs }, [inputs], { fresh: true });
  const a = contentBytes(join(work, 'inc', 'current'));
  const b = contentBytes(join(work, 'fresh', 'current'));
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  expect([...a.keys()].filter((k) => a.get(k) !== b.get(k))).toEqual([]);
  return inc.result;
}

const shard = () => {
  const dir = join(work, 'inc', 'current', 'examples', 'model-1', 'gsm8k');
  return join(dir, readdirSync(dir).find((f) => f.endsWith('.json.gz'))!);
};

describe('incremental ingest', () => {
  it('reads every input the first time, none the second; shards are linked, not written again', () => {
    const first = ingestBoth();
    expect(first.stats.cached).toBe(0);
    const inode = statSync(shard()).ino;
    const second = ingestBoth();
    expect(second.stats.cached).toBe(first.stats.inputs);
    expect(second.stats.bytesRead).toBeLessThan(first.stats.bytesRead / 20);
    expect(statSync(shard()).ino).toBe(inode);
    // What the inputs said is said again: the impossible value's warning, every other problem.
    expect(second.problems).toEqual(first.problems);
    expect(second.analyses.map((a) => a.id)).toEqual(first.analyses.map((a) => a.id));
  });

  it('reads again an input whose file changed, and only that one', () => {
    const before = ingestBoth();
    const results = join(inputs, 'scale', 'model-2');
    const file = join(results, readdirSync(results).find((f) => f.startsWith('samples_gsm8k'))!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"exact_match": 1', '"exact_match": 0'));
    const after = ingestBoth();
    expect(after.stats.cached).toBe(before.stats.inputs - 1);
  });

  it('sees a file added to a run folder, an input added and an input removed', () => {
    const before = ingestBoth();
    appendFileSync(join(inputs, 'scale', 'model-3', 'notes.txt'), 'a note\n');
    writeScaleFixture(join(inputs, 'scale'), { runs: 1, examples: 40, models: 4, from: 8 });
    rmSync(join(inputs, 'impossible'), { recursive: true });
    const after = ingestBoth();
    expect(after.runs.some((r) => r.model === 'Impossible-7B')).toBe(false);
    expect(after.runs.length).toBe(before.runs.length);
    expect(after.stats.cached).toBe(before.stats.inputs - 2);
  });

  it('reads everything again when asked (--fresh), or when the inputs named differ', () => {
    const fresh = ingestInto(join(work, 'inc'), { inputs: [inputs], root: inputs }, [inputs], { fresh: true });
    expect(fresh.result.stats.cached).toBe(0);
    const other = ingestInto(join(work, 'inc'), { inputs: [inputs, join(ROOT, 'tests/fixtures/xss')], root: inputs }, [inputs]);
    expect(other.result.stats.cached).toBe(0);
  });
});

/**
 * Golden fixtures: each scripts/ingest/__fixtures__/<case>/input is ingested and compared with
 * <case>/expected.json, the normalized output (runs, studies, records, per-example records,
 * problems). On a mismatch the new output is written to <case>/expected.changed.json, so a reviewer
 * sees the difference with any diff tool; when it is right, it replaces expected.json
 * (`UPDATE_GOLDEN=1 npx vitest run scripts/ingest/golden.test.ts` does that for every case).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ingest } from './ingest.ts';
import { DIALECT_VALUES } from '../../schemas/types.gen.ts';

const FIX = join(import.meta.dirname, '__fixtures__');
const CASES = readdirSync(FIX).filter((c) => existsSync(join(FIX, c, 'input'))).sort();
const update = process.env.UPDATE_GOLDEN === '1';

/** What ingest makes of one case, as stable JSON text. */
function normalizedOutput(input: string): { text: string; dialects: Set<string> } {
  const r = ingest({ inputs: [input], root: input, analysis: false });
  const out = { runs: r.runs, studies: r.studies, records: r.records, examples: Object.fromEntries(r.examples), problems: r.problems };
  return { text: `${JSON.stringify(out, null, 1)}\n`, dialects: new Set(r.runs.map((x) => x.dialect)) };
}

describe('golden fixtures (scripts/ingest/__fixtures__/<case>/input → expected.json)', () => {
  const seen = new Set<string>();

  it.each(CASES)('%s', (name) => {
    const dir = join(FIX, name);
    const { text, dialects } = normalizedOutput(join(dir, 'input'));
    for (const d of dialects) seen.add(d);
    const expectedFile = join(dir, 'expected.json');
    const changedFile = join(dir, 'expected.changed.json');
    if (update) writeFileSync(expectedFile, text);
    const expected = existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8') : '';
    if (text === expected) rmSync(changedFile, { force: true });
    else writeFileSync(changedFile, text);
    expect(text, `${name}: ingest output differs; see ${changedFile}`).toBe(expected);
  });

  // A fixture git ignores (a *.log input, say) passes here and is missing from every clone, CI's too.
  it.skipIf(!existsSync(join(FIX, '..', '..', '..', '.git')))('are all files git keeps', () => {
    const ignored = spawnSync('git', ['ls-files', '--others', '--ignored', '--exclude-standard', FIX], { encoding: 'utf8' });
    // expected.changed.json is a review copy, ignored on purpose.
    expect(ignored.stdout.split('\n').filter((f) => f && !f.endsWith('.changed.json'))).toEqual([]);
  });

  it('cover every dialect (a new adapter needs a case)', () => {
    expect([...seen].sort()).toEqual([...DIALECT_VALUES].sort());
  });
});

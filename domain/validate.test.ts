import { describe, expect, it } from 'vitest';
import { validate } from './validate.ts';
import { formatProblem } from './problems.ts';

describe('validate', () => {
  it('names file, line, column, JSON pointer, expected and found', () => {
    const text = '{\n  "timestamp_utc": "2026-02-24T14:00:00Z",\n  "seed": "1234",\n  "gpus": [{"memory_mb": 81559}]\n}';
    const problems = validate('run-meta.schema.json', JSON.parse(text), { file: 'runs/a/run_meta.json', text });
    expect(problems.map(formatProblem)).toMatchInlineSnapshot(`
      [
        "error: runs/a/run_meta.json:3:11 /seed: must be integer,null (expected type integer,null, found "1234")",
        "error: runs/a/run_meta.json:4:12 /gpus/0/name: missing required field (expected property "name", found nothing)",
      ]
    `);
  });

  it('offsets JSONL positions by the line the value came from', () => {
    const [p] = validate('result-line.schema.json', { id: 3, correct: 'yes' }, { file: 'x.jsonl', text: '{"id": 3, "correct": "yes"}', line: 17 });
    expect(p).toMatchObject({ file: 'x.jsonl', line: 17, column: 22, pointer: '/correct', found: '"yes"' });
  });

  it('allows unknown extra keys in the on-disk formats', () => {
    expect(validate('bench-metrics.schema.json', { benchmark: 'gsm8k', accuracy_pct: 50, brand_new_field: 1 }, { file: 'm.json' })).toEqual([]);
  });

  it('rejects unknown keys in the normalized model', () => {
    const problems = validate('normalized-run.schema.json', { id: 'a', model: 'm', dialect: 'csv', sources: [{ path: 'p' }], tasks: [], surprise: 1 }, { file: 'f' });
    expect(problems).toEqual([expect.objectContaining({ pointer: '/surprise', message: 'must NOT have additional properties' })]);
  });
});

import { describe, expect, it } from 'vitest';
import { readJsonl } from './jsonl.ts';
import { ProblemLog } from '../../../domain/problems.ts';

describe('readJsonl', () => {
  it('keeps the good lines when the last one was cut mid-write', () => {
    const problems = new ProblemLog();
    const lines = readJsonl('{"id": 1}\n{"id": 2}\n{"id": 3, "resp', 'r.jsonl', problems);
    expect(lines.map((l) => l.value)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(problems.items).toEqual([expect.objectContaining({ severity: 'warning', file: 'r.jsonl', line: 3, message: expect.stringContaining('cut off mid-write') })]);
  });

  it('reports a bad line in the middle as an error with its number and goes on', () => {
    const problems = new ProblemLog();
    const lines = readJsonl('{"id": 1}\n\n{oops}\n{"id": 4}\n', 'r.jsonl', problems);
    expect(lines.map((l) => [l.line, l.value])).toEqual([[1, { id: 1 }], [4, { id: 4 }]]);
    expect(problems.items).toEqual([expect.objectContaining({ severity: 'error', line: 3, column: 2 })]);
  });

  it('accepts CRLF line ends and NaN with a warning', () => {
    const problems = new ProblemLog();
    const lines = readJsonl('{"a": NaN}\r\n{"a": 1}\r\n', 'r.jsonl', problems);
    expect(lines).toHaveLength(2);
    expect(problems.items[0]).toMatchObject({ severity: 'warning', line: 1, pointer: '/a' });
  });
});

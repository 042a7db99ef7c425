import { describe, expect, it } from 'vitest';
import type { ExampleRecord } from '../../../schemas/types.gen.ts';
import { ExampleSet, flips, queryFlips, type Query } from './model.ts';

const rec = (id: string, status: ExampleRecord['status'], response = ''): ExampleRecord => ({ id, status, response, prompt: `prompt ${id}` });

describe('ExampleSet', () => {
  const set = new ExampleSet();
  set.add([rec('a', 'correct', 'The answer is 42'), rec('b', 'incorrect', 'forty-two'), rec('c', 'unscorable', 'I cannot'), rec('d', 'correct', 'ANSWER 7')]);

  it('filters by status and counts every status for the current search', () => {
    const r = set.query({ filter: 'correct', q: '', page: 1, pageSize: 10 });
    expect(r.rows.map((x) => x.id)).toEqual(['a', 'd']);
    expect(r.counts).toEqual({ all: 4, correct: 2, incorrect: 1, unscorable: 1, unlabelled: 0 });
  });

  it('searches case-insensitively across id, prompt and response', () => {
    const r = set.query({ filter: 'all', q: 'answer', page: 1, pageSize: 10 });
    expect(r.rows.map((x) => x.id)).toEqual(['a', 'd']);
    expect(r.counts.incorrect).toBe(0);
    expect(set.query({ filter: 'all', q: 'PROMPT c', page: 1, pageSize: 10 }).rows.map((x) => x.id)).toEqual(['c']);
  });

  it('searches prompts that share a few-shot start: in the start, after it, across its end, as it shrinks', () => {
    const shots = 'Question: Natalia sold 48 clips.\nAnswer: 72\n\n'.repeat(5);
    const few = new ExampleSet();
    few.add(['q1', 'q2', 'q3'].map((id, i) => ({ id, status: 'correct' as const, prompt: `${shots}Question: item ${i} costs ${i + 3} dollars` })));
    const ids = (q: string) => few.query({ filter: 'all', q, page: 1, pageSize: 10 }).rows.map((x) => x.id);
    expect(ids('NATALIA')).toEqual(['q1', 'q2', 'q3']);
    expect(ids('costs 4')).toEqual(['q2']);
    // "72\n\nQuestion: item 2" runs from the shared start into one prompt's own text.
    expect(ids('72\n\nquestion: item 2')).toEqual(['q3']);
    // A record without a prompt is not matched by the prompts' shared start.
    few.add([{ id: 'q4', status: 'incorrect', response: 'no prompt here' }, { id: 'q5', status: 'incorrect', prompt: 'Question: a different start' }]);
    expect(ids('natalia')).toEqual(['q1', 'q2', 'q3']);
    expect(ids('different start')).toEqual(['q5']);
    expect(ids('costs 5')).toEqual(['q3']);
  });

  it('keeps shards as stored (prompts without their shared start) and gives rows and found examples whole', () => {
    const shots = 'Question: Natalia sold 48 clips.\nAnswer: 72\n\n'.repeat(5);
    const stored = new ExampleSet();
    stored.add([{ id: 'q1', status: 'correct', prompt: 'item 1 costs 4' }, { id: 'q2', status: 'incorrect', prompt: 'item 2 costs 5' }], `${shots}Question: `);
    stored.add([{ id: 'q3', status: 'correct', prompt: 'a dog' }, { id: 'q4', status: 'correct' }], 'Describe ');
    const q = (text: string) => stored.query({ filter: 'all', q: text, page: 1, pageSize: 10 }).rows;
    expect(q('costs 5').map((r) => r.prompt)).toEqual([`${shots}Question: item 2 costs 5`]);
    expect(q('natalia').map((r) => r.id)).toEqual(['q1', 'q2']);
    expect(q('question: item 1').map((r) => r.id)).toEqual(['q1']);
    expect(q('describe a').map((r) => r.id)).toEqual(['q3']);
    expect(stored.find('q3')?.prompt).toBe('Describe a dog');
    expect(stored.find('q4')).toEqual({ id: 'q4', status: 'correct' });
    expect(stored.wholeRecords().map((r) => r.prompt)).toEqual([`${shots}Question: item 1 costs 4`, `${shots}Question: item 2 costs 5`, 'Describe a dog', undefined]);
  });

  it('pages and clamps the page number', () => {
    const r = set.query({ filter: 'all', q: '', page: 9, pageSize: 3 });
    expect([r.page, r.pages, r.rows.map((x) => x.id)]).toEqual([2, 2, ['d']]);
  });
});

describe('flips', () => {
  it('finds the McNemar discordant pairs as lost and gained, and lists examples one run could not score apart', () => {
    const base = [rec('1', 'correct'), rec('2', 'incorrect'), rec('3', 'correct'), rec('4', 'unscorable'), rec('5', 'correct'), rec('6', 'unlabelled')];
    const variant = [rec('1', 'incorrect'), rec('2', 'correct'), rec('3', 'correct'), rec('4', 'correct'), rec('5', 'unscorable'), rec('6', 'correct'), rec('7', 'correct')];
    const f = flips(base, variant);
    expect(f.map((x) => [x.id, x.direction])).toEqual([['1', 'lost'], ['2', 'gained'], ['4', 'unscorable'], ['5', 'unscorable']]);
    expect(queryFlips(f, { filter: 'lost', q: '', page: 1, pageSize: 10 }).counts).toEqual({ all: 4, lost: 1, gained: 1, unscorable: 2 });
  });
});

describe('order and metric ranges', () => {
  const m = (id: string, f1: number | null, len: number): ExampleRecord => ({ id, status: 'correct', response: 'x'.repeat(len), metrics: { f1, exact: f1 !== null && f1 > 0.5 ? 1 : 0 } });
  const set = new ExampleSet();
  set.add([m('q10', 0.25, 5), m('q2', 0.9, 50), m('q1', null, 1), m('q3', 0.5, 20)]);
  const ids = (q: Partial<Query>) => set.query({ filter: 'all', q: '', page: 1, pageSize: 10, ...q }).rows.map((r) => r.id);

  it('sorts by a per-example metric either way, records without it last', () => {
    expect(ids({ sort: 'metric:f1' })).toEqual(['q10', 'q3', 'q2', 'q1']);
    expect(ids({ sort: '-metric:f1' })).toEqual(['q2', 'q3', 'q10', 'q1']);
  });

  it('sorts ids as people count (q2 before q10) and responses by length', () => {
    expect(ids({ sort: 'id' })).toEqual(['q1', 'q2', 'q3', 'q10']);
    expect(ids({ sort: '-length' })).toEqual(['q2', 'q3', 'q10', 'q1']);
    expect(ids({})).toEqual(['q10', 'q2', 'q1', 'q3']);
  });

  it('filters by inclusive ranges, open on a side without a bound, and counts what is left', () => {
    expect(ids({ ranges: [['f1', 0.25, 0.5]] })).toEqual(['q10', 'q3']);
    expect(ids({ ranges: [['f1', null, 0.3]] })).toEqual(['q10']);
    expect(set.query({ filter: 'all', q: '', page: 1, pageSize: 10, ranges: [['f1', 0.4, null]] }).counts.all).toBe(2);
  });

  it('describes the metrics: extent, and whether they are more than 0/1', () => {
    expect(set.metricInfo()).toEqual([
      { name: 'f1', count: 3, min: 0.25, max: 0.9, continuous: true },
      { name: 'exact', count: 4, min: 0, max: 1, continuous: false },
    ]);
  });
});

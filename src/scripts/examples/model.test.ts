import { describe, expect, it } from 'vitest';
import type { ExampleRecord } from '../../../schemas/types.gen.ts';
import { ExampleSet, flips, queryFlips } from './model.ts';

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

import { describe, expect, it } from 'vitest';
import { distributionSummary, klAtPosition, nllOf, parsePromptLogprobs, sameTopToken, windowsOf, type PositionLogprobs } from './token-distributions.ts';

const pos = (actual: number, probs: [number, number][]): PositionLogprobs => ({ actual, actualLogprob: Math.log(probs.find(([id]) => id === actual)?.[1] ?? 1e-3), top: probs.map(([id, p]): [number, number] => [id, Math.log(p)]) });

describe('windowsOf', () => {
  it('cuts non-overlapping windows from the start and drops the remainder', () => {
    expect(windowsOf([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(windowsOf([1, 2, 3, 4, 5, 6, 7], 3, 1)).toEqual([[1, 2, 3]]);
    expect(windowsOf([1, 2], 3)).toEqual([]);
  });
});

describe('parsePromptLogprobs', () => {
  it("reads vLLM's prompt_logprobs: the first entry null, the prompt's own token listed beside the top-k", () => {
    const raw = [null, { '5': { logprob: -0.1, rank: 1 }, '6': { logprob: -2.5, rank: 2 } }, { '9': { logprob: -0.05, rank: 1 }, '5': { logprob: -3, rank: 2 }, '7': { logprob: -6, rank: 40 } }];
    const r = parsePromptLogprobs(raw, [1, 5, 7], 2);
    expect(r).toEqual([
      { actual: 5, actualLogprob: -0.1, top: [[5, -0.1], [6, -2.5]] },
      { actual: 7, actualLogprob: -6, top: [[9, -0.05], [5, -3]] },
    ]);
    expect(nllOf(r as PositionLogprobs[])).toEqual({ nll: 6.1, tokens: 2 });
  });

  it('says what is wrong with an answer that is not one', () => {
    expect(parsePromptLogprobs(undefined, [1, 2], 2)).toMatch(/no choices\[0\]\.prompt_logprobs/);
    expect(parsePromptLogprobs([null], [1, 2], 2)).toMatch(/1 entries for 2 prompt tokens/);
    expect(parsePromptLogprobs([null, { '3': { logprob: -1 } }], [1, 2], 2)).toMatch(/lacks the prompt's own token 2/);
    expect(parsePromptLogprobs([null, { '2': { logprob: 0.5 } }], [1, 2], 2)).toMatch(/log-probability <= 0/);
  });
});

describe('klAtPosition (hand-computed)', () => {
  it('is zero for the same distribution', () => {
    const p = pos(1, [[1, 0.5], [2, 0.3]]);
    expect(klAtPosition(p, p)).toBe(0);
  });

  it('sums the top-k terms and the rest bucket', () => {
    // p: A .5, B .3, rest .2; q: A .4, B .4, rest .2.
    // KL = .5 ln(.5/.4) + .3 ln(.3/.4) + .2 ln(.2/.2) = 0.111572 - 0.086305 = 0.025267
    const kl = klAtPosition(pos(1, [[1, 0.5], [2, 0.3]]), pos(1, [[1, 0.4], [2, 0.4]]));
    expect(kl).toBeCloseTo(0.5 * Math.log(0.5 / 0.4) + 0.3 * Math.log(0.3 / 0.4), 12);
    expect(kl).toBeCloseTo(0.025267, 6);
  });

  it('bounds a baseline token missing from the variant top-k by the variant k-th probability', () => {
    // p: A .6, B .3, rest .1. The variant lists A .7, C .25 (k = 2), so q_B <= .25; its unlisted
    // mass is .05, which caps q_B at .05. q_rest = 1 - .7 - .05 = .25.
    const kl = klAtPosition(pos(1, [[1, 0.6], [2, 0.3]]), pos(1, [[1, 0.7], [3, 0.25]]));
    const expected = 0.6 * Math.log(0.6 / 0.7) + 0.3 * Math.log(0.3 / 0.05) + 0.1 * Math.log(0.1 / 0.25);
    expect(kl).toBeCloseTo(expected, 12);
  });

  it('never goes below zero and stays finite when the variant puts no mass where the baseline does', () => {
    const kl = klAtPosition(pos(1, [[1, 0.999]]), pos(2, [[2, 0.999999]]));
    expect(Number.isFinite(kl)).toBe(true);
    expect(kl).toBeGreaterThan(5);
  });
});

describe('sameTopToken and distributionSummary', () => {
  it('compares the most likely tokens, and summarises with mean, median and p99', () => {
    expect(sameTopToken(pos(1, [[1, 0.5], [2, 0.3]]), pos(2, [[1, 0.4], [2, 0.41]]))).toBe(true);
    expect(sameTopToken(pos(1, [[1, 0.5]]), pos(1, [[2, 0.6], [1, 0.3]]))).toBe(false);
    const s = distributionSummary(Array.from({ length: 200 }, (_, i) => i));
    expect(s).toEqual({ mean: 99.5, median: 99.5, p99: 197 });
    expect(distributionSummary([3, 1, 2])).toEqual({ mean: 2, median: 2, p99: 3 });
  });
});
